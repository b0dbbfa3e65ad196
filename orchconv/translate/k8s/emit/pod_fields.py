"""Pod-level keys: hostname, DNS, extra_hosts, host namespaces, init, stop_grace_period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from orchconv.ir.loss import INFO
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.plan import ProjectPlan, joined_service
from orchconv.translate.k8s.emit.quantities import whole_seconds

_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")


def _hostname(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    hostname = ctx.service.hostname
    if hostname is None:
        return
    if _LABEL.fullmatch(hostname):
        spec["hostname"] = hostname
        ctx.done("hostname")
    else:
        ctx.lose("hostname", f"a pod hostname must be one DNS label; {hostname!r} is not")


def _dns(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    service = ctx.service
    config: dict[str, Any] = {}
    if service.dns:
        config["nameservers"] = list(service.dns)
        spec["dnsPolicy"] = "None"
        ctx.lose("dns", "dnsPolicy None replaces the cluster DNS: from this pod, other "
                        "services' names no longer resolve (Docker's embedded DNS still did)")
    if service.dns_search:
        config["searches"] = list(service.dns_search)
    options = []
    for option in service.dns_opt:
        name, found, value = option.partition(":")
        options.append({"name": name, "value": value} if found else {"name": name})
    if options:
        config["options"] = options
    if config:
        spec["dnsConfig"] = config
    ctx.done("dns", "dns_search", "dns_opt")


def _host_entries(value: Any) -> Iterator[tuple[str, str]]:
    """(host, ip) pairs from extra_hosts as a list ("host=ip", "host:ip") or a mapping."""
    if isinstance(value, dict):
        for host, ips in value.items():
            for ip in ips if isinstance(ips, list) else [ips]:
                yield str(host), str(ip)
        return
    for item in value or ():
        text = str(item)
        separator = "=" if "=" in text else ":"
        host, _, ips = text.partition(separator)
        for ip in ips.split(","):
            yield host, ip.strip("[]")


def _extra_hosts(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    aliases: dict[str, list[str]] = {}
    for host, ip in _host_entries(ctx.service.extra_hosts):
        if ip == "host-gateway":
            ctx.lose("extra_hosts", f"{host}: a pod has no host-gateway address")
            continue
        names = aliases.setdefault(ip, [])
        if host not in names:
            names.append(host)
    if aliases:
        spec["hostAliases"] = [{"ip": ip, "hostnames": names} for ip, names in aliases.items()]
    ctx.done("extra_hosts")


def _network_mode(ctx: ServiceContext, plan: ProjectPlan, spec: dict[str, Any]) -> None:
    mode = ctx.service.network_mode
    if mode is None:
        return
    if mode in ("bridge", "default"):
        # Not the project's default network: docker's predefined `bridge` (which
        # `default` names on Linux), outside every project network and without its DNS.
        ctx.lose("network_mode", f"network_mode {mode!r} puts the container on the "
                                 "engine's predefined bridge network, apart from the "
                                 "project's networks, where service names do not resolve; "
                                 "a pod is always on the cluster network, where every "
                                 "Service name does")
    elif mode == "host":
        spec["hostNetwork"] = True
        spec.setdefault("dnsPolicy", "ClusterFirstWithHostNet")
        ctx.done("network_mode")
    elif joined_service(mode) and ctx.service.name not in plan.cycles:
        ctx.done("network_mode")  # the service is a container of that service's pod
    else:
        ctx.lose("network_mode", f"network_mode {mode!r} has no pod counterpart")


def _same_pod(plan: ProjectPlan, ctx: ServiceContext, value: str) -> bool:
    other = joined_service(value)
    return other is not None and plan.root_of.get(other) == plan.root_of[ctx.service.name]


def _namespaces(ctx: ServiceContext, plan: ProjectPlan, spec: dict[str, Any]) -> None:
    pid, ipc = ctx.service.pid, ctx.service.ipc
    if pid == "host":
        spec["hostPID"] = True
    elif pid is not None and _same_pod(plan, ctx, pid):
        spec["shareProcessNamespace"] = True
    elif pid is not None:
        ctx.lose("pid", f"pid {pid!r} has no pod counterpart")
    if ipc == "host":
        spec["hostIPC"] = True
    elif ipc in ("private", "shareable"):
        ctx.lose("ipc", f"ipc {ipc!r}: a pod has its own IPC namespace, shared by its "
                        "containers and by nothing outside the pod; that is every pod's "
                        "default, so nothing in the output records it", level=INFO)
    elif ipc is not None and not _same_pod(plan, ctx, ipc):
        ctx.lose("ipc", f"ipc {ipc!r} has no pod counterpart (containers of one pod "
                        "share IPC already)")
    ctx.done("pid", "ipc")


def _init(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    if ctx.service.init and spec.get("hostPID"):
        ctx.lose("init", "with the host's PID namespace there is no pod PID 1 to reap zombies")
    elif ctx.service.init:
        # The pause container becomes PID 1 and reaps zombies, as docker's init does.
        spec["shareProcessNamespace"] = True
    elif ctx.service.init is False:
        ctx.lose("init", "no init is what a pod has anyway; an explicit false is not written",
                 level=INFO)
    ctx.done("init")


def _grace(ctx: ServiceContext, spec: dict[str, Any]) -> None:
    text = ctx.service.stop_grace_period
    if text is None:
        return
    converted = whole_seconds(text)
    if converted is None:
        ctx.lose("stop_grace_period", f"{text!r} is not a duration")
        return
    seconds, exact = converted
    spec["terminationGracePeriodSeconds"] = seconds
    if exact:
        ctx.done("stop_grace_period")
    else:
        ctx.lose("stop_grace_period", f"whole seconds only: {text} becomes {seconds}s")


def pod_fields(ctx: ServiceContext, plan: ProjectPlan) -> dict[str, Any]:
    """The pod spec fields that come from the service owning the pod."""
    spec: dict[str, Any] = {}
    _hostname(ctx, spec)
    _dns(ctx, spec)
    _extra_hosts(ctx, spec)
    _network_mode(ctx, plan, spec)
    _namespaces(ctx, plan, spec)
    _init(ctx, spec)
    _grace(ctx, spec)
    return spec
