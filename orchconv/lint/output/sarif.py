"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Files are named relative to the working folder (uriBaseId %SRCROOT%), regions
carry the finding's line and column (columns count code points), and each
rule has its descriptions, a help link into docs/rules.md and its default
level.

For GitHub code scanning: security rules carry `security-severity` (see
orchconv.lint.registry), each result a `partialFingerprints` entry that
hashes the rule, the file and the finding's line content (whitespace
normalised, not the line number: moving code keeps the alert), and the run
an `invocations` entry with the exit status.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from orchconv import __version__
from orchconv.lint.finding import Finding, Level
from orchconv.lint.registry import rule_doc_url, security_severity
from orchconv.lint.ruledoc import rule_doc

if TYPE_CHECKING:
    from orchconv.lint.engine import LintReport
    from orchconv.lint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/orchconv/orchconv"
SRCROOT = "%SRCROOT%"
LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}
FINGERPRINT = "orchconv/v1"


def _rule_name(rule: type[Rule]) -> str | None:
    """SARIF's readable identifier (the class name); None when it would just repeat the id."""
    name = rule.__name__
    return None if name.lower() == rule.id.lower() else name


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else f"{text}."


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    doc = rule_doc(rule)
    markdown = "\n\n".join(f"## {name}\n\n{body}" for name, body in doc.sections.items())
    descriptor: dict[str, Any] = {
        "id": rule.id,
        **({"name": name} if (name := _rule_name(rule)) else {}),
        "shortDescription": {"text": _sentence(doc.summary)},
        "fullDescription": {"text": _sentence(doc.description)},
        "helpUri": rule_doc_url(rule.id),
        "help": {"text": _sentence(doc.description), "markdown": markdown or doc.summary},
        "defaultConfiguration": {
            "level": LEVELS[rule.level],
            "enabled": rule.enabled_by_default,
        },
        "properties": {"tags": [rule.category], "fixable": rule.fixable},
    }
    severity = security_severity(rule)
    if severity is not None:
        descriptor["properties"]["security-severity"] = severity
    return descriptor


def line_content(texts: dict[str, str | None], finding: Finding) -> str:
    """The finding's line, whitespace normalised; the message when the line is not known."""
    text = texts.get(finding.loc.file)
    if text is None or finding.loc.line <= 0:
        return finding.message
    lines = text.splitlines()
    line = lines[finding.loc.line - 1] if finding.loc.line <= len(lines) else ""
    return " ".join(line.split())


def fingerprint(finding: Finding, content: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file; `occurrence` tells identical lines apart."""
    key = "\0".join((finding.rule, finding.loc.file, content))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}:{occurrence}"


def _artifact_location(file: str) -> dict[str, Any]:
    if os.path.isabs(file):
        return {"uri": Path(file).as_uri()}
    return {"uri": quote(Path(file).as_posix()), "uriBaseId": SRCROOT}


def _artifact(file: str, linted: bool) -> dict[str, Any]:
    artifact: dict[str, Any] = {"location": _artifact_location(file)}
    if linted:
        artifact["roles"] = ["analysisTarget"]
        artifact["sourceLanguage"] = "yaml"
    return artifact


def _result(finding: Finding, rule_index: int, artifact_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {**_artifact_location(finding.loc.file), "index": artifact_index},
    }
    if finding.loc.line > 0:
        region: dict[str, Any] = {"startLine": finding.loc.line,
                                  "startColumn": max(finding.loc.col, 1)}
        if finding.end is not None and finding.end.line >= finding.loc.line:
            region["endLine"] = finding.end.line
            region["endColumn"] = max(finding.end.col, 1)
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.level],
        "message": {"text": _sentence(finding.message)},
        "locations": [{"physicalLocation": physical}],
    }
    if finding.fix is not None:
        result["properties"] = {"fix": finding.fix.description}
    return result


def _results(report: LintReport, index_of_rule: dict[str, int],
             index_of_file: dict[str, int]) -> list[dict[str, Any]]:
    texts = {r.path: r.text for r in report.files}
    seen: dict[tuple[str, str, str], int] = {}
    results = []
    for finding in report.findings:
        if finding.rule not in index_of_rule:
            continue
        content = line_content(texts, finding)
        key = (finding.rule, finding.loc.file, content)
        seen[key] = seen.get(key, 0) + 1
        result = _result(finding, index_of_rule[finding.rule], index_of_file[finding.loc.file])
        result["partialFingerprints"] = {FINGERPRINT: fingerprint(finding, content, seen[key])}
        results.append(result)
    return results


def sarif_log(report: LintReport) -> dict[str, Any]:
    used = {f.rule for f in report.findings} | {r for f in report.files for r in f.rules_run}
    rule_ids = sorted(rule_id for rule_id in report.rules if rule_id in used)
    index_of_rule = {rule_id: index for index, rule_id in enumerate(rule_ids)}
    files = list(dict.fromkeys(
        [*(r.path for r in report.files), *(f.loc.file for f in report.findings)]
    ))
    index_of_file = {file: index for index, file in enumerate(files)}
    linted = {r.path for r in report.files if r.kind is not None}
    root = Path.cwd().as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orchconv",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(report.rules[rule_id]) for rule_id in rule_ids],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": root}},
            "artifacts": [_artifact(file, file in linted) for file in files],
            "columnKind": "unicodeCodePoints",
            "results": _results(report, index_of_rule, index_of_file),
            "invocations": [{"executionSuccessful": True, "exitCode": report.exit_code()}],
        }],
    }


def render(report: LintReport, *, color: bool = False) -> str:
    return json.dumps(sarif_log(report), indent=2) + "\n"
