"""build (a context or a mapping), build.ssh and ulimits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.syntax.located import (
    copy_tree,
    new_map,
    put,
    set_value,
    type_name,
)
from orchconv.translate.compose.syntax.mappings import mapping_or_list
from orchconv.translate.compose.syntax.scalars import to_int


def parse_build(value: Any, loc: Loc | None) -> YMap:
    """`build: ./dir` is {context: ./dir}; context defaults to "." and dockerfile to
    "Dockerfile" unless dockerfile_inline is given."""
    if isinstance(value, str):
        result = new_map(loc)
        put(result, "context", value)
    elif isinstance(value, Mapping):
        result = copy_tree(value, loc)
    else:
        raise InputError(f"build must be a string or a mapping, not {type_name(value)}", loc)
    if result.get("context") is None:
        set_value(result, "context", ".")
    if result.get("dockerfile") is None and result.get("dockerfile_inline") is None:
        set_value(result, "dockerfile", "Dockerfile")
    return result


def ssh_map(value: Any, loc: Loc | None) -> YMap:
    """build.ssh: ["default", "id=path"] as {default: null, id: path}.

    `docker compose config` prints this as a list of "id" and "id: path"
    strings, which compose cannot read back; the mapping is the form it reads.
    """
    return mapping_or_list(value, loc, "build.ssh", _ssh_key, kinds="a list or a mapping")


def _ssh_key(item: Any, item_loc: Loc) -> tuple[str, str | None]:
    if not isinstance(item, str):
        raise InputError(f"invalid ssh key type {type_name(item)}", item_loc)
    key, found, path = item.partition("=")
    if not found and key != "default":
        raise InputError(f"invalid ssh key {item!r}: expected id=path or default", item_loc)
    return key, path if found else None


def ulimit(value: Any, loc: Loc | None) -> int | YMap:
    """A number sets both limits; a mapping always prints soft and hard (0 when unset).

    As in compose, 0 alone prints as {soft: 0, hard: 0}.
    """
    if isinstance(value, int | str) and not isinstance(value, bool):
        single = to_int(value, loc, "ulimit")
        if single != 0:
            return single
        value = {}
    if not isinstance(value, Mapping):
        raise InputError(f"a ulimit must be a number or a mapping, not {type_name(value)}", loc)
    result: YMap = copy_tree(value, loc)
    for key in ("soft", "hard"):
        if key in result:
            result[key] = to_int(result[key], loc_of(result, key), f"ulimit {key}")
        else:
            put(result, key, 0)
    return result
