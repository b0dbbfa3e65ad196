"""deploy.placement and platform -> node affinity, tolerations, topology spread.

Constraints are ANDed, as in swarm, so they form one required node selector
term.  `node.role == manager` means a control-plane node, which also needs a
toleration for the control-plane taint.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from orchconv.ir.deploy import Placement
from orchconv.location import Loc
from orchconv.translate.k8s.emit.context import ServiceContext, known
from orchconv.translate.k8s.emit.labels import is_label_key, is_label_value

CONTROL_PLANE = "node-role.kubernetes.io/control-plane"
HOSTNAME = "kubernetes.io/hostname"


@cache
def _constraint_syntax() -> re.Pattern[str]:
    return re.compile(r"\s*([^=!\s]+)\s*(==|!=)\s*(.*?)\s*")


_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
         "armv7l": "arm", "arm": "arm", "s390x": "s390x", "ppc64le": "ppc64le",
         "riscv64": "riscv64", "386": "386", "i386": "386"}
_NODE_KEYS = {"node.hostname": HOSTNAME, "node.platform.os": "kubernetes.io/os",
              "node.platform.arch": "kubernetes.io/arch"}


def _expression(key: str, equal: bool, value: str) -> dict[str, Any]:
    return {"key": key, "operator": "In" if equal else "NotIn", "values": [value]}


def _constraint(ctx: ServiceContext, text: str, index: int, where: Loc | None,
                tolerations: list[dict[str, Any]]) -> dict[str, Any] | None:
    sub = f"constraints[{index}]"
    match = _constraint_syntax().fullmatch(text)
    if match is None:
        ctx.lose("deploy.placement", f"{text!r} is not a `key == value` constraint", sub=sub,
                 loc=where)
        return None
    key, operator, value = match.groups()
    equal = operator == "=="
    if key == "node.role" and value in ("manager", "worker"):
        on_control_plane = (value == "manager") == equal
        if on_control_plane:
            tolerations.append({"key": CONTROL_PLANE, "operator": "Exists",
                                "effect": "NoSchedule"})
        return {"key": CONTROL_PLANE,
                "operator": "Exists" if on_control_plane else "DoesNotExist"}
    if key == "node.platform.arch":
        value = _ARCH.get(value, value)
    if key in _NODE_KEYS:
        return _expression(_NODE_KEYS[key], equal, value)
    if key.startswith("node.labels."):
        label = key[len("node.labels."):]
        if is_label_key(label) and is_label_value(value):
            return _expression(label, equal, value)
        ctx.lose("deploy.placement", f"{label}={value} is not a valid Kubernetes node label",
                 sub=sub, loc=where)
        return None
    ctx.lose("deploy.placement", f"{key} has no Kubernetes node label counterpart", sub=sub,
             loc=where)
    return None


def _spread(ctx: ServiceContext, placement: Placement,
            selector: dict[str, str]) -> list[dict[str, Any]]:
    constraints = []
    for index, preference in enumerate(placement.preferences):
        key = preference.spread
        topology = HOSTNAME if key == "node.hostname" else key.removeprefix("node.labels.")
        if not key.startswith("node.labels.") and key != "node.hostname":
            ctx.lose("deploy.placement", f"cannot spread over {key}",
                     sub=f"preferences[{index}]", loc=known(preference.loc, placement.loc))
            continue
        constraints.append({"maxSkew": 1, "topologyKey": topology,
                            "whenUnsatisfiable": "ScheduleAnyway",
                            "labelSelector": {"matchLabels": dict(selector)}})
    limit = placement.max_replicas_per_node
    if limit is not None and limit > 1:
        constraints.append({"maxSkew": limit, "topologyKey": HOSTNAME,
                            "whenUnsatisfiable": "DoNotSchedule",
                            "labelSelector": {"matchLabels": dict(selector)}})
        ctx.lose("deploy.placement", f"at most {limit} per node becomes a spread with maxSkew "
                 f"{limit}, which bounds the difference between nodes, not the count",
                 sub="max_replicas_per_node", loc=placement.loc)
    return constraints


def _anti_affinity(selector: dict[str, str]) -> dict[str, Any]:
    """At most one replica per node: exactly a required pod anti-affinity on the hostname."""
    return {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": dict(selector)}, "topologyKey": HOSTNAME}]}


def _platform(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    platform = ctx.service.platform
    ctx.done("platform")
    if not platform:
        return
    os_name, _, rest = platform.partition("/")
    arch, _, variant = rest.partition("/")
    selector = spec.setdefault("nodeSelector", {})
    selector["kubernetes.io/os"] = os_name
    if arch:
        selector["kubernetes.io/arch"] = _ARCH.get(arch, arch)
    if variant:
        ctx.lose("platform", f"nodes are not labelled with a CPU variant; {variant} is dropped")


def scheduling(ctx: ServiceContext, selector: dict[str, str]) -> dict[str, Any]:
    """Pod spec fields: nodeSelector, affinity, tolerations, topologySpreadConstraints."""
    spec: dict[str, Any] = {}
    _platform(ctx, spec)
    deploy = ctx.service.deploy
    placement = deploy.placement if deploy else None
    ctx.done("deploy.placement")
    if placement is None:
        return spec
    tolerations: list[dict[str, Any]] = []
    expressions = [e for index, text in enumerate(placement.constraints)
                   if (e := _constraint(ctx, text, index, known(placement.loc),
                                          tolerations)) is not None]
    affinity: dict[str, Any] = {}
    if expressions:
        affinity["nodeAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": expressions}]}}
    if placement.max_replicas_per_node == 1:
        affinity["podAntiAffinity"] = _anti_affinity(selector)
    if affinity:
        spec["affinity"] = affinity
    if tolerations:
        spec["tolerations"] = tolerations
    spread = _spread(ctx, placement, selector)
    if spread:
        spec["topologySpreadConstraints"] = spread
    return spec
