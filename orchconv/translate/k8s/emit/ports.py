"""ports and expose -> containerPorts and the ports of the service's Service.

A published port becomes a Service port whose targetPort is the container
port (by its name, when the port has one).  Inside a compose network other
services reach the container port itself, so that port is on the Service too.
Ranges are expanded; a published range offered for one target ("8000-8005:80")
uses its first port.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from orchconv.ir.service import Port
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.names import is_port_name
from orchconv.translate.k8s.vocabulary import PUBLISHING_TYPES


@cache
def _expose() -> re.Pattern[str]:
    return re.compile(r"(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?", re.IGNORECASE)


class PortPlan:
    """What one service contributes: its containerPorts and its Service ports."""

    __slots__ = ("container_ports", "service_ports")

    def __init__(self) -> None:
        self.container_ports: list[dict[str, Any]] = []
        self.service_ports: list[dict[str, Any]] = []

    def add_container_port(self, entry: dict[str, Any]) -> None:
        if entry not in self.container_ports:
            self.container_ports.append(entry)

    def add_service_port(self, port: int, target: int | str, protocol: str,
                         name: str | None = None, app_protocol: str | None = None) -> None:
        if any(p["port"] == port and p["protocol"] == protocol for p in self.service_ports):
            return
        taken = {p["name"] for p in self.service_ports}
        generated = f"{protocol.lower()}-{port}"
        chosen = name if name and name not in taken else generated
        entry: dict[str, Any] = {"name": chosen, "port": port, "protocol": protocol,
                                 "targetPort": target}
        if app_protocol:
            entry["appProtocol"] = app_protocol
        self.service_ports.append(entry)


def _protocol(text: str | None) -> str:
    return (text or "tcp").upper()


def _published(ctx: ServiceContext, port: Port, index: int) -> int | None:
    if port.published is None or port.published == "":
        return None
    first, _, last = port.published.partition("-")
    if not first.isdigit():
        ctx.lose("ports", f"published port {port.published!r} is not a number", sub=f"[{index}]",
                 loc=port.loc)
        return None
    if last:
        ctx.lose("ports", f"a Service port is fixed: the range {port.published} gives its "
                          f"first port {first}", sub=f"[{index}].published", loc=port.loc)
    return int(first)


def _port_name(ctx: ServiceContext, port: Port, index: int) -> str | None:
    if port.name is None:
        return None
    if is_port_name(port.name):
        return port.name
    ctx.lose("ports", f"{port.name!r} is not a valid port name (IANA service name: 15 "
                      "characters of a-z, 0-9 and -); a generated name is used",
             sub=f"[{index}].name", loc=port.loc)
    return None


def _add_port(ctx: ServiceContext, plan: PortPlan, port: Port, index: int) -> None:
    protocol = _protocol(port.protocol)
    published = _published(ctx, port, index)
    name = _port_name(ctx, port, index)
    container_port: dict[str, Any] = {"containerPort": port.target, "protocol": protocol}
    if name:
        container_port["name"] = name
    if port.mode == "host":
        if published is not None:
            container_port["hostPort"] = published
            ctx.emit.warn(f"{ctx.path}.ports[{index}]: host mode becomes hostPort "
                          f"{published}: one such pod per node, reachable on the node's address")
        else:
            ctx.lose("ports", "host mode without a published port: hostPort must be given",
                     sub=f"[{index}].mode", loc=port.loc)
        if port.host_ip:
            container_port["hostIP"] = port.host_ip
    elif port.host_ip:
        ctx.lose("ports", f"a Service listens on every address; host_ip {port.host_ip} is "
                          "not kept", sub=f"[{index}].host_ip", loc=port.loc)
    plan.add_container_port(container_port)
    # a named container port is targeted by its name, as k8s2compose read it
    plan.add_service_port(published if published is not None else port.target,
                          name or port.target, protocol, name, port.app_protocol)


def _add_expose(ctx: ServiceContext, plan: PortPlan, text: str, index: int) -> None:
    match = _expose().fullmatch(text.strip())
    if match is None:
        ctx.lose("expose", f"{text!r} is not a port or port range", sub=f"[{index}]")
        return
    start, end, protocol_text = match.groups()
    protocol = _protocol(protocol_text)
    for number in range(int(start), int(end or start) + 1):
        plan.add_container_port({"containerPort": number, "protocol": protocol})
        plan.add_service_port(number, number, protocol)


def port_plan(ctx: ServiceContext) -> PortPlan:
    plan = PortPlan()
    for index, port in enumerate(ctx.service.ports):
        _add_port(ctx, plan, port, index)
    for port in ctx.service.ports:  # after the published ones, which take precedence
        plan.add_service_port(port.target, port.target, _protocol(port.protocol))
    for index, text in enumerate(ctx.service.expose):
        _add_expose(ctx, plan, text, index)
    ctx.done("ports", "expose")
    return plan


def unpublished_in_cluster(ctx: ServiceContext, service_type: str) -> None:
    """A ClusterIP (or headless) Service is reached from inside the cluster only, so
    no published port is published there: one on its own number is only the port a
    Service gives every container port (it reads back as `expose`), and one that
    renumbers keeps its Service port, which k8s2compose cannot publish on a host
    again.  A NodePort or LoadBalancer Service publishes every port."""
    if service_type in PUBLISHING_TYPES:
        return
    publish = ("ask for a NodePort or LoadBalancer Service (service-type label or option) "
               "to publish it")
    for index, port in enumerate(ctx.service.ports):
        if port.mode == "host" or not port.published:
            continue
        if port.published == str(port.target):
            reason = (f"published on its own number, {port.target} is only the port a "
                      f"{service_type} Service gives every container port, reachable from "
                      f"inside the cluster; {publish}")
        else:
            reason = (f"published on the host as {port.published}, port {port.target} is "
                      f"port {port.published} of the {service_type} Service, reachable from "
                      f"inside the cluster only; {publish}")
        ctx.lose("ports", reason, sub=f"[{index}].published", loc=port.loc)
