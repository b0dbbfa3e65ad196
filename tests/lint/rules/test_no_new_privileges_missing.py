"""no-new-privileges-missing (opt-in)."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.no_new_privileges_missing import NoNewPrivilegesMissing
from tests.lint.rules.helpers import run, swarm, where


def test_missing_flag_is_reported_at_the_service_or_its_security_opt() -> None:
    text = ("services:\n  api:\n    image: a:1\n  web:\n    image: b:1\n"
            "    security_opt: [label:type:svirt_t]\n")
    found = run(NoNewPrivilegesMissing, text)
    assert where(found) == [(2, 3), (6, 5)]
    assert found[0].message == ("service 'api' does not set `no-new-privileges:true` in"
                                " `security_opt`")


def test_flag_set_false_is_reported_at_the_entry() -> None:
    found = run(NoNewPrivilegesMissing,
                "services:\n  a:\n    security_opt:\n      - no-new-privileges:false\n")
    assert where(found) == [(4, 9)]
    assert found[0].message == "service 'a' turns `no-new-privileges` off"


@pytest.mark.parametrize("entry", ["no-new-privileges", "no-new-privileges:true",
                                   "no-new-privileges=true", "no-new-privileges:TRUE"])
def test_flag_set_passes(entry: str) -> None:
    assert run(NoNewPrivilegesMissing, f"services:\n  a:\n    security_opt: [{entry}]\n") == []


def test_not_for_swarm() -> None:
    assert swarm(NoNewPrivilegesMissing, "services:\n  a:\n    image: a:1\n") == []
