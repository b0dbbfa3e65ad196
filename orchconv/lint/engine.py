"""The lint engine: files in, findings out.

For each file: read it, parse every YAML document (with positions), detect
its kind, load what the rules need (the compose/stack IR, or the cluster of a
topology file), run the active rules, then drop what the configuration and
the file's own suppressions silence.  Loading failures are findings too
(`syntax`, `compose-invalid`, `stack-invalid`, `topology-invalid`), so one
bad file never hides the others.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchconv.errors import OrchconvError
from orchconv.ir.location import Loc
from orchconv.lint.builtin_rules import (
    ComposeInvalidRule,
    InternalErrorRule,
    StackInvalidRule,
    SyntaxRule,
    TopologyInvalidRule,
    UnusedSuppressionRule,
)
from orchconv.lint.config import (
    CONFIG_NAMES,
    EMPTY,
    LintConfig,
    find_config_file,
    load_config,
)
from orchconv.lint.context import FileKind, LintContext, SourceDocument
from orchconv.lint.finding import Finding, Level
from orchconv.lint.notices import Notices, did_you_mean
from orchconv.lint.rule import Rule
from orchconv.translate.k8s.versions import SUPPORTED_VERSIONS

if TYPE_CHECKING:
    from orchconv.ir.topology import Cluster

YAML_SUFFIXES = (".yml", ".yaml")
STDIN = "-"
STDIN_DISPLAY = "<stdin>"
MAX_FIX_PASSES = 10
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})
LOADER_ERROR_RULES = {FileKind.COMPOSE: ComposeInvalidRule.id, FileKind.STACK: StackInvalidRule.id}
EMPTY_FILE = "empty file: no YAML document"  # as `orchconv config` says it
Warn = Callable[[str, "Loc | None"], None]


class UsageError(OrchconvError):
    """A bad option or configuration (exit 2): no file was linted."""


@dataclass(frozen=True, slots=True)
class LintOptions:
    """What the command line asks; None leaves the configuration's choice."""

    kind: FileKind | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    config: Path | None = None  # --config: this file instead of the upward search
    target: str | None = None
    k8s_version: str | None = None
    cluster: Cluster | None = None  # a live cluster (--docker, --kubeconfig)
    debug: bool = False  # let a crashing rule raise
    helm: bool = False  # render Helm charts with `helm template` instead of skipping them
    report_unused_suppressions: bool = False


@dataclass
class FileResult:
    """The findings of one file, or why it was skipped."""

    path: str  # as displayed: relative to the working folder when inside it
    kind: FileKind | None
    findings: list[Finding] = field(default_factory=list)
    rules_run: tuple[str, ...] = ()  # the rules that checked this file (junit lists them)
    skipped: str | None = None  # why the file was not linted (unknown kind)
    text: str | None = None  # the text linted (after fixes, when fixed)
    original: str | None = None  # the text read, when fixes changed it

    @property
    def unparseable(self) -> bool:
        return any(f.rule == SyntaxRule.id for f in self.findings)


@dataclass
class LintReport:
    """The results of a whole run, with what the outputs need."""

    files: list[FileResult]
    rules: Mapping[str, type[Rule]]  # every known rule, for the outputs' metadata
    fail_level: Level = Level.WARNING
    notices: list[str] = field(default_factory=list)  # run-level lines for stderr
    max_warnings: int | None = None  # --max-warnings: fail when there are more

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    @property
    def unparseable(self) -> bool:
        return any(result.unparseable for result in self.files)

    def failed(self) -> bool:
        rank = self.fail_level.rank
        if any(f.level.rank >= rank for f in self.findings):
            return True
        if self.max_warnings is None:
            return False
        return sum(1 for f in self.findings if f.level is Level.WARNING) > self.max_warnings

    def exit_code(self) -> int:
        """0 clean, 1 findings at or above the fail level, 2 a file that could not be parsed."""
        if self.unparseable:
            return 2
        return 1 if self.failed() else 0


# --- which rules run -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule enabled for a file, with its configured level and options."""

    rule: Rule
    level: Level | None  # the configured level, replacing the rule's own
    options: Mapping[str, Any]


def _expand(names: Iterable[str], rules: Mapping[str, type[Rule]], where: str,
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


def _option_error(rule: type[Rule], name: str, value: Any) -> str | None:
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
    if target == "k8s" and version is not None and version not in SUPPORTED_VERSIONS:
        where = f"{config.path}: " if config.path else ""
        raise UsageError(f"{where}target k8s converts for Kubernetes"
                         f" {', '.join(SUPPORTED_VERSIONS)}, not k8s-version {version}")


def resolve_rules(config: LintConfig, options: LintOptions, rules: Mapping[str, type[Rule]],
                  warn: Warn | None = None) -> dict[str, ActiveRule]:
    """The rules to run under a configuration and the command line, with level and options.

    A rule id that names no rule is a warning through `warn` (and is left out),
    or a UsageError when no `warn` is given."""
    _check_target_version(config, options)
    settings = dict(config.rules)
    for rule_id, setting in config.rules.items():
        if rule_id not in rules:
            message = f"configuration names an unknown rule {rule_id!r}"
            message += did_you_mean(rule_id, rules)
            if warn is None:
                raise UsageError(message, setting.loc)
            warn(message, setting.loc)
            del settings[rule_id]
            continue
        for name, value in setting.options.items():
            problem = _option_error(rules[rule_id], name, value)
            if problem:
                raise UsageError(problem, setting.loc)
    for pattern, ids in config.per_file_ignores:
        at = config.locs.get(f"per-file-ignores.{pattern}")
        locs = {f"per-file-ignores.{i}": at for i in range(len(ids))} if at else {}
        _expand(ids, rules, "per-file-ignores", locs, warn)
    select = options.select if options.select is not None else config.select
    enabled = {i: s.enabled for i, s in settings.items() if s.enabled is not None}
    if select is not None:
        source = config.locs if options.select is None else None
        where = "select" if options.select is None else "--select"
        chosen = _expand(select, rules, where, source, warn)
        # `off` in the configuration beats a category or `all`, not the rule's own id
        chosen -= {i for i, on in enabled.items() if not on and i not in select}
    else:
        chosen = {i for i, rule in rules.items() if enabled.get(i, rule.enabled_by_default)}
    chosen -= _expand(config.ignore, rules, "ignore", config.locs, warn)
    chosen -= _expand(options.ignore, rules, "--ignore", warn=warn)
    chosen.add(SyntaxRule.id)  # a file that does not parse is always reported
    active: dict[str, ActiveRule] = {}
    for rule_id in sorted(chosen):
        rule = rules[rule_id]
        configured = config.rules.get(rule_id)
        merged = {**rule.options, **(configured.options if configured else {})}
        active[rule_id] = ActiveRule(rule(), configured.level if configured else None, merged)
    return active


# --- reading and parsing ---------------------------------------------------------


def display_path(path: Path | str) -> str:
    """How findings name a file: relative to the working folder when inside it."""
    if str(path) == STDIN:
        return STDIN_DISPLAY
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def _syntax(error: OrchconvError, display: str) -> Finding:
    loc = error.loc or Loc(display)
    if loc.file != display:
        loc = Loc(display, loc.line, loc.col)
    return Finding(SyntaxRule.id, Level.ERROR, error.message, loc)


def parse(text: str, display: str) -> list[SourceDocument]:
    """Every document of the file, located; InputError when it is not YAML."""
    from orchconv.source.yamltree import parse_documents

    return [SourceDocument(data, loc) for data, loc in parse_documents(text, display)]


# --- loading what the rules need ---------------------------------------------------


def _relocate(loc: Loc | None, display: str) -> Loc | None:
    if loc is not None and loc.file == STDIN_DISPLAY and display != STDIN_DISPLAY:
        return Loc(display, loc.line, loc.col)
    return loc


def load_project(path: Path | None, text: str, display: str, kind: FileKind,
                 document: Any = None) -> Any:
    """The compose/stack IR of this text, loaded as `docker compose` / `docker stack` would.

    The text is handed to the loader as standard input so that what is linted
    is exactly what was read (and, while fixing, the text not yet written);
    the project folder is the file's, as for a file given with -f.  `document`
    is the text already parsed, which the loader then reads instead of parsing
    it again (it never changes it).
    """
    from orchconv.translate.compose.loader import load_project as load
    from orchconv.translate.compose.options import LoadOptions

    folder = path.resolve().parent if path is not None else Path.cwd()
    dialect = "stack" if kind is FileKind.STACK else "compose"
    options = LoadOptions(files=(Path(STDIN),), project_directory=folder, dialect=dialect,
                          stdin_text=text, stdin_document=document)
    return load(options).project


def _loader_finding(kind: FileKind, error: OrchconvError, display: str) -> Finding:
    rule = LOADER_ERROR_RULES.get(kind, TopologyInvalidRule.id)
    loc = _relocate(error.loc, display) or Loc(display, 1, 1)
    if loc.line <= 0 and loc.file == display:
        loc = Loc(display, 1, 1)
    return Finding(rule, Level.ERROR, " ".join(error.message.split()), loc)


def _loader_findings(kind: FileKind, error: OrchconvError, display: str) -> Iterator[Finding]:
    """One finding per problem: a schema error lists each at its own place."""
    from orchconv.errors import ValidationErrors

    if not isinstance(error, ValidationErrors):
        yield _loader_finding(kind, error, display)
        return
    for where, text in error.lines():
        yield _loader_finding(kind, OrchconvError(text, where), display)


def _topology(documents: list[SourceDocument], display: str) -> Cluster:
    from orchconv.lint.detect import is_kind_cluster_config
    from orchconv.lint.topology import load_topology

    chosen = next((d for d in documents if isinstance(d.data, Mapping)
                   and is_kind_cluster_config(d.data)), documents[0])
    return load_topology(display, chosen.data)


# --- one file ----------------------------------------------------------------------


class Linter:
    """Lints files under one set of options; configurations are read once per folder."""

    def __init__(self, options: LintOptions | None = None) -> None:
        from orchconv.lint.registry import all_rules

        self.options = options or LintOptions()
        self.rules = all_rules()
        self._configs: dict[Path, LintConfig] = {}
        self._active: dict[Path | None, dict[str, ActiveRule]] = {}
        self.notices = Notices()
        self.charts: list[Path] = []  # Helm charts to render (--helm), in the order met
        if self.options.config is not None:
            self._fixed_config: LintConfig | None = load_config(self.options.config)
        else:
            self._fixed_config = None

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
        return any(_glob_match(path, pattern, config) for pattern in config.exclude)

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
        from orchconv.lint.helm import CHART_FILE, render

        display = display_path(chart)
        try:
            rendered = render(chart, display_path(chart / CHART_FILE))
        except OrchconvError as error:  # located at the chart's Chart.yaml
            refused = Finding(SyntaxRule.id, Level.ERROR, error.message, error.loc or Loc(display))
            return FileResult(display, FileKind.KUBERNETES, [refused], (SyntaxRule.id,))
        synthetic = f"{display} (helm template)"
        linted = self.lint_text(chart / CHART_FILE, rendered, synthetic)
        findings = sorted(_in_templates(linted.findings, chart, rendered, synthetic, display),
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
                return FileResult(display, None, [_syntax(error, display)], (SyntaxRule.id,))
            return self.lint_text(None, text, display, only)
        from orchconv.source.files import read_text

        try:
            text = read_text(path, display)
        except OrchconvError as error:
            return FileResult(display, None, [_syntax(error, display)], (SyntaxRule.id,))
        return self.lint_text(path, text, display, only)

    def fixable_rules(self) -> frozenset[str]:
        """The rules that can make fixes: all a fix pass needs to run."""
        return frozenset(i for i, rule in self.rules.items() if rule.fixable)

    def lint_text(self, path: Path | None, text: str, display: str,
                  only: frozenset[str] | None = None) -> FileResult:
        """Lint one text; `only`: run just these of the active rules (and `syntax`)."""
        config = self.config_for(path)
        active = self.active_rules(config)
        if only is not None:
            active = {i: a for i, a in active.items() if i in only or i == SyntaxRule.id}
        if path is not None:
            ignored = _per_file_ignores(path, config, self.rules)
            active = {i: a for i, a in active.items() if i not in ignored}
        try:
            documents = parse(text, display)
        except OrchconvError as error:
            return FileResult(display, self.options.kind, [_syntax(error, display)],
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
        applicable = {i: a for i, a in active.items() if kind in a.rule.kinds}
        context = LintContext(display, kind, text, documents,
                              target=self.options.target or config.target,
                              k8s_version=self.options.k8s_version or config.k8s_version)
        findings = list(self._load(path, context, applicable))
        for rule_id, entry in applicable.items():
            if rule_id in _ENGINE_RULE_IDS:
                continue
            if (context.project is None and entry.rule.wants_project(context)
                    and kind in LOADER_ERROR_RULES):
                continue  # the loader refused the file; compose-invalid says why
            findings.extend(self._run(entry, context))
        findings = [f for f in findings if f.rule in applicable]
        findings = _without_suppressed(self, findings, text, documents, display, applicable)
        findings.sort(key=_order)
        ran = tuple(i for i in applicable if i != InternalErrorRule.id)
        return FileResult(display, kind, findings, ran, text=text)

    def _load(self, path: Path | None, context: LintContext,
              applicable: Mapping[str, ActiveRule]) -> Iterator[Finding]:
        kind = context.kind
        if kind in LOADER_ERROR_RULES:
            wanted = LOADER_ERROR_RULES[kind] in applicable or any(
                a.rule.wants_project(context) for i, a in applicable.items()
                if i not in _ENGINE_RULE_IDS
            )
            if wanted and context.documents:
                try:
                    parsed = context.documents[0].data if len(context.documents) == 1 else None
                    context.project = load_project(path, context.text, context.path, kind,
                                                   parsed)
                except OrchconvError as error:
                    yield from _loader_findings(kind, error, context.path)
                except RecursionError:
                    yield Finding(LOADER_ERROR_RULES[kind], Level.ERROR, "input nested too deeply",
                                  Loc(context.path, 1, 1))
        elif kind is FileKind.TOPOLOGY and context.documents:
            try:
                context.cluster = _topology(context.documents, context.path)
            except OrchconvError as error:
                yield _loader_finding(kind, error, context.path)
        if context.cluster is None:
            context.cluster = self.options.cluster

    def _run(self, entry: ActiveRule, context: LintContext) -> Iterator[Finding]:
        rule = entry.rule
        scoped = replace(context, options=entry.options)
        try:
            found = list(rule.check(scoped))
        except OrchconvError as error:
            found = [rule.finding(context, error.message, _relocate(error.loc, context.path),
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


_ENGINE_RULE_IDS = frozenset({SyntaxRule.id, ComposeInvalidRule.id, StackInvalidRule.id,
                              TopologyInvalidRule.id, InternalErrorRule.id})


def _relocated(findings: list[Finding], display: str) -> Iterator[Finding]:
    for finding in findings:
        loc = _relocate(finding.loc, display)
        end = _relocate(finding.end, display)
        yield finding if loc is finding.loc and end is finding.end else replace(
            finding, loc=loc or finding.loc, end=end)


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return finding.loc.file, finding.loc.line, finding.loc.col, finding.rule, finding.message


def _without_suppressed(linter: Linter, findings: list[Finding], text: str,
                        documents: list[SourceDocument], display: str,
                        applicable: Mapping[str, ActiveRule]) -> list[Finding]:
    """The findings no suppression of the file silences; unknown rule ids in the
    suppressions are warnings, unused suppressions findings when asked for."""
    from orchconv.lint.builtin_rules import UNSUPPRESSIBLE
    from orchconv.lint.suppress import ALL, collect

    suppressions = collect(text, documents, display)
    kept = [f for f in findings
            if f.rule in UNSUPPRESSIBLE or not suppressions.suppresses(f, display)]
    for directive in suppressions.directives:
        for name in sorted(directive.rules - {ALL} - set(linter.rules)):
            linter.notices.warn(f"suppression names an unknown rule {name!r}"
                              f"{did_you_mean(name, linter.rules)}", directive.loc)
        if not linter.options.report_unused_suppressions:
            continue
        unused = sorted(n for n in directive.rules - directive.used
                        if n == ALL or n in linter.rules)
        if unused and ALL not in directive.used:
            names = ", ".join(repr(n) for n in unused)
            idle = [n for n in unused if n != ALL and n not in applicable]
            why = f" ({', '.join(repr(n) for n in idle)} not run)" if idle else ""
            kept.append(Finding(UnusedSuppressionRule.id, Level.WARNING,
                                f"unused suppression of {names}{why}", directive.loc))
    return kept


def _in_templates(findings: list[Finding], chart: Path, rendered: str, synthetic: str,
                  display: str) -> Iterator[Finding]:
    """Findings on `helm template`'s output, moved to the template files (see lint/helm.py)."""
    from orchconv.lint.helm import map_line, rendered_documents, template_line, template_path
    from orchconv.source.files import read_text

    documents = rendered_documents(rendered)
    counts: dict[str, int] = {}
    for document in documents:
        counts[document.source] = counts.get(document.source, 0) + 1
    for finding in findings:
        if finding.loc.file != synthetic:
            yield finding
            continue
        found = map_line(documents, finding.loc.line)
        if found is None:
            yield replace(finding, loc=Loc(display, 1, 1), end=None, fix=None)
            continue
        document = found
        template = template_path(chart, document.source)
        try:
            source: str | None = read_text(template)
        except OrchconvError:
            source = None
        line = template_line(source, document, counts[document.source])
        yield replace(finding, loc=Loc(display_path(template), line, 1), end=None, fix=None)


def _glob_match(path: Path, pattern: str, config: LintConfig) -> bool:
    """gitignore-ish: a pattern without `/` matches a name anywhere; else the path from
    the configuration's folder (`**` crosses folders)."""
    absolute = path.resolve()
    try:
        relative = absolute.relative_to(config.base_dir.resolve()).as_posix()
    except ValueError:
        relative = absolute.as_posix()
    if "/" not in pattern.rstrip("/"):
        return any(fnmatch.fnmatchcase(part, pattern.rstrip("/"))
                   for part in relative.split("/"))
    return _full_match(relative, pattern)


def _full_match(relative: str, pattern: str) -> bool:
    if fnmatch.fnmatchcase(relative, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]):
        return True  # `**/x` also matches `x` at the top
    if pattern.endswith("/**") or pattern.endswith("/"):
        folder = pattern.rstrip("*").rstrip("/")
        return relative.startswith(folder + "/")
    return False


def _per_file_ignores(path: Path, config: LintConfig,
                      rules: Mapping[str, type[Rule]]) -> set[str]:
    ignored: set[str] = set()
    for pattern, ids in config.per_file_ignores:
        if _glob_match(path, pattern, config):
            ignored |= _expand(ids, rules, "per-file-ignores")
    ignored.discard(SyntaxRule.id)
    return ignored


# --- many files ----------------------------------------------------------------------


def discover(paths: Sequence[Path], linter: Linter) -> Iterator[Path]:
    """The files to lint: files as given, folders walked for *.yml/*.yaml (sorted,
    skipping hidden folders).  What the configuration excludes is left out, named
    files included (pre-commit names every file); Helm chart templates go to the
    linter's charts instead."""
    from orchconv.lint.helm import chart_of

    seen: set[Path] = set()
    for path in paths:
        if str(path) == STDIN:
            yield path
            continue
        if not path.is_dir():
            if not linter.is_excluded(path, linter.config_for(path)):
                chart = chart_of(path)
                if chart is None:
                    yield path
                else:
                    linter.found_chart(chart)
            continue
        for root, folders, files in os.walk(path):
            folders[:] = sorted(f for f in folders
                                if not f.startswith(".") and f not in SKIPPED_FOLDERS)
            for name in sorted(files):
                candidate = Path(root) / name
                if not name.endswith(YAML_SUFFIXES) or name in CONFIG_NAMES or candidate in seen:
                    continue
                seen.add(candidate)
                if linter.is_excluded(candidate, linter.config_for(candidate)):
                    continue
                chart = chart_of(candidate)
                if chart is None:
                    yield candidate
                else:
                    linter.found_chart(chart)


def lint_paths(paths: Sequence[Path], options: LintOptions | None = None, *,
               fix: bool = False, findings: bool = True) -> LintReport:
    """Lint files and folders; with `fix`, compute each file's fixed text (not written).
    Without `findings` (--diff shows only the fixed text) a file's findings are those of
    the fixable rules alone: the others cannot change the text, and skipping them (and
    the compose loader they need) is what keeps --diff about as fast as plain lint."""
    linter = Linter(options)
    only = linter.fixable_rules() if fix and not findings else None
    results: list[FileResult] = []
    for path in discover(paths or [Path(".")], linter):
        result = linter.lint_path(path, only)
        if fix and result.text is not None and result.kind is not None:
            result = fix_result(linter, path, result, findings=findings)
        results.append(result)
    results.extend(linter.lint_chart(chart) for chart in linter.charts)
    fail_level = linter.fail_level(linter.config_for(None))
    return LintReport(results, linter.rules, fail_level, linter.notices.lines)


def fix_result(linter: Linter, path: Path, result: FileResult, *,
               findings: bool = True) -> FileResult:
    """Apply the fixes of a file's findings, re-linting until nothing more changes.

    Between passes only the fixable rules run: only they make fixes.  With
    `findings`, the fixed text is then linted in full for the findings left."""
    from orchconv.lint.fix import apply_fixes

    original = text = result.text or ""
    physical = None if str(path) == STDIN else path
    fixable = linter.fixable_rules()
    failures: list[Finding] = []
    for _ in range(MAX_FIX_PASSES):
        fixes = [f.fix for f in result.findings if f.fix is not None]
        if not fixes:
            break
        try:
            fixed = apply_fixes(text, fixes)
        except Exception as error:  # ruamel.yaml refusing what our reader took is our bug
            if linter.options.debug:
                raise
            failures.append(_fix_failure(result.path, f"{type(error).__name__}: {error}"))
            break
        if fixed == text:
            break
        refixed = linter.lint_text(physical, fixed, result.path, fixable)
        if refixed.unparseable:  # never write a file a fix broke
            failures.append(_fix_failure(result.path, "the result would not parse"))
            break
        text, result = fixed, refixed
    if text != original:
        if findings:
            result = linter.lint_text(physical, text, result.path)
        result.original = original
    result.findings.extend(failures)
    return result


def _fix_failure(display: str, why: str) -> Finding:
    message = f"fixes not applied: {' '.join(why.split())[:200]}"
    return Finding(InternalErrorRule.id, Level.ERROR, message, Loc(display, 1, 1))
