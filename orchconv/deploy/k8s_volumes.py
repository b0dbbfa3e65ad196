"""Bind pending PersistentVolumeClaims to hostPath PersistentVolumes made on the spot.

For test clusters with no storage provisioner (kwok, bare kind): each pending
claim of ours gets a PV pre-bound to it (claimRef), labelled as ours so
teardown deletes it.  The claim is then touched so the PV controller binds it
now instead of at its next periodic sync.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from orchconv.deploy.base import OWNER_LABEL, owner_label
from orchconv.deploy.k8s_client import FIELD_MANAGER, Cluster

NAMESPACE_LABEL = "io.orchconv.namespace"
HOST_PATH_ROOT = "/tmp/orchconv-pv"
_POKE = "io.orchconv.bind-requested"


def volume_name(namespace: str, claim: str) -> str:
    """A PV name unique per claim and within 253 characters."""
    digest = hashlib.sha256(f"{namespace}/{claim}".encode()).hexdigest()[:10]
    return f"orchconv-{namespace[:100]}-{claim[:100]}-{digest}"


def host_path_volume(claim: Mapping[str, Any], owner: str) -> dict[str, Any]:
    metadata, spec = claim["metadata"], claim.get("spec") or {}
    namespace, name = metadata["namespace"], metadata["name"]
    size = ((spec.get("resources") or {}).get("requests") or {}).get("storage", "1Gi")
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": {"name": volume_name(namespace, name),
                     "labels": {OWNER_LABEL: owner, NAMESPACE_LABEL: namespace}},
        "spec": {
            "capacity": {"storage": size},
            "accessModes": list(spec.get("accessModes") or ["ReadWriteOnce"]),
            "volumeMode": spec.get("volumeMode", "Filesystem"),
            "storageClassName": spec.get("storageClassName") or "",
            "persistentVolumeReclaimPolicy": "Retain",  # teardown deletes it, not a recycler
            "hostPath": {"path": f"{HOST_PATH_ROOT}/{namespace}/{name}",
                         "type": "DirectoryOrCreate"},
            "claimRef": {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                         "namespace": namespace, "name": name, "uid": metadata["uid"]},
        },
    }


def bind_pending_claims(cluster: Cluster, namespace: str, owner: str) -> int:
    """Give every pending claim of ours a PV; returns how many were made."""
    claims = cluster.resource("v1", "PersistentVolumeClaim")
    volumes = cluster.resource("v1", "PersistentVolume")
    made = 0
    listed = claims.get(namespace=namespace, label_selector=owner_label(owner))
    for item in listed.to_dict().get("items") or []:
        if (item.get("status") or {}).get("phase") != "Pending":
            continue
        pv = host_path_volume(item, owner)
        cluster.api.server_side_apply(volumes, body=pv, field_manager=f"{FIELD_MANAGER}-binder",
                                      force_conflicts=True)
        cluster.api.patch(claims, name=item["metadata"]["name"], namespace=namespace,
                          body={"metadata": {"annotations": {_POKE: pv["metadata"]["name"]}}},
                          content_type="application/merge-patch+json")
        made += 1
    return made


def owned_volume_selector(namespace: str, owner: str) -> str:
    return f"{owner_label(owner)},{NAMESPACE_LABEL}={namespace}"
