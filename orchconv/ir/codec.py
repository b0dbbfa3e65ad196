"""Generic conversion between IR dataclasses and compose-shaped data.

The IR's field names are the compose-spec keys, so one structural codec serves
every loader that has brought its input into that shape, and every emitter
that starts from it.  Positions travel from `YMap`/`YSeq` containers (anything
with `.loc`, `.key_locs`, `.val_locs`, `.item_locs`) into the IR's `loc`/`locs`.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from orchconv.errors import ValidationError
from orchconv.ir.values import Extra
from orchconv.location import NOWHERE, Loc

T = TypeVar("T")
Decoder = Callable[[Any, Loc, str], Any]

_SPECIAL = frozenset({"loc", "locs", "extras"})


class _FieldPlan:
    """How one dataclass field is decoded."""

    # plain slots, not a dataclass: @dataclass would compile methods at every start
    __slots__ = ("as_octal", "as_text", "decode", "exact", "from_key", "keep", "name", "under")

    def __init__(self, name: str, decode: Decoder, *, from_key: bool, keep: bool, as_text: bool,
                 as_octal: bool, under: str | None, exact: type | None) -> None:
        self.name = name
        self.decode = decode
        self.from_key = from_key
        self.keep = keep
        self.as_text = as_text  # a byte count printed as a decimal string
        self.as_octal = as_octal  # a file mode printed as an octal string ("0440")
        self.under = under  # written inside this sub-mapping (generic resources' spec)
        # a value of exactly this type is stored as it is, without calling `decode`
        self.exact = exact


class _ClassPlan:
    """How one IR class is decoded: its fields by name and by sub-mapping."""

    __slots__ = ("by_name", "fields", "has_extras", "has_loc", "has_locs", "nested")

    def __init__(self, fields: tuple[_FieldPlan, ...], by_name: Mapping[str, _FieldPlan],
                 nested: Mapping[str, Mapping[str, _FieldPlan]], *, has_extras: bool,
                 has_locs: bool, has_loc: bool) -> None:
        self.fields = fields
        self.by_name = by_name
        self.nested = nested  # sub-mapping key -> its fields
        self.has_extras = has_extras
        self.has_locs = has_locs
        self.has_loc = has_loc


def _container_loc(value: Any, fallback: Loc) -> Loc:
    loc = getattr(value, "loc", None)
    return loc if isinstance(loc, Loc) else fallback


def _val_loc(container: Any, key: str, fallback: Loc) -> Loc:
    table = getattr(container, "val_locs", None)
    if table is None:
        return fallback
    found = table.get(key)
    return found if isinstance(found, Loc) else fallback


def _item_loc(container: Any, index: int, fallback: Loc) -> Loc:
    table = getattr(container, "item_locs", None)
    if table is None or index >= len(table):
        return fallback
    found = table[index]
    return found if isinstance(found, Loc) else fallback


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a number"),
                       (str, "a string"), (dict, "a mapping"), (list, "a list")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


_EXPECTED = {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}


def _type_error(path: str, expected: str, value: Any, loc: Loc) -> ValidationError:
    return ValidationError(f"{path} must be {expected}, not {_kind_name(value)}", loc)


def _scalar_decoder(kind: type) -> Decoder:
    def decode(value: Any, loc: Loc, path: str) -> Any:
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is float and isinstance(value, str):
            try:
                return float(value)  # cpus: "0.50"
            except ValueError:
                pass
        if kind is int and isinstance(value, bool):
            raise _type_error(path, "an integer", value, loc)
        if kind is int and isinstance(value, str) and value.isdigit():
            return int(value)  # byte counts arrive as decimal strings
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, kind):
            return value
        raise _type_error(path, _EXPECTED[kind], value, loc)

    return decode


def _any_decoder(value: Any, loc: Loc, path: str) -> Any:
    return _plain(value)


def _plain(value: Any) -> Any:
    """Drop position wrappers: IR pass-through values are plain JSON data."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _union_decoder(options: tuple[Decoder, ...], nullable: bool, label: str) -> Decoder:
    def decode(value: Any, loc: Loc, path: str) -> Any:
        if value is None:
            if nullable:
                return None
            raise _type_error(path, label, value, loc)
        last: ValidationError | None = None
        for option in options:
            try:
                return option(value, loc, path)
            except ValidationError as error:
                last = error
        assert last is not None
        raise last

    return decode


def _tuple_decoder(item: Decoder) -> Decoder:
    def decode(value: Any, loc: Loc, path: str) -> Any:
        if not isinstance(value, list):
            raise _type_error(path, "a list", value, loc)
        return tuple(item(v, _item_loc(value, i, loc), f"{path}[{i}]") for i, v in enumerate(value))

    return decode


def _mapping_decoder(item: Decoder, item_type: Any) -> Decoder:
    keyed = dataclasses.is_dataclass(item_type) and any(
        f.metadata.get("from_key") for f in dataclasses.fields(item_type)
    )

    def decode(value: Any, loc: Loc, path: str) -> Any:
        if not isinstance(value, dict):
            raise _type_error(path, "a mapping", value, loc)
        result: dict[str, Any] = {}
        for key, raw in value.items():
            child_loc = _val_loc(value, key, loc)
            if keyed:
                result[key] = _decode_dataclass(item_type, raw, child_loc, _join(path, key), key)
            else:
                result[key] = item(raw, child_loc, _join(path, key))
        return result

    return decode


def _enum_decoder(kind: type[enum.Enum]) -> Decoder:
    allowed = ", ".join(repr(m.value) for m in kind)

    def decode(value: Any, loc: Loc, path: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise ValidationError(f"{path} must be one of {allowed}, not {value!r}", loc) from None

    return decode


def _dataclass_decoder(kind: type) -> Decoder:
    def decode(value: Any, loc: Loc, path: str) -> Any:
        return _decode_dataclass(kind, value, loc, path, None)

    return decode


@cache
def _decoder_for(annotation: Any) -> Decoder:
    origin = typing.get_origin(annotation)
    if annotation is Any:
        return _any_decoder
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        nullable = type(None) in args
        concrete = tuple(a for a in args if a is not type(None))
        if len(concrete) == 1:
            inner = _decoder_for(concrete[0])
            label = "a value"
            return _union_decoder((inner,), nullable, label)
        return _union_decoder(tuple(_decoder_for(a) for a in concrete), nullable, "a value")
    if origin is tuple:
        return _tuple_decoder(_decoder_for(typing.get_args(annotation)[0]))
    if origin in (Mapping, dict, typing.Mapping):
        item_type = typing.get_args(annotation)[1]
        return _mapping_decoder(_decoder_for(item_type), item_type)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_decoder(annotation)
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return _dataclass_decoder(annotation)
    if annotation in (str, int, float, bool):
        return _scalar_decoder(annotation)
    raise TypeError(f"no IR decoder for {annotation!r}")  # pragma: no cover


def _octal_decoder(decode: Decoder) -> Decoder:
    """A file mode: a string is octal digits ("0440"), a number is the mode itself."""

    def decode_mode(value: Any, loc: Loc, path: str) -> Any:
        if isinstance(value, str):
            try:
                return int(value, 8)
            except ValueError:
                raise _type_error(path, "an octal file mode", value, loc) from None
        return decode(value, loc, path)

    return decode_mode


def _exact_scalar(annotation: Any) -> type | None:
    """str, int, float or bool, alone or with None: the type its values have as they are."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        concrete = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = concrete[0] if len(concrete) == 1 else None
    return annotation if annotation in (str, int, float, bool) else None


@cache
def _plan(kind: type) -> _ClassPlan:
    fields = dataclasses.fields(kind)
    # the generated IR classes declare their fields' types as objects (scripts/gen_records.py);
    # a dataclass with postponed annotations holds strings, which get_type_hints evaluates
    hints: Mapping[str, Any] = (
        typing.get_type_hints(kind) if any(isinstance(f.type, str) for f in fields)
        else {f.name: f.type for f in fields})
    plans: list[_FieldPlan] = []
    names = {f.name for f in fields}
    for f in fields:
        if f.name in _SPECIAL:
            continue
        as_octal = bool(f.metadata.get("octal"))
        decoder = _decoder_for(hints[f.name])
        plans.append(
            _FieldPlan(
                name=f.name,
                decode=_octal_decoder(decoder) if as_octal else decoder,
                from_key=bool(f.metadata.get("from_key")),
                keep=bool(f.metadata.get("keep")),
                as_text=bool(f.metadata.get("bytes")),
                as_octal=as_octal,
                under=f.metadata.get("under"),
                exact=None if as_octal or f.metadata.get("from_key")
                else _exact_scalar(hints[f.name]),
            )
        )
    nested: dict[str, dict[str, _FieldPlan]] = {}
    for p in plans:
        if p.under is not None:
            nested.setdefault(p.under, {})[p.name] = p
    return _ClassPlan(
        fields=tuple(plans),
        by_name={p.name: p for p in plans if p.under is None},
        nested=nested,
        has_extras="extras" in names,
        has_locs="locs" in names,
        has_loc="loc" in names,
    )


def _decode_dataclass(kind: type, value: Any, loc: Loc, path: str, key: str | None) -> Any:
    plan = _plan(kind)
    if value is None and key is not None:
        value = {}
    if not isinstance(value, dict):
        raise _type_error(path, "a mapping", value, loc)
    own_loc = _container_loc(value, loc)
    kwargs: dict[str, Any] = {}
    extras: dict[str, Extra] = {}
    by_name, nested = plan.by_name, plan.nested
    for name, raw in value.items():
        field_plan = by_name.get(name)
        if field_plan is not None and type(raw) is field_plan.exact:
            kwargs[name] = raw  # the common case: a scalar already of the field's type
            continue
        inner_plans = nested.get(name) if nested else None
        if inner_plans is not None and isinstance(raw, dict):
            _decode_nested(inner_plans, raw, _val_loc(value, name, own_loc), _join(path, name),
                           kwargs)
            continue
        if field_plan is None or field_plan.from_key:
            if not plan.has_extras:
                where = _val_loc(value, name, own_loc)
                raise ValidationError(f"{path or 'top level'}: unsupported key {name!r}", where)
            extras[name] = Extra(_plain(raw), _val_loc(value, name, own_loc))
            continue
        if raw is None and name not in ("extra_hosts",):
            continue  # null means "not set" in compose
        kwargs[name] = field_plan.decode(raw, _val_loc(value, name, own_loc), _join(path, name))
    for field_plan in plan.fields:
        if field_plan.from_key and key is not None:
            kwargs[field_plan.name] = key
    if extras:
        kwargs["extras"] = extras
    if plan.has_locs:
        key_locs = getattr(value, "key_locs", None)
        kwargs["locs"] = dict(key_locs) if key_locs else {}
    if plan.has_loc:
        kwargs["loc"] = own_loc
    try:
        return kind(**kwargs)
    except TypeError as error:  # a required field is missing
        missing = str(error).split("argument", 1)[-1].strip(": ")
        raise ValidationError(f"{path}: missing required key {missing}", own_loc) from None


def _decode_nested(plans: Mapping[str, _FieldPlan], value: dict[str, Any], loc: Loc, path: str,
                   kwargs: dict[str, Any]) -> None:
    own_loc = _container_loc(value, loc)
    for name, raw in value.items():
        field_plan = plans.get(name)
        if field_plan is None:
            raise ValidationError(f"{path}: unsupported key {name!r}",
                                  _val_loc(value, name, own_loc))
        if raw is not None:
            kwargs[name] = field_plan.decode(raw, _val_loc(value, name, own_loc),
                                             _join(path, name))


def decode(kind: type[T], value: Any, *, path: str, key: str | None = None) -> T:
    """Build an IR dataclass from compose-shaped data, keeping positions."""
    result: T = _decode_dataclass(kind, value, _container_loc(value, NOWHERE), path, key)
    return result


_PASS_THROUGH = frozenset({str, int, float, bool, type(None)})
_EMPTY_KINDS = frozenset({tuple, str, dict})
_NOT_A_DATACLASS = _ClassPlan((), {}, {}, has_extras=False, has_locs=False, has_loc=False)
_ENCODE_PLANS: dict[type, _ClassPlan] = {}


def _is_empty(value: Any) -> bool:
    """Unset: None, False, "", () and {} (0 is a value)."""
    return not value and (value is None or value is False or type(value) in _EMPTY_KINDS
                          or value == {})


def _encode_plan(kind: type) -> _ClassPlan:
    plan = _ENCODE_PLANS.get(kind)
    if plan is None:
        is_dataclass = dataclasses.is_dataclass(kind)
        plan = _ENCODE_PLANS[kind] = _plan(kind) if is_dataclass else _NOT_A_DATACLASS
    return plan


def encode(obj: Any) -> Any:
    """Compose-shaped plain data from IR values, omitting unset and empty fields."""
    kind = type(obj)
    if kind in _PASS_THROUGH:
        return obj
    if kind is tuple:
        return [encode(v) for v in obj]
    plan = _encode_plan(kind)
    if plan is not _NOT_A_DATACLASS:
        return _encode_dataclass(obj, plan)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, tuple):
        return [encode(v) for v in obj]
    if isinstance(obj, Mapping):
        return {k: encode(obj[k]) for k in sorted(obj)}  # maps print sorted, as go-yaml does
    return obj


def _encode_dataclass(obj: Any, plan: _ClassPlan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field_plan in plan.fields:
        if field_plan.from_key:
            continue
        value = getattr(obj, field_plan.name)
        if not value and _is_empty(value) and not (field_plan.keep and value is not None):
            continue
        target = out if field_plan.under is None else out.setdefault(field_plan.under, {})
        if field_plan.as_text:
            target[field_plan.name] = str(value)
        elif field_plan.as_octal:
            target[field_plan.name] = f"0{value:o}"
        else:
            target[field_plan.name] = value if type(value) in _PASS_THROUGH else encode(value)
    if plan.has_extras:
        extras: Mapping[str, Extra] = obj.extras
        for name, extra in extras.items():
            out[name] = extra.value
    return out
