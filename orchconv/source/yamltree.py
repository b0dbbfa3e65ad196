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
from array import array
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from orchconv.errors import InputError
from orchconv.ir.location import Loc

MAX_DEPTH = 256
# An alias repeats a subtree.  What the aliases make the document (nodes, and
# characters of scalar text) may be this many times what the file writes, past
# a floor that any hand-written file stays under; beyond that it is an alias bomb.
EXPANSION_RATIO = 10
EXPANSION_FLOOR_NODES = 200_000
EXPANSION_FLOOR_CHARS = 4 * 1024 * 1024
# Whatever the file's size: the nodes of the largest input we accept (see source/limits.py).
EXPANSION_MAX_NODES = 20_000_000

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
_UNKNOWN = object()
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # what libyaml counts as one
_new_loc = tuple.__new__  # Loc(...) without the named tuple's Python-level __new__
KEEP_TAGS = frozenset({"!reset", "!override"})
PACKED_KEYS = 32  # mappings up to this many keys keep their positions packed


class _Positions:
    """The positions of one file's parsed mappings, packed: four ints an entry (key line and
    column, value line and column).  A `Loc` takes 64 bytes and a dict entry per table
    more; most positions are never asked for."""

    __slots__ = ("file", "ints", "lines")

    def __init__(self, file: str, lines: list[int]) -> None:
        self.file = file
        self.ints = array("I")
        self.lines = lines  # the parser's one int object per line, shared by the Locs made

    def loc(self, at: int) -> Loc:
        ints = self.ints
        return _new_loc(Loc, (self.file, self.lines[ints[at] - 1], ints[at + 1]))

    def __copy__(self) -> _Positions:
        return self  # written once, while parsing: copies of the tree share it

    def __deepcopy__(self, memo: dict[int, Any]) -> _Positions:
        return self


class YMap(dict[str, Any]):
    """A mapping with the position of itself, each key and each value.

    A parsed mapping keeps its keys' and values' positions packed (`_Positions`);
    `key_locs` and `val_locs` read them as `Loc`s, and the first change to either
    turns both into plain dicts.
    """

    __slots__ = ("_base", "_key_locs", "_keys", "_positions", "_val_locs", "loc", "tags")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self._key_locs: dict[str, Loc] | None = {}
        self._val_locs: dict[str, Loc] | None = {}
        self._keys: tuple[str, ...] = ()
        self._positions: _Positions | None = None
        self._base = 0
        self.tags: dict[str, str] | None = None

    @property
    def key_locs(self) -> MutableMapping[str, Loc]:
        table = self._key_locs
        return table if table is not None else _PackedLocs(self, 0)

    @property
    def val_locs(self) -> MutableMapping[str, Loc]:
        table = self._val_locs
        return table if table is not None else _PackedLocs(self, 2)

    def copy_shell(self) -> YMap:
        """An empty mapping at this one's position, for a copy that sets every key of this
        one in its order: it shares this one's packed positions instead of making `Loc`s."""
        if self._key_locs is None and tuple(self) == self._keys:
            return _packed_map(self.loc, self._keys, self._positions, self._base)  # type: ignore[arg-type]
        own, key_locs, val_locs = self.loc, self.key_locs, self.val_locs
        result = YMap(own)
        result._key_locs = {key: key_locs.get(key, own) for key in self}
        result._val_locs = {key: val_locs.get(key, own) for key in self}
        return result

    def put(self, key: str, value: Any, key_loc: Loc, val_loc: Loc) -> None:
        self[key] = value
        key_locs, val_locs = self._tables()
        key_locs[key] = key_loc
        val_locs[key] = val_loc

    def _tables(self) -> tuple[dict[str, Loc], dict[str, Loc]]:
        """The position tables as plain dicts, unpacked on the first change."""
        key_locs, val_locs = self._key_locs, self._val_locs
        if key_locs is None or val_locs is None:
            positions = self._positions
            assert positions is not None
            at = range(self._base, self._base + 4 * len(self._keys), 4)
            key_locs = {key: positions.loc(i) for key, i in zip(self._keys, at, strict=True)}
            val_locs = {key: positions.loc(i + 2) for key, i in zip(self._keys, at, strict=True)}
            self._key_locs, self._val_locs = key_locs, val_locs
            self._keys, self._positions = (), None
        return key_locs, val_locs


def _packed_map(loc: Loc, keys: tuple[str, ...], positions: _Positions, base: int) -> YMap:
    """A parsed mapping whose positions are `positions.ints[base:]`, four per key."""
    result = YMap.__new__(YMap)
    result.loc = loc
    result._key_locs = result._val_locs = None
    result._keys, result._positions, result._base = keys, positions, base
    result.tags = None
    return result


class _PackedLocs(MutableMapping[str, Loc]):
    """`key_locs` (at 0) or `val_locs` (at 2) of a mapping whose positions are packed."""

    __slots__ = ("_at", "_map")

    def __init__(self, mapping: YMap, at: int) -> None:
        self._map = mapping
        self._at = at

    def _plain(self) -> dict[str, Loc] | None:
        mapping = self._map
        return mapping._key_locs if self._at == 0 else mapping._val_locs

    def _find(self, key: object) -> Loc | None:
        mapping = self._map
        try:
            index = mapping._keys.index(key)
        except ValueError:
            return None
        positions = mapping._positions
        assert positions is not None
        return positions.loc(mapping._base + 4 * index + self._at)

    def __getitem__(self, key: str) -> Loc:
        plain = self._plain()
        if plain is not None:
            return plain[key]
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        plain = self._plain()
        if plain is not None:
            return plain.get(key, default)
        found = self._find(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        plain = self._plain()
        return key in (plain if plain is not None else self._map._keys)

    def __iter__(self) -> Iterator[str]:
        plain = self._plain()
        return iter(plain if plain is not None else self._map._keys)

    def __len__(self) -> int:
        plain = self._plain()
        return len(plain if plain is not None else self._map._keys)

    def __setitem__(self, key: str, value: Loc) -> None:
        self._map._tables()[self._at // 2][key] = value

    def __delitem__(self, key: str) -> None:
        del self._map._tables()[self._at // 2][key]

    def __repr__(self) -> str:
        return repr(dict(self.items()))


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


@dataclass(eq=False)
class _Anchor:
    """An anchored node: its events, and what one alias to it adds to the document."""

    mark: Any
    depth: int
    events: list[Any]
    nodes: int
    chars: int
    complete: bool = True


class _Events:
    """libyaml's events, with anchored nodes replayed for their aliases.

    The builder reads events rather than a composed node tree: the node tree
    of a large file took more memory than the values built from it.  Every
    anchored node's events are kept (aliases inside it stay aliases) with the
    size they expand to, so an alias is weighed before it is replayed.
    """

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.parser = CParser(text)
        self.replays: list[Iterator[Any]] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open: list[_Anchor] = []  # anchored collections whose events are still coming
        self.depth = 0
        # What building the stream makes: nodes and characters of scalar text.
        self.nodes = 0
        self.chars = 0
        self.written_nodes = 0
        self.char_budget = max(EXPANSION_FLOOR_CHARS, EXPANSION_RATIO * len(text))
        self.enforce = True
        # One int object per line, shared by the positions on it: a large file's
        # positions would otherwise each hold their own.
        breaks = sum(text.count(mark) for mark in _LINE_BREAKS)  # at least libyaml's lines
        self.lines = list(range(1, breaks + 2))

    def dispose(self) -> None:
        self.parser.dispose()

    def next(self) -> Any:
        replays = self.replays
        while replays:
            event = next(replays[-1], None)
            if event is not None:
                return event  # weighed when its alias was
            replays.pop()
        event = self.parser.get_event()
        self._account(event)
        return event

    def resolve(self, event: Any) -> Any:
        """The event itself, or for an alias the first event of the node it names."""
        if event.__class__ is not AliasEvent:
            return event
        self.replays.append(iter(self.anchors[event.anchor or ""].events))  # known: accounted
        return self.next()

    def drain(self) -> None:
        """Read the rest of the stream so that its syntax errors come first, as before."""
        self.enforce = False
        self.replays.clear()
        while self.next().__class__ is not StreamEndEvent:
            pass

    def _account(self, event: Any) -> None:
        cls = event.__class__
        if cls is ScalarEvent:
            nodes, chars = 1, len(event.value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes, chars = 1, 0
        elif cls is AliasEvent:
            nodes, chars = self._alias(event)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            self.depth -= 1
            for anchor in self.open:
                anchor.events.append(event)
            while self.open and self.open[-1].depth == self.depth:
                self.open.pop().complete = True
            return
        else:
            if cls is DocumentEndEvent:
                self.anchors.clear()  # anchors name nodes of their own document only
            return
        self.nodes += nodes
        self.chars += chars
        if cls is not AliasEvent:
            self.written_nodes += 1
        for anchor in self.open:
            anchor.events.append(event)
            anchor.nodes += nodes
            anchor.chars += chars
        name = event.anchor if cls is not AliasEvent else None
        if name is not None:
            self._define(name, event, nodes, chars)
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            self.depth += 1

    def _define(self, name: str, event: Any, nodes: int, chars: int) -> None:
        known = self.anchors.get(name)
        if known is not None:
            raise ComposerError("found duplicate anchor; first occurrence", known.mark,
                                "second occurrence", event.start_mark)
        anchor = _Anchor(event.start_mark, self.depth, [event], nodes, chars)
        self.anchors[name] = anchor
        if event.__class__ is not ScalarEvent:
            self.open.append(anchor)
            anchor.complete = False

    def _alias(self, event: Any) -> tuple[int, int]:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise ComposerError(None, None, "found undefined alias", event.start_mark)
        if not self.enforce:
            return 0, 0
        if not anchor.complete:  # the alias sits inside the node it names: endless
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", self.loc(anchor.mark))
        nodes = self.nodes + anchor.nodes
        chars = self.chars + anchor.chars
        node_budget = min(EXPANSION_MAX_NODES,
                          max(EXPANSION_FLOOR_NODES, EXPANSION_RATIO * self.written_nodes))
        if nodes > node_budget:
            self._refuse(event, f"{node_budget} nodes ({EXPANSION_RATIO} times the nodes the"
                                f" file writes, at least {EXPANSION_FLOOR_NODES})")
        if chars > self.char_budget:
            self._refuse(event, f"{self.char_budget} characters of text ({EXPANSION_RATIO} times"
                                f" the file's size, at least {EXPANSION_FLOOR_CHARS})")
        return anchor.nodes, anchor.chars

    def _refuse(self, alias: Any, budget: str) -> None:
        raise InputError(f"aliases expand the document past {budget}: refusing a possible"
                         " alias bomb", self.loc(alias.start_mark))

    def loc(self, mark: Any) -> Loc:
        return _new_loc(Loc, (self.file, self.lines[mark.line], mark.column + 1))


def _plain(event: Any) -> bool:
    """An untagged plain scalar: our YAML 1.2 rules decide what it means."""
    tag = event.tag
    return (tag is None or tag == "!") and bool(event.implicit[0])


class _Builder:
    """Turns the events of a YAML stream into YMap/YSeq values."""

    def __init__(self, events: _Events) -> None:
        self.events = events
        self.file = events.file
        self.lines = events.lines
        # Projects repeat their keys and many values: resolve each text once.
        self.plain: dict[str, Any] = {}
        self.keys: dict[str, str] = {}
        self.positions = _Positions(self.file, self.lines)

    def documents(self) -> Iterator[tuple[Any, Loc]]:
        events = self.events
        events.next()  # the stream's start
        while events.next().__class__ is not StreamEndEvent:  # a document's start
            first = events.resolve(events.next())
            loc = events.loc(first.start_mark)
            value = self._value(first, loc, 0)
            events.next()  # the document's end
            yield value, loc

    def _value(self, event: Any, loc: Loc, depth: int) -> Any:
        if depth >= MAX_DEPTH:  # later stages recurse too: stop here, located
            raise InputError(f"nesting deeper than {MAX_DEPTH} levels", loc)
        cls = event.__class__
        if cls is ScalarEvent:
            return self.scalar(event)
        if cls is MappingStartEvent:
            return self.mapping(loc, depth + 1)
        if cls is SequenceStartEvent:
            return self.sequence(loc, depth + 1)
        raise InputError("unsupported YAML node", loc)  # pragma: no cover

    def sequence(self, loc: Loc, depth: int) -> YSeq:
        file = self.file
        lines = self.lines
        events = self.events
        seq = YSeq(loc)
        item_locs = seq.item_locs
        while True:
            item = events.next()
            if item.__class__ is AliasEvent:
                item = events.resolve(item)
            cls = item.__class__
            if cls is SequenceEndEvent:
                return seq
            mark = item.start_mark
            item_loc = _new_loc(Loc, (file, lines[mark.line], mark.column + 1))
            seq.append(self.scalar(item) if cls is ScalarEvent
                       else self._value(item, item_loc, depth))
            item_locs.append(item_loc)

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted or block: always text
            known = self.plain.get(value, _UNKNOWN)
            if known is _UNKNOWN:
                known = self.plain[value] = resolve_plain(value)
            return known
        if event.style or tag == _STR_TAG:
            return value  # quoted, block, or tagged !!str: always text
        if tag in _IMPLICIT_TAGS or tag in KEEP_TAGS:
            return resolve_plain(value)  # `!!int 0x1F`, `!reset 5`
        return value

    def key(self, event: Any) -> str:
        if event.__class__ is not ScalarEvent:
            raise InputError("mapping keys must be scalars", self.events.loc(event.start_mark))
        text: str = event.value
        plain = _plain(event)
        if plain:
            known = self.keys.get(text)
            if known is not None:
                return known
        value = self.scalar(event)
        if value is None:
            key = "null" if text else ""
        elif isinstance(value, bool):
            key = "true" if value else "false"
        else:
            key = value if isinstance(value, str) else str(value)
        if plain:
            self.keys[text] = key
        return key

    def mapping(self, loc: Loc, depth: int) -> YMap:
        file = self.file
        lines = self.lines
        events = self.events
        result = _packed_map(loc, (), self.positions, 0)
        keys: list[str] = []
        ints: list[int] = []  # key line, key column, value line, value column, per key
        merged: list[tuple[Any, Loc]] = []
        while True:
            key_event = events.next()
            if key_event.__class__ is AliasEvent:
                key_event = events.resolve(key_event)
            if key_event.__class__ is MappingEndEvent:
                break
            key_mark = key_event.start_mark
            if key_event.__class__ is ScalarEvent and key_event.value == "<<" and (
                    _plain(key_event) or key_event.tag == _MERGE_TAG):
                value_event = events.resolve(events.next())
                merge_loc = events.loc(value_event.start_mark)
                merged.append((self._value(value_event, merge_loc, depth), merge_loc))
                continue
            key = self.key(key_event)
            if key in result:
                raise InputError(f"duplicate key {key!r}", events.loc(key_mark))
            value_event = events.next()
            if value_event.__class__ is AliasEvent:
                value_event = events.resolve(value_event)
            mark = value_event.start_mark
            if value_event.__class__ is ScalarEvent:
                result[key] = self.scalar(value_event)
            else:
                val_loc = _new_loc(Loc, (file, lines[mark.line], mark.column + 1))
                result[key] = self._value(value_event, val_loc, depth)
            keys.append(key)
            ints += (key_mark.line + 1, key_mark.column + 1, mark.line + 1, mark.column + 1)
            tag = value_event.tag
            if tag is not None and tag in KEEP_TAGS:
                if result.tags is None:
                    result.tags = {}
                result.tags[key] = tag
        self.pack(result, keys, ints)
        for source, source_loc in merged:
            self.merge_into(result, source, source_loc)
        return result

    def pack(self, result: YMap, keys: list[str], ints: list[int]) -> None:
        """Store the mapping's positions: packed, or as dicts when it is large (looking a
        key up in a packed mapping goes through its keys)."""
        if len(keys) <= PACKED_KEYS:
            result._keys = tuple(keys)
            result._base = len(self.positions.ints)
            self.positions.ints.extend(ints)
            return
        file = self.file
        lines = self.lines
        key_locs: dict[str, Loc] = {}
        val_locs: dict[str, Loc] = {}
        for index, key in enumerate(keys):
            at = 4 * index
            key_locs[key] = _new_loc(Loc, (file, lines[ints[at] - 1], ints[at + 1]))
            val_locs[key] = _new_loc(Loc, (file, lines[ints[at + 2] - 1], ints[at + 3]))
        result._key_locs, result._val_locs, result._positions = key_locs, val_locs, None

    def merge_into(self, target: YMap, source: Any, loc: Loc) -> None:
        """YAML merge keys: keys written in the mapping win over merged ones."""
        items = zip(source, source.item_locs, strict=True) if isinstance(source, YSeq) \
            else [(source, loc)]
        for item, item_loc in items:
            if not isinstance(item, YMap):
                raise InputError("a merge key (<<) needs a mapping or a list of mappings",
                                 item_loc)
            for key, value in item.items():
                if key not in target:
                    target.put(key, value, item.key_locs[key], item.val_locs[key])


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


def parse_documents(text: str, file: str) -> Iterator[tuple[Any, Loc]]:
    """Every document of a YAML stream as located values, with its start position."""
    with _no_cyclic_gc():
        return iter(_parse_documents(text, file))


def _parse_documents(text: str, file: str) -> list[tuple[Any, Loc]]:
    _check_nesting(text, file)
    events = _Events(text, file)
    try:
        try:
            return list(_Builder(events).documents())
        except InputError:
            events.drain()  # a syntax error anywhere in the stream is the one to report
            raise
    except yaml.YAMLError as error:
        raise _located_yaml_error(error, file) from None
    except RecursionError:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", Loc(file)) from None
    finally:
        events.dispose()


def check_expansion(text: str, file: str) -> None:
    """Refuse an alias bomb, for readers that build their values some other way.

    Syntax errors are left to that reader: it reports them in its own words.
    """
    if "*" not in text:
        return  # without an alias no node can repeat
    events = _Events(text, file)
    try:
        while events.next().__class__ is not StreamEndEvent:
            pass
    except yaml.YAMLError:
        return
    finally:
        events.dispose()


def parse_document(text: str, file: str) -> Any:
    """The single document of a YAML file; an empty file is an error."""
    documents = list(parse_documents(text, file))
    if not documents:
        raise InputError("empty file: no YAML document", Loc(file, 1, 1))
    if len(documents) > 1:
        raise InputError("expected one YAML document, found several", documents[1][1])
    return documents[0][0]
