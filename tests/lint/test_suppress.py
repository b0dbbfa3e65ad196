"""Suppressions in the linted file: comment directives and the Kubernetes annotation."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.context import SourceDocument
from orchconv.lint.finding import Finding, Level
from orchconv.lint.suppress import collect
from orchconv.location import Loc
from orchconv.source.yamltree import parse_documents
from tests.lint.helpers import only_engine_test_rules, run_lint, write

STACK = """\
version: "3.8"
services:
  web:
    image: nginx
    privileged: true  # orchconv: disable-line stack-unsupported-key -- needs devices
    # orchconv: disable-next-line stack-unsupported-key

    # (blank and comment lines in between are passed over)
    pid: host
    ipc: host
    shm_size: 1g  # orchconv: disable-line no-version-field
"""

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def lint_lines(tmp_path: Path, text: str, name: str = "stack.yml") -> list[tuple[str, int]]:
    write(tmp_path, {name: text})
    run = run_lint(tmp_path, "--format", "json", name)
    return [(f["rule"], f["line"]) for f in run.json()["findings"]]


def test_disable_line_and_next_line(tmp_path: Path) -> None:
    assert lint_lines(tmp_path, STACK) == [("stack-unsupported-key", 10),
                                           ("stack-unsupported-key", 11)]


def test_disable_file_for_one_rule_or_all(tmp_path: Path) -> None:
    text = "version: '3'\nservices:\n  web:\n    image: x\n    restart: always\n"
    assert lint_lines(tmp_path, text, "c.yml") == [("no-version-field", 1)]
    assert lint_lines(tmp_path, text + "# orchconv: disable-file no-version-field\n",
                      "c.yml") == []
    assert lint_lines(tmp_path, "# orchconv: disable-file all\n" + text, "c.yml") == []
    assert lint_lines(tmp_path, "# orchconv: disable-file\n" + text, "c.yml") == []


def test_several_rules_in_one_directive(tmp_path: Path) -> None:
    text = ("version: '3.8'  # orchconv: disable-line no-version-field, stack-unsupported-key\n"
            "services:\n  web:\n    image: x\n"
            "    pid: host  # orchconv: disable-line no-version-field,stack-unsupported-key\n")
    assert lint_lines(tmp_path, text, "stack.yml") == []


def test_directive_inside_a_quoted_value_is_not_a_comment(tmp_path: Path) -> None:
    text = ("version: '3.8'\nservices:\n  web:\n    image: x\n"
            "    pid: host\n    labels: {a: 'x#orchconv: disable-line all'}\n")
    assert lint_lines(tmp_path, text) == [("stack-unsupported-key", 5)]


def test_syntax_findings_cannot_be_suppressed(tmp_path: Path) -> None:
    text = "# orchconv: disable-file all\nservices: [\n"
    write(tmp_path, {"c.yml": text})
    run = run_lint(tmp_path, "c.yml")
    assert run.code == 2 and "error syntax" in run.out


def _finding(rule: str, line: int, file: str = "m.yaml") -> Finding:
    return Finding(rule, Level.WARNING, "m", Loc(file, line, 1))


MANIFESTS = """\
apiVersion: v1
kind: Service
metadata:
  name: a
  annotations:
    orchconv.io/ignore: "rule-a, rule-b"
spec: {}
---
apiVersion: v1
kind: Service
metadata:
  name: b
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    orchconv.io/ignore: all
"""


def test_kubernetes_annotation_covers_its_own_object_only() -> None:
    documents = [SourceDocument(d, loc) for d, loc in parse_documents(MANIFESTS, "m.yaml")]
    found = collect(MANIFESTS, documents)
    assert found.suppresses(_finding("rule-a", 2), "m.yaml")
    assert found.suppresses(_finding("rule-b", 7), "m.yaml")
    assert not found.suppresses(_finding("rule-c", 2), "m.yaml")
    assert not found.suppresses(_finding("rule-a", 10), "m.yaml")  # the second object
    assert found.suppresses(_finding("anything", 16), "m.yaml")  # `all` on the third


def test_line_directives_only_apply_to_their_own_file() -> None:
    found = collect("a: 1  # orchconv: disable-line r\n")
    assert found.suppresses(_finding("r", 1, "f.yml"), "f.yml")
    # a finding located in another file (e.g. an extended compose file) is not silenced
    assert not found.suppresses(_finding("r", 1, "base.yml"), "f.yml")
    # nor is a finding about the file as a whole
    assert not found.suppresses(_finding("r", 0, "f.yml"), "f.yml")


def test_disable_next_line_at_the_end_of_a_content_line() -> None:
    found = collect("a: 1  # orchconv: disable-next-line r\n\nb: 2\n")
    assert not found.suppresses(_finding("r", 1, "f"), "f")
    assert found.suppresses(_finding("r", 3, "f"), "f")
