"""Run-time support of the generated record classes (scripts/gen_records.py).

Each generated class behaves as the dataclass its declaration in a `_spec`
package says: `dataclasses.fields`, `replace`, `asdict` and `is_dataclass` see
the same fields, and a frozen one raises FrozenInstanceError on assignment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import MISSING, Field, FrozenInstanceError
from typing import Any

# `field._field_type` tells a field from a ClassVar or InitVar pseudo-field
_FIELD = getattr(dataclasses, "_FIELD")  # noqa: B009  (private: typeshed does not declare it)
_PARAMS = getattr(dataclasses, "_DataclassParams")  # noqa: B009  (likewise)

FACTORY: Any = object()  # the default of a field with a default_factory, as in dataclasses
setattr_ = object.__setattr__

# name, type, default, default_factory, compare, repr, metadata
Spec = tuple[str, Any, Any, Any, bool, bool, Mapping[str, Any] | None]


class Frozen:
    """What every frozen generated class shares: no assignment, and pickling despite that."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in _fields(self)]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(_fields(self), state, strict=True):
            setattr_(self, name, value)


def _fields(record: object) -> Mapping[str, Field[Any]]:
    table: Mapping[str, Field[Any]] = getattr(record, "__dataclass_fields__")  # noqa: B009
    return table


def declare(cls: type, *specs: Spec, frozen: bool = False, eq: bool = True) -> None:
    """Give `cls` the dataclass fields and parameters its declaration has (a dataclass
    subclassing it reads both)."""
    table: dict[str, Field[Any]] = {}
    for name, kind, default, factory, compare, shown, metadata in specs:
        made: Field[Any] = dataclasses.field(default=default, default_factory=factory,
                                             compare=compare, repr=shown, metadata=metadata)
        made.name = name
        made.type = kind
        made._field_type = _FIELD  # type: ignore[attr-defined]
        made.kw_only = False
        table[name] = made
    setattr(cls, "__dataclass_fields__", table)  # noqa: B010  (mypy: not declared on `type`)
    params = _PARAMS(init=True, repr=True, eq=eq, order=False, unsafe_hash=False, frozen=frozen)
    setattr(cls, "__dataclass_params__", params)  # noqa: B010
    cls.__annotations__ = {name: made.type for name, made in table.items()}  # get_type_hints


__all__ = ["FACTORY", "MISSING", "Frozen", "Spec", "declare", "setattr_"]
