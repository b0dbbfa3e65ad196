"""Service references (depends_on, networks, env_file) and mounts of secrets and configs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of
from orchconv.translate.compose.syntax.located import (
    container_loc,
    copy_tree,
    entries,
    items,
    new_map,
    new_seq,
    put,
    type_name,
)
from orchconv.translate.compose.syntax.mappings import map_of_items, mapping_or_list
from orchconv.translate.compose.syntax.scalars import to_bool


def depends_on(value: Any, loc: Loc | None) -> YMap:
    """A list of services means: started, and required."""
    if isinstance(value, list):
        return map_of_items(value, loc, _started)
    if not isinstance(value, Mapping):
        raise InputError(f"depends_on must be a list or a mapping, not {type_name(value)}", loc)
    result = new_map(container_loc(value, loc))
    for name, item, key_loc, val_loc in entries(value, loc):
        if not isinstance(item, Mapping):
            raise InputError(f"depends_on.{name} must be a mapping", val_loc)
        entry = copy_tree(item, val_loc)
        if "condition" not in entry:
            put(entry, "condition", "service_started")
        for flag in ("required", "restart"):
            if flag in entry:
                entry[flag] = to_bool(entry[flag], loc_of(entry, flag), f"depends_on.{flag}")
        if "required" not in entry:
            put(entry, "required", True)
        result.put(name, entry, key_loc, val_loc)
    return result


def _started(item: Any, item_loc: Loc) -> tuple[str, YMap]:
    if not isinstance(item, str):
        raise InputError("depends_on items must be service names", item_loc)
    entry = new_map(item_loc)
    put(entry, "condition", "service_started")
    put(entry, "required", True)
    return item, entry


def service_networks(value: Any, loc: Loc | None) -> YMap:
    """A list of networks is a mapping of network names to null."""
    if value is None:
        return new_map(loc)
    return mapping_or_list(value, loc, "networks", _network, kinds="a list or a mapping")


def _network(item: Any, item_loc: Loc) -> tuple[str, None]:
    if not isinstance(item, str):
        raise InputError("networks items must be network names", item_loc)
    return item, None


def env_files(value: Any, loc: Loc | None) -> YSeq:
    """env_file entries as {path, required (default true), format?}; paths stay as written."""
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list):
        raise InputError(f"env_file must be a string or a list, not {type_name(value)}", loc)
    seq = new_seq(container_loc(value, loc) if isinstance(value, list) else loc)
    for item, item_loc in items(listed, loc):
        if isinstance(item, str):
            entry = new_map(item_loc)
            put(entry, "path", item)
            put(entry, "required", True)
        elif isinstance(item, Mapping):
            entry = copy_tree(item, item_loc)
            if not isinstance(entry.get("path"), str):
                raise InputError("an env_file entry needs a path", item_loc)
            if "required" in entry:
                entry["required"] = to_bool(entry["required"], loc_of(entry, "required"),
                                            "env_file.required")
            else:
                put(entry, "required", True)
        else:
            raise InputError(f"env_file entries must be strings or mappings, not "
                             f"{type_name(item)}", item_loc)
        seq.add(entry, item_loc)
    return seq


def file_mode(value: Any, loc: Loc | None) -> int:
    """A file mode; strings are read as octal.  compose prints it as "0440"."""
    if isinstance(value, int) and not isinstance(value, bool):
        mode = value
    elif isinstance(value, str) and re.fullmatch(r"[+-]?[0-7]+", value):
        mode = int(value, 8)
    else:
        raise InputError(f"invalid file mode {value!r}: use an octal number like 0440", loc)
    return mode


def file_mount(value: Any, loc: Loc | None, what: str) -> YMap:
    """A service's secret or config: a name alone means {source: name}."""
    if isinstance(value, str):
        named = new_map(loc)
        put(named, "source", value)
        return named
    if not isinstance(value, Mapping):
        raise InputError(f"{what} entries must be strings or mappings, not {type_name(value)}",
                         loc)
    result: YMap = copy_tree(value, loc)
    for key in ("uid", "gid"):
        if isinstance(result.get(key), int) and not isinstance(result[key], bool):
            result[key] = str(result[key])
    if result.get("mode") is not None:
        result["mode"] = file_mode(result["mode"], loc_of(result, "mode"))
    return result
