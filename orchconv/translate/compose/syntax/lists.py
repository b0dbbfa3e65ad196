"""Fields written as one string or a list (dns, tmpfs, expose...)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YSeq
from orchconv.translate.compose.syntax.golang import sprint
from orchconv.translate.compose.syntax.located import container_loc, items, new_seq, type_name


def string_list(value: Any, loc: Loc | None, what: str) -> YSeq:
    """A field written as one string or a list of strings (dns, tmpfs, cache_from...)."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add(value, seq.loc)
        return seq
    if not isinstance(value, list):
        raise InputError(f"{what} must be a string or a list, not {type_name(value)}", loc)
    return strings(value, loc, what)


def strings(value: list[Any], loc: Loc | None, what: str) -> YSeq:
    """A list whose items must all be strings, at their positions."""
    seq = new_seq(container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if not isinstance(item, str):
            raise InputError(f"{what} items must be strings, not {type_name(item)}", item_loc)
        seq.add(item, item_loc)
    return seq


def expose_list(value: Any, loc: Loc | None) -> YSeq:
    """expose: numbers become strings ("80", "8000-8010/udp")."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"expose must be a list, not {type_name(value)}", loc)
    seq = new_seq(container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if isinstance(item, list | Mapping):
            raise InputError("expose items must be strings or numbers", item_loc)
        seq.add(sprint(item), item_loc)
    return seq
