"""Docker swarm: what a service spec records, with the engine's defaults as unset."""

from __future__ import annotations

from tests.roundtrip.canonical.common import (
    Data,
    cpu_quota_as_cpus,
    engine_pools_dropped,
    resources_in_deploy,
    tmpfs_as_mounts,
)

SWARM_UPDATE_DEFAULTS = {"parallelism": 1, "failure_action": "pause", "monitor": 5_000_000_000,
                         "max_failure_ratio": 0, "order": "stop-first", "delay": 0}
SWARM_STOP_GRACE_NS = 10_000_000_000
SWARM_RESTART_DELAY_NS = 5_000_000_000
# the node network a swarm service joins for `network_mode: host`
HOST_NETWORK = "host"


def _restart_policy(service: Data, deploy: Data) -> None:
    """docker/cli turns `restart` into a restart policy; the engine's default is any/5s."""
    restart = service.pop("restart", None)
    policy: Data = dict(deploy.get("restart_policy") or {})
    if not policy and restart:
        name, _, count = str(restart).partition(":")
        condition = {"always": "any", "unless-stopped": "any", "no": "none"}.get(name, name)
        policy = {"condition": condition}
        if count:
            policy["max_attempts"] = int(count)
    if policy.get("condition", "any") == "any":
        policy.pop("condition", None)
    if policy.get("delay") == SWARM_RESTART_DELAY_NS:
        policy.pop("delay")
    if policy.get("max_attempts") == 0:
        policy.pop("max_attempts")
    deploy["restart_policy"] = policy


def _shm_as_mount(service: Data) -> None:
    """A service spec has no shm size: a tmpfs mount on /dev/shm of that size is it."""
    size = service.pop("shm_size", None)
    if size is not None:
        service.setdefault("volumes", []).append(
            {"type": "tmpfs", "target": "/dev/shm", "tmpfs": {"size": int(size)}})


def service(service: Data) -> None:
    """The engine's defaults for a service spec are what an unset key means.

    A stack file may list depends_on, but `docker stack deploy` starts every service
    at once and the service spec keeps no trace of it.
    """
    service.pop("depends_on", None)
    cpu_quota_as_cpus(service)
    resources_in_deploy(service)
    tmpfs_as_mounts(service)
    _shm_as_mount(service)
    deploy: Data = service["deploy"]
    _restart_policy(service, deploy)
    if deploy.get("endpoint_mode") == "vip":
        del deploy["endpoint_mode"]
    for section in ("update_config", "rollback_config"):
        deploy[section] = {k: v for k, v in (deploy.get(section) or {}).items()
                           if SWARM_UPDATE_DEFAULTS.get(k) != v}
    if service.get("stop_grace_period") == SWARM_STOP_GRACE_NS:
        del service["stop_grace_period"]
    for port in service.get("ports") or []:
        port.setdefault("mode", "ingress")


def _host_mode_as_network(data: Data) -> None:
    """`network_mode: host` is, to swarm, joining the node's predefined `host` network:
    an external network of that name."""
    networks: Data = data.get("networks") or {}
    for service_data in (data.get("services") or {}).values():
        if service_data.get("network_mode") != HOST_NETWORK or service_data.get("networks"):
            continue
        del service_data["network_mode"]
        service_data["networks"] = {HOST_NETWORK: None}
        networks.setdefault(HOST_NETWORK, {"name": HOST_NETWORK, "external": True})
    if networks:
        data["networks"] = networks


def project(data: Data) -> None:
    """overlay is a stack network's default driver."""
    _host_mode_as_network(data)
    for network in (data.get("networks") or {}).values():
        if network.get("driver") == "overlay":
            del network["driver"]
    engine_pools_dropped(data, "swarm")
