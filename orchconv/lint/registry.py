"""Find the rule classes: every `Rule` subclass in orchconv/lint/rules/*.py.

`all_rules()` imports every rule module: the docs, the tests and
scripts/gen_rule_index.py use it.  A lint reads the generated index instead
(orchconv.lint.catalog) and imports only the rules of the linted file's kind.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache
from types import ModuleType

from orchconv.lint.builtin_rules import ENGINE_RULES
from orchconv.lint.finding import Level
from orchconv.lint.rule import Rule

RULES_PACKAGE = "orchconv.lint.rules"
CATEGORIES = frozenset(
    {"topology", "portability", "security", "correctness", "style", "schema"}
)
# The rule pages live in docs/rules.md; each rule has an anchor named after its id.
RULES_DOC_URL = "https://github.com/orchconv/orchconv/blob/main/docs/rules.md"


# GitHub code scanning ranks the results of security rules by `security-severity`, a
# CVSS-like score (9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low).  A rule is
# a security rule by its category; its default level gives the score.
SECURITY_CATEGORY = "security"
SECURITY_SEVERITY = {Level.ERROR: "8.0", Level.WARNING: "5.0", Level.INFO: "2.0"}


def rule_doc_url(rule_id: str) -> str:
    return f"{RULES_DOC_URL}#{rule_id}"


def security_severity(rule: type[Rule]) -> str | None:
    """The rule's `security-severity` for code scanning; None when it is not a security rule."""
    return SECURITY_SEVERITY[rule.level] if rule.category == SECURITY_CATEGORY else None


def rule_module_names() -> list[str]:
    """The modules of the rules package, sorted; `_private` ones are helpers."""
    package = importlib.import_module(RULES_PACKAGE)
    return sorted(
        f"{RULES_PACKAGE}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def rules_in_module(module: ModuleType) -> list[type[Rule]]:
    """The concrete rule classes a module defines (not the ones it imports)."""
    return [
        value
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, Rule) and value is not Rule
        and value.__module__ == module.__name__ and "id" in vars(value)
    ]


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every rule by id: the engine's own findings first, then the rule modules'."""
    found: dict[str, type[Rule]] = {rule.id: rule for rule in ENGINE_RULES}
    for name in rule_module_names():
        for rule in rules_in_module(importlib.import_module(name)):
            check_rule_class(rule)
            if rule.id in found:
                other = found[rule.id].__module__
                raise RuntimeError(f"rule id {rule.id!r} is defined in {other} and {name}")
            found[rule.id] = rule
    return found


def check_rule_class(rule: type[Rule]) -> None:
    """Fail loudly on a rule that lacks what the engine and the docs need."""
    where = f"{rule.__module__}.{rule.__name__}"
    for attribute in ("id", "kinds", "category"):
        if not hasattr(rule, attribute):
            raise RuntimeError(f"{where} has no {attribute!r}")
    if rule.category not in CATEGORIES:
        raise RuntimeError(f"{where}: unknown category {rule.category!r}")
    if not (rule.__doc__ or "").strip():
        raise RuntimeError(f"{where} has no docstring (it is the rule's documentation)")
