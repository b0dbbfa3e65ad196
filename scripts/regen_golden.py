#!/usr/bin/env python3
"""Rewrite the expected files of the golden cases from orchconv's current output.

The one entry point for every golden suite.  Run it only on purpose, then review
`git diff golden/ tests/k8s/data/` like any code change.

    python scripts/regen_golden.py                 # every suite
    python scripts/regen_golden.py compose lint    # the named suites
    python scripts/regen_golden.py --check         # report drift, write nothing (exit 1)

Suites: compose (`orchconv config`), swarm (the stack emitter), k8s2compose (the
Kubernetes loader), kompose-labels (`compose2k8s -v` on each label family) and lint
(the expected findings of every `fail` case).  Each suite reuses the function its
tests compare with, so a regenerated case passes its test by construction.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A case's expected files: name -> content, or None for a file that must not exist
# (a case that now fails loses its expected.yaml, and the other way round).
Expected = dict[str, str | None]
Suite = Callable[[], Iterator[tuple[Path, Expected]]]


def compose() -> Iterator[tuple[Path, Expected]]:
    from tests.goldens import cases, run_cli

    for case in cases("compose"):
        outcome = run_cli(case, ["config"], [])
        if outcome.exit_code == 0:
            yield case.path, {"expected.yaml": outcome.stdout, "expected.err": None}
        else:
            yield case.path, {"expected.yaml": None,
                              "expected.err": outcome.stderr.strip() + "\n"}


def swarm() -> Iterator[tuple[Path, Expected]]:
    from tests.swarm.golden_cases import LOSSES, emit_case, swarm_cases

    for case in swarm_cases():
        emitted = emit_case(case)
        yield case.path, {"expected.yaml": emitted.stack, LOSSES: emitted.losses}


def k8s2compose() -> Iterator[tuple[Path, Expected]]:
    from tests.k8s.test_golden_k8s2compose import CASES, LOSSES, run_case

    for case in CASES:
        outcome = run_case(case)
        if outcome.error is not None:
            yield case.path, {"expected.yaml": None, LOSSES: None,
                              "expected.err": outcome.error + "\n"}
        else:
            yield case.path, {"expected.yaml": outcome.compose, LOSSES: outcome.losses,
                              "expected.err": None}


def kompose_labels() -> Iterator[tuple[Path, Expected]]:
    from tests.k8s.test_emit_kompose_labels import CASES, LOSSES, run

    for case in CASES:
        outcome = run(case)
        if outcome.exit_code == 0:
            yield case.path, {"expected.yaml": outcome.stdout, LOSSES: outcome.stderr,
                              "expected.err": None}
        else:
            yield case.path, {"expected.yaml": None, LOSSES: None,
                              "expected.err": outcome.stderr}


def lint() -> Iterator[tuple[Path, Expected]]:
    from tests.lint.test_golden_lint import EXPECTED, case_folders, lint_case

    for folder in case_folders():
        if folder.name == "fail":  # a pass case expects no finding: nothing to write
            yield folder, {EXPECTED: lint_case(folder)}


SUITES: dict[str, Suite] = {
    "compose": compose,
    "swarm": swarm,
    "k8s2compose": k8s2compose,
    "kompose-labels": kompose_labels,
    "lint": lint,
}


def drift(folder: Path, expected: Expected) -> list[str]:
    """What differs between the case folder and its expected files, one line each."""
    found = []
    for name, content in expected.items():
        path = folder / name
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if content is None:
            if path.exists():
                found.append(f"{where}: should not exist")
        elif not path.is_file():
            found.append(f"{where}: missing")
        elif path.read_text(encoding="utf-8") != content:
            found.append(f"{where}: differs")
    return found


def write(folder: Path, expected: Expected) -> None:
    for name, content in expected.items():
        if content is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_text(content, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="regen_golden.py", description="Rewrite (or --check) the golden expected files.")
    parser.add_argument("suites", nargs="*", metavar="SUITE",
                        help=f"one of {', '.join(SUITES)}; none: every suite")
    parser.add_argument("--check", action="store_true",
                        help="report the files that would change and exit 1; write nothing")
    args = parser.parse_args(argv)
    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        parser.error(f"unknown suite {unknown[0]!r} (choose from {', '.join(SUITES)})")
    drifted = 0
    for name in args.suites or list(SUITES):
        changed = 0
        for folder, expected in SUITES[name]():
            lines = drift(folder, expected)
            changed += bool(lines)
            if args.check:
                for line in lines:
                    print(line)
            elif lines:
                write(folder, expected)
        drifted += changed
        verb = "drifted" if args.check else "rewritten"
        print(f"{name}: {changed} case(s) {verb}", file=sys.stderr)
    if args.check and drifted:
        print("run: python scripts/regen_golden.py, then review the diff", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
