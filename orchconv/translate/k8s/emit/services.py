"""A Service for every pod, so the compose service name keeps resolving.

With ports (or expose) the Service is ClusterIP unless a label, endpoint_mode
dnsrr or the options ask for NodePort, LoadBalancer or headless.  Without
ports it is headless with no ports: its DNS name answers with the pod's
address, so every port the container listens on is reachable by name, as on
a compose network.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.loss import INFO
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import object_labels, selector_labels
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.vocabulary import NODE_PORT, PUBLISHING_TYPES, TRAFFIC_POLICY

HEADLESS = "Headless"


def _requested_type(ctx: ServiceContext, directives: Directives) -> tuple[str, bool]:
    """The Service type asked for, and whether the service itself asked (label, dnsrr)."""
    deploy = ctx.service.deploy
    if directives.service_type:
        return directives.service_type, True
    if deploy is not None and deploy.endpoint_mode == "dnsrr":
        return HEADLESS, True
    return ctx.options.service_type, False


def service_object(ctx: ServiceContext, name: str, directives: Directives,
                   ports: list[dict[str, Any]]) -> dict[str, Any]:
    """The Service named `name` in front of the pod that `ctx`'s service owns."""
    emit = ctx.emit
    kind, asked = _requested_type(ctx, directives)
    if not ports and kind != HEADLESS:
        if asked:
            ctx.lose("labels", f"a {kind} Service needs ports; the service has none, so its "
                               "Service is headless")
        kind = HEADLESS
    _endpoint_mode(ctx, kind, bool(ports))
    spec: dict[str, Any] = {}
    if kind == HEADLESS:
        spec["type"] = "ClusterIP"
        spec["clusterIP"] = "None"
    else:
        spec["type"] = kind
    spec["selector"] = selector_labels(emit.project.name, ctx.service.name)
    if ports:
        spec["ports"] = [dict(port) for port in ports]
    _node_port(ctx, directives, kind, spec)
    if directives.external_traffic_policy:
        if kind in PUBLISHING_TYPES:
            spec["externalTrafficPolicy"] = directives.external_traffic_policy
        else:
            ctx.lose("labels", "externalTrafficPolicy applies to NodePort and LoadBalancer "
                               f"Services, not {kind}", sub=TRAFFIC_POLICY[0])
    obj = new_object(emit.options.k8s_version, "Service",
                     emit.metadata(name, object_labels(emit.project.name, ctx.service.name)))
    obj["spec"] = spec
    return obj


def _endpoint_mode(ctx: ServiceContext, kind: str, has_ports: bool) -> None:
    """dnsrr is a headless Service with ports (what reading manifests gives back as dnsrr);
    vip one with a cluster IP.  A Service without ports is headless whatever was asked."""
    mode = ctx.service.deploy.endpoint_mode if ctx.service.deploy else None
    key = "deploy.endpoint_mode"
    if mode == "dnsrr" and kind == HEADLESS and not has_ports:
        ctx.lose(key, "a service without ports gets a headless Service anyway (its name "
                      "resolves to the pods' addresses, as with dnsrr), so nothing in the "
                      "output records dnsrr", level=INFO)
    elif mode == "dnsrr" and kind != HEADLESS:
        ctx.lose(key, f"the service-type label asks for a {kind} Service, which has a "
                      "virtual IP; dnsrr is not kept")
    elif mode == "vip" and kind == HEADLESS:
        why = "the service has no ports, so" if not has_ports else "as asked by label or " \
              "option,"
        ctx.lose(key, f"{why} its Service is headless: the name resolves to the pods' "
                      "addresses, not to one virtual IP")
    else:
        ctx.done(key)


def _node_port(ctx: ServiceContext, directives: Directives, kind: str,
               spec: dict[str, Any]) -> None:
    if directives.node_port is None:
        return
    ports = spec.get("ports", [])
    written = len(ctx.service.ports) + len(ctx.service.expose)
    if kind == "NodePort" and written == 1 and ports:
        ports[0]["nodePort"] = directives.node_port  # the published port comes first
    else:
        ctx.lose("labels", "a node port label needs a NodePort Service and exactly one port",
                 sub=NODE_PORT[0])
