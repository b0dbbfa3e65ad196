"""PersistentVolumeClaims (and StatefulSet claim templates) -> named volumes.

Size and storage class are kept as the labels the Kubernetes emitter reads
back (orchconv.io/volume-size, orchconv.io/storage-class); the size is left
out when it is the emitter's default, 1Gi.  A claim the input does not
define exists in the cluster: it becomes an external volume.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orchconv.location import Loc
from orchconv.source.yamltree import YMap
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.draft import new_map
from orchconv.translate.k8s.load.metadata import read_metadata, user_labels
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.vocabulary import BIND_SOURCE, STORAGE_CLASS, VOLUME_SIZE

DEFAULT_SIZE = "1Gi"
_ACCESS_MODES = ("ReadWriteOnce", "ReadWriteMany")


def claim_labels(spec: Node, labels: dict[str, str]) -> dict[str, str]:
    """The volume labels for a claim spec: the user's, then size and storage class."""
    result = dict(labels)
    resources = spec.node("resources")
    requests = resources.node("requests") if resources else None
    size = requests.scalar("storage") if requests else None
    if size is not None and str(size) != DEFAULT_SIZE:
        result[VOLUME_SIZE[0]] = str(size)
    if resources is not None and resources.has("limits"):
        resources.lose("limits", "compose volumes have no size limit")
    storage_class = spec.text("storageClassName")
    if storage_class:
        result[STORAGE_CLASS[0]] = storage_class
    modes = spec.strings("accessModes")
    for index, mode in enumerate(modes):
        if mode not in _ACCESS_MODES:
            spec.lose("accessModes", f"{mode}: compose volumes are read-write for every "
                      "container that mounts them", sub=f"[{index}]")
    spec.default("volumeMode", "Filesystem")
    return result


def volume_entry(ctx: LoadContext, key: str, labels: dict[str, str], loc: Loc) -> YMap:
    entry = new_map(loc, name=ctx.resource_name(key))
    if labels:
        entry.put("labels", new_map(loc, **dict(sorted(labels.items()))), loc, loc)
    return entry


@dataclass
class ClaimStore:
    """The claims seen so far, and which of them a pod used."""

    ctx: LoadContext
    claims: dict[tuple[str | None, str], Manifest] = field(default_factory=dict)
    used: set[tuple[str | None, str]] = field(default_factory=set)

    def add(self, manifest: Manifest) -> None:
        self.claims[(manifest.namespace, manifest.name)] = manifest

    def bind_source(self, name: str, namespace: str | None) -> str | None:
        """The bind a claim was made from (compose2k8s marks it), its manifest read; else None.

        Its size and storage class have no bind counterpart: a loss, like its labels."""
        manifest = self.claims.get((namespace, name))
        metadata = manifest.body.get("metadata") if manifest is not None else None
        annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
        if manifest is None or not isinstance(annotations, dict) or not isinstance(
                annotations.get(BIND_SOURCE), str):
            return None
        self.used.add((namespace, name))
        root = self.ctx.root(manifest)
        _, labels, annotations = read_metadata(root)
        spec = root.node("spec")
        extra = user_labels(labels) | annotations
        kept = claim_labels(spec, extra) if spec is not None else extra
        source = kept.pop(BIND_SOURCE)
        if kept:
            self.ctx.ledger.lose(manifest.loc, manifest.label, f"read back as the bind of "
                                 f"{source} it was made from, which has no "
                                 f"{', '.join(sorted(kept))}")
        return source

    def use(self, name: str, namespace: str | None, loc: Loc) -> None:
        """Define the top-level volume a pod's claim stands for, on first use."""
        if (namespace, name) in self.used or name in self.ctx.volumes:
            return
        self.used.add((namespace, name))
        manifest = self.claims.get((namespace, name))
        if manifest is None:
            self.ctx.volumes.put(name, new_map(loc, external=True, name=name), loc, loc)
            self.ctx.ledger.warn(f"PersistentVolumeClaim {name} is not among the inputs: volume "
                                 f"{name} is external and must exist")
            return
        root = self.ctx.root(manifest)
        _, labels, annotations = read_metadata(root)
        spec = root.node("spec")
        extra = user_labels(labels) | annotations
        merged = claim_labels(spec, extra) if spec is not None else extra
        self.ctx.volumes.put(name, volume_entry(self.ctx, name, merged, manifest.loc),
                             manifest.loc, manifest.loc)

    def finish(self) -> None:
        for key, manifest in self.claims.items():
            if key not in self.used:
                self.ctx.ledger.lose(manifest.loc, manifest.label, "no workload mounts this "
                                     "claim, and compose drops unused volumes")


def claim_template(ctx: LoadContext, template: Node, replicas: int | None) -> str:
    """A StatefulSet's claim template as a named volume; returns the volume key."""
    metadata = template.node("metadata")
    name = metadata.text("name") if metadata else None
    name = name or "data"
    labels = user_labels(metadata.string_map("labels")) if metadata else {}
    if metadata is not None:
        labels |= metadata.string_map("annotations")
    spec = template.node("spec")
    merged = claim_labels(spec, labels) if spec is not None else labels
    template.skip("apiVersion", "kind", "status")
    if name not in ctx.volumes:
        ctx.volumes.put(name, volume_entry(ctx, name, merged, template.loc), template.loc,
                        template.loc)
    if replicas is not None and replicas > 1:
        ctx.ledger.lose(template.loc, template.path, "each StatefulSet replica had a claim of "
                        f"its own; the {replicas} compose replicas share volume {name}")
    return name
