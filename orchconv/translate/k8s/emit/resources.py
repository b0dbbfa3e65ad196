"""deploy.resources (and cpus, mem_limit, mem_reservation) -> container resources.

Limits become limits and reservations requests.  deploy.resources wins over
the service-level keys, as compose gives it precedence.  Note that
Kubernetes copies a limit into an unset request, which compose does not do.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.deploy import ResourceSpec
from orchconv.translate.k8s.emit.context import ServiceContext, known
from orchconv.translate.k8s.emit.quantities import byte_quantity, cpu_quantity
from orchconv.translate.k8s.emit.requests import Directives


def _cpu(ctx: ServiceContext, key: str, sub: str | None, cpus: str | float) -> str | None:
    converted = cpu_quantity(cpus)
    if converted is None:
        ctx.lose(key, f"{cpus!r} is not a positive CPU count", sub=sub)
        return None
    quantity, exact = converted
    if not exact:
        ctx.lose(key, f"CPU quantities have millicore precision: {cpus} becomes {quantity}",
                 sub=sub)
    return quantity


def _unmappable(ctx: ServiceContext, spec: ResourceSpec, side: str) -> None:
    key = "deploy.resources"
    if spec.pids is not None:
        ctx.lose(key, "pod PID limits are a node setting (kubelet podPidsLimit)",
                 sub=f"{side}.pids", loc=spec.loc)
    for index, device in enumerate(spec.devices):
        ctx.lose(key, "device reservations need a device plugin resource such as "
                      "nvidia.com/gpu; add it to resources.limits by hand",
                 sub=f"{side}.devices[{index}]", loc=known(device.loc, spec.loc))
    for index, generic in enumerate(spec.generic_resources):
        ctx.lose(key, f"generic resource {generic.kind!r} has no Kubernetes counterpart "
                      "(extended resources are advertised by device plugins)",
                 sub=f"{side}.generic_resources[{index}]", loc=known(generic.loc, spec.loc))


def _overridden(ctx: ServiceContext, spec: ResourceSpec | None, side: str,
                cpus: float | None, memory: int | None) -> None:
    """Service-level values that deploy.resources sets differently are not used."""
    if spec is None:
        return
    if cpus is not None and spec.cpus is not None and cpu_quantity(cpus) != cpu_quantity(
            spec.cpus):
        ctx.lose("cpus", f"deploy.resources.{side}.cpus takes precedence")
    if memory is not None and spec.memory is not None and memory != spec.memory:
        key = "mem_limit" if side == "limits" else "mem_reservation"
        ctx.lose(key, f"deploy.resources.{side}.memory takes precedence")


def _side(ctx: ServiceContext, spec: ResourceSpec | None, side: str,
          cpus: float | None, memory: int | None) -> dict[str, str]:
    """One of limits/requests; the service-level values fill what deploy leaves unset."""
    _overridden(ctx, spec, side, cpus, memory)
    out: dict[str, str] = {}
    cpu_value: str | float | None = spec.cpus if spec and spec.cpus is not None else cpus
    if cpu_value is not None:
        from_deploy = spec is not None and spec.cpus is not None
        quantity = _cpu(ctx, "deploy.resources" if from_deploy else "cpus",
                        f"{side}.cpus" if from_deploy else None, cpu_value)
        if quantity:
            out["cpu"] = quantity
    memory_value = spec.memory if spec and spec.memory is not None else memory
    if memory_value is not None:
        out["memory"] = byte_quantity(memory_value)
    if spec is not None:
        _unmappable(ctx, spec, side)
    return out


def resources(ctx: ServiceContext, directives: Directives | None = None) -> dict[str, Any]:
    """The container's `resources`, empty when nothing was asked for; the ephemeral-storage
    labels (kompose's) add a limit and a request of scratch space."""
    service = ctx.service
    deploy_resources = service.deploy.resources if service.deploy else None
    limits_spec = deploy_resources.limits if deploy_resources else None
    requests_spec = deploy_resources.reservations if deploy_resources else None
    ctx.done("cpus", "mem_limit", "mem_reservation", "deploy.resources")
    limits = _side(ctx, limits_spec, "limits", service.cpus, service.mem_limit)
    requests = _side(ctx, requests_spec, "reservations", None, service.mem_reservation)
    if directives is not None and directives.ephemeral_limit:
        limits["ephemeral-storage"] = directives.ephemeral_limit
    if directives is not None and directives.ephemeral_request:
        requests["ephemeral-storage"] = directives.ephemeral_request
    result: dict[str, Any] = {}
    if limits:
        result["limits"] = limits
    if requests:
        result["requests"] = requests
    return result
