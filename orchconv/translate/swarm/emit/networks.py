"""Service `networks` and top-level `networks`.

Swarm attaches services to overlay networks and assigns addresses itself:
a service's `ipv4_address`/`ipv6_address`, and ipam `gateway`, `ip_range`,
`aux_addresses` and `options`, which docker/cli would drop without a word,
are lost.  A network with no driver is created as an overlay by
`docker stack deploy`; a `bridge` network is local to one node and cannot
carry services, so it becomes an overlay (its bridge options are lost).
The implicit `default` network is left to `docker stack deploy`, which makes
the same one.
"""

from __future__ import annotations

from orchconv.ir.project import Ipam, Network
from orchconv.ir.service import Service, ServiceNetwork
from orchconv.translate.swarm.emit.context import Data, StackContext, carry_extras
from orchconv.translate.swarm.emit.naming import default_name, naming_data

HANDLES = frozenset({"networks"})

DEFAULT_NETWORK = "default"
SWARM_DRIVER = "overlay"
# drivers whose networks exist on one node only
_LOCAL_DRIVERS = ("bridge",)
_ATTACHMENT_KEYS_KEPT = ("driver_opts",)


def is_implicit_default(network: Network | None, project_name: str) -> bool:
    """The `default` network the Compose loader adds, which stack deploy adds too."""
    if network is None:
        return True
    bare = Network(key=network.key, name=default_name(project_name, network.key, False))
    return network == bare


def _attachment(service: Service, key: str, attachment: ServiceNetwork | None,
                ctx: StackContext) -> Data | None:
    if attachment is None:
        return None
    path = f"services.{service.name}.networks.{key}"
    out: Data = {}
    if attachment.aliases:
        out["aliases"] = list(attachment.aliases)
    for field in ("ipv4_address", "ipv6_address"):
        if getattr(attachment, field) is not None:
            ctx.lose(attachment.loc, f"{path}.{field}",
                     "swarm assigns service addresses itself")
    for name, extra in attachment.extras.items():
        if name in _ATTACHMENT_KEYS_KEPT:
            out[name] = extra.value
        else:
            ctx.lose(extra.loc, f"{path}.{name}", "stack files have no such network setting")
    return out or None


def emit_networks(service: Service, out: Data, ctx: StackContext) -> None:
    networks = service.networks
    if not networks:
        return
    default = ctx.project.networks.get(DEFAULT_NETWORK)
    if (list(networks) == [DEFAULT_NETWORK] and networks[DEFAULT_NETWORK] is None
            and is_implicit_default(default, ctx.project.name)):
        return  # stack deploy attaches the service to `default` by itself
    out["networks"] = {
        key: _attachment(service, key, networks[key], ctx) for key in sorted(networks)
    }


def _ipam(ipam: Ipam, path: str, ctx: StackContext) -> Data:
    out: Data = {}
    if ipam.driver is not None:
        out["driver"] = ipam.driver
    pools = []
    for index, pool in enumerate(ipam.config):
        kept = {"subnet": pool["subnet"]} if "subnet" in pool else {}
        for key in pool:
            if key != "subnet":
                ctx.lose(ipam.loc, f"{path}.config[{index}].{key}",
                         "swarm takes only the subnet of an address pool")
        if kept:
            pools.append(kept)
    if pools:
        out["config"] = pools
    if ipam.options:
        ctx.lose(ipam.loc, f"{path}.options", "stack files have no ipam options")
    return carry_extras(ipam.extras, out)


def _driver(network: Network, out: Data, ctx: StackContext) -> None:
    path = f"networks.{network.key}"
    driver = network.driver
    if driver in _LOCAL_DRIVERS and not network.external:
        ctx.lose(network.loc, f"{path}.driver",
                 f"{driver} networks are local to one node; swarm services need an"
                 f" {SWARM_DRIVER} network, so the driver is {SWARM_DRIVER}")
        out["driver"] = SWARM_DRIVER
        if network.driver_opts:
            ctx.lose(network.loc, f"{path}.driver_opts",
                     f"options of the {driver} driver do not apply to {SWARM_DRIVER}")
        return
    if driver is not None:
        out["driver"] = driver
    if network.driver_opts:
        out["driver_opts"] = dict(sorted(network.driver_opts.items()))


def network_data(network: Network, ctx: StackContext) -> Data:
    path = f"networks.{network.key}"
    out = naming_data("networks", network.key, network.name, network.external, ctx)
    _driver(network, out, ctx)
    if network.ipam is not None:
        ipam = _ipam(network.ipam, f"{path}.ipam", ctx)
        if ipam:
            out["ipam"] = ipam
    if network.internal:
        out["internal"] = True
    if network.attachable:
        out["attachable"] = True
    if network.enable_ipv6:
        ctx.lose(network.loc, f"{path}.enable_ipv6", "stack files cannot ask for IPv6")
    if network.labels:
        out["labels"] = dict(sorted(network.labels.items()))
    for key, extra in network.extras.items():
        if key.startswith("x-"):
            out[key] = extra.value
        elif not (key == "enable_ipv4" and extra.value is True):
            ctx.lose(extra.loc, f"{path}.{key}", "stack files have no such network key")
    return out


def top_level_networks(ctx: StackContext) -> Data:
    out: Data = {}
    for key in sorted(ctx.project.networks):
        network = ctx.project.networks[key]
        if key == DEFAULT_NETWORK and is_implicit_default(network, ctx.project.name):
            continue
        out[key] = network_data(network, ctx)
    for key in sorted(ctx.added_networks):
        out[key] = ctx.added_networks[key]
    return out


def drop_bare_default(document: Data) -> None:
    """Leave out a `default` network that ended up with no settings (a version
    lacked them): stack deploy makes that network by itself."""
    networks = document.get("networks")
    if not isinstance(networks, dict) or networks.get(DEFAULT_NETWORK) != {}:
        return
    del networks[DEFAULT_NETWORK]
    if not networks:
        del document["networks"]
    for service in document.get("services", {}).values():
        if service.get("networks") == {DEFAULT_NETWORK: None}:
            del service["networks"]
