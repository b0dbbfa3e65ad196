"""Everything the report shows, gathered once: the HTML and JSON writers only lay it out.

Every text that comes from the run (reasons, findings, generated files, the picture) is
passed through the run's secret mask here, so no writer can show a secret value.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from orchconv.graph.from_project import Layers, project_graph
from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.project import Project
from orchconv.redaction import mask
from orchconv.report.checklist import checklist
from orchconv.report.fates import CHANGED, LOST, MAPPED, KeyRow, key_rows
from orchconv.report.masking import masked_document, masked_env
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.result import Conversion

PROJECT = "(project)"
# Graphviz lays out a few hundred nodes in a second but 1,000 services in minutes: past
# this the page shows the Mermaid source and says how to draw the picture.
MAX_DRAWN_NODES = 200


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One lint finding as the report shows it."""

    rule: str
    level: str
    message: str
    file: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """One file the conversion writes with `-o DIR/`, secret values masked."""

    name: str
    text: str


@dataclass
class Summary:
    """The counts at the top of the page."""

    services: int = 0
    clean: int = 0  # services whose every key is mapped
    lossy: int = 0
    keys: dict[str, int] = field(default_factory=dict)  # fate -> count
    losses: dict[str, int] = field(default_factory=dict)  # level -> count, and "total"
    findings: dict[str, int] = field(default_factory=dict)  # level -> count


@dataclass
class ReportData:
    """The whole report."""

    project: str
    source: str
    target: str
    summary: Summary
    rows: list[KeyRow]
    findings: dict[str, list[FindingRow]]  # by service ("(project)" for the rest)
    files: list[GeneratedFile]
    checklist: list[str]
    mermaid: str
    dot: str
    svg: str | None
    drawn: str  # "svg", or why not: "no-dot", "too-big"
    warnings: list[str] = field(default_factory=list)


def _summary(project: Project, rows: list[KeyRow], conversion: Conversion,
             findings: dict[str, list[FindingRow]]) -> Summary:
    lossy = {row.owner for row in rows if row.owner in project.services and row.fate != MAPPED}
    levels = Counter(loss.level for loss in conversion.losses)
    found = Counter(f.level for group in findings.values() for f in group)
    return Summary(
        services=len(project.services),
        clean=len(project.services) - len(lossy),
        lossy=len(lossy),
        keys={fate: sum(1 for row in rows if row.fate == fate) for fate in (MAPPED, CHANGED, LOST)},
        losses={"total": len(conversion.losses), WARNING: levels[WARNING], INFO: levels[INFO]},
        findings={level: found[level] for level in ("error", "warning", "info")},
    )


def source_files(project: Project) -> list[str]:
    """The files the project was read from (includes and extends too)."""
    names = {project.loc.file} | {s.loc.file for s in project.services.values()}
    names |= {loc.file for s in project.services.values() for loc in s.locs.values()}
    return sorted(n for n in names if n and not n.startswith("<") and os.path.isfile(n))


class _Owners:
    """Which service's block holds a line: the last service starting at or before it,
    unless a top-level volume, network, secret or config starts between them."""

    def __init__(self, project: Project) -> None:
        starts: dict[str, list[tuple[int, str]]] = {}
        for name, service in project.services.items():
            starts.setdefault(os.path.abspath(service.loc.file), []).append(
                (service.loc.line, name))
        resources = [*(v.loc for v in project.volumes.values()),
                     *(n.loc for n in project.networks.values()),
                     *(f.loc for f in project.secrets.values()),
                     *(f.loc for f in project.configs.values())]
        for loc in resources:
            # a resource's own line follows its section's key (`volumes:`), hence the - 1
            if loc.line > 1:
                starts.setdefault(os.path.abspath(loc.file), []).append((loc.line - 1, PROJECT))
        self._starts = {file: sorted(lines) for file, lines in starts.items()}
        self._lines = {file: [line for line, _ in lines] for file, lines in self._starts.items()}
        self._absolute: dict[str, str] = {}

    def __call__(self, file: str, line: int) -> str:
        from bisect import bisect_right

        absolute = self._absolute.get(file)
        if absolute is None:
            absolute = self._absolute[file] = os.path.abspath(file)
        index = bisect_right(self._lines.get(absolute, []), line) - 1
        return self._starts[absolute][index][1] if index >= 0 else PROJECT


def _findings(project: Project, source: str, target: str) -> dict[str, list[FindingRow]]:
    from orchconv.lint.context import FileKind
    from orchconv.lint.engine import LintOptions, lint_paths

    files = source_files(project)
    if not files:
        return {}
    kind = FileKind.STACK if source == "swarm" else FileKind.COMPOSE
    # lossy-for-target restates the conversion's losses, which the keys table shows already
    options = LintOptions(kind=kind, target=target, ignore=("lossy-for-target",))
    report = lint_paths([Path(f) for f in files], options)
    grouped: dict[str, list[FindingRow]] = {}
    owner_of = _Owners(project)
    for finding in report.findings:
        loc = finding.loc
        owner = owner_of(loc.file, loc.line)
        grouped.setdefault(owner, []).append(FindingRow(
            finding.rule, finding.level.value, mask(finding.message), loc.file, loc.line,
            loc.col))
    return {owner: sorted(rows, key=lambda r: (r.file, r.line, r.col, r.rule))
            for owner, rows in sorted(grouped.items())}


def _generated(conversion: Conversion, target: str) -> list[GeneratedFile]:
    from orchconv.source.yamlout import dump_yaml
    from orchconv.translate.writing import SECRET_ENV, folder_files

    files = folder_files(conversion, target)
    shown: list[GeneratedFile] = []
    for index, out in enumerate(files):
        if out.name == SECRET_ENV and conversion.environ:
            text = masked_env(out.text)
        elif target == "k8s" and index < len(conversion.documents):
            text = dump_yaml(masked_document(conversion.documents[index].data))
        elif out.private:
            text = dump_yaml(masked_document(conversion.documents[0].data))
        else:
            text = out.text
        shown.append(GeneratedFile(out.name, mask(text)))
    return shown


def _masked_rows(rows: list[KeyRow]) -> list[KeyRow]:
    for row in rows:
        row.reasons = [type(r)(r.path, r.level, mask(r.reason), r.file, r.line, r.col)
                       for r in row.reasons]
    return rows


def gather(source: str, target: str, options: LoadOptions) -> ReportData:
    from orchconv.graph.dot import write_dot
    from orchconv.graph.mermaid import write_mermaid
    from orchconv.graph.render import find_dot, render
    from orchconv.translate.convert import TargetOptions, convert_loaded, load

    loaded = load(source, options)
    project = loaded.project
    conversion = convert_loaded(loaded, target, TargetOptions())
    rows = _masked_rows(key_rows(project, conversion.losses))
    findings = _findings(project, source, target)
    graph = project_graph(project, Layers(), loaded.project_dir)
    dot = mask(write_dot(graph))
    drawn = ("too-big" if len(graph.nodes) > MAX_DRAWN_NODES
             else "svg" if find_dot() else "no-dot")
    svg = mask(render(dot, "svg").decode("utf-8")) if drawn == "svg" else None
    return ReportData(
        project=project.name, source=source, target=target,
        summary=_summary(project, rows, conversion, findings),
        rows=rows, findings=findings, files=_generated(conversion, target),
        checklist=[mask(item) for item in checklist(project, conversion, target)],
        mermaid=mask(write_mermaid(graph)), dot=dot, svg=svg, drawn=drawn,
        warnings=list(conversion.warnings),
    )
