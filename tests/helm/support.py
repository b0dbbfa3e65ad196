"""Charts for the tests: made through the CLI, rendered with the helm peer, and compared
with plain compose2k8s output."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from orchconv.cli import main
from tests.peers import require_peer

# Labels a chart adds to every object, or sets differently from plain compose2k8s.
HELM_LABELS = ("helm.sh/chart", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def helm() -> str:
    return require_peer("helm", "scripts/peers: helm v4.3.2 from the Go module proxy")


def helm_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([helm(), *args], capture_output=True, text=True, timeout=120,
                          check=False)


def template(chart: Path, *args: str) -> list[dict[str, Any]]:
    """`helm template` of the chart: its objects."""
    done = helm_run("template", "release", str(chart), *args)
    assert done.returncode == 0, done.stderr
    return [d for d in yaml.safe_load_all(done.stdout) if d]


def _containers(document: dict[str, Any]) -> list[dict[str, Any]]:
    spec = document.get("spec", {})
    spec = spec.get("jobTemplate", {}).get("spec", spec)
    pod = spec.get("template", {}).get("spec", spec)
    return [*pod.get("initContainers", []), *pod.get("containers", [])]


def normalised(documents: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Objects by kind and name, without the labels Helm adds and with env in name order
    (the chart writes plain values from a map, after the references)."""
    result = {}
    for document in documents:
        labels = document["metadata"].get("labels", {})
        for label in HELM_LABELS:
            labels.pop(label, None)
        for container in _containers(document):
            if "env" in container:
                container["env"] = sorted(container["env"], key=lambda e: e["name"])
        result[document["kind"], document["metadata"]["name"]] = document
    return result


def plain_objects(*args: str) -> list[dict[str, Any]]:
    done = run("compose2k8s", *args, "-o", "-")
    assert done.exit_code == 0, done.stderr
    return [d for d in yaml.safe_load_all(done.stdout) if d]


def chart_objects(chart: Path, *helm_args: str) -> list[dict[str, Any]]:
    """The chart's render, with the Secrets orchconv wrote beside it (secrets/)."""
    secrets = [yaml.safe_load(p.read_text()) for p in sorted((chart / "secrets").glob("*.yaml"))]
    return template(chart, *helm_args) + secrets
