"""The rules, known without importing them: the generated index (lint/_rule_index.py).

Selecting, ignoring, configuring and describing rules needs only their ids,
kinds, levels, categories and options, which the index holds; a rule module
is imported when a file of one of its kinds is linted.  So a compose lint
never imports the Kubernetes rules, and the reverse.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Level
from orchconv.lint.rule import Rule


class RuleInfo:
    """What the engine knows of a rule before (or without) importing its module."""

    __slots__ = ("_rule", "category", "enabled_by_default", "fixable", "id", "kinds", "level",
                 "module", "name", "options")

    def __init__(self, rule_id: str, module: str, name: str, kinds: Iterable[str], level: str,
                 category: str, fixable: bool, enabled_by_default: bool,
                 options: Mapping[str, Any], rule: type[Rule] | None = None) -> None:
        self.id = rule_id
        self.module = module  # where the class lives, and its name there
        self.name = name
        self.kinds = frozenset(FileKind(kind) for kind in kinds)
        self.level = Level(level)
        self.category = category
        self.fixable = fixable
        self.enabled_by_default = enabled_by_default
        self.options = options
        self._rule = rule

    @classmethod
    def of(cls, rule: type[Rule]) -> RuleInfo:
        """The description of a rule class already imported (and what the index records)."""
        return cls(rule.id, rule.__module__, rule.__qualname__, [k.value for k in rule.kinds],
                   rule.level.value, rule.category, rule.fixable, rule.enabled_by_default,
                   dict(rule.options), rule)

    def entry(self) -> tuple[Any, ...]:
        """The fields as the index writes them (kinds in a fixed order)."""
        kinds = tuple(k.value for k in FileKind if k in self.kinds)
        return (self.module, self.name, kinds, self.level.value, self.category, self.fixable,
                self.enabled_by_default, dict(self.options))

    def load(self) -> type[Rule]:
        """The rule class, importing its module on first use."""
        if self._rule is None:
            rule = getattr(importlib.import_module(self.module), self.name)
            if not (isinstance(rule, type) and issubclass(rule, Rule) and rule.id == self.id):
                raise RuntimeError(f"the rule index is stale for {self.id!r}:"
                                   " run python scripts/gen_rule_index.py")
            self._rule = rule
        return self._rule


class RuleCatalog(Mapping[str, type[Rule]]):
    """Every rule by id; a rule class is imported when it is looked up, not before."""

    def __init__(self, infos: Iterable[RuleInfo]) -> None:
        self.infos: dict[str, RuleInfo] = {info.id: info for info in infos}

    def __getitem__(self, rule_id: str) -> type[Rule]:
        return self.infos[rule_id].load()

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)

    def subset(self, rule_ids: Iterable[str]) -> RuleCatalog:
        return RuleCatalog(self.infos[rule_id] for rule_id in rule_ids)


def infos_of(rules: Mapping[str, type[Rule]]) -> Mapping[str, RuleInfo]:
    """The descriptions of these rules: the catalog's own, or those of imported classes
    (a caller may pass a plain dict of rule classes)."""
    if isinstance(rules, RuleCatalog):
        return rules.infos
    return {rule_id: RuleInfo.of(rule) for rule_id, rule in rules.items()}


@cache
def rule_catalog() -> RuleCatalog:
    """Every rule the index lists: the engine's own findings first, then the rule modules'."""
    from orchconv.lint._rule_index import RULES

    return RuleCatalog(RuleInfo(rule_id, *entry) for rule_id, entry in RULES.items())
