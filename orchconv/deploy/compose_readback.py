"""A compose project's containers, networks and volumes back into a compose document.

Compose keeps no copy of the file it ran, so the document is rebuilt from
`docker inspect`: each key is what the container holds minus what its image
or the engine would have given anyway.  One function per compose key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from orchconv.deploy.docker_fields import (
    extra_hosts,
    healthcheck,
    network_declaration,
    ulimits,
    user_labels,
    volume_declaration,
)
from orchconv.translate.fields import put

PROJECT = "com.docker.compose.project"
SERVICE = "com.docker.compose.service"
NUMBER = "com.docker.compose.container-number"
ONEOFF = "com.docker.compose.oneoff"
DEPENDS_ON = "com.docker.compose.depends_on"
NETWORK_KEY = "com.docker.compose.network"
VOLUME_KEY = "com.docker.compose.volume"

_ANONYMOUS = re.compile(r"[0-9a-f]{64}")
DEFAULT_SHM_SIZE = 64 * 1024 * 1024
_DEFAULT_MODES = {"IpcMode": ("", "private", "shareable"), "PidMode": ("",), "UsernsMode": ("",)}


@dataclass
class _Project:
    """What reading one service needs to know about the whole project."""

    name: str
    network_keys: Mapping[str, str]  # engine network name -> compose key
    volume_keys: Mapping[str, str]  # engine volume name -> compose key
    log_driver: str
    service_of: dict[str, str] = field(default_factory=dict)  # container id/name -> service

    def service_named(self, reference: str) -> str | None:
        """The service of a container given by name, full ID or ID prefix."""
        reference = reference.lstrip("/")
        if reference in self.service_of:
            return self.service_of[reference]
        matches = {s for key, s in self.service_of.items()
                   if len(reference) >= 12 and key.startswith(reference)}
        return matches.pop() if len(matches) == 1 else None


def _number(container: Mapping[str, Any]) -> int:
    text = container["Config"]["Labels"].get(NUMBER, "1")
    return int(text) if text.isdigit() else 1


def _command_keys(config: Mapping[str, Any], image: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    entrypoint = config.get("Entrypoint")
    if entrypoint and entrypoint != image.get("Entrypoint"):
        result["entrypoint"] = list(entrypoint)
    cmd = config.get("Cmd")
    if cmd and (cmd != image.get("Cmd") or "entrypoint" in result):
        result["command"] = list(cmd)
    return result


def _environment(config: Mapping[str, Any], image: Mapping[str, Any]
                 ) -> dict[str, str | None]:
    inherited = set(image.get("Env") or [])
    result: dict[str, str | None] = {}
    for entry in config.get("Env") or []:
        if entry in inherited:
            continue
        key, equals, value = entry.partition("=")
        result[key] = value if equals else None
    return result


def _ports(host: Mapping[str, Any], config: Mapping[str, Any],
           image: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    bindings: Mapping[str, Any] = host.get("PortBindings") or {}
    ports: list[dict[str, Any]] = []
    for spec in sorted(bindings, key=lambda s: (int(s.split("/")[0]), s)):
        target, _, protocol = spec.partition("/")
        for binding in bindings[spec] or [{}]:
            port: dict[str, Any] = {"target": int(target), "protocol": protocol or "tcp"}
            if binding.get("HostPort"):
                port["published"] = binding["HostPort"]
            if binding.get("HostIp"):
                port["host_ip"] = binding["HostIp"]
            ports.append(port)
    image_ports = set(image.get("ExposedPorts") or {})
    expose = sorted(
        (spec.removesuffix("/tcp") for spec in (config.get("ExposedPorts") or {})
         if spec not in bindings and spec not in image_ports),
        key=lambda s: int(s.split("/")[0]))
    return ports, expose


def _mounts(container: Mapping[str, Any], image: Mapping[str, Any],
            volume_keys: Mapping[str, str]) -> list[dict[str, Any]]:
    image_volumes = set(image.get("Volumes") or {})
    # Options live only in the requested mounts (HostConfig.Mounts), not in the runtime list.
    requested = {m.get("Target"): m for m in container["HostConfig"].get("Mounts") or []}
    mounts: list[dict[str, Any]] = []
    for mount in container.get("Mounts") or []:
        kind, target = mount.get("Type"), mount["Destination"]
        entry: dict[str, Any] = {"type": kind, "target": target}
        entry.update(_mount_options(mount, requested.get(target) or {}))
        if kind == "volume":
            name = mount.get("Name", "")
            if name in volume_keys:
                entry["source"] = volume_keys[name]
            elif not _ANONYMOUS.fullmatch(name):
                entry["source"] = name  # another project's or an external volume
            elif target in image_volumes:
                continue  # the image's own anonymous volume
            # else: an anonymous volume the file asked for (no source)
        elif kind == "bind":
            entry["source"] = mount["Source"]
        elif kind != "tmpfs":
            continue
        if mount.get("RW") is False:
            entry["read_only"] = True
        mounts.append(entry)
    return sorted(mounts, key=lambda m: m["target"])


def _mount_options(mount: Mapping[str, Any], requested: Mapping[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if mount.get("Type") == "bind" and mount.get("Propagation") not in (None, "", "rprivate"):
        options["bind"] = {"propagation": mount["Propagation"]}
    if (requested.get("VolumeOptions") or {}).get("NoCopy"):
        options["volume"] = {"nocopy": True}
    tmpfs = requested.get("TmpfsOptions") or {}
    if tmpfs.get("SizeBytes"):
        options["tmpfs"] = {"size": tmpfs["SizeBytes"]}
    if tmpfs.get("Mode"):
        options.setdefault("tmpfs", {})["mode"] = tmpfs["Mode"]
    return options


def _networks(container: Mapping[str, Any], service: str,
              project: _Project) -> tuple[dict[str, Any], str | None]:
    host = container["HostConfig"]
    mode = host.get("NetworkMode", "")
    if mode in ("host", "none"):
        return {}, mode
    if mode.startswith("container:"):
        joined = project.service_named(mode.removeprefix("container:"))
        return {}, f"service:{joined}" if joined else mode
    network_keys = project.network_keys
    own_names = {service, container["Name"].lstrip("/"), container["Id"][:12]}
    networks: dict[str, Any] = {}
    attached: Mapping[str, Any] = container["NetworkSettings"].get("Networks") or {}
    for name, endpoint in sorted(attached.items()):
        key = network_keys.get(name, name)
        entry: dict[str, Any] = {}
        put(entry, "aliases", [a for a in endpoint.get("Aliases") or [] if a not in own_names])
        if endpoint.get("DriverOpts"):
            entry["driver_opts"] = dict(endpoint["DriverOpts"])
        ipam = endpoint.get("IPAMConfig") or {}
        if ipam.get("IPv4Address"):
            entry["ipv4_address"] = ipam["IPv4Address"]
        if ipam.get("IPv6Address"):
            entry["ipv6_address"] = ipam["IPv6Address"]
        networks[key] = entry or None
    return networks, None


def _link_entries(container: Mapping[str, Any]) -> list[str]:
    """Links as the engine keeps them: per network endpoint ("container:alias"), or in
    HostConfig on the default bridge ("/container:/self/alias")."""
    entries = list(container["HostConfig"].get("Links") or [])
    for endpoint in (container["NetworkSettings"].get("Networks") or {}).values():
        entries.extend(endpoint.get("Links") or [])
    return entries


def _links(container: Mapping[str, Any], project: _Project) -> dict[str, list[str]]:
    """Engine links back to `links` (project services) and `external_links`.

    compose links each container of a linked service under three names: the
    alias the file gave, <service>-<n> and <project>-<service>-<n>; the last two
    are its own and are dropped."""
    aliases: dict[tuple[str, bool], list[str]] = {}
    for link in _link_entries(container):
        target, _, alias_path = link.partition(":")
        alias = alias_path.rsplit("/", 1)[-1]
        service = project.service_named(target)
        key = (service or target.lstrip("/"), service is not None)
        aliases.setdefault(key, [])
        if alias not in aliases[key]:
            aliases[key].append(alias)
    links: list[str] = []
    external: list[str] = []
    for (name, internal), found in aliases.items():
        own = re.compile(rf"({re.escape(project.name)}-)?{re.escape(name)}-\d+")
        chosen = [a for a in found if not own.fullmatch(a)] or [name]
        for alias in chosen:
            entry = name if alias == name else f"{name}:{alias}"
            (links if internal else external).append(entry)
    result: dict[str, list[str]] = {}
    if links:
        result["links"] = links
    if external:
        result["external_links"] = external
    return result


def _volumes_from(host: Mapping[str, Any], project: _Project) -> list[str]:
    """HostConfig.VolumesFrom (container IDs or names, with :ro/:rw) back to compose's
    `service[:mode]` or `container:name[:mode]`."""
    result = []
    for entry in host.get("VolumesFrom") or []:
        reference, _, mode = entry.partition(":")
        service = project.service_named(reference)
        source = service if service else f"container:{reference}"
        result.append(f"{source}:{mode}" if mode and mode != "rw" else source)
    return result


def _restart(host: Mapping[str, Any]) -> str | None:
    policy = host.get("RestartPolicy") or {}
    name = policy.get("Name") or ""
    if name in ("", "no"):
        return None
    if name == "on-failure" and policy.get("MaximumRetryCount"):
        return f"on-failure:{policy['MaximumRetryCount']}"
    return str(name)


def _depends_on(labels: Mapping[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for entry in filter(None, labels.get(DEPENDS_ON, "").split(",")):
        name, condition, restart = [*entry.split(":"), "", ""][:3]
        dependency: dict[str, Any] = {"condition": condition or "service_started"}
        if restart == "true":
            dependency["restart"] = True
        result[name] = dependency
    return result


def _resources(host: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if host.get("Memory"):
        result["mem_limit"] = host["Memory"]
    if host.get("MemoryReservation"):
        result["mem_reservation"] = host["MemoryReservation"]
    if host.get("NanoCpus"):
        result["cpus"] = host["NanoCpus"] / 1e9
    if host.get("PidsLimit"):
        result["pids_limit"] = host["PidsLimit"]
    for key, name in (("CpuShares", "cpu_shares"), ("CpuPeriod", "cpu_period"),
                      ("CpuQuota", "cpu_quota"), ("CpuRealtimePeriod", "cpu_rt_period"),
                      ("CpuRealtimeRuntime", "cpu_rt_runtime"), ("CpuCount", "cpu_count"),
                      ("MemorySwap", "memswap_limit"), ("OomScoreAdj", "oom_score_adj")):
        if host.get(key):
            result[name] = host[key]
    if result.get("memswap_limit") == 2 * host.get("Memory", 0):
        del result["memswap_limit"]  # the engine's own choice: twice the memory limit
    if host.get("CpuPercent"):
        result["cpu_percent"] = host["CpuPercent"] / 100
    if host.get("CpusetCpus"):
        result["cpuset"] = host["CpusetCpus"]
    if host.get("MemorySwappiness") is not None:
        result["mem_swappiness"] = host["MemorySwappiness"]
    if host.get("OomKillDisable"):
        result["oom_kill_disable"] = True
    if host.get("ShmSize") and host["ShmSize"] != DEFAULT_SHM_SIZE:
        result["shm_size"] = host["ShmSize"]
    return result


def _host_keys(host: Mapping[str, Any]) -> dict[str, Any]:
    """HostConfig lists and switches that map one to one onto compose keys."""
    result: dict[str, Any] = {}
    for key, name in (("CapAdd", "cap_add"), ("CapDrop", "cap_drop"), ("Dns", "dns"),
                      ("DnsSearch", "dns_search"), ("DnsOptions", "dns_opt"),
                      ("SecurityOpt", "security_opt"), ("GroupAdd", "group_add")):
        if host.get(key):
            result[name] = list(host[key])
    if "host" in (host.get("PidMode"), host.get("IpcMode")) and "security_opt" in result:
        # the engine adds label=disable itself when it shares the host's pid or ipc
        result["security_opt"] = [o for o in result["security_opt"] if o != "label=disable"]
        if not result["security_opt"]:
            del result["security_opt"]
    if host.get("UTSMode"):
        result["uts"] = host["UTSMode"]
    if host.get("Runtime") not in (None, "", "runc"):
        result["runtime"] = host["Runtime"]
    if host.get("ExtraHosts"):
        result["extra_hosts"] = extra_hosts(host["ExtraHosts"])
    if host.get("Sysctls"):
        result["sysctls"] = dict(host["Sysctls"])
    if host.get("Tmpfs"):
        result["tmpfs"] = [f"{path}:{opts}" if opts else path
                           for path, opts in sorted(host["Tmpfs"].items())]
    if host.get("Ulimits"):
        result["ulimits"] = ulimits(host["Ulimits"])
    if host.get("Devices"):
        result["devices"] = [
            f"{d['PathOnHost']}:{d['PathInContainer']}:{d['CgroupPermissions']}"
            for d in host["Devices"]]
    for key, name in (("Privileged", "privileged"), ("ReadonlyRootfs", "read_only")):
        if host.get(key):
            result[name] = True
    if host.get("Init") is not None:
        result["init"] = bool(host["Init"])
    for key, name in (("IpcMode", "ipc"), ("PidMode", "pid"), ("UsernsMode", "userns_mode")):
        mode = host.get(key) or ""
        if mode not in _DEFAULT_MODES[key]:
            result[name] = mode
    if host.get("CgroupParent"):
        result["cgroup_parent"] = host["CgroupParent"]
    return result


def _config_keys(container: Mapping[str, Any], image: Mapping[str, Any]) -> dict[str, Any]:
    """Config fields that map one to one onto compose keys, unless the image set them."""
    config = container["Config"]
    result: dict[str, Any] = {}
    for key, name in (("User", "user"), ("WorkingDir", "working_dir"),
                      ("StopSignal", "stop_signal")):
        if config.get(key) and config[key] != image.get(key):
            result[name] = config[key]
    shares_uts = (container["HostConfig"].get("NetworkMode") or "").startswith(
        ("host", "container:"))  # then the hostname is the host's or the other container's
    if config.get("Hostname") and config["Hostname"] != container["Id"][:12] \
            and not shares_uts:
        result["hostname"] = config["Hostname"]
    if config.get("Domainname"):
        result["domainname"] = config["Domainname"]
    if config.get("Tty"):
        result["tty"] = True
    if config.get("OpenStdin"):
        result["stdin_open"] = True
    if isinstance(config.get("StopTimeout"), int):
        result["stop_grace_period"] = f"{config['StopTimeout']}s"
    return result


def _logging(host: Mapping[str, Any], default_driver: str) -> dict[str, Any] | None:
    log = host.get("LogConfig") or {}
    driver, options = log.get("Type"), log.get("Config") or {}
    if driver == default_driver and not options:
        return None
    result: dict[str, Any] = {"driver": driver}
    if options:
        result["options"] = dict(options)
    return result


def service_from_containers(containers: list[Mapping[str, Any]], image: Mapping[str, Any],
                            project: _Project) -> dict[str, Any]:
    """One compose service from its containers (the first one speaks for all)."""
    first = min(containers, key=_number)
    config, host = first["Config"], first["HostConfig"]
    labels = config.get("Labels") or {}
    name = labels[SERVICE]
    service: dict[str, Any] = {"image": config["Image"]}
    service.update(_command_keys(config, image))
    service.update(_config_keys(first, image))
    service.update(_host_keys(host))
    service.update(_resources(host))
    put(service, "environment", _environment(config, image))
    put(service, "labels", user_labels(labels, image.get("Labels")))
    ports, expose = _ports(host, config, image)
    if ports:
        service["ports"] = ports
    if expose:
        service["expose"] = expose
    put(service, "volumes", _mounts(first, image, project.volume_keys))
    networks, network_mode = _networks(first, name, project)
    if network_mode:
        service["network_mode"] = network_mode
    elif networks:
        service["networks"] = networks
    put(service, "restart", _restart(host))
    put(service, "healthcheck", healthcheck(config.get("Healthcheck"), image.get("Healthcheck")))
    service.update(_links(first, project))
    put(service, "volumes_from", _volumes_from(host, project))
    put(service, "depends_on", _depends_on(labels))
    put(service, "logging", _logging(host, project.log_driver))
    default_name = f"{project.name}-{name}-{_number(first)}"
    if first["Name"].lstrip("/") != default_name:
        service["container_name"] = first["Name"].lstrip("/")
    if len(containers) != 1:
        service["scale"] = len(containers)
    return service


def compose_document(project: str, containers: Sequence[Mapping[str, Any]],
                     images: Mapping[str, Mapping[str, Any]],
                     networks: Sequence[Mapping[str, Any]],
                     volumes: Sequence[Mapping[str, Any]],
                     log_driver: str = "json-file") -> dict[str, Any]:
    """The compose document of a running project.

    `images` maps image IDs to their `Config`; `networks`/`volumes` are the
    inspected objects carrying the project label.
    """
    network_keys = {n["Name"]: n["Labels"].get(NETWORK_KEY, n["Name"]) for n in networks}
    volume_keys = {v["Name"]: v["Labels"].get(VOLUME_KEY, v["Name"]) for v in volumes}
    context = _Project(project, network_keys, volume_keys, log_driver)
    by_service: dict[str, list[Mapping[str, Any]]] = {}
    for container in containers:
        labels = container["Config"].get("Labels") or {}
        if labels.get(ONEOFF) == "True" or SERVICE not in labels:
            continue
        by_service.setdefault(labels[SERVICE], []).append(container)
        context.service_of[container["Id"]] = labels[SERVICE]
        context.service_of[container["Name"].lstrip("/")] = labels[SERVICE]
    document: dict[str, Any] = {"name": project, "services": {}}
    for name in sorted(by_service):
        group = by_service[name]
        image = images.get(group[0]["Image"], {})
        document["services"][name] = service_from_containers(group, image, context)
    declared_networks = {network_keys[n["Name"]]: network_declaration(n, "bridge")
                         for n in networks}
    for service in document["services"].values():  # networks of other projects
        for key in service.get("networks", {}):
            if key not in declared_networks:
                declared_networks[key] = {"name": key, "external": True}
    if declared_networks:
        document["networks"] = dict(sorted(declared_networks.items()))
    declared_volumes = {volume_keys[v["Name"]]: volume_declaration(v) for v in volumes}
    for service in document["services"].values():  # volumes the project did not create
        for mount in service.get("volumes", []):
            source = mount.get("source")
            if mount["type"] == "volume" and source and source not in declared_volumes:
                declared_volumes[source] = {"name": source, "external": True}
    if declared_volumes:
        document["volumes"] = dict(sorted(declared_volumes.items()))
    return document
