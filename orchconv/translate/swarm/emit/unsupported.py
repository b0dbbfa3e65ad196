"""Keys `docker stack deploy` ignores with a warning (unsupported or deprecated).

They never reach a stack file.  `network_mode: host` has a swarm form:
joining the node's predefined `host` network, declared as an external network.
`network_mode: none` has none: swarm predefines only `host` and `bridge` for
services (`docker stack deploy` fails with "network none not found"), and a
service left without networks joins the stack's `default` network.
`oom_score_adj` is in the 3.13 schema, but `docker stack deploy` (docker 28)
never sets it on the service, so it is lost as well.  `restart`, `shm_size`
and `build` have their own modules (restart.py, tmpfs.py, image.py).
"""

from __future__ import annotations

from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.naming import naming_data

HANDLES = frozenset({
    "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links", "pid",
    "privileged", "security_opt", "userns_mode", "container_name", "expose", "network_mode",
    # extras: keys the IR does not type
    "cgroupns_mode", "mac_address", "oom_score_adj",
})

_REASONS = {
    "cgroup_parent": "swarm chooses the cgroup of a task itself",
    "cgroupns_mode": "swarm cannot set a cgroup namespace mode",
    "devices": "swarm services cannot map host devices",
    "domainname": "swarm cannot set a container's domain name",
    "external_links": "services reach containers outside the stack through shared networks",
    "ipc": "swarm cannot share IPC namespaces",
    "links": "services on a shared network reach each other by service name",
    "mac_address": "swarm assigns MAC addresses itself",
    "oom_score_adj": "docker stack deploy accepts oom_score_adj but never sets it on the"
                     " service",
    "pid": "swarm cannot share PID namespaces",
    "privileged": "swarm cannot run privileged containers; grant capabilities with cap_add",
    "security_opt": "swarm cannot set security options",
    "userns_mode": "swarm cannot set a user namespace mode",
    "container_name": "swarm names a service's containers itself",
    "expose": "services on a shared network reach each other on every port",
}
_SAME_NAME = "swarm names a service's containers itself; the service name, the same, resolves"


def _level(service: Service, key: str) -> str:
    """INFO where the stack behaves the same without the key: `expose` opens nothing on a
    compose network either, and a container name equal to the service name still resolves."""
    if key == "expose" or (key == "container_name" and service.container_name == service.name):
        return INFO
    return WARNING

# network_mode values with a predefined swarm network of the same name on every node
_NODE_NETWORKS = ("host",)
NO_NETWORK = "none"


def _is_set(service: Service, key: str) -> bool:
    if key in service.extras:
        return True
    value = getattr(service, key, None)
    return value not in (None, False, (), "")


def _target_name(key: str, data: Data) -> str:
    external = data.get("external")
    if isinstance(external, dict):
        return str(external.get("name", key))
    return str(data.get("name", key))


def node_network_key(name: str, ctx: StackContext) -> str:
    """The top-level key under which the node network `name` is declared."""
    for key, network in ctx.project.networks.items():
        if network.external and (network.name or key) == name:
            return key
    for key, data in ctx.added_networks.items():
        if _target_name(key, data) == name:
            return key
    key, counter = name, 1
    while key in ctx.project.networks or key in ctx.added_networks:
        counter += 1
        key = f"{name}_{counter}"
    ctx.added_networks[key] = naming_data("networks", key, name, True, ctx)
    return key


def _emit_network_mode(service: Service, out: Data, ctx: StackContext) -> None:
    mode = service.network_mode
    if mode is None:
        return
    if mode in _NODE_NETWORKS and "networks" not in out:
        out["networks"] = {node_network_key(mode, ctx): None}
        return
    if mode in _NODE_NETWORKS:
        reason = "the service also lists networks, which swarm uses instead"
    elif mode == NO_NETWORK:
        reason = ("swarm cannot run a service without networking: it has no `none` network"
                  " for services, and a service with no networks joins the stack's default"
                  " network")
    elif mode == "bridge":
        reason = "swarm services cannot join the local bridge network; they use overlays"
    else:
        reason = f"swarm cannot share another container's network ({mode})"
    ctx.lose_key(service, "network_mode", reason)


def emit_unsupported(service: Service, out: Data, ctx: StackContext) -> None:
    _emit_network_mode(service, out, ctx)
    for key, reason in _REASONS.items():
        if _is_set(service, key):
            level = _level(service, key)
            same_name = key == "container_name" and level == INFO
            ctx.lose_key(service, key, _SAME_NAME if same_name else reason, level=level)
