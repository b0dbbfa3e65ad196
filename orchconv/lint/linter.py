"""One file at a time: parse, detect its kind, load what its rules need, run them.

Loading failures are findings too (`syntax`, `compose-invalid`,
`stack-invalid`, `topology-invalid`), so one bad file never hides the others.
Only the rules of the file's kind are imported (see orchconv.lint.catalog).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from orchconv.errors import OrchconvError
from orchconv.lint.builtin_rules import (
    ComposeInvalidRule,
    InternalErrorRule,
    StackInvalidRule,
    SyntaxRule,
    TopologyInvalidRule,
    UnusedSuppressionRule,
)
from orchconv.lint.catalog import RuleInfo, infos_of
from orchconv.lint.config import EMPTY, find_config_file, load_config
from orchconv.lint.context import FileKind, LintContext, SourceDocument
from orchconv.lint.finding import Finding, Level
from orchconv.lint.globs import glob_match
from orchconv.lint.loading import (
    EMPTY_FILE,
    LOADER_ERROR_RULES,
    STDIN,
    display_path,
    load_project,
    loader_finding,
    loader_findings,
    parse,
    relocate,
    syntax_finding,
    topology,
)
from orchconv.lint.notices import Notices, did_you_mean
from orchconv.lint.options import LintOptions
from orchconv.lint.results import FileResult
from orchconv.lint.rule import Rule
from orchconv.lint.selection import ActiveRule, per_file_ignores, resolve_rules
from orchconv.lint.settings import LintConfig
from orchconv.location import Loc

ENGINE_RULE_IDS = frozenset({SyntaxRule.id, ComposeInvalidRule.id, StackInvalidRule.id,
                             TopologyInvalidRule.id, InternalErrorRule.id})


class Linter:
    """Lints files under one set of options; configurations are read once per folder."""

    def __init__(self, options: LintOptions | None = None) -> None:
        from orchconv.lint.catalog import rule_catalog

        self.options = options or LintOptions()
        # every rule by id; the catalog imports a rule's module only when it is looked up
        self.rules: Mapping[str, type[Rule]] = rule_catalog()
        self._configs: dict[Path, LintConfig] = {}
        self._active: dict[Path | None, dict[str, ActiveRule]] = {}
        self.notices = Notices()
        self.charts: list[Path] = []  # Helm charts to render (--helm), in the order met
        if self.options.config is not None:
            self._fixed_config: LintConfig | None = load_config(self.options.config)
        else:
            self._fixed_config = None

    @property
    def infos(self) -> Mapping[str, RuleInfo]:
        return infos_of(self.rules)

    # configuration
    def config_for(self, path: Path | None) -> LintConfig:
        if self._fixed_config is not None:
            return self._fixed_config
        folder = (path.resolve().parent if path is not None else Path.cwd().resolve())
        if folder not in self._configs:
            found = find_config_file(folder)
            self._configs[folder] = load_config(found) if found else EMPTY
        return self._configs[folder]

    def active_rules(self, config: LintConfig) -> dict[str, ActiveRule]:
        if config.path not in self._active:
            self._active[config.path] = resolve_rules(config, self.options, self.rules,
                                                      self.notices.warn)
        return self._active[config.path]

    def fail_level(self, config: LintConfig) -> Level:
        return config.fail_level or Level.WARNING

    def is_excluded(self, path: Path, config: LintConfig) -> bool:
        return any(glob_match(path, pattern, config.base_dir) for pattern in config.exclude)

    def found_chart(self, chart: Path) -> None:
        """A Helm chart's template was met: render the chart later (--helm), or say it is
        skipped."""
        if self.options.helm:
            if chart not in self.charts:
                self.charts.append(chart)
            return
        self.notices.info("Helm chart templates skipped (lint them rendered with --helm)",
                          Loc(display_path(chart)))

    def lint_chart(self, chart: Path) -> FileResult:
        """Lint `helm template CHART` and report its findings in the template files."""
        from orchconv.lint.charts import CHART_FILE
        from orchconv.lint.helm import in_templates, render

        display = display_path(chart)
        try:
            rendered = render(chart, display_path(chart / CHART_FILE))
        except OrchconvError as error:  # located at the chart's Chart.yaml
            refused = Finding(SyntaxRule.id, Level.ERROR, error.message, error.loc or Loc(display))
            return FileResult(display, FileKind.KUBERNETES, [refused], (SyntaxRule.id,))
        synthetic = f"{display} (helm template)"
        linted = self.lint_text(chart / CHART_FILE, rendered, synthetic)
        findings = sorted(in_templates(linted.findings, chart, rendered, synthetic, display),
                          key=_order)
        return FileResult(display, linted.kind, findings, linted.rules_run,
                          skipped=linted.skipped)

    # linting
    def lint_path(self, path: Path, only: frozenset[str] | None = None) -> FileResult:
        """Lint one file (or standard input for `-`); `only`: see lint_text."""
        display = display_path(path)
        if str(path) == STDIN:
            from orchconv.source.limits import read_stdin

            try:
                text = read_stdin()  # refused past the size limit, as a file is
            except OrchconvError as error:
                return FileResult(display, None, [syntax_finding(error, display)],
                                  (SyntaxRule.id,))
            return self.lint_text(None, text, display, only)
        from orchconv.source.files import read_text

        try:
            text = read_text(path, display)
        except OrchconvError as error:
            return FileResult(display, None, [syntax_finding(error, display)], (SyntaxRule.id,))
        return self.lint_text(path, text, display, only)

    def fixable_rules(self) -> frozenset[str]:
        """The rules that can make fixes: all a fix pass needs to run."""
        return frozenset(i for i, info in self.infos.items() if info.fixable)

    def lint_text(self, path: Path | None, text: str, display: str,
                  only: frozenset[str] | None = None) -> FileResult:
        """Lint one text; `only`: run just these of the active rules (and `syntax`)."""
        config = self.config_for(path)
        active = self.active_rules(config)
        if only is not None:
            active = {i: a for i, a in active.items() if i in only or i == SyntaxRule.id}
        if path is not None:
            ignored = per_file_ignores(path, config, self.infos)
            active = {i: a for i, a in active.items() if i not in ignored}
        try:
            documents = parse(text, display)
        except OrchconvError as error:
            return FileResult(display, self.options.kind, [syntax_finding(error, display)],
                              (SyntaxRule.id,), text=text)
        if not documents:  # empty or only comments: `orchconv config` refuses it too
            empty = Finding(SyntaxRule.id, Level.ERROR, EMPTY_FILE, Loc(display, 1, 1))
            return FileResult(display, self.options.kind, [empty], (SyntaxRule.id,), text=text)
        from orchconv.redaction import register_manifests

        register_manifests(d.data for d in documents)  # the report masks Secret values
        from orchconv.lint.detect import detect_kind

        kind = self.options.kind or detect_kind(display, [d.data for d in documents])
        if kind is None:
            return FileResult(display, None, skipped="not a compose, stack, Kubernetes or"
                              " topology file", text=text)
        # from here on only the rules of this kind are imported
        applicable = {i: a for i, a in active.items() if kind in a.info.kinds}
        context = LintContext(display, kind, text, documents,
                              target=self.options.target or config.target,
                              k8s_version=self.options.k8s_version or config.k8s_version)
        findings = list(self._load(path, context, applicable))
        for rule_id, entry in applicable.items():
            if rule_id in ENGINE_RULE_IDS:
                continue
            if (context.project is None and entry.rule.wants_project(context)
                    and kind in LOADER_ERROR_RULES):
                continue  # the loader refused the file; compose-invalid says why
            findings.extend(self._run(entry, context))
        findings = [f for f in findings if f.rule in applicable]
        findings = self._without_suppressed(findings, text, documents, display, applicable)
        findings.sort(key=_order)
        ran = tuple(i for i in applicable if i != InternalErrorRule.id)
        return FileResult(display, kind, findings, ran, text=text)

    def _load(self, path: Path | None, context: LintContext,
              applicable: Mapping[str, ActiveRule]) -> Iterator[Finding]:
        kind = context.kind
        if kind in LOADER_ERROR_RULES:
            wanted = LOADER_ERROR_RULES[kind] in applicable or any(
                a.rule.wants_project(context) for i, a in applicable.items()
                if i not in ENGINE_RULE_IDS
            )
            if wanted and context.documents:
                try:
                    parsed = context.documents[0].data if len(context.documents) == 1 else None
                    context.project = load_project(path, context.text, context.path, kind,
                                                   parsed)
                except OrchconvError as error:
                    yield from loader_findings(kind, error, context.path)
                except RecursionError:
                    yield Finding(LOADER_ERROR_RULES[kind], Level.ERROR, "input nested too deeply",
                                  Loc(context.path, 1, 1))
        elif kind is FileKind.TOPOLOGY and context.documents:
            try:
                context.cluster = topology(context.documents, context.path)
            except OrchconvError as error:
                yield loader_finding(kind, error, context.path)
        if context.cluster is None:
            context.cluster = self.options.cluster

    def _run(self, entry: ActiveRule, context: LintContext) -> Iterator[Finding]:
        rule = entry.rule
        scoped = replace(context, options=entry.options)
        try:
            found = list(rule.check(scoped))
        except OrchconvError as error:
            found = [rule.finding(context, error.message, relocate(error.loc, context.path),
                                  level=Level.ERROR)]
        except Exception as error:
            if self.options.debug:
                raise
            message = f"rule {rule.id!r} failed: {type(error).__name__}: {error}"
            found = [Finding(InternalErrorRule.id, Level.ERROR, message, Loc(context.path, 1, 1))]
            return iter(found)
        if entry.level is not None:
            found = [replace(f, level=entry.level) for f in found]
        return iter(_relocated(found, context.path))

    def _without_suppressed(self, findings: list[Finding], text: str,
                            documents: list[SourceDocument], display: str,
                            applicable: Mapping[str, ActiveRule]) -> list[Finding]:
        """The findings no suppression of the file silences; unknown rule ids in the
        suppressions are warnings, unused suppressions findings when asked for."""
        if "orchconv" not in text:  # no directive nor annotation (suppress.collect's test):
            return list(findings)  # most files; they need not import the module
        from orchconv.lint.builtin_rules import UNSUPPRESSIBLE
        from orchconv.lint.suppress import ALL, collect

        suppressions = collect(text, documents, display)
        kept = [f for f in findings
                if f.rule in UNSUPPRESSIBLE or not suppressions.suppresses(f, display)]
        for directive in suppressions.directives:
            for name in sorted(directive.rules - {ALL} - set(self.rules)):
                self.notices.warn(f"suppression names an unknown rule {name!r}"
                                  f"{did_you_mean(name, self.rules)}", directive.loc)
            if not self.options.report_unused_suppressions:
                continue
            unused = sorted(n for n in directive.rules - directive.used
                            if n == ALL or n in self.rules)
            if unused and ALL not in directive.used:
                names = ", ".join(repr(n) for n in unused)
                idle = [n for n in unused if n != ALL and n not in applicable]
                why = f" ({', '.join(repr(n) for n in idle)} not run)" if idle else ""
                kept.append(Finding(UnusedSuppressionRule.id, Level.WARNING,
                                    f"unused suppression of {names}{why}", directive.loc))
        return kept


def _relocated(findings: list[Finding], display: str) -> Iterator[Finding]:
    for finding in findings:
        loc = relocate(finding.loc, display)
        end = relocate(finding.end, display)
        yield finding if loc is finding.loc and end is finding.end else replace(
            finding, loc=loc or finding.loc, end=end)


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return finding.loc.file, finding.loc.line, finding.loc.col, finding.rule, finding.message
