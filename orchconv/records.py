"""Run-time support of the generated record classes (scripts/gen_records.py).

Each generated class behaves as the dataclass its declaration in a `_spec`
package says: `dataclasses.fields`, `replace`, `asdict` and `is_dataclass` see
the same fields, and a frozen one raises FrozenInstanceError on assignment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import Field

FACTORY: Any = object()  # the default of a field with a default_factory, as in dataclasses
setattr_ = object.__setattr__


class _Missing:
    """dataclasses.MISSING, which a generated module names without importing dataclasses."""


MISSING: Any = _Missing()

# name, type, default, default_factory, compare, repr, metadata
Spec = tuple[str, Any, Any, Any, bool, bool, Mapping[str, Any] | None]


class Frozen:
    """What every frozen generated class shares: no assignment, and pickling despite that."""

    __slots__: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in _names(type(self))]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(_names(type(self)), state, strict=True):
            setattr_(self, name, value)


def _names(cls: type) -> tuple[str, ...]:
    names: tuple[str, ...] = getattr(cls, "__record_fields__")  # noqa: B009
    return names


class _OnFirstRead:
    """A class attribute computed when first read: dataclasses.fields, is_dataclass and a
    dataclass subclass read __dataclass_fields__, and a plain run never does, so it does
    not import dataclasses or build a Field for each of the IR's three hundred fields."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self.build = build
        self.value: Any = None

    def __get__(self, instance: object, owner: type) -> Any:
        if self.value is None:
            self.value = self.build()
        return self.value


def _table(specs: tuple[Spec, ...]) -> dict[str, Field[Any]]:
    import dataclasses

    table: dict[str, Field[Any]] = {}
    for name, kind, default, factory, compare, shown, metadata in specs:
        made: Field[Any] = dataclasses.field(
            default=dataclasses.MISSING if default is MISSING else default,
            default_factory=dataclasses.MISSING if factory is MISSING else factory,
            compare=compare, repr=shown, metadata=metadata)
        made.name = name
        made.type = kind
        made._field_type = getattr(dataclasses, "_FIELD")  # type: ignore[attr-defined]  # noqa: B009
        made.kw_only = False
        table[name] = made
    return table


def _params(frozen: bool, eq: bool) -> Any:
    import dataclasses

    made = getattr(dataclasses, "_DataclassParams")  # noqa: B009  (private: not in typeshed)
    return made(init=True, repr=True, eq=eq, order=False, unsafe_hash=False, frozen=frozen)


def declare(cls: type, *specs: Spec, frozen: bool = False, eq: bool = True) -> None:
    """Give `cls` the dataclass fields and parameters its declaration has (a dataclass
    subclassing it reads both)."""
    setattr(cls, "__record_fields__", tuple(spec[0] for spec in specs))  # noqa: B010
    setattr(cls, "__dataclass_fields__", _OnFirstRead(lambda: _table(specs)))  # noqa: B010
    setattr(cls, "__dataclass_params__", _OnFirstRead(lambda: _params(frozen, eq)))  # noqa: B010
    cls.__annotations__ = {spec[0]: spec[1] for spec in specs}  # for get_type_hints


__all__ = ["FACTORY", "MISSING", "Frozen", "Spec", "declare", "setattr_"]
