"""Mark what a compose or stack document creates as ours: `io.orchconv.owner=<name>`.

Teardown and `orchconv down` find objects by this label, so it goes on every
object the engine creates from the document: containers (compose) or services
(swarm), and the networks, volumes, secrets and configs the file declares.
External resources are not ours and stay unlabelled.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from orchconv.deploy.base import OWNER_LABEL, owner_label

_RESOURCE_SECTIONS = ("networks", "volumes", "secrets", "configs")


def _with_label(labels: Any, owner: str) -> Any:
    """A labels value (mapping or KEY=VALUE list) with the owner label set."""
    if isinstance(labels, list):
        kept = [item for item in labels if not str(item).startswith(f"{OWNER_LABEL}=")]
        return [*kept, owner_label(owner)]
    merged = dict(labels) if isinstance(labels, Mapping) else {}
    merged[OWNER_LABEL] = owner
    return merged


def _is_external(resource: Any) -> bool:
    return isinstance(resource, Mapping) and bool(resource.get("external"))


def label_document(document: Mapping[str, Any], owner: str, *, swarm: bool) -> dict[str, Any]:
    """A copy of a compose/stack document whose every created object carries our label.

    Compose labels containers (`labels`); a stack labels services (`deploy.labels`).
    """
    data: dict[str, Any] = copy.deepcopy(dict(document))
    for service in (data.get("services") or {}).values():
        if not isinstance(service, dict):
            continue
        if swarm:
            deploy = service.setdefault("deploy", {})
            if deploy is None:
                deploy = service["deploy"] = {}
            deploy["labels"] = _with_label(deploy.get("labels"), owner)
        else:
            service["labels"] = _with_label(service.get("labels"), owner)
    for section in _RESOURCE_SECTIONS:
        if section in ("secrets", "configs") and not swarm:
            continue  # compose mounts these as files: no engine object is created
        resources = data.get(section) or {}
        for key, resource in list(resources.items()):
            if _is_external(resource):
                continue
            entry = dict(resource) if isinstance(resource, Mapping) else {}
            entry["labels"] = _with_label(entry.get("labels"), owner)
            resources[key] = entry
    return data

