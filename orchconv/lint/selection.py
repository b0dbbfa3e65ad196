"""Which rules run: the configuration and the command line resolved against the rule index.

Everything here reads rule descriptions (orchconv.lint.catalog), never rule
modules: a rule is imported only when a file of one of its kinds is linted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from orchconv.lint.builtin_rules import SyntaxRule
from orchconv.lint.catalog import RuleInfo, infos_of
from orchconv.lint.finding import Level
from orchconv.lint.globs import glob_match
from orchconv.lint.notices import did_you_mean
from orchconv.lint.options import LintOptions, UsageError
from orchconv.lint.rule import Rule
from orchconv.lint.settings import LintConfig
from orchconv.location import Loc

Warn = Callable[[str, "Loc | None"], None]


class ActiveRule:
    """A rule enabled for a file, with its configured level and options; the rule itself
    is imported and made on first use."""

    __slots__ = ("_rule", "info", "level", "options")

    def __init__(self, info: RuleInfo, level: Level | None, options: Mapping[str, Any]) -> None:
        self.info = info
        self.level = level  # the configured level, replacing the rule's own; None keeps it
        self.options = options
        self._rule: Rule | None = None

    @property
    def rule(self) -> Rule:
        if self._rule is None:
            self._rule = self.info.load()()
        return self._rule


def expand(names: Iterable[str], rules: Mapping[str, RuleInfo], where: str,
           locs: Mapping[str, Loc] | None = None, warn: Warn | None = None) -> set[str]:
    """Rule ids for a list of ids, categories and `all`; an unknown name is a warning
    (with a did-you-mean) when `warn` is given, else a UsageError."""
    chosen: set[str] = set()
    for index, name in enumerate(names):
        if name == "all":
            chosen.update(rules)
        elif name in rules:
            chosen.add(name)
        elif any(rule.category == name for rule in rules.values()):
            chosen.update(i for i, rule in rules.items() if rule.category == name)
        else:
            loc = (locs or {}).get(f"{where}.{index}")
            known = [*rules, *{rule.category for rule in rules.values()}, "all"]
            message = f"{where}: unknown rule or category {name!r}{did_you_mean(name, known)}"
            if warn is None:
                raise UsageError(message, loc)
            warn(message, loc)
    return chosen


def _option_error(rule: RuleInfo, name: str, value: Any) -> str | None:
    if name not in rule.options:
        known = ", ".join(sorted(rule.options)) or "none"
        return f"rule {rule.id!r} has no option {name!r} (options: {known})"
    default = rule.options[name]
    if default is None:
        return None
    expected = (int, float) if type(default) in (int, float) else type(default)
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, expected):
        return (f"option {name!r} of rule {rule.id!r} must be a {type(default).__name__},"
                f" like its default {default!r}")
    return None


def _check_target_version(config: LintConfig, options: LintOptions) -> None:
    """Linting for the k8s target converts for a release orchconv emits for; alone, any
    k8s-version just says which API removals to check."""
    target = options.target or config.target
    version = options.k8s_version or config.k8s_version
    if target != "k8s" or version is None:
        return
    from orchconv.translate.k8s.versions import SUPPORTED_VERSIONS

    if version not in SUPPORTED_VERSIONS:
        where = f"{config.path}: " if config.path else ""
        raise UsageError(f"{where}target k8s converts for Kubernetes"
                         f" {', '.join(SUPPORTED_VERSIONS)}, not k8s-version {version}")


def resolve_rules(config: LintConfig, options: LintOptions, rules: Mapping[str, type[Rule]],
                  warn: Warn | None = None) -> dict[str, ActiveRule]:
    """The rules to run under a configuration and the command line, with level and options.

    A rule id that names no rule is a warning through `warn` (and is left out),
    or a UsageError when no `warn` is given."""
    _check_target_version(config, options)
    infos = infos_of(rules)
    settings = dict(config.rules)
    for rule_id, setting in config.rules.items():
        if rule_id not in infos:
            message = f"configuration names an unknown rule {rule_id!r}"
            message += did_you_mean(rule_id, infos)
            if warn is None:
                raise UsageError(message, setting.loc)
            warn(message, setting.loc)
            del settings[rule_id]
            continue
        for name, value in setting.options.items():
            problem = _option_error(infos[rule_id], name, value)
            if problem:
                raise UsageError(problem, setting.loc)
    for pattern, ids in config.per_file_ignores:
        at = config.locs.get(f"per-file-ignores.{pattern}")
        locs = {f"per-file-ignores.{i}": at for i in range(len(ids))} if at else {}
        expand(ids, infos, "per-file-ignores", locs, warn)
    select = options.select if options.select is not None else config.select
    enabled = {i: s.enabled for i, s in settings.items() if s.enabled is not None}
    if select is not None:
        source = config.locs if options.select is None else None
        where = "select" if options.select is None else "--select"
        chosen = expand(select, infos, where, source, warn)
        # `off` in the configuration beats a category or `all`, not the rule's own id
        chosen -= {i for i, on in enabled.items() if not on and i not in select}
    else:
        chosen = {i for i, rule in infos.items() if enabled.get(i, rule.enabled_by_default)}
    chosen -= expand(config.ignore, infos, "ignore", config.locs, warn)
    chosen -= expand(options.ignore, infos, "--ignore", warn=warn)
    chosen.add(SyntaxRule.id)  # a file that does not parse is always reported
    active: dict[str, ActiveRule] = {}
    for rule_id in sorted(chosen):
        info = infos[rule_id]
        configured = config.rules.get(rule_id)
        merged = {**info.options, **(configured.options if configured else {})}
        active[rule_id] = ActiveRule(info, configured.level if configured else None, merged)
    return active


def per_file_ignores(path: Path, config: LintConfig, rules: Mapping[str, RuleInfo]) -> set[str]:
    """The rules the configuration's `per-file-ignores` turn off for this file."""
    ignored: set[str] = set()
    for pattern, ids in config.per_file_ignores:
        if glob_match(path, pattern, config.base_dir):
            ignored |= expand(ids, rules, "per-file-ignores")
    ignored.discard(SyntaxRule.id)
    return ignored
