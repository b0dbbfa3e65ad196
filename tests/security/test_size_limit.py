"""Inputs past the measured size limit are refused before parsing; running out of
memory is one line and exit 2, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from orchconv.cli import main
from orchconv.source import files, limits

DOC = Path(__file__).resolve().parents[2] / "docs" / "performance.md"
LIMIT_MESSAGE = re.compile(r"larger than the (\d+)-byte limit \(ORCHCONV_MAX_FILE_SIZE\)")
SERVICE = "services:\n  web:\n    image: nginx\n"


def _orchconv(args: list[str], cwd: Path, stdin: str | None = None,
              **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ORCHCONV_")}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "orchconv.cli", *args], cwd=cwd, input=stdin,
                          env=environment, capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_documented_limit_is_the_one_enforced() -> None:
    section = DOC.read_text(encoding="utf-8").split("## Input size limit", 1)[1]
    mib = files.DEFAULT_MAX_BYTES // (1024 * 1024)
    assert files.DEFAULT_MAX_BYTES % (1024 * 1024) == 0  # a whole number of MiB
    assert f"{mib} MiB" in section.split("\n## ", 1)[0]


def test_a_file_one_byte_over_the_real_limit_is_refused_unread(tmp_path: Path) -> None:
    """A sparse file of NUL bytes: refused for its size, before its content is looked at."""
    with open(tmp_path / "huge.yml", "wb") as handle:
        handle.truncate(files.DEFAULT_MAX_BYTES + 1)
    done = _orchconv(["config", "-f", "huge.yml"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("huge.yml: ")
    match = LIMIT_MESSAGE.search(done.stderr)
    assert match and int(match.group(1)) == files.DEFAULT_MAX_BYTES


@pytest.mark.parametrize("args", [
    ["config", "-f", "big.yml"],
    ["compose2k8s", "-f", "big.yml", "-o", "out"],
    ["k8s2compose", "big.yml", "-o", "out"],
])
def test_every_converter_refuses_before_parsing(tmp_path: Path, args: list[str]) -> None:
    # invalid YAML on its first line: a parse would say so, the size check speaks first
    (tmp_path / "big.yml").write_text("[: oops\n" + "#" * 500 + "\n", encoding="utf-8")
    done = _orchconv(args, tmp_path, ORCHCONV_MAX_FILE_SIZE="100")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "100-byte limit" in done.stderr
    assert "invalid YAML" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_lint_reports_the_oversized_file_as_a_finding(tmp_path: Path) -> None:
    (tmp_path / "big.yml").write_text(SERVICE + "#" * 500 + "\n", encoding="utf-8")
    done = _orchconv(["lint", "big.yml"], tmp_path, ORCHCONV_MAX_FILE_SIZE="100")
    assert done.returncode == 2
    assert "big.yml" in done.stdout and "100-byte limit" in done.stdout


@pytest.mark.parametrize(("args", "stream"), [
    (["config", "-f", "-"], "stderr"),
    (["lint", "-"], "stdout"),
])
def test_standard_input_has_the_same_limit(tmp_path: Path, args: list[str], stream: str) -> None:
    big = SERVICE + "#" * 500 + "\n"
    done = _orchconv(args, tmp_path, stdin=big, ORCHCONV_MAX_FILE_SIZE="100")
    assert done.returncode == 2
    assert "100-byte limit" in getattr(done, stream) and "Traceback" not in done.stderr
    small = _orchconv(args, tmp_path, stdin=SERVICE, ORCHCONV_MAX_FILE_SIZE="100")
    assert small.returncode in (0, 1) and "limit" not in small.stderr + small.stdout


def _exhausted(*_: object, **__: object) -> None:
    raise MemoryError


@pytest.mark.parametrize(("target", "args"), [
    ("orchconv.source.yamltree.CParser", ["config", "-f", "c.yml"]),
    ("orchconv.translate.convert.load", ["compose2k8s", "-f", "c.yml", "-o", "out"]),
    ("orchconv.lint.command._lint", ["lint", "c.yml"]),
    ("orchconv.deploy.workflow.prepare", ["deploy", "--to", "k8s", "c.yml"]),
])
def test_running_out_of_memory_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, args: list[str]) -> None:
    (tmp_path / "c.yml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(target, _exhausted)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr == limits.out_of_memory_message() + "\n"
    assert not (tmp_path / "out").exists()


def test_the_out_of_memory_line_names_the_limit() -> None:
    mib = files.DEFAULT_MAX_BYTES // (1024 * 1024)
    assert f"{mib} MiB" in limits.out_of_memory_message()
