"""Start-up cost guards: pre-commit runs orchconv once per commit, so import time counts."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import orchconv


def _dataclasses() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(orchconv.__path__, "orchconv."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and dataclasses.is_dataclass(value)
                    and value.__module__ == info.name):
                found.append(value)
    return found


def test_every_dataclass_has_a_docstring() -> None:
    # Without one, @dataclass builds a docstring from inspect.signature() at import.
    classes = _dataclasses()
    assert len(classes) > 50
    undocumented = [f"{c.__module__}.{c.__qualname__}" for c in classes
                    if (c.__doc__ or "").startswith(f"{c.__name__}(")]
    assert undocumented == []
