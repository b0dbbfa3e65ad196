"""GitHub Actions workflow commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.engine import FileResult, LintReport
from orchconv.lint.finding import Finding, Level
from orchconv.lint.output import render
from orchconv.lint.output.github import escape_data, escape_property
from orchconv.location import Loc
from tests.lint.helpers import only_engine_test_rules, run_lint, write

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def test_levels_and_properties() -> None:
    findings = [
        Finding("r-1", Level.ERROR, "bad", Loc("a.yml", 3, 4), end=Loc("a.yml", 3, 9)),
        Finding("r-2", Level.WARNING, "meh", Loc("a.yml", 5, 1)),
        Finding("r-3", Level.INFO, "fyi", Loc("a.yml", 0, 0)),
    ]
    text = render(LintReport([FileResult("a.yml", None, findings)], {}), "github")
    assert text.splitlines() == [
        "::error file=a.yml,line=3,col=4,endLine=3,endColumn=9,title=r-1::bad [r-1]",
        "::warning file=a.yml,line=5,col=1,title=r-2::meh [r-2]",
        "::notice file=a.yml,line=1,col=1,title=r-3::fyi [r-3]",
    ]


def test_escaping_follows_the_actions_toolkit() -> None:
    # @actions/core: data escapes % CR LF; properties also : and ,
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("dir,x/a:b.yml") == "dir%2Cx/a%3Ab.yml"


def test_command_output(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices:\n  web: {image: x}\n"})
    run = run_lint(tmp_path, "--format", "github", "c.yml")
    assert run.out == ("::warning file=c.yml,line=1,col=1,title=no-version-field::the top-level"
                       " `version` is obsolete and ignored by docker compose [no-version-field]\n")
