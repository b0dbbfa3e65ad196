"""Suppressions written in the linted file itself.

- `# orchconv: disable-line RULE[,RULE]` at the end of a line: that line;
- `# orchconv: disable-next-line RULE[,RULE]` on its own line: the next line
  that is neither blank nor only a comment;
- `# orchconv: disable-file RULE[,RULE]` anywhere: the whole file;
- on a Kubernetes object, the annotation `orchconv.io/ignore: "RULE,RULE"`:
  every finding inside that object's document.

`all` (or no rule list) stands for every rule; text after ` -- ` is a reason
for readers.  The `syntax` finding cannot
be suppressed: a file that does not parse was not linted.

Each directive remembers where it was written and which of its rules
silenced something, so that the engine can warn about rule ids that do not
exist and report the suppressions nothing used (--report-unused-suppressions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from orchconv.lint.context import SourceDocument
from orchconv.lint.finding import Finding
from orchconv.location import Loc

ALL = "all"
IGNORE_ANNOTATION = "orchconv.io/ignore"
_DIRECTIVE = re.compile(
    r"(?:^|\s)(#\s*orchconv:\s*(disable-line|disable-next-line|disable-file)\b)"
    r"([^#\n]*)"
)
_RULE_SEPARATORS = re.compile(r"[,\s]+")


def _rule_set(text: str) -> frozenset[str]:
    text = text.split(" -- ", 1)[0]  # "RULE -- why": the reason is for readers
    names = frozenset(n for n in _RULE_SEPARATORS.split(text.strip()) if n)
    return names or frozenset({ALL})


@dataclass
class Directive:
    """One suppression as written: where, what it covers, and which of its rules were used."""

    loc: Loc  # the comment's `#`, or the annotation's value
    rules: frozenset[str]
    whole_file: bool = False
    lines: tuple[int, int] = (0, 0)  # first and last line covered (when not the whole file)
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding, path: str) -> bool:
        if not (ALL in self.rules or finding.rule in self.rules):
            return False
        if self.whole_file:
            return True
        line = finding.loc.line
        return finding.loc.file == path and line > 0 and self.lines[0] <= line <= self.lines[1]


@dataclass
class Suppressions:
    """Every directive and annotation of one file."""

    directives: list[Directive] = field(default_factory=list)

    def suppresses(self, finding: Finding, path: str) -> bool:
        """Whether any directive silences `finding`; every one that does is marked used."""
        hit = False
        for directive in self.directives:
            if directive.covers(finding, path):
                directive.used.add(ALL if ALL in directive.rules else finding.rule)
                hit = True
        return hit


def collect(text: str, documents: Iterable[SourceDocument] = (), path: str = "") -> Suppressions:
    """The suppressions of one file (named `path` in their locations)."""
    found = Suppressions()
    if "orchconv" in text:
        _collect_comments(text, found, path)
        _collect_annotations(list(documents), text.count("\n") + 1, found)
    return found


def _collect_comments(text: str, found: Suppressions, path: str) -> None:
    lines = text.splitlines()
    pending: list[Directive] = []  # disable-next-line, waiting for a line of content
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        match = _DIRECTIVE.search(line)
        is_content = bool(stripped) and not stripped.startswith("#")
        if is_content and pending:
            for directive in pending:
                directive.lines = (number, number)
            pending = []
        if match is None:
            continue
        directive = Directive(Loc(path, number, match.start(1) + 1), _rule_set(match.group(3)))
        kind = match.group(2)
        if kind == "disable-file":
            directive.whole_file = True
        elif kind == "disable-line":
            directive.lines = (number, number)
        else:
            pending.append(directive)  # covers nothing until a content line follows
        found.directives.append(directive)


def _collect_annotations(documents: list[SourceDocument], last_line: int,
                         found: Suppressions) -> None:
    for index, document in enumerate(documents):
        annotated = _annotation(document.data)
        if annotated is None:
            continue
        rules, loc = annotated
        first = document.loc.line
        following = documents[index + 1].loc.line - 1 if index + 1 < len(documents) else last_line
        found.directives.append(Directive(loc or document.loc, rules,
                                          lines=(first, max(first, following))))


def _annotation(data: object) -> tuple[frozenset[str], Loc | None] | None:
    from orchconv.source.yamltree import loc_of

    if not isinstance(data, Mapping):
        return None
    metadata = data.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, Mapping) else None
    value = annotations.get(IGNORE_ANNOTATION) if isinstance(annotations, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return None
    return _rule_set(value), loc_of(annotations, IGNORE_ANNOTATION)
