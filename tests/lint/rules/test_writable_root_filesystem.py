"""writable-root-filesystem (opt-in)."""

from __future__ import annotations

from orchconv.lint.rules.writable_root_filesystem import WritableRootFilesystem
from tests.lint.rules.helpers import run, swarm, where


def test_writable_services_are_reported() -> None:
    text = "services:\n  api:\n    image: a:1\n  web:\n    image: b:1\n    read_only: false\n"
    found = run(WritableRootFilesystem, text)
    assert where(found) == [(2, 3), (6, 5)]
    assert len(swarm(WritableRootFilesystem, text)) == 2  # stacks support read_only


def test_read_only_passes() -> None:
    assert run(WritableRootFilesystem, "services:\n  a:\n    read_only: true\n") == []
