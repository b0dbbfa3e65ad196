"""`docker compose config` as the judge of a compose file orchconv wrote."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.peers import require_peer


def compose_refusal(path: Path) -> str:
    """What `docker compose -f PATH config -q` says against the file: "" when it loads it."""
    binary = require_peer("docker-compose", "bash scripts/peers/build-go-peers.sh")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/root")}
    result = subprocess.run([binary, "-f", str(path), "config", "-q"], cwd=path.parent, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    return "" if result.returncode == 0 else result.stderr.strip() or f"exit {result.returncode}"
