"""SARIF 2.1.0: structure, and Microsoft's validator accepts it."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from orchconv import __version__
from tests.lint.helpers import only_engine_test_rules, run_lint, write
from tests.peers import missing

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)

FILES = {
    "stack.yml": "version: '3.8'\nservices:\n  web:\n    image: x\n    restart: always\n",
    "sub dir/compose.yaml": "version: '3'\nservices:\n  web:\n    image: x\n"
                            "    depends_on: [db]\n",
    "bad.yml": "a: [\n",
    "ci.yml": "on: push\n",
}


def sarif(tmp_path: Path) -> dict[str, Any]:
    write(tmp_path, FILES)
    run = run_lint(tmp_path, "--format", "sarif", ".")
    loaded: dict[str, Any] = json.loads(run.out)
    return loaded


def test_log_structure(tmp_path: Path) -> None:
    log = sarif(tmp_path)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("orchconv", __version__)
    assert driver["informationUri"].startswith("https://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"

    rules = {rule["id"]: rule for rule in driver["rules"]}
    unsupported = rules["stack-unsupported-key"]
    assert unsupported["name"] == "StackUnsupportedKey"
    assert unsupported["shortDescription"]["text"] == (
        "A service key that `docker stack deploy` ignores.")
    assert unsupported["fullDescription"]["text"].startswith("Reports each service key")
    assert unsupported["helpUri"].endswith("docs/rules.md#stack-unsupported-key")
    assert unsupported["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert rules["syntax"]["name"] == "SyntaxRule"  # SARIF: a name must not repeat the id

    results = {(r["ruleId"], r["level"]): r for r in run["results"]}
    assert set(results) == {("stack-unsupported-key", "warning"), ("syntax", "error"),
                            ("no-version-field", "warning"), ("compose-invalid", "error")}
    located = results[("compose-invalid", "error")]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"] == "sub%20dir/compose.yaml"
    assert located["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert located["region"] == {"startLine": 5, "startColumn": 18}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        index = result["locations"][0]["physicalLocation"]["artifactLocation"]["index"]
        assert run["artifacts"][index]["location"]["uri"] == result["locations"][0][
            "physicalLocation"]["artifactLocation"]["uri"]


def _validator() -> Path | None:
    cache = Path(os.environ.get("ORCHCONV_CACHE") or Path.home() / ".cache" / "orchconv")
    tool = cache / "bin" / "sarif-multitool"
    if tool.exists():
        return tool
    missing(f"{tool} is missing: run scripts/peers/install-node-peers.sh")
    return None


_PROBLEM = re.compile(r": (error|warning|note) ([A-Z]+\d+): (.*)")


def validate(tool: Path, log: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    done = subprocess.run([str(tool), "validate", str(log), "-o", str(tmp_path / "v.sarif"),
                           "--log", "ForceOverwrite"], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return [m.groups() for m in _PROBLEM.finditer(done.stdout)]  # type: ignore[misc]


@pytest.mark.peer
def test_sarif_multitool_finds_no_error(tmp_path: Path) -> None:
    tool = _validator()
    assert tool is not None
    log = sarif(tmp_path)
    path = tmp_path / "orchconv.sarif"
    path.write_text(json.dumps(log))
    problems = validate(tool, path, tmp_path)
    assert [p for p in problems if p[0] == "error"] == []
    # the validator really validates: a broken copy is refused
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    path.write_text(json.dumps(log))
    assert any(p[0] == "error" and p[1] == "JSON1008" for p in validate(tool, path, tmp_path))
