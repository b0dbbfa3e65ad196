"""Fixes applied as line edits, without ruamel.yaml.

For plain block YAML (the entries a fix touches start their lines and hold no
comment and no blank line; the file has no anchor, alias, tag, tab, flow
mapping or null written out) the round trip's result is known line by line:
fix.transplant keeps every untouched line byte for byte and indents new lines
like their siblings, a nested level one mapping step (guess_indentation)
deeper.  So `remove-key` deletes the entry's lines, `set-key` of a block
collection to a flow list of names rewrites them as one line, and
`move-restart-to-deploy` deletes the `restart` line and writes the policy at
the end of `deploy` (or a new `deploy` in its place): no ruamel import, no
line diff.  Anything else returns None and the caller takes the round trip;
tests/lint/test_fix_textedit.py checks that both give the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from orchconv.lint.fixscope import ALIAS_OR_ANCHOR, Unique, entry_end

# `${VAR}` is interpolation and `{}` an empty mapping, neither a flow mapping with keys
_FLOW_MAPPING = re.compile(r"(?<!\$)\{(?!\})")
# ruamel writes a null `key:`, and the round trip then rewrites such a line near the
# edit; a line edit would keep it, so these files keep the round trip's result
_WRITTEN_NULL = re.compile(r"(?m)[:-][ \t]+(?:null|Null|NULL|~)[ \t]*(?:#.*)?\r?$")
_NAME = r"[A-Za-z][A-Za-z0-9_.-]*"
_FLOW_NAMES = re.compile(rf"\[(?:{_NAME}(?:, {_NAME})*)?\]")  # as flow_list writes names
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})

Span = tuple[int, int, list[str]]  # lines[first:end] become these


class _Declined(Exception):
    """This fix is not plain enough for a line edit: the round trip does it."""


@dataclass
class _File:
    """The file being edited: its lines, its newline and its text as read."""

    lines: list[str]
    newline: str
    text: str
    _step: int | None = None
    emptied: Counter[int] = field(default_factory=Counter)  # keys removed per mapping

    @property
    def step(self) -> int:
        """The mapping indent ruamel writes nested levels with."""
        if self._step is None:
            from orchconv.lint.fix import guess_indentation

            self._step = guess_indentation(self.text)[0]
        return self._step

    def entry(self, parent: Any, key: str) -> tuple[int, int, int]:
        """(first line index, end, indent) of `key`'s entry in block mapping `parent`."""
        from orchconv.source.yamltree import YMap, loc_of

        if not isinstance(parent, YMap) or key not in parent:
            raise _Declined
        loc = loc_of(parent, key, of_key=True)
        if loc is None or not 0 < loc.line <= len(self.lines):
            raise _Declined
        first, indent = loc.line - 1, loc.col - 1
        line = self.lines[first]
        if line[:indent].strip(" ") or not line[indent:].startswith(key + ":"):
            raise _Declined  # `- key:`, a flow mapping or a quoted key
        end = entry_end(self.lines, first, indent)
        if any(not other.strip() or "#" in other for other in self.lines[first:end]):
            raise _Declined  # comments and blank lines: ruamel and transplant place them
        return first, end, indent

    def remove(self, parent: Any, key: str) -> Span:
        first, end, _ = self.entry(parent, key)
        self.emptied[id(parent)] += 1
        if self.emptied[id(parent)] >= len(parent):
            raise _Declined  # ruamel writes the emptied mapping as `{}`
        return first, end, []

    def line(self, indent: int, content: str) -> str:
        return " " * indent + content + self.newline


def _resolve(root: Any, path: Sequence[str | int]) -> Any:
    from orchconv.source.yamltree import YMap, YSeq

    node = root
    for part in path:
        in_map = isinstance(node, YMap) and isinstance(part, str) and part in node
        in_list = isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_map or in_list):
            raise _Declined
        node = node[part]
    return node


def _remove_key(file: _File, root: Any, path: tuple[str | int, ...],
                arguments: Mapping[str, str]) -> list[Span]:
    key = path[-1]
    if not isinstance(key, str):
        raise _Declined
    return [file.remove(_resolve(root, path[:-1]), key)]


def _set_key(file: _File, root: Any, path: tuple[str | int, ...],
             arguments: Mapping[str, str]) -> list[Span]:
    """A block collection replaced by a flow list of names (stack-long-depends-on)."""
    from orchconv.source.yamltree import YMap, YSeq

    parent, key, value = _resolve(root, path[:-1]), path[-1], arguments.get("value", "")
    if not isinstance(key, str) or not _FLOW_NAMES.fullmatch(value):
        raise _Declined
    if any(name.lower() in _RESERVED for name in value[1:-1].split(", ") if name):
        raise _Declined
    first, end, indent = file.entry(parent, key)
    if not isinstance(parent[key], YMap | YSeq) or end - first < 2 or not parent[key]:
        raise _Declined  # a scalar, or a flow collection: ruamel compares values
    return [(first, end, [file.line(indent, f"{key}: {value}")])]


def _move_restart(file: _File, root: Any, path: tuple[str | int, ...],
                  arguments: Mapping[str, str]) -> list[Span]:
    from orchconv.lint.fix import swarm_restart_policy
    from orchconv.source.yamltree import YMap

    service, key = _resolve(root, path[:-1]), path[-1]
    if not isinstance(key, str):
        raise _Declined
    first, end, indent = file.entry(service, key)
    restart = service[key]
    if end != first + 1 or not isinstance(restart, str) or not _KEY.fullmatch(
            restart.replace(":", "")):
        raise _Declined
    deploy = service.get("deploy")
    if isinstance(deploy, YMap) and "restart_policy" in deploy:
        return [file.remove(service, key)]  # docker/cli ignores `restart` then
    policy = swarm_restart_policy(restart)
    if policy is None:
        return []  # the edit leaves an invalid value alone
    step = file.step
    if deploy is None and "deploy" not in service:
        block = [file.line(indent, "deploy:"), file.line(indent + step, "restart_policy:")]
        block += [file.line(indent + 2 * step, f"{name}: {value}")
                  for name, value in policy.items()]
        return [(first, end, block)]
    if not isinstance(deploy, YMap) or not deploy:
        raise _Declined
    _, deploy_end, _ = file.entry(service, "deploy")
    last = list(deploy)[-1]
    _, _, child = file.entry(deploy, last)
    inserted = [file.line(child, "restart_policy:")]
    inserted += [file.line(child + step, f"{name}: {value}") for name, value in policy.items()]
    return [file.remove(service, key), (deploy_end, deploy_end, inserted)]


_PLANNERS: dict[str, Callable[[_File, Any, tuple[str | int, ...], Mapping[str, str]],
                              list[Span]]] = {
    "remove-key": _remove_key,
    "set-key": _set_key,
    "move-restart-to-deploy": _move_restart,
}


def apply_line_edits(text: str, unique: Sequence[Unique]) -> str | None:
    """`text` with the fixes applied as line edits; None when any of them is not plain
    enough, and the round trip must do them all."""
    from orchconv.errors import OrchconvError
    from orchconv.source.yamltree import parse_documents

    if not unique or any(name not in _PLANNERS for _, _, name, _ in unique):
        return None
    if (ALIAS_OR_ANCHOR.search(text) or "\t" in text or _FLOW_MAPPING.search(text)
            or _WRITTEN_NULL.search(text)):
        return None
    try:
        documents = [data for data, _ in parse_documents(text, "<fix>")]
    except OrchconvError:
        return None
    lines = text.splitlines(keepends=True)
    file = _File(lines, "\r\n" if "\r\n" in text else "\n", text)
    spans: list[Span] = []
    try:
        for document, path, name, arguments in unique:
            if not 0 <= document < len(documents) or not path:
                raise _Declined
            spans.extend(_PLANNERS[name](file, documents[document], path, dict(arguments)))
    except _Declined:
        return None
    spans.sort(key=lambda span: (span[0], span[1]))
    for a, b in pairwise(spans):
        if a[1] > b[0] or (a[1] == b[0] and (a[0] == a[1] or b[0] == b[1])):
            return None  # overlapping, or an insertion touching another edit
    out: list[str] = []
    position = 0
    for first, end, replacement in spans:
        out.extend(lines[position:first])
        out.extend(replacement)
        position = end
    out.extend(lines[position:])
    return "".join(out)


def remove_keys(text: str, unique: Sequence[Unique]) -> str | None:
    """apply_line_edits for `remove-key` fixes alone (None for any other edit)."""
    if any(name != "remove-key" for _, _, name, _ in unique):
        return None
    return apply_line_edits(text, unique)
