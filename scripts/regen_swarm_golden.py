#!/usr/bin/env python3
"""Rewrite the expected stack files and losses of the golden swarm cases.

Run it only on purpose, then review `git diff golden/swarm/` like any code change.

    python scripts/regen_swarm_golden.py            # every case
    python scripts/regen_swarm_golden.py CASE...    # the named cases
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.swarm.golden_cases import LOSSES, emit_case, swarm_cases


def main() -> int:
    wanted = set(sys.argv[1:])
    for case in swarm_cases():
        if wanted and case.name not in wanted:
            continue
        emitted = emit_case(case)
        case.expected_output.write_text(emitted.stack)
        (case.path / LOSSES).write_text(emitted.losses)
        print(f"{case.id}: {emitted.losses.count(chr(10))} loss(es)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
