"""Rules that hold on every target."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from orchconv.errors import InputError
from orchconv.translate.compose.syntax.durations import parse_duration

Data = dict[str, Any]

_HEALTH_DURATIONS = ("interval", "timeout", "start_period", "start_interval")
_DEPLOY_DURATIONS = {"restart_policy": ("delay", "window"),
                     "update_config": ("delay", "monitor"),
                     "rollback_config": ("delay", "monitor")}
DOCKER_HEALTH_RETRIES = 3
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def as_ns(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_duration(value, None)
        except InputError:
            return value
    return value


def _durations_as_ns(service: Data) -> None:
    """"90s" and "1m30s" are one duration."""
    if "stop_grace_period" in service:
        service["stop_grace_period"] = as_ns(service["stop_grace_period"])
    check = service.get("healthcheck") or {}
    for key in _HEALTH_DURATIONS:
        if key in check:
            check[key] = as_ns(check[key])
    deploy = service.get("deploy") or {}
    for section, keys in _DEPLOY_DURATIONS.items():
        part = deploy.get(section) or {}
        for key in keys:
            if key in part:
                part[key] = as_ns(part[key])


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
        if (mount.get("bind") or {}).get("propagation") == "rprivate":
            del mount["bind"]["propagation"]  # the engine's default propagation
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
        host, _, address = re.split(r"([:=])", str(entry), maxsplit=1) \
            if re.search(r"[:=]", str(entry)) else (str(entry), "", "")
        pairs.append(f"{host}:{address}")
    return sorted(pairs)


def _capabilities(names: list[str]) -> list[str]:
    """NET_ADMIN and CAP_NET_ADMIN are one capability (swarm stores the CAP_ form)."""
    return [name.upper().removeprefix("CAP_") for name in names]


def _healthcheck(check: Data) -> Data:
    """A disabled check is one thing however it is spelled; docker reads retries 0 and
    zero durations as "use the default", and its default retries is 3."""
    if check.get("disable") or (check.get("test") or [None])[0] == "NONE":
        return {"disable": True}
    if check.get("retries") in (0, DOCKER_HEALTH_RETRIES):
        del check["retries"]
    for key in _HEALTH_DURATIONS:
        if check.get(key) == 0:
            del check[key]
    return check


def _file_targets(service: Data) -> None:
    """A secret lands at /run/secrets/<target or source>, a config at /<target or source>."""
    for section, folder in (("secrets", "/run/secrets/"), ("configs", "/")):
        for ref in service.get(section) or []:
            target = ref.get("target") or ref["source"]
            ref["target"] = target if target.startswith("/") else folder + target


def _expanded(entry: str) -> list[str]:
    """"9000-9002/udp" is three exposed ports; "/tcp" is what no protocol means."""
    ports, _, protocol = str(entry).partition("/")
    suffix = "" if protocol in ("", "tcp") else f"/{protocol}"
    low, _, high = ports.partition("-")
    if high and low.isdigit() and high.isdigit():
        return [f"{p}{suffix}" for p in range(int(low), int(high) + 1)]
    return [f"{ports}{suffix}"]


def _replicas(service: Data) -> None:
    """`scale` and deploy.replicas say the same (compose refuses them when they differ);
    a replicated job runs once by default; global modes have no replica count."""
    deploy: Data = service.setdefault("deploy", {}) or {}
    service["deploy"] = deploy
    if "scale" in service:
        deploy.setdefault("replicas", service.pop("scale"))
    mode = deploy.get("mode") or "replicated"
    if mode == "replicated":
        deploy.pop("mode", None)  # what no mode means
    if mode in ("replicated", "replicated-job"):
        deploy.setdefault("replicas", 1)
    else:
        deploy.pop("replicas", None)


def _false_is_unset(data: Data, keys: tuple[str, ...]) -> None:
    for key in keys:
        if data.get(key) is False:
            del data[key]


def _security_option(option: str) -> str:
    """The engine splits a security option at its first `=`, or, with none, at its
    first `:` (the deprecated spelling): `apparmor:x` is `apparmor=x`."""
    if "=" in option or ":" not in option:
        return option
    key, _, value = option.partition(":")
    return f"{key}={value}"


def service(service: Data) -> None:
    _false_is_unset(service, ("init",))  # no init process is what no `init` means
    _fold_env_files(service)
    _durations_as_ns(service)
    _plain_mounts(service)
    _file_targets(service)
    _replicas(service)
    if "extra_hosts" in service:
        service["extra_hosts"] = _host_pairs(service["extra_hosts"])
    for key in ("cap_add", "cap_drop"):
        if key in service:
            service[key] = _capabilities(service[key])
    if service.get("healthcheck"):
        service["healthcheck"] = _healthcheck(service["healthcheck"])
    if service.get("security_opt"):
        service["security_opt"] = [_security_option(str(o)) for o in service["security_opt"]]
    for dependency in (service.get("depends_on") or {}).values():
        dependency.pop("required", None)  # no engine records it
    for name, limit in (service.get("ulimits") or {}).items():
        if isinstance(limit, dict) and limit.get("soft") == limit.get("hard"):
            service["ulimits"][name] = limit.get("soft")  # one number is soft = hard
    if service.get("expose"):
        service["expose"] = sorted({p for e in service["expose"] for p in _expanded(e)})


def without_extensions(value: Any) -> Any:
    """x-* keys are for the file's readers (anchors, tools); no engine receives them."""
    if isinstance(value, dict):
        return {k: without_extensions(v) for k, v in value.items()
                if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(value, list):
        return [without_extensions(v) for v in value]
    return value


def _engine_chosen_gateway(config: Data) -> bool:
    """A gateway equal to the subnet's first address is what the engine picks itself."""
    try:
        subnet = ipaddress.ip_network(str(config.get("subnet")), strict=False)
    except ValueError:
        return False
    return str(config.get("gateway")) == str(subnet.network_address + 1)


def resources(data: Data, project: str) -> None:
    """Defaults of top-level resources: a name derived from the project (project_key) is
    what an unnamed resource gets; `local` is the default volume driver; the engine picks
    a gateway when none is given."""
    for section in ("networks", "volumes", "secrets", "configs"):
        for key, resource in (data.get(section) or {}).items():
            if isinstance(resource, dict) and resource.get("name") == f"{project}_{key}":
                del resource["name"]
    for network in (data.get("networks") or {}).values():
        ipam = network.get("ipam") or {}
        for config in ipam.get("config") or []:
            if "gateway" in config and _engine_chosen_gateway(config):
                del config["gateway"]
        if ipam.get("driver") == "default":
            del ipam["driver"]
    for volume in (data.get("volumes") or {}).values():
        if volume.get("driver") == "local":
            del volume["driver"]
    for network in (data.get("networks") or {}).values():
        _false_is_unset(network, ("enable_ipv6",))


def external_by_name(data: Data) -> None:
    """An external resource is known to the engine by its name only, not by the key a
    file gave it: key it by name, in the declarations and in every reference."""
    renames: dict[str, dict[str, str]] = {}
    for section in ("networks", "volumes", "secrets", "configs"):
        declared = data.get(section) or {}
        renames[section] = {k: str(v.get("name") or k) for k, v in declared.items()
                            if isinstance(v, dict) and v.get("external")}
        if renames[section]:
            data[section] = {renames[section].get(k, k): v for k, v in declared.items()}
    for service_data in (data.get("services") or {}).values():
        networks = service_data.get("networks")
        if isinstance(networks, dict):
            service_data["networks"] = {renames["networks"].get(k, k): v
                                        for k, v in networks.items()}
        for mount in service_data.get("volumes") or []:
            if mount.get("type") == "volume" and mount.get("source"):
                mount["source"] = renames["volumes"].get(mount["source"], mount["source"])
        for section in ("secrets", "configs"):
            for ref in service_data.get(section) or []:
                ref["source"] = renames[section].get(ref["source"], ref["source"])


def engine_pools_dropped(data: Data, scope: str) -> None:
    """Read-back cannot tell a subnet the engine took from its default pools from one a
    file asked for in the same range: treat both as the engine's choice."""
    from orchconv.deploy.docker_fields import in_default_pool

    for network in (data.get("networks") or {}).values():
        ipam = network.get("ipam") or {}
        if ipam.get("config"):
            ipam["config"] = [c for c in ipam["config"]
                              if not in_default_pool(str(c.get("subnet", "")), scope)]


def pruned(value: Any) -> Any:
    """Empty mappings and lists say nothing: `resources: {limits: {}}` is no resources."""
    if isinstance(value, dict):
        kept = {k: pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [pruned(v) for v in value]
    return value


def resources_in_deploy(service: Data) -> None:
    """Service-level cpus/mem_limit/mem_reservation/pids_limit are the same limits as
    deploy.resources (compose applies either); swarm and Kubernetes know only the latter."""
    deploy: Data = service.setdefault("deploy", {}) or {}
    service["deploy"] = deploy
    resources: Data = deploy.setdefault("resources", {}) or {}
    deploy["resources"] = resources
    limits: Data = resources.setdefault("limits", {}) or {}
    resources["limits"] = limits
    reservations: Data = resources.setdefault("reservations", {}) or {}
    resources["reservations"] = reservations
    for key, part, name in (("cpus", limits, "cpus"), ("mem_limit", limits, "memory"),
                            ("pids_limit", limits, "pids"),
                            ("mem_reservation", reservations, "memory")):
        if key in service:
            part.setdefault(name, service.pop(key))
    for part in (limits, reservations):
        if "memory" in part:
            part["memory"] = int(part["memory"])
        if "cpus" in part:
            part["cpus"] = float(part["cpus"])


def _bytes(text: str) -> int | None:
    match = re.fullmatch(r"(\d+)([bkmg]?)", text.strip().lower())
    return int(match.group(1)) * _UNITS[match.group(2)] if match else None


def tmpfs_as_mounts(service: Data) -> None:
    """`tmpfs: [/tmp:size=64m]` is a tmpfs mount of /tmp with that size: docker/cli
    makes stack `tmpfs` entries mounts, and Kubernetes an emptyDir in memory."""
    for entry in service.pop("tmpfs", None) or []:
        path, _, options = str(entry).partition(":")
        mount: Data = {"type": "tmpfs", "target": path}
        for option in options.split(","):
            key, _, value = option.partition("=")
            size = _bytes(value) if key == "size" else None
            if size is not None:
                mount["tmpfs"] = {"size": size}
        service.setdefault("volumes", []).append(mount)


def cpu_quota_as_cpus(service: Data) -> None:
    """A CFS quota over its period is a number of CPUs (docker's --cpus is defined so);
    targets that know only a CPU count carry it as that."""
    quota, period = service.get("cpu_quota"), service.get("cpu_period")
    if quota and period:
        del service["cpu_quota"], service["cpu_period"]
        service.setdefault("cpus", int(quota) / int(period))
