"""Key/value forms: `KEY=VALUE` lists or mappings, labels, extra_hosts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq
from orchconv.translate.compose.syntax.golang import sprint
from orchconv.translate.compose.syntax.located import (
    container_loc,
    copy_tree,
    entries,
    items,
    new_map,
    new_seq,
    type_name,
)

Entry = Callable[[Any, Loc], tuple[str, Any]]  # a list item as a key and a value


def mapping_or_list(value: Any, loc: Loc | None, what: str, entry: Entry, *,
                    kinds: str = "a mapping or a list") -> YMap:
    """A mapping, copied as written, or one written as a list of items (see `map_of_items`)."""
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, list):
        raise InputError(f"{what} must be {kinds}, not {type_name(value)}", loc)
    return map_of_items(value, loc, entry)


def map_of_items(value: list[Any], loc: Loc | None, entry: Entry) -> YMap:
    """A mapping written as a list: `entry` reads each item as its key and value, and
    both are placed where the item is written."""
    result = new_map(container_loc(value, loc))
    for item, item_loc in items(value, loc):
        key, item_value = entry(item, item_loc)
        result.put(key, item_value, item_loc, item_loc)
    return result


def _scalar_values(value: Mapping[str, Any], loc: Loc | None, what: str,
                   null: str | None) -> YMap:
    """A mapping whose values must be scalars, printed as Go prints them; a null value
    becomes `null` (None for environment, "" for labels)."""
    result = new_map(container_loc(value, loc))
    for key, item, key_loc, val_loc in entries(value, loc):
        if isinstance(item, list | Mapping):
            raise InputError(f"{what}.{key} must be a scalar", val_loc)
        result.put(key, null if item is None else sprint(item), key_loc, val_loc)
    return result


def _split_entry(item: Any, what: str, loc: Loc | None) -> tuple[str, str | None]:
    if isinstance(item, list | Mapping):
        raise InputError(f"{what} entries must be scalars, not {type_name(item)}", loc)
    key, sep, value = sprint(item).partition("=")
    return key, (value if sep else None)


def mapping_with_equals(value: Any, loc: Loc | None, what: str = "environment") -> YMap:
    """environment / build.args: KEY=VALUE list or mapping; a bare KEY maps to null.

    Scalars become strings the way Go prints them (1.0 -> "1", true -> "true").
    """
    if isinstance(value, Mapping):
        return _scalar_values(value, loc, what, None)
    if not isinstance(value, list):
        raise InputError(f"{what} must be a mapping or a list, not {type_name(value)}", loc)

    def variable(item: Any, item_loc: Loc) -> tuple[str, str | None]:
        key, text = _split_entry(item, what, item_loc)
        if not key:
            raise InputError(f"{what} entry has an empty variable name", item_loc)
        if key[-1].isspace():
            raise InputError(f"{what} variable {key!r} is declared with a trailing space", item_loc)
        return key, text

    return map_of_items(value, loc, variable)


def string_mapping(value: Any, loc: Loc | None, what: str, *, allow_list: bool = True) -> YMap:
    """labels, annotations, sysctls, driver_opts...: every value a string, null as ""."""
    if isinstance(value, Mapping):
        return _scalar_values(value, loc, what, "")
    if isinstance(value, list) and allow_list:
        def label(item: Any, item_loc: Loc) -> tuple[str, str]:
            key, text = _split_entry(item, what, item_loc)
            return key, text or ""

        return map_of_items(value, loc, label)
    kinds = "a mapping or a list" if allow_list else "a mapping"
    raise InputError(f"{what} must be {kinds}, not {type_name(value)}", loc)


def key_value_map(value: Any, loc: Loc | None, what: str) -> YMap:
    """A mapping also written as a list of "key=value" (build.additional_contexts)."""

    def pair(item: Any, item_loc: Loc) -> tuple[str, str]:
        if not isinstance(item, str) or "=" not in item:
            raise InputError(f"invalid {what} entry {item!r}: expected key=value", item_loc)
        key, _, text = item.partition("=")
        return key, text

    return mapping_or_list(value, loc, what, pair)


def extra_hosts(value: Any, loc: Loc | None) -> YSeq:
    """extra_hosts as compose prints them: sorted "host=ip", one per address."""
    pairs: list[tuple[str, str, Loc]] = []
    if isinstance(value, Mapping):
        for host, item, _, val_loc in entries(value, loc):
            if item is None or isinstance(item, str):
                pairs.append((host, item or "", val_loc))
            elif isinstance(item, list):
                pairs.extend((host, sprint(ip), ip_loc) for ip, ip_loc in items(item, val_loc))
            else:
                raise InputError(f"extra_hosts.{host} must be a string or a list", val_loc)
    elif isinstance(value, list):
        for item, item_loc in items(value, loc):
            text = sprint(item)
            for separator in ("=", ":"):
                host, found, ips = text.partition(separator)
                if found:
                    pairs.extend((host, ip, item_loc) for ip in ips.split(","))
                    break
            else:
                raise InputError(f"invalid additional host, missing IP: {text}", item_loc)
    else:
        raise InputError(f"extra_hosts must be a mapping or a list, not {type_name(value)}", loc)
    lines: list[tuple[str, Loc]] = []
    for host, ip, where in pairs:
        if not host or ":" in host or "=" in host:
            raise InputError(f"bad host name {host!r} in extra_hosts", where)
        bare = ip[1:-1] if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]" else ip
        lines.append((f"{host}={bare}", where))
    seq = new_seq(container_loc(value, loc))
    for line, where in sorted(lines, key=lambda pair: pair[0]):
        seq.add(line, where)
    return seq
