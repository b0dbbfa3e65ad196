"""The report as one JSON object: findings (with their fixes), files and a summary."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from orchconv import __version__
from orchconv.lint.finding import Finding, Level

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport

FORMAT_VERSION = 1


def finding_object(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "rule": finding.rule,
        "level": finding.level.value,
        "message": finding.message,
        "file": finding.loc.file,
        "line": finding.loc.line,
        "column": finding.loc.col,
        "end_line": finding.end.line if finding.end else None,
        "end_column": finding.end.col if finding.end else None,
        "fix": None if fix is None else {
            "description": fix.description,
            "edit": fix.apply,
            "document": fix.document,
            "path": list(fix.path),
            "arguments": dict(fix.arguments),
        },
    }


def render(report: LintReport, *, color: bool = False) -> str:
    findings = report.findings
    document = {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "orchconv", "version": __version__},
        "fail_level": report.fail_level.value,
        "files": [
            {"path": r.path, "kind": r.kind.value if r.kind else None, "skipped": r.skipped,
             "rules": list(r.rules_run), "fixed": r.original is not None}
            for r in report.files
        ],
        "findings": [finding_object(f) for f in findings],
        "summary": {level.value: sum(1 for f in findings if f.level is level) for level in Level},
    }
    return json.dumps(document, indent=2) + "\n"
