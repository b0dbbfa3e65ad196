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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from orchconv.lint.context import SourceDocument
from orchconv.lint.finding import Finding

ALL = "all"
IGNORE_ANNOTATION = "orchconv.io/ignore"
_DIRECTIVE = re.compile(
    r"(?:^|\s)#\s*orchconv:\s*(disable-line|disable-next-line|disable-file)\b"
    r"([^#\n]*)"
)
_RULE_SEPARATORS = re.compile(r"[,\s]+")


def _rule_set(text: str) -> frozenset[str]:
    text = text.split(" -- ", 1)[0]  # "RULE -- why": the reason is for readers
    names = frozenset(n for n in _RULE_SEPARATORS.split(text.strip()) if n)
    return names or frozenset({ALL})


def _matches(rules: frozenset[str], rule: str) -> bool:
    return ALL in rules or rule in rules


@dataclass
class Suppressions:
    """The rules switched off for the whole file, per line, and per object."""

    whole_file: set[str] = field(default_factory=set)
    by_line: dict[int, set[str]] = field(default_factory=dict)
    # (first line, last line, rules): a Kubernetes object's annotation
    by_range: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)

    def suppresses(self, finding: Finding, path: str) -> bool:
        rule = finding.rule
        if _matches(frozenset(self.whole_file), rule):
            return True
        if finding.loc.file != path or finding.loc.line <= 0:
            return False
        line = finding.loc.line
        if _matches(frozenset(self.by_line.get(line, ())), rule):
            return True
        return any(first <= line <= last and _matches(rules, rule)
                   for first, last, rules in self.by_range)


def collect(text: str, documents: Iterable[SourceDocument] = ()) -> Suppressions:
    """The suppressions of one file: its comment directives and object annotations."""
    found = Suppressions()
    if "orchconv" in text:
        _collect_comments(text, found)
        _collect_annotations(list(documents), text.count("\n") + 1, found)
    return found


def _collect_comments(text: str, found: Suppressions) -> None:
    lines = text.splitlines()
    pending: set[str] = set()  # from disable-next-line, waiting for a line of content
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        match = _DIRECTIVE.search(line)
        is_content = bool(stripped) and not stripped.startswith("#")
        if is_content and pending:
            found.by_line.setdefault(number, set()).update(pending)
            pending = set()
        if match is None:
            continue
        directive, rules = match.group(1), _rule_set(match.group(2))
        if directive == "disable-file":
            found.whole_file.update(rules)
        elif directive == "disable-line":
            found.by_line.setdefault(number, set()).update(rules)
        else:
            pending.update(rules)


def _collect_annotations(documents: list[SourceDocument], last_line: int,
                         found: Suppressions) -> None:
    for index, document in enumerate(documents):
        rules = _annotation_rules(document.data)
        if not rules:
            continue
        first = document.loc.line
        following = documents[index + 1].loc.line - 1 if index + 1 < len(documents) else last_line
        found.by_range.append((first, max(first, following), rules))


def _annotation_rules(data: object) -> frozenset[str]:
    if not isinstance(data, Mapping):
        return frozenset()
    metadata = data.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, Mapping) else None
    value = annotations.get(IGNORE_ANNOTATION) if isinstance(annotations, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        return frozenset()
    return _rule_set(value)
