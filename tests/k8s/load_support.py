"""Loading manifests written inline in a test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orchconv.ir.service import Service
from orchconv.translate.k8s.load import K8sLoadOptions, K8sLoadResult, load_kubernetes


def load_text(tmp_path: Path, text: str, name: str = "m.yaml", **options: Any) -> K8sLoadResult:
    path = tmp_path / name
    path.write_text(text)
    options.setdefault("project_name", "demo")
    return load_kubernetes((path,), K8sLoadOptions(**options))


def deployment(containers: str, *, name: str = "web", spec: str = "", pod: str = "") -> str:
    """A Deployment selecting app=<name>; `containers`, `spec` and `pod` are YAML lines
    already indented for their place (containers at 8, spec at 2, pod spec at 6)."""
    return (f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n"
            f"  selector:\n    matchLabels: {{app: {name}}}\n{spec}"
            f"  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{pod}"
            f"      containers:\n{containers}")


def only(result: K8sLoadResult, name: str = "web") -> Service:
    return result.project.services[name]


def reasons(result: K8sLoadResult) -> dict[str, str]:
    return {loss.path: loss.reason for loss in result.losses}
