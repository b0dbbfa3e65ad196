"""Running `orchconv lint` in tests: in-process through click, in a chosen folder."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from orchconv.lint.command import lint


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def rules(self) -> list[str]:
        return [f["rule"] for f in self.json()["findings"]]


@contextmanager
def working_dir(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def run_lint(folder: Path, *args: str, stdin: str | None = None) -> Run:
    """`orchconv lint ARGS` with `folder` as the working folder."""
    with working_dir(folder):
        result = CliRunner().invoke(lint, list(args), input=stdin, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def lines(text: str) -> Sequence[str]:
    return [line for line in text.splitlines() if line]


ENGINE_TEST_RULES = ("syntax", "compose-invalid", "stack-invalid", "topology-invalid",
                     "internal-error", "no-version-field", "stack-unsupported-key")


@pytest.fixture
def only_engine_test_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the engine's findings and the two rules written with it: the engine tests'
    expectations must not change as other rules are added."""
    from orchconv.lint import catalog

    chosen = catalog.rule_catalog().subset(ENGINE_TEST_RULES)
    monkeypatch.setattr(catalog, "rule_catalog", lambda: chosen)
