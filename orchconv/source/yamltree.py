"""Parse YAML into plain Python values that remember their positions.

libyaml (through PyYAML's C parser) builds the node tree with line and column
marks; this module turns it into `YMap`/`YSeq` containers.  Scalars are
resolved with YAML 1.2 core-schema rules, as go-yaml v3 (used by compose-go
and docker/cli) does, so `yes`, `on` and `8080:80` stay strings.

The walk refuses duplicate keys, alias bombs and absurd nesting, and turns
every parser error into a located `InputError`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from orchconv.errors import InputError
from orchconv.ir.location import Loc

MAX_DEPTH = 256
# An alias may repeat a subtree; past this many expanded nodes, and ten times
# the nodes actually written, the file is an alias bomb.
ALIAS_EXPANSION_FLOOR = 200_000
ALIAS_EXPANSION_RATIO = 10

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)")
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "str", "timestamp")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_PLAIN_TAG = "?plain"  # what _Composer tags an untagged plain scalar with
_UNKNOWN = object()
_new_loc = tuple.__new__  # Loc(...) without the named tuple's Python-level __new__
KEEP_TAGS = frozenset({"!reset", "!override"})


class YMap(dict[str, Any]):
    """A mapping with the position of itself, each key and each value."""

    __slots__ = ("key_locs", "loc", "tags", "val_locs")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.key_locs: dict[str, Loc] = {}
        self.val_locs: dict[str, Loc] = {}
        self.tags: dict[str, str] | None = None

    def put(self, key: str, value: Any, key_loc: Loc, val_loc: Loc) -> None:
        self[key] = value
        self.key_locs[key] = key_loc
        self.val_locs[key] = val_loc


class YSeq(list[Any]):
    """A sequence with the position of itself and each item."""

    __slots__ = ("item_locs", "loc")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.item_locs: list[Loc] = []

    def add(self, value: Any, loc: Loc) -> None:
        self.append(value)
        self.item_locs.append(loc)


def loc_of(container: object, key: str | int | None = None, *, of_key: bool = False) -> Loc | None:
    """The position of `container[key]` (or of the container), when known."""
    if isinstance(container, YMap):
        if key is None:
            return container.loc
        table = container.key_locs if of_key else container.val_locs
        return table.get(str(key), container.loc)
    if isinstance(container, YSeq):
        if isinstance(key, int) and 0 <= key < len(container.item_locs):
            return container.item_locs[key]
        return container.loc
    return None


def resolve_plain(text: str) -> Any:
    """A plain scalar's value under YAML 1.2 core rules (go-yaml v3 flavour)."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in _TRUES_FIRST:
        if text in _TRUES:
            return True
        if text in _FALSES:
            return False
    if first in _NUMERIC_FIRST:
        if _INT_RE.fullmatch(text):
            return _to_int(text)
        if _FLOAT_RE.fullmatch(text):
            return _to_float(text)
    return text


_TRUES_FIRST = frozenset("tTfF")
_NUMERIC_FIRST = frozenset("+-0123456789.")


def _to_int(text: str) -> int | str:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    body = digits.lstrip("+-")
    try:
        if len(body) > 1 and body[0] == "0" and body[1].isdigit():
            return sign * int(body, 8)  # go's ParseInt(base 0): leading zero is octal
        return sign * int(body, 0)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered.endswith("inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered.endswith("nan"):
        return float("nan")
    try:
        return float(lowered)
    except ValueError:
        return text  # "._" looks numeric to the pattern but is a string, as go-yaml reads it


class _Composer(CParser):
    """libyaml's composer with a resolver that only tells plain scalars from the rest.

    PyYAML's resolver runs a list of regular expressions on every scalar to pick
    a YAML 1.1 tag we would ignore anyway: our own YAML 1.2 rules decide what a
    plain scalar means, later and only once per distinct text.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                return _MERGE_TAG if value == "<<" else _PLAIN_TAG
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _Builder:
    """Turns one composed node tree into YMap/YSeq values."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sizes: dict[int, int] = {}
        # Projects repeat their keys and many values: resolve each text once.
        self.plain: dict[str, Any] = {}
        self.keys: dict[str, str] = {}

    def loc(self, node: Node) -> Loc:
        mark = node.start_mark
        return _new_loc(Loc, (self.file, mark.line + 1, mark.column + 1))

    def check_expansion(self, root: Node) -> None:
        distinct: set[int] = set()
        expanded = self._size(root, distinct, 0)
        if expanded > ALIAS_EXPANSION_FLOOR and expanded > ALIAS_EXPANSION_RATIO * len(distinct):
            raise InputError(
                f"aliases expand to {expanded} nodes from {len(distinct)} written: refusing a"
                " possible alias bomb",
                self.loc(root),
            )

    def _size(self, node: Node, distinct: set[int], depth: int) -> int:
        key = id(node)
        known = self.sizes.get(key)
        if known is not None:
            return known
        if depth > MAX_DEPTH:
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", self.loc(node))
        distinct.add(key)
        total = 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                total += self._size(k, distinct, depth + 1) + self._size(v, distinct, depth + 1)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += self._size(item, distinct, depth + 1)
        self.sizes[key] = total
        return total

    def build(self, node: Node) -> Any:
        return self._value(node, self.loc(node), 0)

    def _value(self, node: Node, loc: Loc, depth: int) -> Any:
        if depth >= MAX_DEPTH:  # later stages recurse too: stop here, located
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", loc)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth + 1)
        if isinstance(node, SequenceNode):
            return self.sequence(node, loc, depth + 1)
        raise InputError("unsupported YAML node", loc)  # pragma: no cover

    def sequence(self, node: SequenceNode, loc: Loc, depth: int) -> YSeq:
        file = self.file
        seq = YSeq(loc)
        item_locs = seq.item_locs
        for item in node.value:
            mark = item.start_mark
            item_loc = _new_loc(Loc, (file, mark.line + 1, mark.column + 1))
            seq.append(self.scalar(item) if type(item) is ScalarNode
                       else self._value(item, item_loc, depth))
            item_locs.append(item_loc)
        return seq

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        if tag is _PLAIN_TAG or tag == _PLAIN_TAG:
            known = self.plain.get(value, _UNKNOWN)
            if known is _UNKNOWN:
                known = self.plain[value] = resolve_plain(value)
            return known
        if node.style or tag == _STR_TAG:
            return value  # quoted, block, or tagged !!str: always text
        if tag in _IMPLICIT_TAGS or tag in KEEP_TAGS:
            return resolve_plain(value)  # `!!int 0x1F`, `!reset 5`
        return value

    def key(self, node: Node, loc: Loc) -> str:
        if node.__class__ is not ScalarNode:
            raise InputError("mapping keys must be scalars", loc)
        text: str = node.value
        plain = node.tag is _PLAIN_TAG or node.tag == _PLAIN_TAG
        if plain:
            known = self.keys.get(text)
            if known is not None:
                return known
        value = self.scalar(node)
        if value is None:
            key = "null" if text else ""
        elif isinstance(value, bool):
            key = "true" if value else "false"
        else:
            key = value if isinstance(value, str) else str(value)
        if plain:
            self.keys[text] = key
        return key

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> YMap:
        file = self.file
        result = YMap(loc)
        key_locs = result.key_locs
        val_locs = result.val_locs
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.append(value_node)
                continue
            mark = key_node.start_mark
            key_loc = _new_loc(Loc, (file, mark.line + 1, mark.column + 1))
            key = self.key(key_node, key_loc)
            if key in result:
                raise InputError(f"duplicate key {key!r}", key_loc)
            mark = value_node.start_mark
            val_loc = _new_loc(Loc, (file, mark.line + 1, mark.column + 1))
            result[key] = (self.scalar(value_node) if type(value_node) is ScalarNode
                           else self._value(value_node, val_loc, depth))
            key_locs[key] = key_loc
            val_locs[key] = val_loc
            if value_node.tag in KEEP_TAGS:
                if result.tags is None:
                    result.tags = {}
                result.tags[key] = value_node.tag
        for source in merged:
            self.merge_into(result, source, depth)
        return result

    def merge_into(self, target: YMap, source: Node, depth: int) -> None:
        """YAML merge keys: keys written in the mapping win over merged ones."""
        sources = source.value if isinstance(source, SequenceNode) else [source]
        for item in sources:
            if not isinstance(item, MappingNode):
                raise InputError("a merge key (<<) needs a mapping or a list of mappings",
                                 self.loc(item))
            built = self.mapping(item, self.loc(item), depth)
            for key, value in built.items():
                if key not in target:
                    target.put(key, value, built.key_locs[key], built.val_locs[key])


def _located_yaml_error(error: yaml.YAMLError, file: str) -> InputError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return InputError(message, Loc(file))
    return InputError(message, Loc(file, mark.line + 1, mark.column + 1))


_BRACKETS = re.compile(r"[\[\]{}]")
# Indentation, and compact block collections (`- - - x`, `? ? x`) that nest
# without indenting: either way, far past MAX_DEPTH levels before the content.
_DEEP_INDENT = re.compile(rf"(?:[-?:]?[ \t]){{{4 * MAX_DEPTH},}}\S")
_DEEP_CANDIDATE = re.compile(rf"^[-?: \t]{{{4 * MAX_DEPTH},}}", re.MULTILINE)  # a fast filter


def _check_nesting(text: str, file: str) -> None:
    """Refuse absurd nesting before libyaml's recursive composer can overflow the C stack."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = 0
        for bracket in _BRACKETS.finditer(text):
            depth += 1 if bracket.group() in "[{" else -1
            if depth > MAX_DEPTH:
                offset = bracket.start()
                line_start = text.rfind("\n", 0, offset) + 1
                where = Loc(file, text.count("\n", 0, offset) + 1, offset - line_start + 1)
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels", where)
    for candidate in _DEEP_CANDIDATE.finditer(text):
        if _DEEP_INDENT.match(text, candidate.start()):
            line = text.count("\n", 0, candidate.start()) + 1
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", Loc(file, line, 1))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Node trees are acyclic and large: pausing the cyclic collector halves parse time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compose_all(text: str) -> list[Node]:
    composer = _Composer(text)
    try:
        nodes: list[Node] = []
        while composer.check_node():
            node = composer.get_node()
            if node is not None:
                nodes.append(node)
        return nodes
    finally:
        composer.dispose()


def parse_documents(text: str, file: str) -> Iterator[tuple[Any, Loc]]:
    """Every document of a YAML stream as located values, with its start position."""
    with _no_cyclic_gc():
        return iter(list(_parse_documents(text, file)))


def _parse_documents(text: str, file: str) -> Iterator[tuple[Any, Loc]]:
    builder = _Builder(file)
    _check_nesting(text, file)
    may_alias = "*" in text  # without an alias no subtree can repeat
    try:
        nodes = _compose_all(text)
    except yaml.YAMLError as error:
        raise _located_yaml_error(error, file) from None
    except RecursionError:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", Loc(file)) from None
    for node in nodes:
        if node is None:
            continue
        if may_alias:
            builder.check_expansion(node)
        try:
            value = builder.build(node)
        except RecursionError:
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", builder.loc(node)) from None
        yield value, builder.loc(node)


def parse_document(text: str, file: str) -> Any:
    """The single document of a YAML file; an empty file is an error."""
    documents = list(parse_documents(text, file))
    if not documents:
        raise InputError("empty file: no YAML document", Loc(file, 1, 1))
    if len(documents) > 1:
        raise InputError("expected one YAML document, found several", documents[1][1])
    return documents[0][0]
