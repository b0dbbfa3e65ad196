"""The host-port directive (`orchconv.io/host-ports`, `kompose.controller.port.expose`).

As kompose: every published port is also a hostPort of the container, so the
node answers on it (one such pod per node).  compose's own way is `ports` with
`mode: host`, which needs no label.
"""

from __future__ import annotations

from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.ports import PortPlan


def on_host(ctx: ServiceContext, plan: PortPlan) -> None:
    for port in ctx.service.ports:
        if not port.published or port.mode == "host":
            continue  # host mode has its hostPort already
        first = port.published.partition("-")[0]
        protocol = (port.protocol or "tcp").upper()
        for entry in plan.container_ports:
            if entry["containerPort"] == port.target and entry["protocol"] == protocol \
                    and first.isdigit():
                entry.setdefault("hostPort", int(first))
    if any("hostPort" in entry for entry in plan.container_ports):
        ctx.emit.warn(f"{ctx.path}: published ports are hostPorts (host-ports label): one "
                      "such pod per node, reachable on the node's address")
