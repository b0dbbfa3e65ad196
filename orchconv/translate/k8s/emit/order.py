"""Key order in the output: the order people write pods and containers in.

Mapping functions add fields as they go; these put them in a fixed order so
the output is the same whichever ran first.
"""

from __future__ import annotations

from typing import Any

CONTAINER_ORDER = (
    "name", "image", "imagePullPolicy", "command", "args", "workingDir", "ports", "envFrom",
    "env", "resources", "volumeMounts", "livenessProbe", "readinessProbe", "startupProbe",
    "securityContext", "stdin", "tty",
)
POD_SPEC_ORDER = (
    "serviceAccountName", "hostname", "hostNetwork", "hostPID", "hostIPC",
    "shareProcessNamespace", "securityContext", "imagePullSecrets", "initContainers",
    "containers", "volumes", "restartPolicy", "terminationGracePeriodSeconds", "dnsPolicy",
    "dnsConfig", "hostAliases", "nodeSelector", "affinity", "tolerations",
    "topologySpreadConstraints",
)


def ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """`data` with the keys of `order` first, in that order; others after, as they were."""
    head = {key: data[key] for key in order if key in data}
    return head | {key: value for key, value in data.items() if key not in head}


def ordered_container(container: dict[str, Any]) -> dict[str, Any]:
    return ordered(container, CONTAINER_ORDER)


def ordered_pod_spec(spec: dict[str, Any]) -> dict[str, Any]:
    return ordered(spec, POD_SPEC_ORDER)
