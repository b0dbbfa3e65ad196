#!/usr/bin/env python3
"""Rewrite the expected files of golden cases from orchconv's current output.

Run it only on purpose, then review `git diff golden/` like any code change.

    python scripts/regen_golden.py            # every suite
    python scripts/regen_golden.py compose    # one suite
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.goldens import GOLDEN, cases, run_cli

COMMANDS = {"compose": ["config"]}


def main() -> int:
    suites = sys.argv[1:] or sorted(COMMANDS)
    for suite in suites:
        if not (GOLDEN / suite).is_dir():
            continue
        for case in cases(suite):
            outcome = run_cli(case, COMMANDS[suite], [])
            case.expected_output.unlink(missing_ok=True)
            case.expected_error.unlink(missing_ok=True)
            if outcome.exit_code == 0:
                case.expected_output.write_text(outcome.stdout)
            else:
                case.expected_error.write_text(outcome.stderr.strip() + "\n")
            print(f"{case.id}: exit {outcome.exit_code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
