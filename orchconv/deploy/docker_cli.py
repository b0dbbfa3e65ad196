"""Run the docker CLI (and docker compose) and parse what it prints.

The CLI, not the HTTP API, because it is what users have and it negotiates the
API version with any engine.  Errors become one-line DeployErrors made from
the CLI's own last stderr line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from orchconv.deploy.base import DeployError


@cache
def docker_binary() -> str:
    found = shutil.which("docker")
    if found is None:
        raise DeployError("the docker CLI is not on PATH")
    return found


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no error message"


def run(command: Sequence[str], *, input_text: str | None = None,
        cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(list(command), input=input_text, capture_output=True, text=True,
                              cwd=cwd, check=False)
    except FileNotFoundError:
        raise DeployError(f"{command[0]}: command not found") from None
    if check and done.returncode != 0:
        shown = " ".join(Path(command[0]).name if i == 0 else part
                         for i, part in enumerate(command[:3]))
        raise DeployError(f"`{shown} ...` failed: {_last_line(done.stderr or done.stdout)}")
    return done


def docker(*args: str, input_text: str | None = None, check: bool = True) -> str:
    return run([docker_binary(), *args], input_text=input_text, check=check).stdout


@cache
def compose_command() -> tuple[str, ...]:
    """`docker compose` (the plugin) or a standalone docker-compose v2 binary."""
    plugin = run([docker_binary(), "compose", "version"], check=False)
    if plugin.returncode == 0:
        return (docker_binary(), "compose")
    cache_bin = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache/orchconv")) / "bin"
    for candidate in (shutil.which("docker-compose"), str(cache_bin / "docker-compose")):
        if candidate and Path(candidate).is_file():
            return (candidate,)
    raise DeployError("docker compose v2 is not installed (neither the plugin nor docker-compose)")


def compose(*args: str, cwd: Path | None = None, check: bool = True) -> str:
    return run([*compose_command(), *args], cwd=cwd, check=check).stdout


def json_lines(text: str) -> list[dict[str, Any]]:
    """Output of `--format json`: one object per line, or one JSON array."""
    stripped = text.strip()
    if not stripped:
        return []
    if stripped.startswith("["):
        loaded = json.loads(stripped)
        return [item for item in loaded if isinstance(item, dict)]
    return [json.loads(line) for line in stripped.splitlines() if line.strip()]


def inspect(kind: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    """`docker <kind> inspect` of several objects; [] when none is given."""
    if not ids:
        return []
    loaded = json.loads(docker(kind, "inspect", *ids))
    return [item for item in loaded if isinstance(item, dict)]


def ids_with_label(kind: str, label: str, *, all_states: bool = False) -> list[str]:
    """IDs (names for volumes) of the objects of one kind carrying a label filter."""
    if kind == "container":
        args = ["ps", "-q", "--no-trunc", "--filter", f"label={label}"]
        if all_states:
            args.insert(1, "-a")
    else:
        args = [kind, "ls", "-q", "--filter", f"label={label}"]
    return [line for line in docker(*args).split() if line]


def swarm_manager() -> bool:
    state = docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")
    return state.split() == ["active", "true"]


@cache
def local_address_pools() -> tuple[tuple[str, int], ...]:
    """The pools the engine picks local network subnets from, as (base, size), when it
    was started with --default-address-pool; empty when it uses Docker's built-in ones
    or cannot say."""
    try:
        output = docker("info", "--format", "{{json .DefaultAddressPools}}", check=False)
        pools = json.loads(output or "null")
    except (DeployError, ValueError):
        return ()
    return tuple((str(p["Base"]), int(p["Size"])) for p in pools or []
                 if isinstance(p, dict) and "Base" in p and "Size" in p)
