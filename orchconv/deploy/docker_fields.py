"""Engine objects back to compose keys: the parts compose and swarm read-back share.

Each function turns one piece of an engine object (`docker inspect` JSON) into
the compose value that would have produced it, or None when the engine holds
its own default there, so read-back carries only what a file would say.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from orchconv.deploy.base import OWNER_LABEL
from orchconv.translate.compose.syntax.durations import format_duration
from orchconv.translate.fields import put

# Labels the engine, compose and `docker stack deploy` add on their own.
ENGINE_LABEL_PREFIXES = ("com.docker.compose.", "com.docker.stack.", "com.docker.swarm.")


def user_labels(labels: Mapping[str, str] | None,
                inherited: Mapping[str, str] | None = None) -> dict[str, str]:
    """Labels a user wrote: without ours, the tools' own, and those the image brought."""
    inherited = inherited or {}
    return {
        key: value for key, value in sorted((labels or {}).items())
        if key != OWNER_LABEL
        and not key.startswith(ENGINE_LABEL_PREFIXES)
        and inherited.get(key) != value
    }


def duration(ns: Any) -> str | None:
    return format_duration(int(ns)) if isinstance(ns, int) and ns > 0 else None


def healthcheck(live: Mapping[str, Any] | None,
                from_image: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """The compose healthcheck a container or task spec carries, unless the image's own."""
    if not live or live == from_image:
        return None
    test = list(live.get("Test") or [])
    if test == ["NONE"]:
        return {"disable": True}
    result: dict[str, Any] = {}
    if test:
        result["test"] = test
    for key, name in (("Interval", "interval"), ("Timeout", "timeout"),
                      ("StartPeriod", "start_period"), ("StartInterval", "start_interval")):
        text = duration(live.get(key))
        if text:
            result[name] = text
    if live.get("Retries"):
        result["retries"] = live["Retries"]
    return result or None


def ulimits(live: list[Mapping[str, Any]] | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for entry in live or []:
        soft, hard = entry.get("Soft"), entry.get("Hard")
        result[entry["Name"]] = soft if soft == hard else {"soft": soft, "hard": hard}
    return result


def extra_hosts(live: list[str] | None, separator: str = ":") -> list[str]:
    """Engine host entries as compose's "host:ip" (swarm stores "ip host")."""
    hosts: list[str] = []
    for entry in live or []:
        if separator == " ":
            address, _, names = entry.partition(" ")
            hosts.extend(f"{name}:{address}" for name in names.split())
        else:
            hosts.append(entry)
    return hosts


def in_default_pool(subnet: str, scope: str) -> bool:
    """Whether the engine picked this subnet itself from its default address pools."""
    try:
        network = ipaddress.ip_network(subnet, strict=False)
    except ValueError:
        return False
    if not isinstance(network, ipaddress.IPv4Network):
        return False
    if scope == "swarm":  # swarm's default pool: 10.0.0.0/8 in /24s
        return network.prefixlen == 24 and network.subnet_of(ipaddress.IPv4Network("10.0.0.0/8"))
    from orchconv.deploy.docker_cli import local_address_pools

    configured = local_address_pools()
    if configured:  # --default-address-pool replaces Docker's built-in pools
        return any(network.prefixlen == size and network.subnet_of(ipaddress.IPv4Network(base))
                   for base, size in configured)
    local_pools = [ipaddress.IPv4Network(f"172.{n}.0.0/16") for n in range(17, 32)]
    if network.prefixlen == 16 and network in local_pools:
        return True
    return network.prefixlen == 20 and network.subnet_of(ipaddress.IPv4Network("192.168.0.0/16"))


def ipam(live: Mapping[str, Any] | None, scope: str) -> dict[str, Any] | None:
    """The ipam a file asked for; subnets the engine chose from its pools are dropped."""
    if not live:
        return None
    configs = []
    for entry in live.get("Config") or []:
        if in_default_pool(str(entry.get("Subnet", "")), scope):
            continue
        config = {name: entry[key] for key, name in (
            ("Subnet", "subnet"), ("IPRange", "ip_range"), ("Gateway", "gateway"),
            ("AuxiliaryAddresses", "aux_addresses")) if entry.get(key)}
        configs.append(config)
    result: dict[str, Any] = {}
    if live.get("Driver") not in (None, "", "default"):
        result["driver"] = live["Driver"]
    if configs:
        result["config"] = configs
    if live.get("Options"):
        result["options"] = dict(live["Options"])
    return result or None


def network_declaration(live: Mapping[str, Any], default_driver: str) -> dict[str, Any]:
    """A top-level `networks:` entry from `docker network inspect`."""
    result: dict[str, Any] = {"name": live["Name"]}
    if live.get("Driver") and live["Driver"] != default_driver:
        result["driver"] = live["Driver"]
    options = {k: v for k, v in (live.get("Options") or {}).items()
               if not k.startswith("com.docker.network.driver.overlay.vxlanid_list")}
    if options:
        result["driver_opts"] = options
    put(result, "ipam", ipam(live.get("IPAM"), str(live.get("Scope", "local"))))
    for key, name in (("Internal", "internal"), ("Attachable", "attachable"),
                      ("EnableIPv6", "enable_ipv6")):
        if live.get(key):
            result[name] = True
    put(result, "labels", user_labels(live.get("Labels")))
    return result


def volume_entry(name: str, driver: Any, options: Any, labels: Any, *,
                 external: bool = False) -> dict[str, Any]:
    """A top-level `volumes:` entry; the `local` driver is the default, so it is left out."""
    entry: dict[str, Any] = {"name": name}
    put(entry, "external", external)
    if driver != "local":
        put(entry, "driver", driver)
    put(entry, "driver_opts", dict(options or {}))
    put(entry, "labels", user_labels(labels))
    return entry


def volume_declaration(live: Mapping[str, Any]) -> dict[str, Any]:
    """A top-level `volumes:` entry from `docker volume inspect`."""
    return volume_entry(live["Name"], live.get("Driver"), live.get("Options"), live.get("Labels"))
