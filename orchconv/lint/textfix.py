"""Key removals applied as line deletions, without ruamel.yaml.

Removing a key whose entry is plain block YAML (the key starts its line, its
lines hold no comment and no blank line, the file no anchor, alias, tag, tab,
flow mapping or null written out) gives exactly the lines ruamel's round trip gives, since
fix.transplant keeps every other line byte for byte: so those lines are
deleted, with no ruamel import, indentation guess or line diff.  Anything else
returns None and the caller takes the round trip;
tests/lint/test_fix_textedit.py checks that both paths agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from orchconv.lint.fixscope import ALIAS_OR_ANCHOR, Unique, entry_end

_FLOW_MAPPING = re.compile(r"(?<!\$)\{")  # `${VAR}` is interpolation, not a flow mapping
# ruamel writes a null `key:`, and the round trip then rewrites such a line near the
# removed entry; the deletion would keep it, so these files keep the round trip's result
_WRITTEN_NULL = re.compile(r"(?m)[:-][ \t]+(?:null|Null|NULL|~)[ \t]*(?:#.*)?\r?$")


def _parent(root: Any, path: tuple[str | int, ...]) -> Any:
    from orchconv.source.yamltree import YMap, YSeq

    node = root
    for part in path:
        in_map = isinstance(node, YMap) and isinstance(part, str) and part in node
        in_list = isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_list):
            return None
        node = node[part]
    return node


def remove_keys(text: str, unique: Sequence[Unique]) -> str | None:
    """`text` without the keys the `remove-key` fixes name; None when any fix is another
    edit or its entry is not plain enough to delete by lines."""
    from orchconv.source.yamltree import YMap, loc_of, parse_documents

    if not unique or any(name != "remove-key" for _, _, name, _ in unique):
        return None
    if ALIAS_OR_ANCHOR.search(text) or "\t" in text or _FLOW_MAPPING.search(text):
        return None
    if _WRITTEN_NULL.search(text):
        return None
    documents = [data for data, _ in parse_documents(text, "<fix>")]
    lines = text.splitlines(keepends=True)
    spans: list[tuple[int, int]] = []
    emptied: Counter[int] = Counter()  # keys removed per parent mapping
    for document, path, _, _ in unique:
        if not 0 <= document < len(documents) or not path or not isinstance(path[-1], str):
            return None
        parent, key = _parent(documents[document], path[:-1]), path[-1]
        if not isinstance(parent, YMap) or key not in parent:
            return None
        emptied[id(parent)] += 1
        if emptied[id(parent)] >= len(parent):
            return None  # ruamel writes the emptied mapping as `{}`
        loc = loc_of(parent, key, of_key=True)
        if loc is None or not 0 < loc.line <= len(lines):
            return None
        first, indent = loc.line - 1, loc.col - 1
        if lines[first][:indent].strip(" "):
            return None  # `- key:` or a flow mapping: not the first thing on its line
        end = entry_end(lines, first, indent)
        if any(not line.strip() or "#" in line for line in lines[first:end]):
            return None  # comments and blank lines: ruamel and transplant place them
        spans.append((first, end))
    spans.sort()
    if any(a[1] > b[0] for a, b in pairwise(spans)):
        return None
    out: list[str] = []
    position = 0
    for first, end in spans:
        out.extend(lines[position:first])
        position = end
    out.extend(lines[position:])
    return "".join(out)
