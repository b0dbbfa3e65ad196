"""Unset variables are warned as docker compose warns (issue 12, item 11).

compose-go's template package warns when a plain `$VAR` or `${VAR}` reads a
variable that is not set (an empty value is set), and when a nested operand
does (it is always expanded); never for `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`,
`${VAR:+r}` or `$$`.  orchconv says it once per variable, at the value.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions

TAG_UNSET = 'The "TAG" variable is not set. Defaulting to a blank string.'


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def warnings(folder: Path, text: str, env: dict[str, str] | None = None,
             dialect: str = "compose") -> list[str]:
    (folder / "compose.yaml").write_text(text)
    options = LoadOptions(working_dir=folder, os_environ=env or {}, dialect=dialect)
    return load_project(options).warnings


def test_plain_and_braced_references_warn_once_each_at_the_value(tmp_path: Path) -> None:
    text = ("services:\n  web:\n    image: nginx:${TAG}\n"
            "    command: $TAG $OTHER\n    labels: {a: '${TAG}'}\n")
    assert warnings(tmp_path, text) == [
        f"compose.yaml:3:12: {TAG_UNSET}",
        'compose.yaml:4:14: The "OTHER" variable is not set. Defaulting to a blank string.',
    ]


@pytest.mark.parametrize("value", ["${TAG:-1}", "${TAG-1}", "${TAG:+x}", "${TAG+x}", "$$TAG",
                                   "$${TAG}"])
def test_defaults_alternatives_and_escapes_do_not_warn(tmp_path: Path, value: str) -> None:
    assert warnings(tmp_path, f"services:\n  web:\n    image: 'x'\n    command: '{value}'\n") \
        == []


def test_an_empty_variable_is_set(tmp_path: Path) -> None:
    assert warnings(tmp_path, "services:\n  web:\n    image: x${TAG}\n", {"TAG": ""}) == []


def test_a_nested_operand_is_expanded_and_warns(tmp_path: Path) -> None:
    text = "services:\n  web:\n    image: x\n    command: '${A:-${B}}'\n"
    assert warnings(tmp_path, text, {"A": "set"}) == [
        'compose.yaml:4:14: The "B" variable is not set. Defaulting to a blank string.'
    ]


def test_the_dotenv_file_sets_variables(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TAG=1.0\n")
    assert warnings(tmp_path, "services:\n  web:\n    image: x:${TAG}\n") == []


def test_stack_files_warn_too(tmp_path: Path) -> None:
    text = "version: '3.8'\nservices:\n  web:\n    image: x:$TAG\n"
    assert f"compose.yaml:4:12: {TAG_UNSET}" in warnings(tmp_path, text, dialect="stack")


def test_included_files_share_the_once_per_variable(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("services:\n  api:\n    image: y:${TAG}\n")
    text = "include: [other.yaml]\nservices:\n  web:\n    image: x:${TAG}\n"
    found = warnings(tmp_path, text)
    assert len(found) == 1 and found[0].endswith(TAG_UNSET)


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TAG"}
    return subprocess.run([sys.executable, "-m", "orchconv.cli", *args], cwd=folder, env=env,
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("command", [["config"], ["compose2k8s", "-o", "out"],
                                     ["compose2swarm"], ["swarm2compose", "-f", "compose.yaml"]])
def test_config_and_every_conversion_print_the_same_warning(tmp_path: Path,
                                                             command: list[str]) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx:${TAG}\n")
    done = _run(tmp_path, *command)
    assert done.returncode == 0, done.stderr
    assert f"warning: compose.yaml:3:12: {TAG_UNSET}" in done.stderr.splitlines()
    assert TAG_UNSET not in done.stdout  # stdout stays the document docker compose compares


def test_lint_reports_an_unset_variable_finding(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:${TAG}\n    command: ${MODE:-fast}\n")
    done = _run(tmp_path, "lint", "compose.yaml", "--select", "unset-variable")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == \
        f"compose.yaml:3:12: warning unset-variable {TAG_UNSET}"
    (tmp_path / ".env").write_text("TAG=1.27\n")
    assert _run(tmp_path, "lint", "compose.yaml", "--select", "unset-variable").returncode == 0
