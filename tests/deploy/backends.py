"""Find the real backends the deploy tests need: a Docker engine, a swarm, a cluster.

scripts/test-env.sh starts them.  Under CI=true a missing backend is a test
failure, never a skip: CI is expected to have run test-env.sh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

from tests.peers import missing as missing_tool

CACHE = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache" / "orchconv"))
KWOK_KUBECONFIG = CACHE / "k8s" / "kubeconfig"


def missing(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    missing_tool(f"{reason} (run scripts/test-env.sh)")


def _docker(*args: str) -> str | None:
    if shutil.which("docker") is None:
        return None
    done = subprocess.run(["docker", *args], capture_output=True, text=True, check=False,
                          timeout=30)
    return done.stdout.strip() if done.returncode == 0 else None


def docker_problem() -> str | None:
    if _docker("info", "--format", "{{.ServerVersion}}") is None:
        return "no Docker engine answers"
    return None


def compose_problem() -> str | None:
    problem = docker_problem()
    if problem:
        return problem
    if _docker("compose", "version") is None and shutil.which("docker-compose") is None \
            and not (CACHE / "bin" / "docker-compose").is_file():
        return "docker compose v2 is not installed"
    return None


def swarm_problem() -> str | None:
    problem = docker_problem()
    if problem:
        return problem
    state = _docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")
    if state != "active true":
        return "the Docker engine is not a swarm manager"
    return None


def kubeconfig() -> Path | None:
    """$ORCHCONV_KUBECONFIG, else the kwok cluster's from scripts/k8s/up.sh."""
    chosen = os.environ.get("ORCHCONV_KUBECONFIG")
    path = Path(chosen) if chosen else KWOK_KUBECONFIG
    return path if path.is_file() else None


def kubernetes_problem() -> str | None:
    path = kubeconfig()
    if path is None:
        return "no kubeconfig for the test cluster"
    try:
        from kubernetes import client, config
    except ImportError:
        return "the kubernetes Python client is not installed"
    try:
        api = config.new_client_from_config(config_file=str(path))  # type: ignore[no-untyped-call]
        client.VersionApi(api).get_code(_request_timeout=10)
    except Exception as error:  # any failure to reach the API server
        return f"the Kubernetes API server does not answer ({type(error).__name__})"
    return None


def unique_name(prefix: str = "t") -> str:
    """A deployment name no other test (or run) uses."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"
