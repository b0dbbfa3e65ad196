"""Labels on what we emit: the app.kubernetes.io set, selectors, and user labels.

Every object carries app.kubernetes.io/name, app.kubernetes.io/part-of (the
project) and app.kubernetes.io/managed-by: orchconv.  Pods are selected by
name and part-of, so two projects can share a namespace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

NAME = "app.kubernetes.io/name"
PART_OF = "app.kubernetes.io/part-of"
MANAGED_BY = "app.kubernetes.io/managed-by"
COMPONENT = "app.kubernetes.io/component"
MANAGER = "orchconv"
NETWORK_PREFIX = "orchconv.io/network-"

_NAME_PART = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
_PREFIX = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def is_label_value(value: str) -> bool:
    return value == "" or (len(value) <= 63 and bool(_NAME_PART.fullmatch(value)))


def is_label_key(key: str) -> bool:
    prefix, slash, name = key.rpartition("/")
    if slash and not (len(prefix) <= 253 and _PREFIX.fullmatch(prefix)):
        return False
    return len(name) <= 63 and bool(_NAME_PART.fullmatch(name))


def label_value(raw: str) -> str:
    """Our own label values (names we derived) made valid: [A-Za-z0-9-_.], 63 at most."""
    text = re.sub(r"[^-A-Za-z0-9_.]+", "-", raw)[:63]
    return re.sub(r"^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "", text)


def selector_labels(project: str, name: str) -> dict[str, str]:
    return {NAME: label_value(name), PART_OF: label_value(project)}


def object_labels(project: str, name: str, component: str | None = None) -> dict[str, str]:
    labels = selector_labels(project, name)
    if component:
        labels[COMPONENT] = component
    labels[MANAGED_BY] = MANAGER
    return labels


def network_label(network: str) -> str:
    """The pod label that says "attached to this compose network"."""
    name = label_value(network.lower()) or "default"
    return NETWORK_PREFIX + name[: 63 - len("network-")].rstrip("-_.")


def split_labels(user: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """User labels that are valid Kubernetes labels, and the rest (kept as annotations)."""
    labels: dict[str, str] = {}
    annotations: dict[str, str] = {}
    for key in sorted(user):
        value = user[key]
        if is_label_key(key) and is_label_value(value):
            labels[key] = value
        else:
            annotations[key] = value
    return labels, annotations
