"""no-cap-drop-all (opt-in)."""

from __future__ import annotations

from orchconv.lint.rules.no_cap_drop_all import NoCapDropAll
from tests.lint.rules.helpers import run, where


def test_services_keeping_default_capabilities_are_reported() -> None:
    text = ("services:\n  api:\n    image: a:1\n  web:\n    image: b:1\n"
            "    cap_drop: [NET_RAW]\n")
    found = run(NoCapDropAll, text)
    assert where(found) == [(2, 3), (6, 5)]
    assert NoCapDropAll.enabled_by_default is False


def test_drop_all_passes_in_any_spelling() -> None:
    for value in ("[ALL]", "[all]", "[CAP_ALL]", "[NET_RAW, ALL]"):
        assert run(NoCapDropAll, f"services:\n  a:\n    cap_drop: {value}\n") == []
