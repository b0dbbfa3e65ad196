"""The JSON format."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv import __version__
from tests.lint.helpers import only_engine_test_rules, run_lint, write

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def test_json_report(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices:\n  web: {image: x}\n",
                     "ci.yml": "on: push\n"})
    document = run_lint(tmp_path, "--format", "json", ".").json()
    assert document["format_version"] == 1
    assert document["tool"] == {"name": "orchconv", "version": __version__}
    assert document["fail_level"] == "warning"
    assert document["summary"] == {"info": 0, "warning": 1, "error": 0}
    assert [(f["path"], f["kind"], f["skipped"] is not None) for f in document["files"]] == [
        ("c.yml", "compose", False), ("ci.yml", None, True)]
    assert document["findings"] == [{
        "rule": "no-version-field",
        "level": "warning",
        "message": "the top-level `version` is obsolete and ignored by docker compose",
        "file": "c.yml",
        "line": 1,
        "column": 1,
        "end_line": None,
        "end_column": None,
        "fix": {"description": "remove the obsolete `version` key", "edit": "remove-key",
                "document": 0, "path": ["version"], "arguments": {}},
    }]


def test_json_marks_fixed_files(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices:\n  web: {image: x}\n"})
    document = run_lint(tmp_path, "--format", "json", "--fix", "c.yml").json()
    assert document["files"][0]["fixed"] is True and document["findings"] == []
