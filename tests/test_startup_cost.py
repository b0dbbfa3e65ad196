"""Start-up cost guards: pre-commit runs orchconv once per commit, so import time counts."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys

import orchconv
from orchconv import __version__


def _dataclasses() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(orchconv.__path__, "orchconv."):
        if info.name == "orchconv.__main__":  # running it is the command itself
            continue
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


def test_the_command_runs_as_a_module_with_the_collector_paused() -> None:
    # run() ends the process itself (launch.leave); exit handlers still run
    script = ("import atexit, gc, sys; from orchconv import launch\n"
              "sys.argv = ['orchconv', '--version']\n"
              "atexit.register(lambda: print(gc.isenabled()))\n"
              "launch.run()")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["orchconv,", "version", __version__, "False"]
    module = subprocess.run([sys.executable, "-m", "orchconv", "--version"],
                            capture_output=True, text=True, check=True)
    assert module.stdout.strip() == f"orchconv, version {__version__}"
