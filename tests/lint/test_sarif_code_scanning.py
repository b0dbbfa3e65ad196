"""SARIF for GitHub code scanning: security-severity, partialFingerprints, invocations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from orchconv.lint.finding import Level
from orchconv.lint.registry import SECURITY_SEVERITY, all_rules, security_severity
from tests.lint.helpers import run_lint, write
from tests.lint.test_output_sarif import _validator, validate

CONFIG = "lint:\n  select: [syntax, docker-socket-mount, no-version-field]\n"
COMPOSE = ("version: '3'\nservices:\n  a:\n    image: nginx:1.27\n"
           "    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n"
           "  b:\n    image: nginx:1.27\n"
           "    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n")


def sarif_of(folder: Path, text: str) -> dict[str, Any]:
    write(folder, {".orchconv.yaml": CONFIG, "compose.yaml": text})
    run = run_lint(folder, "--format", "sarif", "compose.yaml")
    log: dict[str, Any] = json.loads(run.out)
    log["exit"] = run.code
    return log


def fingerprints(log: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["ruleId"], r["partialFingerprints"]["orchconv/v1"])
            for r in log["runs"][0]["results"]]


def test_security_rules_carry_a_security_severity(tmp_path: Path) -> None:
    rules = {r["id"]: r for r in sarif_of(tmp_path, COMPOSE)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["docker-socket-mount"]["properties"]["security-severity"] == "5.0"
    assert "security" in rules["docker-socket-mount"]["properties"]["tags"]
    assert "security-severity" not in rules["no-version-field"]["properties"]
    for rule in all_rules().values():
        expected = SECURITY_SEVERITY[rule.level] if rule.category == "security" else None
        assert security_severity(rule) == expected
        if expected is not None:
            assert 0.0 < float(expected) <= 10.0
    assert float(SECURITY_SEVERITY[Level.ERROR]) >= 7.0  # "high" on GitHub


def test_fingerprints_follow_the_line_content_not_its_number(tmp_path: Path) -> None:
    before = fingerprints(sarif_of(tmp_path, COMPOSE))
    assert len(before) == 3 and len(set(before)) == 3  # identical lines still differ
    moved = COMPOSE.replace("services:\n", "services:\n  c:\n    image: nginx:1.27\n")
    after = fingerprints(sarif_of(tmp_path, moved))
    assert after == before
    edited = COMPOSE.replace("docker.sock:/var/run/docker.sock]\n  b",
                             "docker.sock:/run/docker.sock]\n  b")
    changed = fingerprints(sarif_of(tmp_path, edited))
    assert changed[0] == before[0]  # no-version-field's line is untouched
    assert changed[1] not in before  # the edited line is a new result


def test_invocation_records_the_exit_status(tmp_path: Path) -> None:
    log = sarif_of(tmp_path, COMPOSE)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert log["exit"] == 1
    clean = sarif_of(tmp_path, "services:\n  a:\n    image: nginx:1.27\n")
    assert clean["runs"][0]["invocations"][0]["exitCode"] == clean["exit"] == 0


@pytest.mark.peer
def test_sarif_multitool_accepts_the_code_scanning_properties(tmp_path: Path) -> None:
    tool = _validator()
    assert tool is not None
    log = sarif_of(tmp_path, COMPOSE)
    del log["exit"]
    path = tmp_path / "orchconv.sarif"
    path.write_text(json.dumps(log))
    assert [p for p in validate(tool, path, tmp_path) if p[0] == "error"] == []
