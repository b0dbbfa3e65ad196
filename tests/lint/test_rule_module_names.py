"""A rule is found by its id: its module and its test file are named after it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from orchconv.lint.registry import rule_module_names, rules_in_module

TESTS = Path(__file__).resolve().parent / "rules"


@pytest.mark.parametrize("module_name", rule_module_names())
def test_rule_module_is_named_after_its_rule_id(module_name: str) -> None:
    rules = rules_in_module(importlib.import_module(module_name))
    assert len(rules) == 1, f"{module_name} defines {len(rules)} rules: one rule, one module"
    expected = rules[0].id.replace("-", "_")
    assert module_name.rsplit(".", 1)[1] == expected, f"rename it to {expected}.py"


def test_every_rule_test_file_names_a_rule() -> None:
    modules = {name.rsplit(".", 1)[1] for name in rule_module_names()}
    strays = sorted(path.name for path in TESTS.glob("test_*.py")
                    if path.stem.removeprefix("test_") not in modules)
    assert strays == [], "tests/lint/rules/test_<rule_id>.py, with '-' as '_'"
