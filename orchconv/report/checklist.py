"""What a person must still do after the conversion: things no file can say for them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from orchconv.ir.project import Project
from orchconv.translate.result import Conversion


def _kinds(conversion: Conversion, kind: str) -> Iterator[dict[str, Any]]:
    for document in conversion.documents:
        data = document.data
        items = data.get("items") if data.get("kind") == "List" else [data]
        for item in items or []:
            if isinstance(item, dict) and item.get("kind") == kind:
                yield item


def _name(item: dict[str, Any]) -> str:
    metadata = item.get("metadata")
    return str(metadata.get("name")) if isinstance(metadata, dict) else "?"


def _images(project: Project) -> list[str]:
    items = []
    for name in sorted(project.services):
        service = project.services[name]
        if service.build is not None:
            image = service.image or "(no image name: give `image:` or --image-prefix)"
            items.append(f"Build the image of service {name} and push it to a registry the"
                         f" cluster can pull from: {image}")
    images = sorted({s.image for s in project.services.values() if s.image and not s.build})
    if images:
        items.append("Check every node can pull these images (registry credentials, private"
                     f" mirrors): {', '.join(images)}")
    return items


def _k8s(project: Project, conversion: Conversion) -> list[str]:
    items = []
    for secret in _kinds(conversion, "Secret"):
        data = {**(secret.get("data") or {}), **(secret.get("stringData") or {})}
        items.append(f"Create the Secret {_name(secret)} with its real values (keys:"
                     f" {', '.join(sorted(data)) or 'none'}); keep it out of version control")
    for claim in _kinds(conversion, "PersistentVolumeClaim"):
        spec = claim.get("spec") or {}
        size = ((spec.get("resources") or {}).get("requests") or {}).get("storage", "?")
        cls = spec.get("storageClassName") or "the cluster's default"
        items.append(f"Pick a storage class and size for the claim {_name(claim)}"
                     f" (now: {cls}, {size}) and plan how to move its data")
    for ingress in _kinds(conversion, "Ingress"):
        hosts = sorted({str(r.get("host")) for r in (ingress.get("spec") or {}).get("rules", [])
                        if isinstance(r, dict) and r.get("host")})
        for host in hosts:
            items.append(f"Point DNS for {host} at the ingress controller (Ingress"
                         f" {_name(ingress)})")
    for service in _kinds(conversion, "Service"):
        kind = (service.get("spec") or {}).get("type")
        if kind in ("LoadBalancer", "NodePort"):
            items.append(f"Check how the {kind} Service {_name(service)} is reached from"
                         " outside (load balancer, firewall, DNS)")
    return items


def _swarm(project: Project) -> list[str]:
    items = []
    for name in sorted(project.secrets):
        items.append(f"Create the secret {name} on the swarm (docker secret create) or make"
                     " its file readable where you deploy")
    for name in sorted(project.volumes):
        items.append(f"Make the volume {name} available on every node that may run its"
                     " services (local volumes are per node): pick a volume driver")
    ports = sorted({p.published for s in project.services.values() for p in s.ports
                    if p.published})
    if ports:
        items.append(f"Open the published ports on the swarm nodes and point DNS at them:"
                     f" {', '.join(ports)}")
    return items


def checklist(project: Project, conversion: Conversion, target: str) -> list[str]:
    items = _images(project)
    items += _k8s(project, conversion) if target == "k8s" else _swarm(project)
    if conversion.environ:
        items.append(f"Fill in the .env file beside the output: {len(conversion.environ)}"
                     " secret value(s) the output reads from it")
    return items
