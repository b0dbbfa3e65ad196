"""unconfined-security-profile."""

from __future__ import annotations

from orchconv.lint.rules.unconfined_security_profile import UnconfinedSecurityProfile
from tests.lint.rules.helpers import run, swarm, where

OPTIONS = """\
services:
  app:
    image: a:1
    security_opt:
      - seccomp:unconfined
      - apparmor=unconfined
      - label:disable
      - systempaths=unconfined
      - no-new-privileges:true
      - seccomp:./profile.json
"""


def test_each_disabled_protection_is_reported_at_its_entry() -> None:
    found = run(UnconfinedSecurityProfile, OPTIONS)
    assert where(found) == [(5, 9), (6, 9), (7, 9), (8, 9)]
    assert found[0].message == ("service 'app': `seccomp:unconfined` turns off the seccomp"
                                " filter that blocks dangerous system calls")


def test_not_for_swarm() -> None:
    assert swarm(UnconfinedSecurityProfile, OPTIONS) == []
