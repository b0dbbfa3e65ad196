"""services-alphabetical-order (opt-in)."""

from __future__ import annotations

from orchconv.lint.rules.services_alphabetical_order import ServicesAlphabeticalOrder
from tests.lint.rules.helpers import run, where


def test_service_sorting_before_its_predecessor_is_reported_at_its_name() -> None:
    text = "services:\n  web:\n    image: a:1\n  api:\n    image: b:1\n  zeta:\n    image: c:1\n"
    found = run(ServicesAlphabeticalOrder, text)
    assert where(found) == [(4, 3)]
    assert found[0].message == "service 'api' should come before 'web'"


def test_sorted_ignoring_case_passes() -> None:
    text = "services:\n  Api:\n    image: a:1\n  db:\n    image: b:1\n  Web:\n    image: c:1\n"
    assert run(ServicesAlphabeticalOrder, text) == []
