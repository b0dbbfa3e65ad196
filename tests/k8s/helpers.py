"""Building IR projects by hand and looking things up in the emitted manifests."""

from __future__ import annotations

from typing import Any

from orchconv.ir.loss import Loss
from orchconv.ir.project import Network, Project, Volume
from orchconv.ir.service import Service
from orchconv.location import Loc
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.emit.project import emit_kubernetes
from orchconv.translate.result import Conversion

FILE = "compose.yaml"


def at(line: int, col: int = 5) -> Loc:
    return Loc(FILE, line, col)


def service(name: str, **fields: Any) -> Service:
    fields.setdefault("image", "busybox:1.36")
    fields.setdefault("loc", at(2, 3))
    return Service(name=name, **fields)


def project(*services: Service, name: str = "demo", **fields: Any) -> Project:
    volumes = fields.pop("volumes", {})
    networks = fields.pop("networks", {})
    return Project(
        name=name,
        services={s.name: s for s in services},
        volumes={k: v if isinstance(v, Volume) else Volume(key=k, loc=at(40, 3))
                 for k, v in volumes.items()},
        networks={k: v if isinstance(v, Network) else Network(key=k, loc=at(50, 3))
                  for k, v in networks.items()},
        **fields,
    )


def emit(proj: Project, **options: Any) -> Conversion:
    return emit_kubernetes(proj, K8sEmitOptions(**options))


def objects(result: Conversion, kind: str | None = None) -> list[dict[str, Any]]:
    return [d.data for d in result.documents if kind is None or d.data["kind"] == kind]


def find(result: Conversion, kind: str, name: str) -> dict[str, Any]:
    for data in objects(result, kind):
        if data["metadata"]["name"] == name:
            return data
    present = [d.name for d in result.documents]
    raise AssertionError(f"no {kind} {name} among {present}")


def workload(result: Conversion, name: str) -> dict[str, Any]:
    for kind in ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"):
        for data in objects(result, kind):
            if data["metadata"]["name"] == name:
                return data
    raise AssertionError(f"no workload {name}")


def pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    spec = obj["spec"]
    if obj["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    result: dict[str, Any] = spec["template"]["spec"]
    return result


def container(obj: dict[str, Any], index: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = pod_spec(obj)["containers"][index]
    return result


def losses(result: Conversion, path: str) -> list[Loss]:
    """Losses at `path` or below it."""
    below = (path + ".", path + "[")
    return [x for x in result.losses if x.path == path or x.path.startswith(below)]


def loss_text(result: Conversion, path: str) -> str:
    return " | ".join(x.reason for x in losses(result, path))


def metadata_keys(obj: Any) -> list[str]:
    """Every label and annotation key of an object, its pod template and claim templates."""
    keys: list[str] = []
    if isinstance(obj, dict):
        for name, value in obj.items():
            if name in ("labels", "annotations", "matchLabels") and isinstance(value, dict):
                keys.extend(value)
            else:
                keys.extend(metadata_keys(value))
    elif isinstance(obj, list):
        for item in obj:
            keys.extend(metadata_keys(item))
    return keys
