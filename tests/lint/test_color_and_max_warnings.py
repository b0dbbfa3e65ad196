"""--color/--no-color beside NO_COLOR/FORCE_COLOR, and --max-warnings as ESLint has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.command import resolve_color
from tests.lint.helpers import run_lint, write

VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"
CONFIG = "lint:\n  select: [syntax, no-version-field]\n"
ESC = "\x1b["


@pytest.mark.parametrize(("choice", "environ", "tty", "expected"), [
    (None, {}, True, True),
    (None, {}, False, False),
    (None, {"NO_COLOR": "1"}, True, False),
    (None, {"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value counts
    (None, {"FORCE_COLOR": "1"}, False, True),
    (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),  # NO_COLOR beats FORCE_COLOR
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("always", {"NO_COLOR": "1"}, False, True),  # the flag beats the environment
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_resolution(choice: str | None, environ: dict[str, str], tty: bool,
                           expected: bool) -> None:
    assert resolve_color(choice, environ, tty) is expected


def test_colour_flags_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {".orchconv.yaml": CONFIG, "compose.yaml": VERSIONED})
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert ESC not in run_lint(tmp_path, "compose.yaml").out  # not a terminal
    assert ESC in run_lint(tmp_path, "--color", "always", "compose.yaml").out
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC in run_lint(tmp_path, "compose.yaml").out
    assert ESC not in run_lint(tmp_path, "--no-color", "compose.yaml").out
    assert ESC not in run_lint(tmp_path, "--color=never", "compose.yaml").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in run_lint(tmp_path, "compose.yaml").out
    assert ESC in run_lint(tmp_path, "--color=always", "compose.yaml").out
    # colour never reaches a machine format
    assert ESC not in run_lint(tmp_path, "--color=always", "--format", "json", "compose.yaml").out
    run = run_lint(tmp_path, "--no-color", "--color", "always", "compose.yaml")
    assert run.code == 2 and "contradict" in run.err


def test_max_warnings(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint:\n  select: [syntax, no-version-field]\n"
                                       "  fail-level: error\n",
                     "a.yaml": VERSIONED, "b.yaml": VERSIONED})
    assert run_lint(tmp_path, "a.yaml", "b.yaml").code == 0  # warnings do not fail here
    assert run_lint(tmp_path, "--max-warnings", "2", "a.yaml", "b.yaml").code == 0
    assert run_lint(tmp_path, "--max-warnings", "1", "a.yaml", "b.yaml").code == 1
    assert run_lint(tmp_path, "--max-warnings", "0", "a.yaml").code == 1
    run = run_lint(tmp_path, "--max-warnings", "-1", "a.yaml")
    assert run.code == 2 and "--max-warnings" in run.err
