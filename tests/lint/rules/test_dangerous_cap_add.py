"""dangerous-cap-add."""

from __future__ import annotations

from orchconv.lint.rules.dangerous_cap_add import DangerousCapAdd
from tests.lint.rules.helpers import run, swarm, where

CAPS = """\
services:
  vpn:
    image: a:1
    cap_add:
      - NET_ADMIN
      - cap_sys_admin
      - NET_BIND_SERVICE
      - ALL
"""


def test_dangerous_capabilities_are_reported_at_the_item() -> None:
    found = run(DangerousCapAdd, CAPS)
    assert where(found) == [(5, 9), (6, 9), (8, 9)]
    assert found[1].message.startswith("service 'vpn' adds capability SYS_ADMIN:")
    assert len(swarm(DangerousCapAdd, CAPS)) == 3  # stacks support cap_add


def test_allow_option() -> None:
    found = run(DangerousCapAdd, CAPS, options={"allow": ["net_admin", "CAP_ALL"]})
    assert where(found) == [(6, 9)]


def test_harmless_capabilities_pass() -> None:
    assert run(DangerousCapAdd, "services:\n  a:\n    cap_add: [CHOWN, NET_BIND_SERVICE]\n") == []
