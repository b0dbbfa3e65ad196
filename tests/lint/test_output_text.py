"""The text format: one `file:line:col: level rule-id message` line per finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.engine import FileResult, LintReport
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.output import FORMATS, render
from orchconv.lint.output.text import summary
from orchconv.location import Loc
from tests.lint.helpers import only_engine_test_rules, run_lint, write

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def report(*findings: Finding) -> LintReport:
    return LintReport([FileResult("c.yml", None, list(findings))], {})


def test_lines_and_summary() -> None:
    text = render(report(
        Finding("rule-a", Level.ERROR, "broken", Loc("c.yml", 3, 5)),
        Finding("rule-b", Level.WARNING, "odd", Loc("c.yml", 4, 1),
                fix=Fix("x", ("a",), "remove-key")),
        Finding("rule-c", Level.INFO, "note", Loc("c.yml")),
    ), "text")
    assert text == ("c.yml:3:5: error rule-a broken\n"
                    "c.yml:4:1: warning rule-b odd\n"
                    "c.yml:1:1: info rule-c note\n"
                    "3 problems (1 error, 1 warning, 1 info); 1 fixable with --fix\n")


def test_no_findings_no_output() -> None:
    assert render(report(), "text") == ""
    assert summary(report()) == ""


def test_colour_wraps_parts_in_ansi_codes() -> None:
    text = render(report(Finding("r", Level.ERROR, "m", Loc("c.yml", 1, 2))), "text",
                  color=True)
    assert text.splitlines()[0] == "\x1b[1mc.yml:1:2:\x1b[0m \x1b[31merror\x1b[0m \x1b[2mr\x1b[0m m"


def test_colour_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices: {web: {image: x}}\n"})
    assert "\x1b[" not in run_lint(tmp_path, "c.yml").out  # CliRunner's stdout is no TTY
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_lint(tmp_path, "c.yml").out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_lint(tmp_path, "c.yml").out


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices: {web: {image: x}}\n"})
    run = run_lint(tmp_path, "-o", "out/report.txt", "c.yml")
    assert run.out == "" and run.code == 1
    assert (tmp_path / "out" / "report.txt").read_text().startswith(
        "c.yml:1:1: warning no-version-field")


def test_command_choices_match_the_formats_and_kinds() -> None:
    from orchconv.lint.command import FORMAT_CHOICES, KIND_CHOICES
    from orchconv.lint.context import FileKind

    assert FORMAT_CHOICES == FORMATS
    assert set(KIND_CHOICES) == {kind.value for kind in FileKind}
