"""host-namespace."""

from __future__ import annotations

from orchconv.lint.rules.host_namespace import HostNamespace
from tests.lint.rules.helpers import run, swarm, where

SHARED = """\
services:
  debug:
    image: a:1
    pid: host
    ipc: host
    uts: host
    userns_mode: host
"""


def test_each_shared_namespace_is_reported_at_its_key() -> None:
    found = run(HostNamespace, SHARED)
    assert where(found) == [(4, 5), (5, 5), (6, 5), (7, 5)]
    assert found[0].message == ("service 'debug': `pid: host` shares the host's namespace; the"
                                " container sees and can signal every process on the host")


def test_other_values_pass() -> None:
    text = "services:\n  a:\n    pid: service:app\n    ipc: shareable\n"
    assert run(HostNamespace, text) == []


def test_not_for_swarm() -> None:
    assert swarm(HostNamespace, SHARED) == []
