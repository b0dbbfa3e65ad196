"""A pod under construction: the pod-level pieces the mapping modules contribute."""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.emit.names import dns_label


class PodParts:
    """The pod-level pieces gathered for one pod."""

    __slots__ = ("annotation_keys", "annotations", "claim_templates", "init_containers",
                 "labels", "spec", "uses_claims", "volumes")

    def __init__(self) -> None:
        self.spec: dict[str, Any] = {}  # pod-level fields
        self.volumes: list[dict[str, Any]] = []
        self.claim_templates: list[dict[str, Any]] = []  # StatefulSet only
        self.init_containers: list[dict[str, Any]] = []
        self.annotations: dict[str, str] = {}
        self.annotation_keys: set[str] = set()  # those from compose annotations
        self.labels: dict[str, str] = {}  # extra pod labels (networks)
        self.uses_claims = False  # a PVC is mounted: rolling updates may not get it

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
