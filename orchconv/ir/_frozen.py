"""Run-time support of the generated IR classes (scripts/gen_ir.py).

Each generated class behaves as the frozen, slotted dataclass its declaration
in orchconv/ir/_spec says: `dataclasses.fields`, `replace`, `asdict` and
`is_dataclass` see the same fields, and assignment raises FrozenInstanceError.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import MISSING, Field, FrozenInstanceError
from typing import Any

# `field._field_type` tells a field from a ClassVar or InitVar pseudo-field
_FIELD = getattr(dataclasses, "_FIELD")  # noqa: B009  (private: typeshed does not declare it)

FACTORY: Any = object()  # the default of a field with a default_factory, as in dataclasses
setattr_ = object.__setattr__


class Frozen:
    """The behaviour every generated class shares: frozen, and picklable despite that."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self.__slots__]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr_(self, name, value)


def declare(cls: type, *specs: tuple[str, Any, Any, Any, bool, Mapping[str, Any] | None]) -> None:
    """Give `cls` the dataclass fields (name, type, default, factory, compare, metadata)."""
    table: dict[str, Field[Any]] = {}
    for name, kind, default, factory, compare, metadata in specs:
        made: Field[Any] = dataclasses.field(
            default=default, default_factory=factory, compare=compare, metadata=metadata)
        made.name = name
        made.type = kind
        made._field_type = _FIELD  # type: ignore[attr-defined]
        made.kw_only = False
        table[name] = made
    setattr(cls, "__dataclass_fields__", table)  # noqa: B010  (mypy: not declared on `type`)
    cls.__annotations__ = {name: made.type for name, made in table.items()}  # get_type_hints


__all__ = ["FACTORY", "MISSING", "Frozen", "declare", "setattr_"]
