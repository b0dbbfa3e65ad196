"""Devices, GPUs and other device requests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of
from orchconv.translate.compose.syntax.golang import int_re
from orchconv.translate.compose.syntax.located import (
    container_loc,
    copy_tree,
    items,
    new_map,
    new_seq,
    put,
    type_name,
)


def device_mapping(value: Any, loc: Loc | None) -> YMap:
    """"/dev/a:/dev/b:rwm" as {source, target, permissions}; the long form is kept."""
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, str):
        raise InputError(f"a device must be a string or a mapping, not {type_name(value)}", loc)
    parts = value.split(":")
    if len(parts) > 3:
        raise InputError(f"confusing device mapping, please use long syntax: {value}", loc)
    result = new_map(loc)
    put(result, "source", parts[0])
    put(result, "target", (parts[1] if len(parts) > 1 else "") or parts[0])
    put(result, "permissions", parts[2] if len(parts) > 2 else "rwm")
    return result


def device_count(value: Any, loc: Loc | None) -> int | str:
    """A device request's count: a number, or "all" (compose prints that as -1)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "all" if value == -1 else value
    if isinstance(value, str):
        if value.lower() == "all":
            return "all"
        if int_re().fullmatch(value):
            return int(value)
    raise InputError(f"invalid device count {value!r}: use 'all' or a number", loc)


def device_request(value: Any, loc: Loc | None) -> YMap:
    """A GPU or device reservation: count defaults to all unless device_ids are given."""
    if not isinstance(value, Mapping):
        raise InputError(f"a device request must be a mapping, not {type_name(value)}", loc)
    result: YMap = copy_tree(value, loc)
    if "count" not in result and "device_ids" not in result:
        put(result, "count", "all")
    if "count" in result:
        result["count"] = device_count(result["count"], loc_of(result, "count"))
    return result


def gpus(value: Any, loc: Loc | None) -> YSeq:
    """`gpus: all` is one request for every GPU."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add(device_request({}, loc), seq.loc)
        return seq
    if not isinstance(value, list):
        raise InputError(f"gpus must be 'all' or a list, not {type_name(value)}", loc)
    seq = new_seq(container_loc(value, loc))
    for item, item_loc in items(value, loc):
        seq.add(device_request(item, item_loc), item_loc)
    return seq
