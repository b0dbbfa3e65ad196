"""Which keys of one source mapping a conversion accounted for; the rest are losses.

Every emitter and loader keeps "nothing silently dropped" the same way: each
mapping step marks the keys it carried over (`done`) or could not (`lose`, which
records why), and at the end `open_keys` names the keys the user wrote that no
step accounted for, which the caller reports.  A format binds the ledger to where
its keys were written (`key_loc`) and where its losses go (`losses`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from orchconv.ir.loss import WARNING, Loss
from orchconv.location import NOWHERE, Loc

if TYPE_CHECKING:  # only for the checker: a Protocol class costs time at import
    from typing import Protocol

    class LossSink(Protocol):
        def lose(self, loc: Loc, path: str, reason: str, level: str = WARNING) -> None: ...

# IR dataclass fields that are bookkeeping, not keys the user wrote.
NOT_KEYS = frozenset({"name", "extras", "locs", "loc"})


class Losses:
    """A format's loss entries, each (place, path, reason) once: a port range's many
    ports, or a key read twice, make one entry."""

    __slots__ = ("_seen", "entries", "target")

    def __init__(self, target: str, entries: list[Loss] | None = None) -> None:
        self.target = target
        self.entries: list[Loss] = [] if entries is None else entries
        self._seen: set[tuple[Loc, str, str]] = set()

    def lose(self, loc: Loc, path: str, reason: str, level: str = WARNING) -> None:
        if (loc, path, reason) not in self._seen:
            self._seen.add((loc, path, reason))
            self.entries.append(Loss(loc, path, self.target, reason, level))


def is_set(owner: Any, field: dataclasses.Field[Any]) -> bool:
    """Whether a dataclass field differs from its default (the user wrote it)."""
    value = getattr(owner, field.name)
    if field.default is not dataclasses.MISSING:
        return bool(value != field.default)
    if field.default_factory is not dataclasses.MISSING:
        return bool(value != field.default_factory())
    return True


def written_keys(owner: Any) -> Iterator[str]:
    """The typed keys of an IR object that the user set, in field order."""
    for field in dataclasses.fields(owner):
        if field.name not in NOT_KEYS and is_set(owner, field):
            yield field.name


def key_path(path: str, key: str, sub: str | None = None) -> str:
    """`services.web` + `volumes` + `[0].bind.x` -> `services.web.volumes[0].bind.x`."""
    full = f"{path}.{key}"
    if sub:
        full += sub if sub.startswith("[") else f".{sub}"
    return full


class KeyLedger:
    """The keys of one mapping (a service, a manifest's mapping) accounted for so far."""

    __slots__ = ("handled", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.handled: set[str] = set()

    @property
    def losses(self) -> LossSink:
        raise NotImplementedError

    def key_loc(self, key: str) -> Loc:
        raise NotImplementedError

    def done(self, *keys: str) -> None:
        """Mark keys as carried over, derived, or consumed elsewhere."""
        self.handled.update(keys)

    def lose(self, key: str, reason: str, sub: str | None = None, level: str = WARNING, *,
             loc: Loc | None = None) -> None:
        """Record that (part of) `key` did not make it into the output, at `loc` when
        that is known, else where the key was written."""
        self.handled.add(key)
        where = loc if loc is not None and loc != NOWHERE else self.key_loc(key)
        self.losses.lose(where, key_path(self.path, key, sub), reason, level)

    def open_keys(self, keys: Iterable[str]) -> list[str]:
        """The keys given that no step accounted for: the caller reports them."""
        return [key for key in keys if key not in self.handled]
