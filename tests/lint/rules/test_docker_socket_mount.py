"""docker-socket-mount."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.docker_socket_mount import DockerSocketMount
from tests.lint.rules.helpers import run, swarm, where


def volumes(*items: str) -> str:
    return "services:\n  proxy:\n    image: a:1\n    volumes:\n" + "".join(
        f"      - {item}\n" for item in items)


@pytest.mark.parametrize("item", ["/var/run/docker.sock:/var/run/docker.sock:ro",
                                  "/run/docker.sock:/docker.sock",
                                  "/run/containerd/containerd.sock:/c.sock",
                                  "/run/user/1000/podman/podman.sock:/p.sock"])
def test_engine_sockets_are_reported(item: str) -> None:
    found = run(DockerSocketMount, volumes(item))
    assert where(found) == [(5, 9)]
    assert "(read-only does not help)" in found[0].message


def test_long_syntax_at_the_source_and_windows_pipe() -> None:
    text = volumes("type: bind\n        source: /var/run/docker.sock\n        target: /s",
                   "type: npipe\n        source: //./pipe/docker_engine\n        target: //./p")
    found = run(DockerSocketMount, text)
    assert where(found) == [(6, 17), (9, 17)]
    assert len(swarm(DockerSocketMount, text)) == 2


def test_other_mounts_pass() -> None:
    assert run(DockerSocketMount, volumes("./socks:/socks", "data:/var/run",
                                          "sockets:/var/run/docker.sock")) == []
