"""sensitive-host-mount."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.sensitive_host_mount import SensitiveHostMount
from tests.lint.rules.helpers import run, where


def volumes(*items: str) -> str:
    return "services:\n  backup:\n    image: a:1\n    volumes:\n" + "".join(
        f"      - {item}\n" for item in items)


@pytest.mark.parametrize(("item", "expected"), [
    ("/:/host", "the sensitive host path '/' read-write"),
    ("/etc:/host-etc", "'/etc' read-write"),
    ("/etc/shadow:/shadow:ro", "'/etc/shadow' (inside /etc) read-only"),
    ("/var/lib/docker/volumes:/v", "(inside /var/lib/docker)"),
    ("//proc/./1:/p", "(inside /proc)"),
    ("~/.ssh:/root/.ssh:ro", "'~/.ssh' read-only"),
    ("/etc/localtime:/etc/localtime", "'/etc/localtime' (inside /etc) read-write"),
])
def test_sensitive_paths_are_reported(item: str, expected: str) -> None:
    found = run(SensitiveHostMount, volumes(item))
    assert where(found) == [(5, 9)]
    assert expected in found[0].message


@pytest.mark.parametrize("item", [
    "/etc/localtime:/etc/localtime:ro", "/etc/timezone:/etc/timezone:ro", "./etc:/etc",
    "etc:/etc", "/srv/app:/app", "/etcetera:/x", "/var/run/docker.sock:/var/run/docker.sock",
    "/home2/x:/x",
])
def test_other_paths_pass(item: str) -> None:
    assert run(SensitiveHostMount, volumes(item)) == []


def test_long_syntax_is_reported_at_the_source() -> None:
    text = volumes("type: bind\n        source: /root\n        target: /r\n        read_only: true")
    found = run(SensitiveHostMount, text)
    assert where(found) == [(6, 17)]
    assert found[0].message == ("service 'backup' mounts the sensitive host path '/root'"
                                " read-only")


def test_paths_option() -> None:
    assert len(run(SensitiveHostMount, volumes("/srv/secrets:/s"),
                   options={"paths": ["/srv/secrets"]})) == 1
    assert run(SensitiveHostMount, volumes("/etc:/e"), options={"paths": ["/srv"]}) == []
