"""GitLab Code Quality (Code Climate issues)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lint.helpers import only_engine_test_rules, run_lint, write

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)

STACK = "version: '3.8'\nservices:\n  web:\n    image: x\n    pid: host\n  db:\n    image: y\n" \
        "    pid: host\n"


def issues(tmp_path: Path, files: dict[str, str]) -> list[dict[str, object]]:
    write(tmp_path, files)
    run = run_lint(tmp_path, "--format", "codeclimate", ".")
    loaded: list[dict[str, object]] = json.loads(run.out)
    return loaded


def test_issue_fields(tmp_path: Path) -> None:
    found = issues(tmp_path, {"stack.yml": STACK, "bad.yml": "a: [\n"})
    by_file = {str(i["location"]["path"]): i for i in found}  # type: ignore[index]
    syntax = by_file["bad.yml"]
    assert (syntax["check_name"], syntax["severity"]) == ("syntax", "critical")
    first = found[1]
    assert first["type"] == "issue"
    assert first["check_name"] == "stack-unsupported-key"
    assert first["severity"] == "minor"
    assert first["categories"] == ["Compatibility"]
    assert first["location"] == {"path": "stack.yml",
                                 "positions": {"begin": {"line": 5, "column": 5}}}
    assert isinstance(first["description"], str)
    assert len({str(i["fingerprint"]) for i in found}) == len(found)


def test_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    before = [i["fingerprint"] for i in issues(tmp_path, {"stack.yml": STACK})]
    moved = STACK.replace("services:\n", "# a new comment\n\nservices:\n")
    after = [i["fingerprint"] for i in issues(tmp_path, {"stack.yml": moved})]
    assert before == after
