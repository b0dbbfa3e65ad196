"""GitLab Code Quality: a JSON array of Code Climate issues.

The fingerprint hashes the rule, the file, the message and how many identical
findings came before, not the line: moving code does not make GitLab see a
fixed issue and a new one.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from orchconv.lint.finding import Finding, Level
from orchconv.lint.output import position

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport

SEVERITIES = {Level.INFO: "info", Level.WARNING: "minor", Level.ERROR: "major"}
BLOCKER_RULES = frozenset({"syntax"})  # a file that does not parse: nothing else was checked
CATEGORIES = {  # Code Climate's category names
    "topology": "Bug Risk", "portability": "Compatibility", "security": "Security",
    "correctness": "Bug Risk", "style": "Style", "schema": "Bug Risk",
}


def fingerprint(finding: Finding, occurrence: int) -> str:
    key = "\0".join((finding.rule, finding.loc.file, finding.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue(finding: Finding, occurrence: int, category: str | None) -> dict[str, Any]:
    line, col = position(finding.loc.line, finding.loc.col)
    severity = "critical" if finding.rule in BLOCKER_RULES else SEVERITIES[finding.level]
    return {
        "type": "issue",
        "check_name": finding.rule,
        "description": finding.message,
        "categories": [CATEGORIES.get(category or "", "Bug Risk")],
        "severity": severity,
        "fingerprint": fingerprint(finding, occurrence),
        "location": {
            "path": finding.loc.file,
            "positions": {"begin": {"line": line, "column": col}},
        },
    }


def render(report: LintReport, *, color: bool = False) -> str:
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for finding in report.findings:
        key = (finding.rule, finding.loc.file, finding.message)
        seen[key] = seen.get(key, 0) + 1
        rule = report.rules.get(finding.rule)
        issues.append(issue(finding, seen[key], rule.category if rule else None))
    return json.dumps(issues, indent=2) + "\n"
