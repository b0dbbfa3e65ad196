"""Labels on what we emit: the app.kubernetes.io set, selectors, and user labels.

Every object carries app.kubernetes.io/name, app.kubernetes.io/part-of (the
project) and app.kubernetes.io/managed-by: orchconv.  Pods are selected by
name and part-of, so two projects can share a namespace.

User keys become label or annotation keys only when the API server accepts
them as such (a qualified name); any other key is the caller's loss.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from orchconv.translate.k8s.vocabulary import (
    COMPONENT,
    MANAGED_BY,
    MANAGER,
    NAME,
    NETWORK_PREFIX,
    PART_OF,
)

_NAME_PART = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")


@cache
def _prefix() -> re.Pattern[str]:
    return re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def is_label_value(value: str) -> bool:
    return value == "" or (len(value) <= 63 and bool(_NAME_PART.fullmatch(value)))


def is_label_key(key: str) -> bool:
    prefix, slash, name = key.rpartition("/")
    if slash and not (len(prefix) <= 253 and _prefix().fullmatch(prefix)):
        return False
    return len(name) <= 63 and bool(_NAME_PART.fullmatch(name))


def is_annotation_key(key: str) -> bool:
    """The API server checks annotation keys as label keys, with the prefix lower-cased."""
    return is_label_key(key.lower())


def invalid_key_reason(key: str) -> str:
    return (f"{key!r} is not a valid Kubernetes label or annotation key, which the API "
            "server refuses: an optional DNS-subdomain prefix and '/', then a name of at most "
            "63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit")


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


def split_labels(user: Mapping[str, str]
                 ) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """User labels that are valid Kubernetes labels, those kept as annotations (a value no
    label may hold), and the keys that are neither (for the caller to report)."""
    labels: dict[str, str] = {}
    annotations: dict[str, str] = {}
    invalid: list[str] = []
    for key in sorted(user):
        value = user[key]
        if is_label_key(key) and is_label_value(value):
            labels[key] = value
        elif is_annotation_key(key):
            annotations[key] = value
        else:
            invalid.append(key)
    return labels, annotations, invalid
