"""Whether an output document carries secret material, so it is written 0600.

Secret material is what the run's secrets become in an output: a Kubernetes
Secret, or a credential-named variable whose value is written out plainly
(a container's `env` value, an env ConfigMap's data, a compose or stack
`environment` entry).  The names are the redaction layer's (is_secret_name).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.redaction import is_secret_name


def holds_secret(data: Mapping[str, Any]) -> bool:
    """True for a Secret (or a List holding one) and for any plain credential value."""
    pending: list[Any] = [data]
    while pending:  # iterative: a document may nest deeper than the recursion limit
        node = pending.pop()
        if isinstance(node, Mapping):
            if node.get("kind") == "Secret" or _plain_credential(node):
                return True
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return False


def _plain_credential(node: Mapping[str, Any]) -> bool:
    # k8s: env: [{name: DB_PASSWORD, value: ...}]
    name, value = node.get("name"), node.get("value")
    if isinstance(name, str) and isinstance(value, str) and value and is_secret_name(name):
        return True
    # compose/stack `environment` (mapping or KEY=VALUE list), k8s ConfigMap `data`
    for key in ("environment", "data"):
        values = node.get(key)
        if isinstance(values, Mapping):
            if any(is_secret_name(str(k)) and v not in (None, "") for k, v in values.items()):
                return True
        elif key == "environment" and isinstance(values, list):
            pairs = (str(item).partition("=") for item in values)
            if any(is_secret_name(k) and sep and v for k, sep, v in pairs):
                return True
    return False
