"""Golden cases: a folder of inputs and the output orchconv must produce.

    golden/<suite>/<case>/
        docker-compose.yml ...   inputs
        args                     optional: the command line after the command name
        env                      optional: KEY=VALUE lines set in the environment
        expected.yaml            the expected output, or
        expected.err             the expected one-line error

Absolute paths under the case folder are written as ${CASE_DIR} in expected files,
other paths under golden/ as ${GOLDEN}.
Regenerate with `python scripts/regen_golden.py compose` and review the diff
(scripts/regen_golden.py --check reports drift in every suite without writing).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
CASE_DIR = "${CASE_DIR}"
GOLDEN_DIR = "${GOLDEN}"  # paths outside the case folder but inside golden/


def portable(text: str, case_path: Path) -> str:
    """Replace the checkout's absolute paths so expectations hold in any clone."""
    return text.replace(str(case_path), CASE_DIR).replace(str(GOLDEN), GOLDEN_DIR)


@dataclass(frozen=True)
class Case:
    suite: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.name}"

    def args(self, default: list[str]) -> list[str]:
        file = self.path / "args"
        return shlex.split(file.read_text()) if file.is_file() else default

    def env(self) -> dict[str, str]:
        file = self.path / "env"
        if not file.is_file():
            return {}
        pairs = (line.split("=", 1) for line in file.read_text().splitlines() if "=" in line)
        return dict(pairs)

    @property
    def expected_output(self) -> Path:
        return self.path / "expected.yaml"

    @property
    def expected_error(self) -> Path:
        return self.path / "expected.err"


def cases(suite: str) -> list[Case]:
    folder = GOLDEN / suite
    return sorted(
        (Case(suite, p) for p in folder.iterdir() if p.is_dir()), key=lambda c: c.name
    )


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(case: Case, command: list[str], default_args: list[str]) -> Outcome:
    """Run `orchconv COMMAND ARGS` in the case folder, in-process."""
    from orchconv.cli import main

    runner = CliRunner()
    with inside(case.path):
        result = runner.invoke(main, [*command, *case.args(default_args)], env=case.env())
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(
        result.exit_code,
        portable(result.stdout, case.path),
        portable(result.stderr, case.path),
    )
