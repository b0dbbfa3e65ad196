"""Named volumes -> PersistentVolumeClaims (or a StatefulSet's volumeClaimTemplates).

Size and storage class come from the volume's labels, then the service's
labels, then the options (kompose reads the same label names).  A volume
used by more than one pod asks for ReadWriteMany, which needs a storage
class that offers it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from orchconv.ir.project import Volume
from orchconv.translate.k8s.emit.context import EmitContext, ServiceContext
from orchconv.translate.k8s.emit.directives import is_directive
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import invalid_key_reason, object_labels, split_labels
from orchconv.translate.k8s.emit.names import dns_subdomain
from orchconv.translate.k8s.emit.quantities import is_quantity
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.vocabulary import STORAGE_CLASS, VOLUME_SIZE


# a NamedTuple: a frozen dataclass would compile its methods at every start
class Claim(NamedTuple):
    """A PersistentVolumeClaim to write for a named volume."""

    name: str
    size: str
    storage_class: str | None
    access_mode: str
    volume: Volume | None


def claim_name(emit: EmitContext, key: str) -> str:
    volume = emit.project.volumes.get(key)
    if volume is not None and volume.external:
        return dns_subdomain(volume.name or key)
    return emit.names.claim("pvc", key, dns_subdomain(key), path=f"volumes.{key}",
                            loc=volume.loc if volume else None)


def _from_volume_labels(emit: EmitContext, volume: Volume | None,
                        keys: tuple[str, ...]) -> str | None:
    if volume is None:
        return None
    for key in keys:
        if key in volume.labels:
            value = volume.labels[key].strip()
            if keys == VOLUME_SIZE and not is_quantity(value):
                emit.lose(volume.loc, f"volumes.{volume.key}.labels.{key}",
                          f"{value!r} is not a storage quantity; the default size is used")
                return None
            return value or None
    return None


def claim_for(ctx: ServiceContext, key: str, directives: Directives, shared: bool) -> Claim:
    emit = ctx.emit
    volume = emit.project.volumes.get(key)
    size = (_from_volume_labels(emit, volume, VOLUME_SIZE) or directives.volume_size
            or ctx.options.pvc_size)
    storage = (_from_volume_labels(emit, volume, STORAGE_CLASS) or directives.storage_class
               or ctx.options.storage_class)
    return Claim(claim_name(emit, key), size, storage,
                 "ReadWriteMany" if shared else "ReadWriteOnce", volume)


def claim_spec(claim: Claim) -> dict[str, Any]:
    spec: dict[str, Any] = {"accessModes": [claim.access_mode],
                            "resources": {"requests": {"storage": claim.size}}}
    if claim.storage_class:
        spec["storageClassName"] = claim.storage_class
    return spec


def pvc_object(emit: EmitContext, claim: Claim) -> dict[str, Any]:
    labels = object_labels(emit.project.name, claim.name, "storage")
    annotations: dict[str, str] = {}
    if claim.volume is not None:
        user = {k: v for k, v in claim.volume.labels.items() if not is_directive(k)}
        valid, as_annotations, invalid = split_labels(user)
        labels.update(valid)
        annotations.update(as_annotations)
        for key in invalid:
            emit.lose(claim.volume.loc, f"volumes.{claim.volume.key}.labels.{key}",
                      invalid_key_reason(key))
    obj = new_object(emit.options.k8s_version, "PersistentVolumeClaim",
                     emit.metadata(claim.name, labels, annotations))
    obj["spec"] = claim_spec(claim)
    return obj


def claim_template(emit: EmitContext, claim: Claim) -> dict[str, Any]:
    labels = object_labels(emit.project.name, claim.name, "storage")
    return {"metadata": {"name": claim.name, "labels": labels}, "spec": claim_spec(claim)}


def top_level_volume_losses(emit: EmitContext) -> None:
    """What a top-level volume says beyond "a volume named X" that a PVC cannot hold."""
    for key, volume in emit.project.volumes.items():
        path = f"volumes.{key}"
        if volume.driver not in (None, "local"):
            emit.lose(volume.loc, f"{path}.driver", "volume drivers are a storage class "
                      "matter; choose one with the storage_class option or label")
        for option in volume.driver_opts:
            emit.lose(volume.loc, f"{path}.driver_opts.{option}",
                      "driver options have no PVC counterpart")
        for name, extra in volume.extras.items():
            emit.lose(extra.loc, f"{path}.{name}", "a PVC has no such setting")
        if volume.external:
            emit.warn(f"{path} is external: a PVC named {dns_subdomain(volume.name or key)!r} "
                      "must exist in the namespace")
