"""Every golden compose case gives exactly its expected canonical output or error."""

from __future__ import annotations

import pytest

from tests.goldens import Case, cases, run_cli

COMPOSE_CASES = cases("compose")


@pytest.mark.parametrize("case", COMPOSE_CASES, ids=[c.name for c in COMPOSE_CASES])
def test_compose_golden(case: Case) -> None:
    outcome = run_cli(case, ["config"], [])
    if case.expected_error.is_file():
        assert outcome.exit_code == 2, outcome.stdout
        assert outcome.stderr.strip() == case.expected_error.read_text().strip()
        assert outcome.stdout == ""
    else:
        assert outcome.exit_code == 0, outcome.stderr
        assert outcome.stdout == case.expected_output.read_text()


def test_every_case_has_an_expectation() -> None:
    for case in COMPOSE_CASES:
        assert case.expected_output.is_file() or case.expected_error.is_file(), case.id
