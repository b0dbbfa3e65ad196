"""Fixes applied block by block: ruamel.yaml round-trips only the entries the fixes touch.

ruamel.yaml's round trip costs about ten times our reader's parse, so
loading and dumping a whole 1,000-service file for each --fix/--diff is what
made them slow.  A fix at `services.web.restart` only changes the entry
`services: web:`; that entry's lines are cut out, dedented, round-tripped
with the fix's path made relative to it, carried over onto its own text
(fix.transplant) and put back.  Anything this cannot scope safely (anchors
and aliases, flow-style parents, keys that do not start their line, entries
that overlap) returns None and the caller round-trips the whole file; so
does a set of fixes spread over most of the file, where ruamel's cost per
call makes many small round trips slower than one large one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

Edit = Callable[[Any, tuple[str | int, ...], Mapping[str, str]], bool]
Unique = tuple[int, tuple[str | int, ...], str, tuple[tuple[str, str], ...]]
ALIAS_OR_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*!<]")  # also tags and merge keys: whole file


def _scope(data: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """The entry a fix at `path` stays inside: `services.web` for services.web.*, else the
    top-level key; None when the path does not address a mapping entry."""
    from orchconv.source.yamltree import YMap

    if not isinstance(data, YMap) or not path or not isinstance(path[0], str):
        return None
    if len(path) >= 2 and isinstance(data.get(path[0]), YMap) and isinstance(path[1], str):
        return path[:2]
    return path[:1]


def _key_line(data: Any, scope: tuple[str | int, ...]) -> tuple[int, int] | None:
    """(line, indent) of the scope's key when it is the first thing on its line."""
    from orchconv.source.yamltree import YMap, loc_of

    parent = data
    for part in scope[:-1]:
        parent = parent[part]
    if not isinstance(parent, YMap) or scope[-1] not in parent:
        return None
    loc = loc_of(parent, scope[-1], of_key=True)
    if loc is None or loc.line <= 0:
        return None
    siblings = [loc_of(parent, key, of_key=True) for key in parent]
    if sum(1 for s in siblings if s is not None and s.line == loc.line) > 1:
        return None  # a flow mapping: several keys on one line
    return loc.line, loc.col - 1


def entry_end(lines: list[str], first: int, indent: int) -> int:
    """The index after the last line of the entry whose key is on line index `first`."""
    for index in range(first + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped in ("---", "...") or line.startswith(("---", "...")):
            return index
        own = len(line) - len(line.lstrip(" "))
        if own < indent or (own == indent and not stripped.startswith("- ")
                            and stripped != "-"):
            return index
    return len(lines)


def _dedent(lines: list[str], indent: int) -> str:
    out = []
    for line in lines:
        spaces = len(line) - len(line.lstrip(" "))
        out.append(line[min(spaces, indent):])
    return "".join(out)


def _indent_lines(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]


def apply_scoped(text: str, unique: Sequence[Unique], edits: Mapping[str, Edit],
                 yaml: Any) -> str | None:
    """`text` with the fixes applied entry by entry; None when they cannot be scoped."""
    from orchconv.lint.fix import dump, transplant
    from orchconv.source.yamltree import parse_documents

    if ALIAS_OR_ANCHOR.search(text) or "\t" in text:
        return None
    documents = [data for data, _ in parse_documents(text, "<fix>")]
    lines = text.splitlines(keepends=True)
    groups: dict[tuple[int, tuple[str | int, ...]], list[Unique]] = {}
    for fix in unique:
        document, path = fix[0], fix[1]
        if not 0 <= document < len(documents) or not path:
            return None
        scope = _scope(documents[document], path)
        if scope is None:
            return None
        groups.setdefault((document, scope), []).append(fix)
    spans: list[tuple[int, int, int, tuple[str | int, ...], list[Unique]]] = []
    for (document, scope), fixes in groups.items():
        where = _key_line(documents[document], scope)
        if where is None:
            return None
        line, indent = where
        first = line - 1
        spans.append((first, entry_end(lines, first, indent), indent, scope, fixes))
    spans.sort(key=lambda span: span[0])
    if 2 * sum(end - first for first, end, *_ in spans) > len(lines):
        return None  # most of the file: one round trip costs less than many small ones
    if any(a[1] > b[0] for a, b in pairwise(spans)):
        return None  # overlapping entries: one round trip of the whole file
    out: list[str] = []
    position = 0
    for first, end, indent, scope, fixes in spans:
        block = _dedent(lines[first:end], indent)
        loaded = yaml.load(block)
        before = dump(yaml, [loaded])
        changed = False
        for _, path, name, arguments in fixes:
            changed |= edits[name](loaded, path[len(scope) - 1:], dict(arguments))
        out.extend(lines[position:first])
        position = first
        if not changed:
            continue
        after = dump(yaml, [loaded]) if loaded else ""
        if after.strip() == "{}":
            after = ""
        out.extend(_indent_lines(transplant(block, before, after), indent))
        position = end
    out.extend(lines[position:])
    return "".join(out)
