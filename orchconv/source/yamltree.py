"""Parse YAML into the located tree: plain Python values that remember their positions.

libyaml (through PyYAML's C parser) gives the events with line and column marks
(yamlevents.py); this module builds `YMap`/`YSeq` containers (tree.py) from them.
Scalars are resolved with YAML 1.2 core-schema rules, as go-yaml v3 (used by
compose-go and docker/cli) does, so `yes`, `on` and `8080:80` stay strings (scalars.py).

The walk refuses duplicate keys, alias bombs and absurd nesting, and turns
every parser error into a located `InputError`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.scalars import resolve_plain
from orchconv.source.tree import (
    Positions,
    YMap,
    YSeq,
    copy_tree,
    loc_of,
    map_strings,
    packed_map,
    walk,
)
from orchconv.source.yamlevents import (
    EXPANSION_FLOOR_CHARS,
    EXPANSION_FLOOR_NODES,
    EXPANSION_MAX_NODES,
    EXPANSION_RATIO,
    MAX_DEPTH,
    Events,
    new_loc,
)

__all__ = [
    "EXPANSION_FLOOR_CHARS", "EXPANSION_FLOOR_NODES", "EXPANSION_MAX_NODES", "EXPANSION_RATIO",
    "KEEP_TAGS", "MAX_DEPTH", "PACKED_KEYS", "YMap", "YSeq", "check_expansion", "copy_tree",
    "loc_of", "map_strings", "parse_document", "parse_documents", "resolve_plain", "walk",
]

_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("null", "bool", "int", "float", "str", "timestamp")
)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_UNKNOWN = object()
KEEP_TAGS = frozenset({"!reset", "!override"})
PACKED_KEYS = 32  # mappings up to this many keys keep their positions packed


def _plain(event: Any) -> bool:
    """An untagged plain scalar: our YAML 1.2 rules decide what it means."""
    tag = event.tag
    return (tag is None or tag == "!") and bool(event.implicit[0])


class _Builder:
    """Turns the events of a YAML stream into YMap/YSeq values."""

    def __init__(self, events: Events) -> None:
        self.events = events
        self.file = events.file
        self.lines = events.lines
        # Projects repeat their keys and many values: resolve each text once.
        self.plain: dict[str, Any] = {}
        self.keys: dict[str, str] = {}
        self.positions = Positions(self.file, self.lines)

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
            item_loc = new_loc(Loc, (file, lines[mark.line], mark.column + 1))
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
        result = packed_map(loc, (), self.positions, 0)
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
                val_loc = new_loc(Loc, (file, lines[mark.line], mark.column + 1))
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
            result.pack(tuple(keys), self.positions, len(self.positions.ints))
            self.positions.ints.extend(ints)
            return
        file = self.file
        lines = self.lines
        key_locs: dict[str, Loc] = {}
        val_locs: dict[str, Loc] = {}
        for index, key in enumerate(keys):
            at = 4 * index
            key_locs[key] = new_loc(Loc, (file, lines[ints[at] - 1], ints[at + 1]))
            val_locs[key] = new_loc(Loc, (file, lines[ints[at + 2] - 1], ints[at + 3]))
        result.place(key_locs, val_locs)

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
                    target.put(key, value, item.key_loc(key), item.value_loc(key))


def _located_yaml_error(error: yaml.YAMLError, file: str) -> InputError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return InputError(message, Loc(file))
    return InputError(message, Loc(file, mark.line + 1, mark.column + 1))


@cache
def _brackets() -> re.Pattern[str]:
    return re.compile(r"[\[\]{}]")


# Indentation, and compact block collections (`- - - x`, `? ? x`) that nest
# without indenting: either way, far past MAX_DEPTH levels before the content.
@cache
def _deep_indent() -> re.Pattern[str]:
    return re.compile(rf"(?:[-?:]?[ \t]){{{4 * MAX_DEPTH},}}\S")


_DEEP_CANDIDATE = re.compile(rf"^[-?: \t]{{{4 * MAX_DEPTH},}}", re.MULTILINE)  # a fast filter


def _check_nesting(text: str, file: str) -> None:
    """Refuse absurd nesting before libyaml's recursive composer can overflow the C stack."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = 0
        for bracket in _brackets().finditer(text):
            depth += 1 if bracket.group() in "[{" else -1
            if depth > MAX_DEPTH:
                offset = bracket.start()
                line_start = text.rfind("\n", 0, offset) + 1
                where = Loc(file, text.count("\n", 0, offset) + 1, offset - line_start + 1)
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels", where)
    for candidate in _DEEP_CANDIDATE.finditer(text):
        if _deep_indent().match(text, candidate.start()):
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
    events = Events(CParser(text), text, file)
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
    events = Events(CParser(text), text, file)
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
