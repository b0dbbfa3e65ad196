"""The `--check` / write step every generator shares: a stale file is rewritten, or,
under --check, named with the command that regenerates it (exit 1)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path


def write_or_check(files: Mapping[Path, str], check: bool, command: str) -> int:
    stale = [path for path, text in files.items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    if check:
        if stale:
            print(f"stale: {', '.join(str(p) for p in stale)}; run {command}", file=sys.stderr)
            return 1
        return 0
    for path in stale:
        path.write_text(files[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0
