"""The round-trip harness: does what runs match what was deployed, except the losses?

Both projects are brought to one canonical form per target first: spellings
the target treats as the same become one (restart: always and a restart policy
"any"; "90s" and "1m30s"), and values a target fills in by default are
dropped, since read-back cannot tell them from what was written.  What still
differs must be explained by a reported loss (its IR path is a prefix of the
difference's path, or the other way round).  Each rule says why it is there.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from orchconv.deploy.durations import parse_duration
from orchconv.ir.codec import encode
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project

Data = dict[str, Any]

_DURATIONS = {
    "stop_grace_period": (),
    "healthcheck": ("interval", "timeout", "start_period", "start_interval"),
}
_DEPLOY_DURATIONS = {"restart_policy": ("delay", "window"),
                     "update_config": ("delay", "monitor"),
                     "rollback_config": ("delay", "monitor")}
SWARM_UPDATE_DEFAULTS = {"parallelism": 1, "failure_action": "pause", "monitor": 5_000_000_000,
                         "max_failure_ratio": 0, "order": "stop-first", "delay": 0}
SWARM_STOP_GRACE_NS = 10_000_000_000
SWARM_RESTART_DELAY_NS = 5_000_000_000


@dataclass(frozen=True)
class Difference:
    path: str
    expected: Any
    actual: Any

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected!r}, got {self.actual!r}"


# ------------------------------------------------------------ shared rules
def _as_ns(value: Any) -> Any:
    if isinstance(value, str):
        parsed = parse_duration(value)
        return value if parsed is None else parsed
    return value


def _durations_as_ns(service: Data) -> None:
    """"90s" and "1m30s" are one duration."""
    if "stop_grace_period" in service:
        service["stop_grace_period"] = _as_ns(service["stop_grace_period"])
    check = service.get("healthcheck") or {}
    for key in _DURATIONS["healthcheck"]:
        if key in check:
            check[key] = _as_ns(check[key])
    deploy = service.get("deploy") or {}
    for section, keys in _DEPLOY_DURATIONS.items():
        part = deploy.get(section) or {}
        for key in keys:
            if key in part:
                part[key] = _as_ns(part[key])


def _fold_env_files(service: Data) -> None:
    """Engines see one environment; env_file values are part of it (compose's rule)."""
    files = service.pop("env_file", None) or []
    merged: Data = {}
    for entry in files:
        merged.update(entry.get("values") or {})
    merged.update(service.get("environment") or {})
    if merged:
        service["environment"] = merged


def _plain_mounts(service: Data) -> None:
    """An empty option block says nothing; create_host_path is a creation hint that no
    engine reports back."""
    for mount in service.get("volumes") or []:
        for key in ("bind", "volume", "tmpfs", "image"):
            options = mount.get(key)
            if isinstance(options, dict):
                options.pop("create_host_path", None)
                if not options:
                    del mount[key]


def _host_pairs(value: Any) -> list[str]:
    """extra_hosts as sorted "host:ip" whatever the spelling (list with : or =, mapping)."""
    pairs: list[str] = []
    if isinstance(value, dict):
        for host, address in value.items():
            for one in address if isinstance(address, list) else [address]:
                pairs.append(f"{host}:{one}")
    for entry in value if isinstance(value, list) else []:
        host, _, address = re.split(r"([:=])", str(entry), maxsplit=1) if re.search(
            r"[:=]", str(entry)) else (str(entry), "", "")
        pairs.append(f"{host}:{address}")
    return sorted(pairs)


def _capabilities(names: list[str]) -> list[str]:
    """NET_ADMIN and CAP_NET_ADMIN are one capability (swarm stores the CAP_ form)."""
    return [name.upper().removeprefix("CAP_") for name in names]


def _healthcheck(check: Data) -> Data:
    """`disable: true` and a NONE test are one way of switching a check off."""
    if check.get("disable") or (check.get("test") or [None])[0] == "NONE":
        return {"disable": True}
    return check


def _common(service: Data) -> None:
    _fold_env_files(service)
    _durations_as_ns(service)
    _plain_mounts(service)
    if "extra_hosts" in service:
        service["extra_hosts"] = _host_pairs(service["extra_hosts"])
    for key in ("cap_add", "cap_drop"):
        if key in service:
            service[key] = _capabilities(service[key])
    if service.get("healthcheck"):
        service["healthcheck"] = _healthcheck(service["healthcheck"])
    for dependency in (service.get("depends_on") or {}).values():
        dependency.pop("required", None)  # no engine records it
    deploy = service.get("deploy") or {}
    if deploy.get("mode") == "replicated":
        del deploy["mode"]  # what no mode means


def _without_extensions(value: Any) -> Any:
    """x-* keys are for the file's readers (anchors, tools); no engine receives them."""
    if isinstance(value, dict):
        return {k: _without_extensions(v) for k, v in value.items()
                if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(value, list):
        return [_without_extensions(v) for v in value]
    return value


def _engine_chosen_gateway(config: Data) -> bool:
    """A gateway equal to the subnet's first address is what the engine picks itself."""
    import ipaddress

    try:
        subnet = ipaddress.ip_network(str(config.get("subnet")), strict=False)
    except ValueError:
        return False
    return str(config.get("gateway")) == str(subnet.network_address + 1)


def _resources(data: Data, project: str) -> None:
    """Defaults every engine applies to top-level networks and volumes; a resource name
    derived from the project (project_key) is what an unnamed resource gets anyway."""
    for section in ("networks", "volumes", "secrets", "configs"):
        for key, resource in (data.get(section) or {}).items():
            if isinstance(resource, dict) and resource.get("name") == f"{project}_{key}":
                del resource["name"]
    for network in (data.get("networks") or {}).values():
        for config in ((network.get("ipam") or {}).get("config")) or []:
            if "gateway" in config and _engine_chosen_gateway(config):
                del config["gateway"]
        if (network.get("ipam") or {}).get("driver") == "default":
            del network["ipam"]["driver"]
    for volume in (data.get("volumes") or {}).values():
        if volume.get("driver") == "local":
            del volume["driver"]


def _pruned(value: Any) -> Any:
    """Empty mappings and lists say nothing: `resources: {limits: {}}` is no resources."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


# ------------------------------------------------------------ compose
def _restart_from_policy(policy: Data) -> str | None:
    """compose's own reading of deploy.restart_policy when `restart` is unset."""
    condition = policy.get("condition")
    if condition == "none":
        return None
    if condition == "on-failure":
        attempts = policy.get("max_attempts")
        return f"on-failure:{attempts}" if attempts else "on-failure"
    return "always" if condition in ("any", None) else None


def _compose_service(service: Data) -> None:
    """What `docker compose up` turns into container settings, in the container's terms."""
    deploy = service.pop("deploy", None) or {}
    limits = (deploy.get("resources") or {}).get("limits") or {}
    reservations = (deploy.get("resources") or {}).get("reservations") or {}
    for source, target in (("cpus", "cpus"), ("memory", "mem_limit"), ("pids", "pids_limit")):
        if source in limits:
            service.setdefault(target, limits[source])
    if "memory" in reservations:
        service.setdefault("mem_reservation", reservations["memory"])
    if "replicas" in deploy:
        service.setdefault("scale", deploy["replicas"])
    if service.get("scale") == 1:
        del service["scale"]
    if "restart" not in service and deploy.get("restart_policy"):
        restart = _restart_from_policy(deploy["restart_policy"])
        if restart:
            service["restart"] = restart
    if service.get("restart") == "no":
        del service["restart"]
    # Build instructions, profiles and pull/platform choices act before a container
    # exists; a running container does not record them.
    for key in ("build", "profiles", "pull_policy", "platform"):
        service.pop(key, None)


# ------------------------------------------------------------ swarm
def _swarm_restart_policy(service: Data, deploy: Data) -> None:
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
    if policy:
        deploy["restart_policy"] = policy
    else:
        deploy.pop("restart_policy", None)


def _swarm_service(service: Data) -> None:
    """The engine's defaults for a service spec are what an unset key means."""
    # A stack file may list depends_on, but `docker stack deploy` starts every service
    # at once and the service spec keeps no trace of it.
    service.pop("depends_on", None)
    deploy: Data = service.get("deploy") or {}
    _swarm_restart_policy(service, deploy)
    if "scale" in service:
        deploy.setdefault("replicas", service.pop("scale"))
    mode = deploy.get("mode") or "replicated"
    if mode in ("replicated", "replicated-job"):
        deploy.setdefault("replicas", 1)
    else:
        deploy.pop("replicas", None)
    if deploy.get("endpoint_mode") == "vip":
        del deploy["endpoint_mode"]
    for section in ("update_config", "rollback_config"):
        part = {k: v for k, v in (deploy.get(section) or {}).items()
                if SWARM_UPDATE_DEFAULTS.get(k) != v}
        if part:
            deploy[section] = part
        else:
            deploy.pop(section, None)
    service["deploy"] = deploy
    if service.get("stop_grace_period") == SWARM_STOP_GRACE_NS:
        del service["stop_grace_period"]
    for port in service.get("ports") or []:
        port.setdefault("mode", "ingress")


def _swarm_project(data: Data) -> None:
    for network in (data.get("networks") or {}).values():
        if network.get("driver") == "overlay":
            del network["driver"]  # a stack's default driver


# ------------------------------------------------------------ kubernetes
def k8s_name(name: str) -> str:
    """Kubernetes object names are DNS labels: `mysql_data` and `mysql-data` are one name."""
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")


def _k8s_service(service: Data) -> None:
    for mount in service.get("volumes") or []:
        if mount.get("type") == "volume" and mount.get("source"):
            mount["source"] = k8s_name(mount["source"])
    for key in ("secrets", "configs"):
        for ref in service.get(key) or []:
            ref["source"] = k8s_name(ref["source"])
    # `expose` only documents ports the network reaches anyway; a port the service
    # publishes says the same of its target.
    targets = {str(p.get("target")) for p in service.get("ports") or []}
    kept = [e for e in service.get("expose") or [] if str(e).removesuffix("/tcp") not in targets]
    if kept:
        service["expose"] = kept
    else:
        service.pop("expose", None)


def _k8s_project(data: Data) -> None:
    for section in ("volumes", "secrets", "configs"):
        if data.get(section):
            data[section] = {k8s_name(k): v for k, v in data[section].items()}


# ------------------------------------------------------------ driver
_SERVICE_RULES: dict[str, Callable[[Data], None]] = {
    "compose": _compose_service, "swarm": _swarm_service, "k8s": _k8s_service,
}
_PROJECT_RULES: dict[str, Callable[[Data], None]] = {"swarm": _swarm_project,
                                                      "k8s": _k8s_project}


def canonical(project: Project, target: str) -> Data:
    """The project as plain data, in the canonical form for `target`."""
    data: Data = _without_extensions(copy.deepcopy(encode(project)))
    data.pop("name", None)  # the deployment name, given separately
    _resources(data, project.name)
    for service in (data.get("services") or {}).values():
        _common(service)
        rule = _SERVICE_RULES.get(target)
        if rule:
            rule(service)
    project_rule = _PROJECT_RULES.get(target)
    if project_rule:
        project_rule(data)
    pruned: Data = _pruned(data)
    return pruned


def _diff(expected: Any, actual: Any, path: str, out: list[Difference]) -> None:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual), key=str):
            where = f"{path}.{key}" if path else str(key)
            _diff(expected.get(key), actual.get(key), where, out)
        return
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            _diff(left, right, f"{path}[{index}]", out)
        return
    if _empty(expected) and _empty(actual):
        return
    if expected != actual:
        out.append(Difference(path, expected, actual))


def _empty(value: Any) -> bool:
    return value is None or value in ({}, [])


def differences(expected: Project, actual: Project, target: str) -> list[Difference]:
    found: list[Difference] = []
    _diff(canonical(expected, target), canonical(actual, target), "", found)
    return found


def _tokens(path: str) -> list[str]:
    return re.findall(r"[^.\[\]]+", path)


def is_explained(difference: Difference, losses: Iterable[Loss]) -> bool:
    """A loss at the same path or above it accounts for a difference; so does one below it,
    unless the difference is a whole service or top-level resource (a missing service is
    not explained by one of its keys being lost)."""
    mine = _tokens(difference.path)
    for loss in losses:
        theirs = _tokens(loss.path)
        if theirs and mine[:len(theirs)] == theirs:
            return True
        if len(mine) > 2 and theirs[:len(mine)] == mine:
            return True
    return False


def unexplained(expected: Project, actual: Project, target: str,
                losses: Iterable[Loss]) -> list[Difference]:
    """Differences between deployed and read-back projects that no loss accounts for."""
    kept = list(losses)
    return [d for d in differences(expected, actual, target) if not is_explained(d, kept)]
