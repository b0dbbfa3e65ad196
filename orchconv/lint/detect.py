"""What kind of file a YAML input is: compose, stack, Kubernetes or topology.

Content decides first, the file name only breaks the compose/stack tie:

- any document with string `apiVersion` and `kind` is Kubernetes, except a
  kind cluster config (`kind: Cluster`, `apiVersion: kind.x-k8s.io/...`),
  which describes a topology;
- a mapping with `platform` and a `nodes` list is our inventory (topology);
- a mapping with `services` (or `include`) is compose, or a stack when it was
  written for `docker stack deploy`: a name with a `stack` word in it
  (`stack.yml`, `docker-stack.yaml`, `web.stack.yml`), or a 3.x `version` with
  a swarm-only hint (a service `deploy` section, which docker-compose v1
  ignored, or an overlay network).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

from orchconv.lint.context import FileKind

KIND_CLUSTER_API_PREFIX = "kind.x-k8s.io/"
INVENTORY_PLATFORMS = frozenset({"swarm", "kubernetes"})
_STACK_NAME = re.compile(r"(?:^|[._-])stack(?:$|[._-])", re.IGNORECASE)
_V3 = re.compile(r"3(?:\.\d+)?")


def detect_kind(path: str, documents: Iterable[Any]) -> FileKind | None:
    """The kind of the file at `path` with these parsed documents; None when unknown."""
    mappings = [d for d in documents if isinstance(d, Mapping)]
    if not mappings:
        return None
    if any(is_kind_cluster_config(d) for d in mappings):
        return FileKind.TOPOLOGY
    if any(_is_kubernetes_object(d) for d in mappings):
        return FileKind.KUBERNETES
    first = mappings[0]
    if _is_inventory(first):
        return FileKind.TOPOLOGY
    if _is_compose_like(first):
        return FileKind.STACK if _written_for_swarm(path, first) else FileKind.COMPOSE
    return None


def is_kind_cluster_config(document: Mapping[str, Any]) -> bool:
    api = document.get("apiVersion")
    return (document.get("kind") == "Cluster" and isinstance(api, str)
            and api.startswith(KIND_CLUSTER_API_PREFIX))


def _is_kubernetes_object(document: Mapping[str, Any]) -> bool:
    return isinstance(document.get("apiVersion"), str) and isinstance(document.get("kind"), str)


def _is_inventory(document: Mapping[str, Any]) -> bool:
    platform = document.get("platform")
    return isinstance(platform, str) and platform in INVENTORY_PLATFORMS and "nodes" in document


def _is_compose_like(document: Mapping[str, Any]) -> bool:
    return isinstance(document.get("services"), Mapping) or "include" in document


def _written_for_swarm(path: str, document: Mapping[str, Any]) -> bool:
    stem = PurePath(path).name.rsplit(".", 1)[0] if path else ""
    if _STACK_NAME.search(stem):
        return True
    version = document.get("version")
    if not (isinstance(version, str | int | float) and _V3.fullmatch(str(version))):
        return False
    services = document.get("services")
    if isinstance(services, Mapping) and any(
        isinstance(s, Mapping) and isinstance(s.get("deploy"), Mapping) for s in services.values()
    ):
        return True
    networks = document.get("networks")
    return isinstance(networks, Mapping) and any(
        isinstance(n, Mapping) and n.get("driver") == "overlay" for n in networks.values()
    )
