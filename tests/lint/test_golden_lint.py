"""Golden lint cases: golden/lint/<rule-id>/{pass,fail}/ run through the engine.

Each case folder holds the YAML files to lint (and, optionally, an
`.orchconv.yaml` with the configuration, e.g. `target: swarm`).  Only the
case's rule is selected.  A `pass` case must give no finding; a `fail` case
must give exactly the findings in its `expected.txt`, in the text format
(`file:line:col: level rule-id message`, without the summary line).

Regenerate the expected files with `python scripts/regen_golden.py lint`
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.engine import LintOptions, lint_paths
from orchconv.lint.output import render
from orchconv.lint.output.text import summary
from orchconv.lint.registry import all_rules
from tests.goldens import GOLDEN, inside

LINT_GOLDEN = GOLDEN / "lint"
EXPECTED = "expected.txt"
CONFIG = ".orchconv.yaml"
OUTCOMES = ("pass", "fail")


def case_folders() -> list[Path]:
    return sorted(p / outcome for p in LINT_GOLDEN.iterdir() if p.is_dir()
                  for outcome in OUTCOMES if (p / outcome).is_dir())


def lint_case(folder: Path) -> str:
    """The text report of the case's rule on the case's files, without the summary."""
    rule_id = folder.parent.name
    config = folder / CONFIG
    options = LintOptions(select=(rule_id,), config=config if config.is_file() else None)
    with inside(folder):
        files = sorted(Path(p.name) for p in folder.iterdir()
                       if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))
        report = lint_paths(files, options)
        text = render(report, "text")
    tail = summary(report)
    return text.removesuffix(f"{tail}\n") if tail else text


def case_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


@pytest.mark.parametrize("folder", case_folders(), ids=case_id)
def test_golden_lint_case(folder: Path) -> None:
    found = lint_case(folder)
    if folder.name == "pass":
        assert found == "", f"a pass case must be clean:\n{found}"
        return
    expected = (folder / EXPECTED).read_text(encoding="utf-8")
    assert found == expected
    assert found, "a fail case must give findings"


def test_every_case_names_a_rule_and_has_both_outcomes() -> None:
    rules = all_rules()
    for rule_dir in (p for p in LINT_GOLDEN.iterdir() if p.is_dir()):
        assert rule_dir.name in rules, f"golden/lint/{rule_dir.name}: no such rule"
        for outcome in OUTCOMES:
            assert (rule_dir / outcome).is_dir(), f"golden/lint/{rule_dir.name}/{outcome}"
        assert (rule_dir / "fail" / EXPECTED).is_file()
