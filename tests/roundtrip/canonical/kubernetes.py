"""Kubernetes: what manifests can say, as the k8s loader reads them back."""

from __future__ import annotations

import re

from orchconv.translate.k8s.emit.dependencies import link_resolves_anyway
from tests.roundtrip.canonical.common import (
    Data,
    cpu_quota_as_cpus,
    resources_in_deploy,
    tmpfs_as_mounts,
)

K8S_JOB_BACKOFF = 6  # a Job's default backoffLimit


def k8s_name(name: str) -> str:
    """Object names are DNS labels: `mysql_data` and `mysql-data` are one name."""
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")


def _restart(service: Data) -> None:
    """Pods of a long-running workload always restart, whatever compose said (an unset
    `restart` included: the emitter reads it as kompose does); a Job retries on failure
    or not at all, 6 times unless told."""
    deploy: Data = service.get("deploy") or {}
    policy = deploy.pop("restart_policy", None) or {}
    conditions = {"none": "no", "on-failure": "on-failure", "any": "always"}
    condition = conditions.get(str(policy.get("condition")))
    restart = str(service.pop("restart", None) or "")
    if condition == "on-failure" and policy.get("max_attempts"):
        restart = f"on-failure:{policy['max_attempts']}"
    elif condition:
        restart = condition
    if not restart and str(deploy.get("mode", "")).endswith("job"):
        restart = "on-failure"
    name, _, count = restart.partition(":")
    if name == "on-failure":
        service["restart"] = name if count in ("", str(K8S_JOB_BACKOFF)) else restart
    elif name == "no":
        service["restart"] = "no"


def _ports(service: Data) -> None:
    """A Service port reaches a container port from inside the cluster, which is what
    both `expose` and a port with no published side say: an exposed port is such a
    port (and one a port already names is nothing more).  Entries are only added at
    the end, so losses that name ports[i] still meet their entry."""
    ports = service.setdefault("ports", []) or []
    service["ports"] = ports
    for port in ports:
        if not port.get("published"):
            port.pop("mode", None)  # how a port is published means nothing unpublished
    known = {(str(p.get("target")), p.get("protocol") or "tcp") for p in ports}
    for entry in service.pop("expose", None) or []:
        number, _, protocol = str(entry).partition("/")
        if (number, protocol or "tcp") not in known and number.isdigit():
            ports.append({"target": int(number), "protocol": protocol or "tcp"})
            known.add((number, protocol or "tcp"))


def _command_as_entrypoint(service: Data) -> None:
    """An empty entrypoint with a command runs the command as it is, and so does that
    command as the entrypoint: a set entrypoint drops the image's CMD, and an empty one
    drops its ENTRYPOINT.  A pod's `command` says it one way (an empty one means the
    image's), which reads back as the entrypoint."""
    if service.get("entrypoint") == [] and service.get("command"):
        service["entrypoint"] = service.pop("command")


def _update_parallelism(deploy: Data) -> None:
    """An update (or rollback) replaces one task at a time unless `parallelism` says
    otherwise: docker's default, and the emitter's.  Manifests always state the step,
    so an unset parallelism reads back as 1."""
    for key in ("update_config", "rollback_config"):
        config = deploy.get(key)
        if isinstance(config, dict) and config.get("parallelism") == 1:
            del config["parallelism"]


def service(service: Data) -> None:
    _restart(service)
    _update_parallelism(service.get("deploy") or {})
    _command_as_entrypoint(service)
    resources_in_deploy(service)
    tmpfs_as_mounts(service)
    cpu_quota_as_cpus(service)
    _ports(service)
    if (service.get("healthcheck") or {}).get("disable"):
        del service["healthcheck"]  # no probe is a disabled probe
    deploy: Data = service.get("deploy") or {}
    if deploy.get("endpoint_mode") == "vip":
        del deploy["endpoint_mode"]  # a Service with a cluster IP: what reads back as unset
    for mount in service.get("volumes") or []:
        if mount.get("type") == "volume" and mount.get("source"):
            mount["source"] = k8s_name(mount["source"])
    for key in ("secrets", "configs"):
        for ref in service.get(key) or []:
            ref["source"] = k8s_name(ref["source"])


def _plain_link(services: Data, service: Data, link: str) -> bool:
    target, _, alias = link.partition(":")
    other = services.get(target)
    return not (alias and alias != target) and other is not None and link_resolves_anyway(
        service.get("networks") or (), service.get("network_mode") or None,
        other.get("networks") or (), other.get("network_mode") or None)


def _plain_links(data: Data) -> None:
    """A link without an alias, between services on a project network they share and
    with no `network_mode`, adds nothing to the `depends_on` it implies (which the
    loader has already written): on a user-defined network a link only aliases a name
    that resolves anyway.  Manifests have no links; the emitter reports every other
    link as a loss (emit.dependencies.plain_link)."""
    services: Data = data.get("services") or {}
    for service in services.values():
        if service.get("links"):
            service["links"] = [link for link in service["links"]
                                if not _plain_link(services, service, str(link))]


def project(data: Data) -> None:
    """Names as Kubernetes spells them.  A Secret or ConfigMap holds its data itself,
    so the file or variable it was made from is not kept; external objects are not
    part of the deployment, so read-back does not see them; and the compose network
    drivers `bridge` and `overlay` are each platform's default."""
    for section in ("volumes", "secrets", "configs"):
        if data.get(section):
            data[section] = {k8s_name(k): v for k, v in data[section].items()
                             if not v.get("external")}
    for section in ("secrets", "configs"):
        for declared in (data.get(section) or {}).values():
            for key in ("file", "environment", "content"):
                declared.pop(key, None)
    _plain_links(data)
    for network in (data.get("networks") or {}).values():
        if network.get("driver") in ("bridge", "overlay"):
            del network["driver"]
