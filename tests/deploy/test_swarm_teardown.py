"""Tearing a stack down while swarm reaps the same task containers (no backend needed:
the docker CLI is replaced by a recording of what the engine answered in that race)."""

from __future__ import annotations

import pytest

from orchconv.deploy import docker_cli, swarm
from orchconv.deploy.base import DeployError


class _Engine:
    """Two stopped task containers; the first `rm` meets swarm's own removal of one."""

    def __init__(self) -> None:
        self.containers = ["aaa", "bbb"]
        self.rm_calls = 0

    def docker(self, *args: str, input_text: str | None = None, check: bool = True) -> str:
        if args[:2] == ("ps", "-a"):
            return "\n".join(self.containers)
        if args[0] == "rm":
            self.rm_calls += 1
            if self.rm_calls == 1:
                # what the daemon says: swarm removes `aaa` already; `bbb` goes now
                self.containers = ["aaa"]
                if check:
                    raise DeployError(
                        "`docker rm --force ...` failed: removal of container aaa is "
                        "already in progress")
                return ""
            self.containers = []
        return ""


def test_a_container_swarm_is_already_removing_is_waited_for_not_an_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _Engine()
    monkeypatch.setattr(docker_cli, "docker", engine.docker)
    backend = swarm.SwarmBackend("shop")
    # the first poll asks for both and finds `aaa` still there; the second sees none left
    assert backend._reaping() == ["container aaa"]
    assert backend._reaping() == []
    assert engine.rm_calls == 2
