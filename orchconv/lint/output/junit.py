"""JUnit XML for Jenkins & co.: one testsuite per file, one testcase per finding.

Each finding is a testcase `RULE:LINE:COL` with one <failure> (CI pages count
and list failures by testcase); each rule run on the file without a finding
is a passing testcase named after it.  A file that was not linted (unknown
kind) is a suite with one skipped testcase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree

from orchconv.lint.finding import Finding
from orchconv.lint.output import position

if TYPE_CHECKING:
    from orchconv.lint.engine import FileResult, LintReport

SUITES_NAME = "orchconv lint"


def _failure(case: ElementTree.Element, finding: Finding) -> None:
    line, col = position(finding.loc.line, finding.loc.col)
    element = ElementTree.SubElement(case, "failure", message=finding.message,
                                     type=finding.level.value)
    element.text = f"{finding.loc.file}:{line}:{col}: {finding.level.value} {finding.rule}" \
                   f" {finding.message}"


def _suite(result: FileResult) -> ElementTree.Element:
    suite = ElementTree.Element("testsuite", name=result.path)
    # Jenkins splits a classname at dots into package and class: keep the file whole
    classname = result.path.replace(".", "_")
    if result.skipped:
        case = ElementTree.SubElement(suite, "testcase", name="lint", classname=classname)
        ElementTree.SubElement(case, "skipped", message=result.skipped)
        suite.set("tests", "1")
        suite.set("skipped", "1")
        suite.set("failures", "0")
        suite.set("errors", "0")
        return suite
    found = {f.rule for f in result.findings}
    passed = [rule for rule in result.rules_run if rule not in found]
    for rule in passed:
        ElementTree.SubElement(suite, "testcase", name=rule, classname=classname)
    for finding in result.findings:
        line, col = position(finding.loc.line, finding.loc.col)
        where = f":{line}:{col}" if finding.loc.file == result.path else f" {finding.loc}"
        case = ElementTree.SubElement(suite, "testcase", name=f"{finding.rule}{where}",
                                      classname=classname)
        _failure(case, finding)
    suite.set("tests", str(len(passed) + len(result.findings)))
    suite.set("failures", str(len(result.findings)))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def render(report: LintReport, *, color: bool = False) -> str:
    root = ElementTree.Element("testsuites", name=SUITES_NAME)
    tests = failures = 0
    for result in report.files:
        suite = _suite(result)
        root.append(suite)
        tests += int(suite.get("tests", "0"))
        failures += int(suite.get("failures", "0"))
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
