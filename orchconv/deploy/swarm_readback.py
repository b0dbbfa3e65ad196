"""Swarm services (`docker service inspect`) back into a stack document.

The reverse of what `docker stack deploy` does to each compose key (docker/cli's
convert package): one function per key.  Values the engine fills in on its own
(restart policy any/5s, update config 1/pause/5s/stop-first, a 10s stop grace
period, the vip endpoint mode) are left out, as a file that never set them.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

from orchconv.deploy.docker_fields import (
    duration,
    extra_hosts,
    healthcheck,
    network_declaration,
    ulimits,
    user_labels,
    volume_entry,
)
from orchconv.ir.loss import Loss
from orchconv.location import NOWHERE
from orchconv.translate.fields import put

NAMESPACE = "com.docker.stack.namespace"
STACK_IMAGE = "com.docker.stack.image"

DEFAULT_STOP_GRACE_NS = 10_000_000_000
DEFAULT_RESTART = {"Condition": "any", "Delay": 5_000_000_000, "MaxAttempts": 0}
DEFAULT_UPDATE = {"Parallelism": 1, "FailureAction": "pause", "Monitor": 5_000_000_000,
                  "MaxFailureRatio": 0, "Order": "stop-first"}
DEFAULT_FILE_MODE = 0o444


def _key(name: str, stack: str | None) -> str:
    """A stack object's compose key: its name without the "<stack>_" prefix."""
    prefix = f"{stack}_" if stack else ""
    return name[len(prefix):] if prefix and name.startswith(prefix) else name


def _image(spec: Mapping[str, Any], container: Mapping[str, Any]) -> str:
    written = (spec.get("Labels") or {}).get(STACK_IMAGE)
    if written:
        return str(written)
    image = str(container.get("Image", ""))
    return image.split("@", 1)[0]  # drop the digest the CLI pinned


def _container_keys(container: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, name in (("Command", "entrypoint"), ("Args", "command"), ("Groups", "group_add"),
                      ("CapabilityAdd", "cap_add"), ("CapabilityDrop", "cap_drop")):
        if container.get(key):
            result[name] = list(container[key])
    for key, name in (("Dir", "working_dir"), ("User", "user"), ("Hostname", "hostname"),
                      ("StopSignal", "stop_signal")):
        if container.get(key):
            result[name] = container[key]
    for key, name in (("TTY", "tty"), ("OpenStdin", "stdin_open"), ("ReadOnly", "read_only")):
        if container.get(key):
            result[name] = True
    if container.get("Init") is not None:
        result["init"] = bool(container["Init"])
    grace = container.get("StopGracePeriod")
    if isinstance(grace, int) and grace != DEFAULT_STOP_GRACE_NS:
        result["stop_grace_period"] = duration(grace) or "0s"
    environment: dict[str, str | None] = {}
    for entry in container.get("Env") or []:
        key, equals, value = entry.partition("=")
        environment[key] = value if equals else None  # "KEY" alone: taken from the shell
    if environment:
        result["environment"] = environment
    put(result, "labels", user_labels(container.get("Labels")))
    dns = container.get("DNSConfig") or {}
    for key, name in (("Nameservers", "dns"), ("Search", "dns_search"), ("Options", "dns_opt")):
        if dns.get(key):
            result[name] = list(dns[key])
    if container.get("Hosts"):
        result["extra_hosts"] = extra_hosts(container["Hosts"], separator=" ")
    if container.get("Sysctls"):
        result["sysctls"] = dict(container["Sysctls"])
    if container.get("Ulimits"):
        result["ulimits"] = ulimits(container["Ulimits"])
    put(result, "healthcheck", healthcheck(container.get("Healthcheck")))
    return result


def _mount(mount: Mapping[str, Any], stack: str | None) -> dict[str, Any]:
    kind = mount.get("Type", "volume")
    entry: dict[str, Any] = {"type": kind, "target": mount["Target"]}
    if mount.get("Source"):
        entry["source"] = _key(mount["Source"], stack) if kind == "volume" else mount["Source"]
    if mount.get("ReadOnly"):
        entry["read_only"] = True
    bind = mount.get("BindOptions") or {}
    if bind.get("Propagation"):
        entry["bind"] = {"propagation": bind["Propagation"]}
    volume = mount.get("VolumeOptions") or {}
    if volume.get("NoCopy"):
        entry["volume"] = {"nocopy": True}
    tmpfs = mount.get("TmpfsOptions") or {}
    if tmpfs.get("SizeBytes"):
        entry["tmpfs"] = {"size": tmpfs["SizeBytes"]}
    return entry


def _file_refs(refs: list[Mapping[str, Any]] | None, name_key: str, stack: str | None,
               default_target: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for ref in refs or []:
        source = _key(str(ref[name_key]), stack)
        entry: dict[str, Any] = {"source": source}
        file = ref.get("File") or {}
        target = file.get("Name")
        if target and target not in (source, f"{default_target}{source}"):
            entry["target"] = target
        for key in ("UID", "GID"):
            if file.get(key) not in (None, "", "0"):
                entry[key.lower()] = file[key]
        if file.get("Mode") not in (None, DEFAULT_FILE_MODE):
            entry["mode"] = file["Mode"]
        result.append(entry)
    return result


def _nano_cpus(value: Any) -> str | None:
    return f"{value / 1e9:g}" if isinstance(value, int) and value > 0 else None


def _resource_spec(live: Mapping[str, Any] | None) -> dict[str, Any]:
    live = live or {}
    result: dict[str, Any] = {}
    put(result, "cpus", _nano_cpus(live.get("NanoCPUs")))
    if live.get("MemoryBytes"):
        result["memory"] = str(live["MemoryBytes"])  # the schema wants a string
    if live.get("Pids"):
        result["pids"] = live["Pids"]
    generic = [
        {"discrete_resource_spec": {"kind": g["DiscreteResourceSpec"]["Kind"],
                                    "value": g["DiscreteResourceSpec"]["Value"]}}
        for g in live.get("GenericResources") or [] if "DiscreteResourceSpec" in g]
    if generic:
        result["generic_resources"] = generic
    return result


def _restart_policy(live: Mapping[str, Any] | None) -> dict[str, Any] | None:
    live = dict(live or {})
    is_default = all(live.get(k) == v for k, v in DEFAULT_RESTART.items())
    if not live or (is_default and not live.get("Window")):
        return None
    result: dict[str, Any] = {}
    if live.get("Condition"):
        result["condition"] = live["Condition"]
    if "Delay" in live and live["Delay"] != DEFAULT_RESTART["Delay"]:
        result["delay"] = duration(live["Delay"]) or "0s"
    put(result, "window", duration(live.get("Window")))
    if live.get("MaxAttempts"):
        result["max_attempts"] = live["MaxAttempts"]
    return result


def _update_config(live: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Only what differs from the engine's defaults."""
    if not live:
        return None
    result: dict[str, Any] = {}
    for key, name in (("Parallelism", "parallelism"), ("FailureAction", "failure_action"),
                      ("MaxFailureRatio", "max_failure_ratio"), ("Order", "order")):
        if key in live and live[key] != DEFAULT_UPDATE[key]:
            result[name] = live[key]
    for key, name in (("Delay", "delay"), ("Monitor", "monitor")):
        if live.get(key) and live[key] != DEFAULT_UPDATE.get(key):
            result[name] = duration(live[key])
    return result or None


def _placement(live: Mapping[str, Any] | None) -> dict[str, Any] | None:
    live = live or {}
    result: dict[str, Any] = {}
    if live.get("Constraints"):
        result["constraints"] = list(live["Constraints"])
    spreads = [p["Spread"]["SpreadDescriptor"] for p in live.get("Preferences") or []
               if "Spread" in p]
    if spreads:
        result["preferences"] = [{"spread": s} for s in spreads]
    if live.get("MaxReplicas"):
        result["max_replicas_per_node"] = live["MaxReplicas"]
    return result or None


def _mode(live: Mapping[str, Any]) -> dict[str, Any]:
    if "Global" in live:
        return {"mode": "global"}
    if "GlobalJob" in live:
        return {"mode": "global-job"}
    if "ReplicatedJob" in live:
        job = live["ReplicatedJob"] or {}
        return {"mode": "replicated-job", "replicas": job.get("TotalCompletions", 1)}
    replicas = (live.get("Replicated") or {}).get("Replicas", 1)
    return {"replicas": replicas}


def _deploy(spec: Mapping[str, Any]) -> dict[str, Any]:
    task = spec.get("TaskTemplate") or {}
    deploy: dict[str, Any] = _mode(spec.get("Mode") or {})
    put(deploy, "labels", user_labels(spec.get("Labels")))
    endpoint = (spec.get("EndpointSpec") or {}).get("Mode")
    if endpoint and endpoint != "vip":
        deploy["endpoint_mode"] = endpoint
    resources = {name: part for name, part in (
        ("limits", _resource_spec((task.get("Resources") or {}).get("Limits"))),
        ("reservations", _resource_spec((task.get("Resources") or {}).get("Reservations"))),
    ) if part}
    if resources:
        deploy["resources"] = resources
    for name, value in (("restart_policy", _restart_policy(task.get("RestartPolicy"))),
                        ("update_config", _update_config(spec.get("UpdateConfig"))),
                        ("rollback_config", _update_config(spec.get("RollbackConfig"))),
                        ("placement", _placement(task.get("Placement")))):
        if value:
            deploy[name] = value
    return deploy


def _ports(spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    ports = []
    for port in (spec.get("EndpointSpec") or {}).get("Ports") or []:
        entry: dict[str, Any] = {"target": port["TargetPort"],
                                 "protocol": port.get("Protocol", "tcp"),
                                 "mode": port.get("PublishMode", "ingress")}
        if port.get("PublishedPort"):
            entry["published"] = str(port["PublishedPort"])
        ports.append(entry)
    return ports


def service_from_spec(spec: Mapping[str, Any], stack: str | None,
                      network_names: Mapping[str, str]) -> dict[str, Any]:
    """One stack service from a service's Spec; `network_names` maps network IDs to names."""
    task = spec.get("TaskTemplate") or {}
    container = task.get("ContainerSpec") or {}
    service: dict[str, Any] = {"image": _image(spec, container)}
    service.update(_container_keys(container))
    put(service, "volumes", [_mount(m, stack) for m in container.get("Mounts") or []])
    for name, refs, key, default in (("secrets", container.get("Secrets"), "SecretName",
                                      "/run/secrets/"),
                                     ("configs", container.get("Configs"), "ConfigName", "/")):
        entries = _file_refs(refs, key, stack, default)
        if entries:
            service[name] = entries
    put(service, "ports", _ports(spec))
    networks: dict[str, Any] = {}
    own_key = _key(str(spec["Name"]), stack)
    for attachment in task.get("Networks") or []:
        network = network_names.get(attachment["Target"], attachment["Target"])
        if network == "ingress":
            continue
        aliases = [a for a in attachment.get("Aliases") or [] if a != own_key]
        settings: dict[str, Any] = {"aliases": aliases} if aliases else {}
        if attachment.get("DriverOpts"):
            settings["driver_opts"] = dict(attachment["DriverOpts"])
        networks[_key(network, stack)] = settings or None
    if networks:
        service["networks"] = networks
    log = task.get("LogDriver") or {}
    if log.get("Name"):
        service["logging"] = {"driver": log["Name"], **(
            {"options": dict(log["Options"])} if log.get("Options") else {})}
    service["deploy"] = _deploy(spec)
    return service


def _volume_declarations(specs: Sequence[Mapping[str, Any]], stack: str | None
                         ) -> dict[str, Any]:
    """Volumes are created by tasks, so their declarations come from the mounts."""
    declared: dict[str, Any] = {}
    for spec in specs:
        container = (spec.get("TaskTemplate") or {}).get("ContainerSpec") or {}
        for mount in container.get("Mounts") or []:
            if mount.get("Type", "volume") != "volume" or not mount.get("Source"):
                continue
            name = str(mount["Source"])
            key = _key(name, stack)
            options = mount.get("VolumeOptions") or {}
            driver = options.get("DriverConfig") or {}
            external = key == name and bool(stack)
            declared[key] = volume_entry(name, driver.get("Name"), driver.get("Options"),
                                         options.get("Labels"), external=external)
    return declared


def _file_declaration(live: Mapping[str, Any], with_content: bool) -> dict[str, Any]:
    spec = live.get("Spec") or {}
    entry: dict[str, Any] = {"name": spec.get("Name")}
    if with_content and spec.get("Data"):
        entry["content"] = base64.b64decode(spec["Data"]).decode("utf-8", "replace")
    put(entry, "labels", user_labels(spec.get("Labels")))
    return entry


def stack_document(stack: str | None, services: Sequence[Mapping[str, Any]],
                   networks: Sequence[Mapping[str, Any]],
                   secrets: Sequence[Mapping[str, Any]],
                   configs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The stack document of running services (`docker service inspect` output).

    `networks` are all networks the services attach to; secret and config
    data is not readable back, so those are declared external with their names.
    """
    network_names = {str(n["Id"]): str(n["Name"]) for n in networks}
    specs = [s["Spec"] for s in services]
    document: dict[str, Any] = {"services": {}}
    for spec in sorted(specs, key=lambda s: str(s["Name"])):
        document["services"][_key(str(spec["Name"]), stack)] = service_from_spec(
            spec, stack, network_names)
    declared_networks: dict[str, Any] = {}
    for network in networks:
        if network["Name"] == "ingress":
            continue
        labels = network.get("Labels") or {}
        key = _key(str(network["Name"]), stack)
        if stack and labels.get(NAMESPACE) == stack:
            declaration = network_declaration(network, "overlay")
            declared_networks[key] = declaration
        else:
            declared_networks[key] = {"name": network["Name"], "external": True}
    if declared_networks:
        document["networks"] = dict(sorted(declared_networks.items()))
    volumes = _volume_declarations(specs, stack)
    if volumes:
        document["volumes"] = dict(sorted(volumes.items()))
    for section, found in (("secrets", secrets), ("configs", configs)):
        declared = {}
        for item in found:
            name = str((item.get("Spec") or {}).get("Name"))
            entry = _file_declaration(item, with_content=section == "configs")
            if "content" not in entry:
                entry["external"] = True
            declared[_key(name, stack)] = entry
        if declared:
            document[section] = dict(sorted(declared.items()))
    return document


def unreadable(document: Mapping[str, Any]) -> list[Loss]:
    """What the engine keeps but does not give back: secret data, the files configs came
    from."""
    losses = [Loss(NOWHERE, f"secrets.{key}", "swarm",
                   "the engine never reveals a secret's data: it reads back as external")
              for key in document.get("secrets") or {}]
    losses += [Loss(NOWHERE, f"configs.{key}", "swarm",
                    "a config reads back as its content: the file it was made from is not kept")
               for key in document.get("configs") or {}]
    return losses
