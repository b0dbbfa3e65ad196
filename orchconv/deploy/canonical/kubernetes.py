"""Kubernetes: what manifests can say, as the k8s loader reads them back."""

from __future__ import annotations

import re

from orchconv.deploy.canonical.common import (
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
    """A port with no published side is only reachable in the cluster, which is what
    `expose` says; and a published port's target needs no `expose` of its own."""
    exposed = set(service.get("expose") or [])
    ports = []
    for port in service.get("ports") or []:
        if port.get("published"):
            ports.append(port)
        else:
            protocol = port.get("protocol") or "tcp"
            exposed.add(f"{port['target']}" + ("" if protocol == "tcp" else f"/{protocol}"))
    service["ports"] = ports
    targets = {str(p["target"]) + ("" if (p.get("protocol") or "tcp") == "tcp"
                                   else f"/{p['protocol']}") for p in ports}
    service["expose"] = sorted(exposed - targets)


def service(service: Data) -> None:
    _restart(service)
    resources_in_deploy(service)
    tmpfs_as_mounts(service)
    cpu_quota_as_cpus(service)
    _ports(service)
    if (service.get("healthcheck") or {}).get("disable"):
        del service["healthcheck"]  # no probe is a disabled probe
    for mount in service.get("volumes") or []:
        if mount.get("type") == "volume" and mount.get("source"):
            mount["source"] = k8s_name(mount["source"])
    for key in ("secrets", "configs"):
        for ref in service.get(key) or []:
            ref["source"] = k8s_name(ref["source"])


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
    for network in (data.get("networks") or {}).values():
        if network.get("driver") in ("bridge", "overlay"):
            del network["driver"]
