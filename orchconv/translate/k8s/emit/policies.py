"""networks -> NetworkPolicies (by option).

Every pod is labelled with the compose networks it joins; one policy per
network lets pods with that label reach each other.  Policies add up, so a
pod on two networks accepts traffic from both.  Published ports stay open to
every source, as a published port is on the host.  Without the option all
pods can reach each other, which loses the isolation between networks.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from orchconv.ir.project import Network
from orchconv.translate.k8s.emit.context import (
    EmitContext,
    ServiceContext,
    is_extension,
)
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import (
    label_value,
    network_label,
    object_labels,
    selector_labels,
)
from orchconv.translate.k8s.emit.names import dns_subdomain
from orchconv.translate.k8s.vocabulary import PART_OF
from orchconv.translate.ledger import is_set

_NETWORK_FIELDS = ("driver", "driver_opts", "ipam", "attachable", "enable_ipv6",
                   "internal", "labels", "external")


def pod_network_labels(ctx: ServiceContext, networks_used: int) -> dict[str, str]:
    """The pod's network labels, and the losses of the service's network settings."""
    labels: dict[str, str] = {}
    for name, settings in ctx.service.networks.items():
        if settings is not None:
            _attachment_losses(ctx, name, settings.aliases, settings.ipv4_address,
                               settings.ipv6_address)
        if ctx.options.network_policies:
            labels[network_label(name)] = "true"
    if networks_used > 1 and not ctx.options.network_policies and ctx.service.networks:
        ctx.lose("networks", "pods on different compose networks can reach each other; pass "
                             "--network-policies to keep networks apart")
    ctx.done("networks")
    return labels


def _attachment_losses(ctx: ServiceContext, network: str, aliases: tuple[str, ...],
                       ipv4: str | None, ipv6: str | None) -> None:
    if aliases:
        ctx.lose("networks", "network aliases do not resolve; only the Service name does",
                 sub=f"{network}.aliases")
    for field, value in (("ipv4_address", ipv4), ("ipv6_address", ipv6)):
        if value:
            ctx.lose("networks", "pod addresses come from the network plugin",
                     sub=f"{network}.{field}")


def _policy(emit: EmitContext, name: str, selector: dict[str, str],
            ingress: list[dict[str, Any]]) -> dict[str, Any]:
    obj = new_object(emit.options.k8s_version, "NetworkPolicy", emit.metadata(
        name, object_labels(emit.project.name, name, "network")))
    obj["spec"] = {"podSelector": {"matchLabels": selector}, "policyTypes": ["Ingress"],
                   "ingress": ingress}
    return obj


def network_policy(emit: EmitContext, network: str) -> dict[str, Any]:
    members = {network_label(network): "true", PART_OF: label_value(emit.project.name)}
    name = emit.names.claim("networkpolicy", network, dns_subdomain(f"{network}-network"))
    return _policy(emit, name, members, [{"from": [{"podSelector": {"matchLabels": members}}]}])


def published_policy(emit: EmitContext, service: str, pod_name: str,
                     ports: list[dict[str, Any]]) -> dict[str, Any]:
    name = emit.names.claim("networkpolicy", f"{service}:published",
                            dns_subdomain(f"{pod_name}-published"))
    allowed = [{"port": p["containerPort"], "protocol": p["protocol"]} for p in ports]
    return _policy(emit, name, selector_labels(emit.project.name, service),
                   [{"ports": allowed}])


def top_level_network_losses(emit: EmitContext) -> None:
    for key, network in emit.project.networks.items():
        _network_losses(emit, key, network)


def _network_losses(emit: EmitContext, key: str, network: Network) -> None:
    path = f"networks.{key}"
    fields = {f.name: f for f in dataclasses.fields(network)}
    for name in _NETWORK_FIELDS:
        if is_set(network, fields[name]):  # an explicit false is written too, and lost
            emit.lose(network.loc, f"{path}.{name}", "the cluster's network plugin decides "
                      "this; a NetworkPolicy only says who may connect")
    for name, extra in network.extras.items():
        if not is_extension(name):
            emit.lose(extra.loc, f"{path}.{name}", "no NetworkPolicy counterpart")
