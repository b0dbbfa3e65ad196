"""Helm charts: their templates are not YAML until `helm template` renders them.

A chart is a folder with a Chart.yaml beside a templates/ folder (charts.py).  Without
--helm its templates are skipped (the engine says so once per chart); with
--helm the chart is rendered by the `helm` binary on PATH and the rendered
manifests are linted as one Kubernetes file.

Mapping back: `helm template` starts each rendered document with a
`# Source: <chart-name>/templates/x.yaml` comment (subcharts:
`<chart-name>/charts/<sub>/templates/x.yaml`).  A finding inside a rendered
document is reported in that template file, at the line where the matching
`---`-separated document of the template starts (the first line of the
template when the counts differ, e.g. a `range` that renders many documents):
the line inside the document cannot be known, since the template's text is
not the rendered text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from orchconv.errors import InputError, OrchconvError
from orchconv.lint.finding import Finding
from orchconv.location import Loc

HELM = "helm"
SOURCE_PREFIX = "# Source: "
RENDER_TIMEOUT = 300  # seconds: a chart with remote dependencies may take a while


def find_helm() -> str | None:
    import shutil  # only with --helm

    return shutil.which(HELM)


def render(chart: Path, display: str) -> str:
    """`helm template CHART`'s output; InputError (at Chart.yaml) when helm refuses the chart."""
    import subprocess

    helm = find_helm()
    if helm is None:
        raise InputError("--helm needs the `helm` binary on PATH")
    try:
        done = subprocess.run([helm, "template", str(chart)], capture_output=True, text=True,
                              timeout=RENDER_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(f"helm template failed: {error}", Loc(display, 1, 1)) from None
    if done.returncode != 0:
        reason = next((line for line in done.stderr.splitlines() if line.strip()),
                      f"exit status {done.returncode}")
        raise InputError(f"helm template failed: {reason.strip()}", Loc(display, 1, 1))
    return done.stdout


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A document of `helm template`'s output and the template it came from."""

    first_line: int  # in the rendered text, 1-based
    source: str  # as the Source comment names it: <chart-name>/templates/x.yaml
    index: int  # how many documents of the same source came before it


def rendered_documents(rendered: str) -> list[RenderedDocument]:
    """The documents of the rendered text that carry a Source comment, in order."""
    found: list[RenderedDocument] = []
    counts: dict[str, int] = {}
    start = 1
    for number, line in enumerate(rendered.splitlines(), start=1):
        if line.rstrip() == "---":
            start = number
        elif line.startswith(SOURCE_PREFIX):
            source = line[len(SOURCE_PREFIX):].strip()
            found.append(RenderedDocument(start, source, counts.get(source, 0)))
            counts[source] = counts.get(source, 0) + 1
    return found


def template_path(chart: Path, source: str) -> Path:
    """The file a Source comment names: its first part is the chart's name, not its folder."""
    _, _, inside = source.partition("/")
    return chart / inside


def document_starts(template: str) -> list[int]:
    """The first line of each `---`-separated document of a template that has any content."""
    starts: list[int] = []
    current: int | None = None
    for number, line in enumerate(template.splitlines(), start=1):
        if line.rstrip() == "---":
            current = None
            continue
        if current is None and line.strip():
            current = number
            starts.append(number)
    return starts


def map_line(documents: list[RenderedDocument], line: int) -> RenderedDocument | None:
    """The rendered document holding rendered line `line`."""
    chosen = None
    for document in documents:
        if document.first_line > line:
            break
        chosen = document
    return chosen


def template_line(template: str | None, document: RenderedDocument, rendered_count: int) -> int:
    """Where the rendered document starts in its template (1 when that cannot be told)."""
    if template is None:
        return 1
    starts = document_starts(template)
    if len(starts) == rendered_count and document.index < len(starts):
        return starts[document.index]
    return 1


def in_templates(findings: list[Finding], chart: Path, rendered: str, synthetic: str,
                 display: str) -> Iterator[Finding]:
    """Findings on `helm template`'s output (file `synthetic`), moved to the template files."""
    from orchconv.lint.loading import display_path
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
        template = template_path(chart, found.source)
        try:
            source: str | None = read_text(template)
        except OrchconvError:
            source = None
        line = template_line(source, found, counts[found.source])
        yield replace(finding, loc=Loc(display_path(template), line, 1), end=None, fix=None)
