"""The real docker client as an oracle for stack files.

`docker stack config -c FILE` runs docker/cli's loader and schema check and
needs no daemon.  The "Ignoring unsupported/deprecated options" warnings are
printed only by `docker stack deploy`, which loads and checks the file before
it first talks to a daemon; pointed at a socket that does not exist, it
stops right there, having deployed nothing.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.peers import require_peer

NO_DAEMON = "unix:///nonexistent/orchconv-oracle.sock"
# what `docker stack deploy` prints once the file passed and it needs the daemon
UNREACHABLE = ("Cannot connect to the Docker daemon", "error during connect")
# notices of `docker stack deploy` that say nothing about the file
NOTICES = ("--detach", "tasks will be created in the background")
WARNING_MARKS = ("Ignoring unsupported options", "Ignoring deprecated options",
                 "level=warning", "level=error")


@dataclass(frozen=True)
class Verdict:
    problems: list[str]

    @property
    def accepted(self) -> bool:
        return not self.problems


def _environment(config_dir: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", ""), "HOME": config_dir,
            "DOCKER_CONFIG": config_dir, "DOCKER_HOST": NO_DAEMON}


def check_stack_file(path: Path) -> Verdict:
    """What the docker client says about a stack file: [] when it takes it silently."""
    docker = require_peer("docker", "install the docker CLI (client only)")
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as config_dir:
        env = _environment(config_dir)
        config = subprocess.run([docker, "stack", "config", "-c", str(path)], env=env,
                                capture_output=True, text=True, timeout=60, check=False)
        if config.returncode != 0 or config.stderr.strip():
            problems.append(f"docker stack config: {config.stderr.strip()}")
        deploy = subprocess.run(
            [docker, "stack", "deploy", "--detach=true", "-c", str(path), "orchconv-oracle"],
            env=env, capture_output=True, text=True, timeout=60, check=False)
    for line in filter(None, (x.strip() for x in deploy.stderr.splitlines())):
        if any(mark in line for mark in UNREACHABLE) or any(n in line for n in NOTICES):
            continue
        problems.append(f"docker stack deploy: {line}")
    if not any(mark in deploy.stderr for mark in UNREACHABLE):
        problems.append("docker stack deploy stopped before it needed the daemon")
    return Verdict(problems)


def has_warning(verdict: Verdict) -> bool:
    return any(mark in p for p in verdict.problems for mark in WARNING_MARKS)
