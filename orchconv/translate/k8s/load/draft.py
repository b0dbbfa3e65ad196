"""Compose-shaped data under construction, keeping the manifest positions it came from.

Loaders build compose-shaped `YMap`s and let the IR codec turn them into
dataclasses, so every IR value points back at the manifest line it came from.
"""

from __future__ import annotations

from typing import Any

from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq


def new_map(loc: Loc, **values: Any) -> YMap:
    data = YMap(loc)
    for key, value in values.items():
        if value is not None:
            data.put(key, value, loc, loc)
    return data


class Draft:
    """One compose service being filled from a pod's container."""

    def __init__(self, name: str, loc: Loc) -> None:
        self.name = name
        self.loc = loc
        self.data = YMap(loc)

    def set(self, key: str, value: Any, loc: Loc) -> None:
        self.data.put(key, value, loc, loc)

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def section(self, key: str, loc: Loc) -> YMap:
        """A mapping-valued key (deploy, labels, environment...), made on first use."""
        found = self.data.get(key)
        if not isinstance(found, YMap):
            found = YMap(loc)
            self.set(key, found, loc)
        return found

    def items(self, key: str, loc: Loc) -> YSeq:
        """A list-valued key (ports, volumes...), made on first use."""
        found = self.data.get(key)
        if not isinstance(found, YSeq):
            found = YSeq(loc)
            self.set(key, found, loc)
        return found

    def append(self, key: str, value: Any, loc: Loc) -> None:
        self.items(key, loc).add(value, loc)

    def deploy(self, loc: Loc) -> YMap:
        return self.section("deploy", loc)

    def label(self, key: str, value: str, loc: Loc) -> None:
        self.section("labels", loc).put(key, value, loc, loc)
