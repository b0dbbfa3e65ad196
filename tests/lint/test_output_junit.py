"""JUnit XML: a suite per file, a test case per finding with one failure."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.lint.helpers import only_engine_test_rules, run_lint, write

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def test_junit_report(tmp_path: Path) -> None:
    write(tmp_path, {
        "stack.yml": "version: '3.8'\nservices:\n  web:\n    image: x\n    pid: host\n"
                     "    ipc: host\n",
        "bad.yml": "a: [\n",
        "ci.yml": "on: push\n",
    })
    run = run_lint(tmp_path, "--format", "junit", ".")
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ElementTree.fromstring(run.out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"bad.yml", "ci.yml", "stack.yml"}

    stack = suites["stack.yml"]
    cases = {case.get("name"): case for case in stack.iter("testcase")}
    # one testcase per finding, each with one failure; the rules that found nothing pass
    assert set(cases) == {"stack-invalid", "syntax", "stack-unsupported-key:5:5",
                          "stack-unsupported-key:6:5"}
    assert {case.get("classname") for case in cases.values()} == {"stack_yml"}
    assert cases["syntax"].find("failure") is None
    for name, line in (("stack-unsupported-key:5:5", 5), ("stack-unsupported-key:6:5", 6)):
        failures = cases[name].findall("failure")
        assert [f.get("type") for f in failures] == ["warning"]
        assert failures[0].text is not None and failures[0].text.startswith(
            f"stack.yml:{line}:5: warning stack-unsupported-key")
    assert (stack.get("tests"), stack.get("failures")) == ("4", "2")

    bad = suites["bad.yml"]
    assert [c.get("name") for c in bad.iter("testcase")] == ["syntax:2:1"]
    assert bad.get("failures") == "1"

    skipped = suites["ci.yml"]
    assert skipped.get("skipped") == "1"
    assert skipped.find("testcase/skipped") is not None

    assert (root.get("tests"), root.get("failures")) == ("6", "3")
