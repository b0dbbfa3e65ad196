"""A pod under construction: the pod-level pieces the mapping modules contribute."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchconv.translate.k8s.emit.names import dns_label


@dataclass
class PodParts:
    """The pod-level pieces gathered for one pod."""

    spec: dict[str, Any] = field(default_factory=dict)  # pod-level fields
    volumes: list[dict[str, Any]] = field(default_factory=list)
    claim_templates: list[dict[str, Any]] = field(default_factory=list)  # StatefulSet only
    init_containers: list[dict[str, Any]] = field(default_factory=list)
    annotations: dict[str, str] = field(default_factory=dict)
    annotation_keys: set[str] = field(default_factory=set)  # those from compose annotations
    labels: dict[str, str] = field(default_factory=dict)  # extra pod labels (networks)
    uses_claims: bool = False  # a PVC is mounted: rolling updates may not get it

    def volume_name(self, base: str) -> str:
        """A pod volume name for `base`, distinct from the ones already used."""
        name = dns_label(base)
        taken = {v["name"] for v in self.volumes} | {
            t["metadata"]["name"] for t in self.claim_templates}
        candidate, number = name, 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate = f"{name[: 63 - len(suffix)]}{suffix}"
            number += 1
        return candidate

    def add_volume(self, name: str, source: dict[str, Any], *, shared: bool = False) -> str:
        """Add a pod volume; with `shared`, one with the same source is reused."""
        for volume in self.volumes if shared else ():
            if {k: v for k, v in volume.items() if k != "name"} == source:
                return str(volume["name"])
        unique = self.volume_name(name)
        self.volumes.append({"name": unique, **source})
        return unique


def add_mount(container: dict[str, Any], mount: dict[str, Any]) -> list[dict[str, Any]]:
    """Add a volumeMount; a later mount on the same path replaces the earlier one,
    which is returned so the caller can report it."""
    mounts: list[dict[str, Any]] = container.setdefault("volumeMounts", [])
    replaced = [m for m in mounts if m["mountPath"] == mount["mountPath"]]
    mounts[:] = [m for m in mounts if m["mountPath"] != mount["mountPath"]]
    mounts.append(mount)
    return replaced
