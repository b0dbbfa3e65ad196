"""Located containers: YMap/YSeq built and read with their source positions.

Parsers return located results so later stages still point at file:line:col;
generated values point at the entry they came from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.ir.location import NOWHERE, Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of


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


def copy_tree(value: Any, loc: Loc | None = None) -> Any:
    """A deep copy as YMap/YSeq; plain containers get `loc` for every position."""
    if isinstance(value, YMap):
        return _copy_map(value)
    if isinstance(value, YSeq):
        return _copy_seq(value)
    if isinstance(value, Mapping):
        result = new_map(value.loc if isinstance(value, YMap) else loc)
        for key, item, key_loc, val_loc in entries(value, loc):
            result.put(key, copy_tree(item, val_loc), key_loc, val_loc)
        if isinstance(value, YMap) and value.tags:
            result.tags = dict(value.tags)
        return result
    if isinstance(value, list):
        seq = new_seq(value.loc if isinstance(value, YSeq) else loc)
        for item, item_loc in items(value, loc):
            seq.add(copy_tree(item, item_loc), item_loc)
        return seq
    return value


def _copy_map(value: YMap) -> YMap:
    """copy_tree of a located mapping: the hot path of normalisation, kept lean."""
    own = value.loc
    result = YMap(own)
    key_locs, val_locs = value.key_locs, value.val_locs
    new_key_locs, new_val_locs = result.key_locs, result.val_locs
    for key, item in value.items():
        val_loc = val_locs.get(key, own)
        result[key] = copy_tree(item, val_loc) if isinstance(item, dict | list) else item
        new_key_locs[key] = key_locs.get(key, own)
        new_val_locs[key] = val_loc
    if value.tags:
        result.tags = dict(value.tags)
    return result


def _copy_seq(value: YSeq) -> YSeq:
    own = value.loc
    result = YSeq(own)
    known = value.item_locs
    locs = known if len(known) == len(value) else [
        known[index] if index < len(known) else own for index in range(len(value))]
    for item, item_loc in zip(value, locs, strict=True):
        result.append(copy_tree(item, item_loc) if isinstance(item, dict | list) else item)
    result.item_locs = list(locs)
    return result


def entries(mapping: Mapping[str, Any], loc: Loc | None) -> Iterator[tuple[str, Any, Loc, Loc]]:
    """(key, value, key position, value position) for each entry."""
    if isinstance(mapping, YMap):
        own, key_locs, val_locs = mapping.loc, mapping.key_locs, mapping.val_locs
        for key, value in mapping.items():
            yield key, value, key_locs.get(key, own), val_locs.get(key, own)
        return
    fallback = loc or NOWHERE
    for key, value in mapping.items():
        key_loc = loc_of(mapping, key, of_key=True) or fallback
        yield str(key), value, key_loc, loc_of(mapping, key) or key_loc


def items(seq: list[Any], loc: Loc | None) -> Iterator[tuple[Any, Loc]]:
    if isinstance(seq, YSeq) and len(seq.item_locs) == len(seq):
        yield from zip(seq, seq.item_locs, strict=True)
        return
    fallback = loc or NOWHERE
    for index, value in enumerate(seq):
        yield value, loc_of(seq, index) or fallback


def container_loc(value: Any, loc: Loc | None) -> Loc | None:
    return value.loc if isinstance(value, YMap | YSeq) else loc


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__
