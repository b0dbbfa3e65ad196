"""Drop top-level resources no enabled service uses, as `docker compose config` does."""

from __future__ import annotations

from typing import Any

from orchconv.source.yamltree import YMap


def _used(services: dict[str, Any]) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {"networks": set(), "volumes": set(), "secrets": set(),
                                 "configs": set()}
    for service in services.values():
        if not isinstance(service, dict):
            continue
        used["networks"].update(service.get("networks") or {})
        for mount in service.get("volumes") or []:
            if isinstance(mount, dict) and mount.get("type") == "volume" and mount.get("source"):
                used["volumes"].add(str(mount["source"]))
        for section in ("secrets", "configs"):
            for ref in service.get(section) or []:
                if isinstance(ref, dict) and ref.get("source"):
                    used[section].add(str(ref["source"]))
    return used


def prune_unused_resources(document: YMap) -> YMap:
    services = document.get("services")
    used = _used(services if isinstance(services, dict) else {})
    for section, names in used.items():
        resources = document.get(section)
        if not isinstance(resources, dict):
            continue
        for name in [n for n in resources if n not in names]:
            del resources[name]
        if not resources:
            del document[section]
    return document
