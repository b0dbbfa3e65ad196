"""Located containers: YMap/YSeq built and read with their source positions.

Parsers return located results so later stages still point at file:line:col;
generated values point at the entry they came from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.location import NOWHERE, Loc
from orchconv.schemas import json_type
from orchconv.source.yamltree import YMap, YSeq, copy_tree

__all__ = ["container_loc", "copy_tree", "entries", "items", "new_map", "new_seq", "put",
           "set_value", "type_name"]


def new_map(loc: Loc | None) -> YMap:
    return YMap(loc or NOWHERE)


def new_seq(loc: Loc | None) -> YSeq:
    return YSeq(loc or NOWHERE)


def put(target: YMap, key: str, value: Any, loc: Loc | None = None) -> None:
    """Add a generated key: it points where its container does unless told otherwise."""
    where = loc or target.loc
    target.put(key, value, where, where)


def set_value(target: YMap, key: str, value: Any) -> None:
    """Replace a value, keeping the position of a key the user wrote."""
    if key in target and key in target.key_locs:
        target[key] = value
    else:
        put(target, key, value)


def entries(mapping: Mapping[str, Any], loc: Loc | None) -> Iterator[tuple[str, Any, Loc, Loc]]:
    """(key, value, key position, value position) for each entry."""
    if isinstance(mapping, YMap):
        for key, value in mapping.items():
            yield key, value, mapping.key_loc(key), mapping.value_loc(key)
        return
    fallback = loc or NOWHERE  # a plain mapping's entries are where it is
    for key, value in mapping.items():
        yield str(key), value, fallback, fallback


def items(seq: list[Any], loc: Loc | None) -> Iterator[tuple[Any, Loc]]:
    """(item, position) for each item."""
    if isinstance(seq, YSeq):
        if len(seq.item_locs) == len(seq):
            yield from zip(seq, seq.item_locs, strict=True)
        else:
            yield from ((value, seq.item_loc(index)) for index, value in enumerate(seq))
        return
    fallback = loc or NOWHERE
    for value in seq:
        yield value, fallback


def container_loc(value: Any, loc: Loc | None) -> Loc | None:
    return value.loc if isinstance(value, YMap | YSeq) else loc


# compose's messages name YAML's kinds where JSON Schema says integer, object, array
_YAML_KINDS = {"integer": "number", "object": "mapping", "array": "list"}


def type_name(value: Any) -> str:
    """The kind of a value, in the words compose's messages use ("mapping", "list")."""
    kind = json_type(value)
    return _YAML_KINDS.get(kind, kind)
