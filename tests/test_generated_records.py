"""The generated record modules behave as the dataclasses declared in their _spec packages."""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import pickle
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gen_records import SPECS, TYPED, target  # noqa: E402


def _pairs() -> list[tuple[str, type, type]]:
    found = []
    for name in SPECS:
        spec = importlib.import_module(name)
        made = importlib.import_module(target(name))
        for attr, value in vars(spec).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) \
                    and value.__module__ == spec.__name__:
                found.append((f"{target(name)}.{attr}", value, getattr(made, attr)))
    return found


def _params(cls: type) -> Any:
    return getattr(cls, "__dataclass_params__")  # noqa: B009


PAIRS = _pairs()


def test_the_generated_modules_are_current() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_records.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_declaration_is_generated() -> None:
    assert len(PAIRS) >= 50
    for _, declared, made in PAIRS:
        assert made is not declared
        slotted = "__slots__" in vars(declared)
        assert hasattr(made(**_required(made)), "__dict__") is not slotted, made
        # written out in the module: @dataclass compiles its methods from "<string>"
        assert vars(made)["__init__"].__code__.co_filename.endswith(".py")
        assert vars(declared)["__init__"].__code__.co_filename == "<string>"


@pytest.mark.parametrize("name, declared, made", PAIRS, ids=[p[0] for p in PAIRS])
def test_fields_match_the_declaration(name: str, declared: type, made: type) -> None:
    typed = declared.__module__ in TYPED
    hints = typing.get_type_hints(declared) if typed else {}
    theirs = dataclasses.fields(declared)
    ours = dataclasses.fields(made)
    assert [f.name for f in ours] == [f.name for f in theirs]
    for mine, want in zip(ours, theirs, strict=True):
        if typed:  # the IR's types are objects; a declaration's own classes compare by name
            assert str(mine.type) == str(hints[want.name]).replace("ir._spec.", "ir."), mine.name
            assert typing.get_type_hints(made)[mine.name] == mine.type
        else:  # as written, as a dataclass keeps them under postponed annotations
            assert mine.type == want.type, mine.name
        assert mine.default == want.default, mine.name
        assert mine.default_factory == want.default_factory, mine.name
        assert (mine.compare, mine.repr, mine.init, mine.hash) == \
            (want.compare, want.repr, want.init, want.hash), mine.name
        assert dict(mine.metadata) == dict(want.metadata), mine.name
    assert made.__match_args__ == declared.__match_args__  # type: ignore[attr-defined]
    assert repr(_params(made)) == repr(_params(declared))  # a dataclass subclass reads them
    assert inspect.cleandoc(made.__doc__ or "") == inspect.cleandoc(declared.__doc__ or "")


def _distinct(cls: type) -> dict[str, Any]:
    return {f.name: f"<{f.name}>" for f in dataclasses.fields(cls)}


def _required(cls: type) -> dict[str, Any]:
    return {f.name: f"<{f.name}>" for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


@pytest.mark.parametrize("name, declared, made", PAIRS, ids=[p[0] for p in PAIRS])
def test_instances_behave_as_the_dataclass(name: str, declared: type, made: type) -> None:
    values = _distinct(declared)
    ours, theirs = made(**values), declared(**values)
    assert repr(ours) == repr(theirs)
    assert repr(made(*values.values())) == repr(theirs)  # positional order
    assert repr(made(**_required(declared))) == repr(declared(**_required(declared)))
    frozen = _params(declared).frozen
    if frozen:
        assert hash(ours) == hash(theirs)  # strings everywhere: hashable
    else:  # a mutable dataclass with __eq__ is unhashable
        assert made.__hash__ is None and declared.__hash__ is None
    assert ours == made(**values)
    assert ours != theirs  # another class, as two dataclasses would be
    assert pickle.loads(pickle.dumps(ours)) == ours
    for field in dataclasses.fields(made):
        changed = dataclasses.replace(ours, **{field.name: "other"})
        assert (changed == ours) is not field.compare, field.name
        assert (declared(**{**values, field.name: "other"}) == theirs) is not field.compare
        if frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(ours, field.name, "other")
        else:
            setattr(ours, field.name, "mutated")
            assert getattr(ours, field.name) == "mutated"
            setattr(ours, field.name, values[field.name])
        if field.default_factory is not dataclasses.MISSING:  # a fresh value each time
            first, second = made(**_required(made)), made(**_required(made))
            assert getattr(first, field.name) == field.default_factory()
            assert getattr(first, field.name) is not getattr(second, field.name)


@pytest.mark.parametrize("name", SPECS)
def test_everything_else_is_the_declarations(name: str) -> None:
    spec: ModuleType = importlib.import_module(name)
    made: ModuleType = importlib.import_module(target(name))
    tree = ast.parse(Path(spec.__file__ or "").read_text())
    defined = [n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))]
    defined += [t.id for n in tree.body if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)]
    assert sorted(made.__all__) == sorted(defined)
    for key in made.__all__:
        ours, theirs = getattr(made, key), getattr(spec, key)
        if isinstance(theirs, enum.EnumMeta):
            wanted: dict[str, enum.Enum] = dict(theirs.__members__)
            got: dict[str, enum.Enum] = dict(ours.__members__)
            assert {k: v.value for k, v in got.items()} == {k: v.value for k, v in wanted.items()}
        elif inspect.isfunction(inspect.unwrap(theirs)):  # copied as written (decorators too)
            assert inspect.cleandoc(inspect.getsource(ours)) == \
                inspect.cleandoc(inspect.getsource(theirs)), key
        elif not isinstance(theirs, type):
            assert ours == theirs, key


def test_methods_of_the_declarations_are_kept() -> None:
    from orchconv.ir.loss import Loss
    from orchconv.ir.service import Healthcheck
    from orchconv.location import Loc

    assert Healthcheck(test=("NONE",)).is_disabled
    assert not Healthcheck(test=("CMD", "true")).is_disabled
    assert str(Loss(Loc("f", 1, 2), "services.a.pid", "k8s", "why")) == \
        "f:1:2: services.a.pid (k8s): why"
