"""Fuzz every loader, lint and every conversion with damaged valid inputs.

The property: whatever the input, orchconv ends with a result or with one of
its documented errors (OrchconvError and its subclasses), never with another
exception; lint turns every problem into a finding and never reports that a
rule crashed (`internal-error`).  Run longer with

    HYPOTHESIS_PROFILE=long ORCHCONV_FUZZ_EXAMPLES=5000 python -m pytest tests/fuzz
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import OrchconvError
from orchconv.ir.project import Project
from orchconv.lint.context import FileKind
from orchconv.lint.engine import Linter, LintOptions, fix_result
from orchconv.source.files import decode_text
from orchconv.source.yamltree import parse_documents
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.convert import TargetOptions, emit
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.loader import load_stack
from orchconv.translate.writing import render
from tests.fuzz.strategies import (
    FUZZ,
    compose_seeds,
    damaged_bytes,
    damaged_tree_text,
    manifest_seeds,
    stack_seeds,
    topology_seeds,
)

# One private folder for the whole run: the project folder of every load, where
# nothing (no .env, no included file) exists unless an input names an absolute path.
FOLDER = Path(tempfile.mkdtemp(prefix="orchconv-fuzz-"))
ENVIRONMENT = {"HOME": str(FOLDER), "X": "value"}


def harmless(action: Callable[[], object]) -> object | None:
    """The action's result, or None when it refused the input the documented way."""
    try:
        return action()
    except OrchconvError:
        return None


def _text(data: bytes) -> str | None:
    """The bytes as a file's text, as orchconv reads files."""
    result = harmless(lambda: decode_text(data, "fuzz.yml"))
    return result if isinstance(result, str) else None


def _convert_to(targets: tuple[str, ...], project: Project) -> None:
    for target in targets:
        conversion = harmless(partial(emit, target, project, TargetOptions(), FOLDER))
        if isinstance(conversion, Conversion):
            for fmt in ("yaml", "json"):
                harmless(partial(render, conversion, target, fmt))


def _compose(text: str, dialect: str = "compose") -> None:
    options = LoadOptions(files=(Path("-"),), working_dir=FOLDER, project_directory=FOLDER,
                          os_environ=ENVIRONMENT, stdin_text=text, dialect=dialect)
    if dialect == "stack":
        loaded = harmless(lambda: load_stack(options))
    else:
        loaded = harmless(lambda: load_project(options))
    if loaded is not None:
        project = loaded.project  # type: ignore[attr-defined]
        _convert_to(("compose", "swarm", "k8s"), project)


def _manifests(text: str) -> None:
    path = FOLDER / "manifests.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = harmless(lambda: load_kubernetes((path,), K8sLoadOptions()))
    if loaded is not None:
        _convert_to(("compose", "swarm"), loaded.project)  # type: ignore[attr-defined]


def _lint(text: str, kind: FileKind | None) -> None:
    linter = Linter(LintOptions(kind=kind))
    path = FOLDER / "fuzz.yml"
    result = linter.lint_text(path, text, "fuzz.yml")
    assert not [f for f in result.findings if f.rule == "internal-error"], result.findings
    if result.kind is not None:
        fixed = fix_result(linter, path, result)
        crashed = [f for f in fixed.findings if f.rule == "internal-error"]
        assert not crashed, crashed


# --- the reader ----------------------------------------------------------------------------


@FUZZ
@given(damaged_bytes(compose_seeds() + manifest_seeds()))
def test_reader_takes_damaged_bytes(data: bytes) -> None:
    text = _text(data)
    if text is not None:
        harmless(lambda: list(parse_documents(text, "fuzz.yml")))


# --- compose ---------------------------------------------------------------------------------


@FUZZ
@given(damaged_bytes(compose_seeds()))
def test_compose_takes_damaged_bytes(data: bytes) -> None:
    text = _text(data)
    if text is not None:
        _compose(text)


@FUZZ
@given(damaged_tree_text(compose_seeds()))
def test_compose_takes_damaged_structure(text: str) -> None:
    _compose(text)


@FUZZ
@given(st.sampled_from(compose_seeds()), damaged_tree_text(compose_seeds()))
def test_compose_merges_a_damaged_override(base: bytes, override: str) -> None:
    """A later -f file merged over a valid one: the merge stage meets every shape."""
    (FOLDER / "base.yml").write_bytes(base)
    (FOLDER / "override.yml").write_text(override, encoding="utf-8")
    options = LoadOptions(files=(FOLDER / "base.yml", FOLDER / "override.yml"),
                          working_dir=FOLDER, os_environ=ENVIRONMENT)
    loaded = harmless(lambda: load_project(options))
    if loaded is not None:
        _convert_to(("compose", "swarm", "k8s"), loaded.project)  # type: ignore[attr-defined]


# --- stack files ---------------------------------------------------------------------------


@FUZZ
@given(damaged_bytes(stack_seeds()))
def test_stack_takes_damaged_bytes(data: bytes) -> None:
    text = _text(data)
    if text is not None:
        _compose(text, dialect="stack")


@FUZZ
@given(damaged_tree_text(stack_seeds()))
def test_stack_takes_damaged_structure(text: str) -> None:
    _compose(text, dialect="stack")


# --- Kubernetes manifests --------------------------------------------------------------------


@FUZZ
@given(damaged_bytes(manifest_seeds()))
def test_manifests_take_damaged_bytes(data: bytes) -> None:
    text = _text(data)
    if text is not None:
        _manifests(text)


@FUZZ
@given(damaged_tree_text(manifest_seeds()))
def test_manifests_take_damaged_structure(text: str) -> None:
    _manifests(text)


# --- lint ------------------------------------------------------------------------------------


@FUZZ
@given(damaged_bytes(compose_seeds() + stack_seeds() + manifest_seeds() + topology_seeds()))
def test_lint_takes_damaged_bytes(data: bytes) -> None:
    text = _text(data)
    if text is not None:
        _lint(text, None)


@FUZZ
@given(damaged_tree_text(compose_seeds()))
def test_lint_takes_damaged_compose(text: str) -> None:
    _lint(text, FileKind.COMPOSE)


@FUZZ
@given(damaged_tree_text(stack_seeds()))
def test_lint_takes_damaged_stack(text: str) -> None:
    _lint(text, FileKind.STACK)


@FUZZ
@given(damaged_tree_text(manifest_seeds()))
def test_lint_takes_damaged_manifests(text: str) -> None:
    _lint(text, FileKind.KUBERNETES)


@FUZZ
@given(damaged_tree_text(topology_seeds()))
def test_lint_takes_damaged_topology(text: str) -> None:
    _lint(text, None)  # detection must survive whatever the platform key holds
    _lint(text, FileKind.TOPOLOGY)
