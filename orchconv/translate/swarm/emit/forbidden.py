"""Keys `docker stack deploy` refuses, and the service-level resource keys the
stack schemas lack: moved into `deploy.resources` where swarm has the same
limit, dropped with a loss where it has none.

mem_limit -> limits.memory, mem_reservation -> reservations.memory,
cpus -> limits.cpus, cpu_quota / cpu_period -> limits.cpus, pids_limit ->
limits.pids.  A value already set under deploy.resources wins.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.units import format_bytes, format_cpus

HANDLES = frozenset({
    "volumes_from", "mem_limit", "mem_reservation", "cpus", "pids_limit",
    # extras: keys the IR does not type
    "cpu_quota", "cpu_period", "cpu_shares", "cpuset", "memswap_limit", "volume_driver",
    "extends",
})

# docker's default CFS period, in microseconds
DEFAULT_CPU_PERIOD = 100_000

_NO_EQUIVALENT = {
    "cpu_shares": "swarm has no relative CPU weight; use deploy.resources.limits.cpus",
    "cpuset": "swarm cannot pin CPUs",
    "memswap_limit": "swarm cannot limit swap",
    "volume_driver": "set the driver on a top-level volume instead",
    "extends": "stack files cannot extend services",
}


def _set_resource(service: Service, key: str, out: Data, section: str, name: str,
                  value: str | int, ctx: StackContext) -> None:
    deploy: Data = out.setdefault("deploy", {})
    resources: Data = deploy.setdefault("resources", {})
    spec: Data = resources.setdefault(section, {})
    present = spec.get(name)
    if present is None:
        spec[name] = value
    elif present != value:
        ctx.lose_key(service, key,
                     f"deploy.resources.{section}.{name} is also set ({present}) and wins")


def _cpus_from_quota(service: Service) -> str | None:
    quota = service.extras.get("cpu_quota")
    if quota is None or not isinstance(quota.value, int) or quota.value <= 0:
        return None
    period = service.extras.get("cpu_period")
    divisor = period.value if period is not None and isinstance(period.value, int) else 0
    return format_cpus(quota.value / (divisor or DEFAULT_CPU_PERIOD))


def _emit_cpu_quota(service: Service, out: Data, ctx: StackContext) -> None:
    """cpu_quota / cpu_period -> limits.cpus; the period alone limits nothing."""
    if "cpu_quota" not in service.extras:
        if "cpu_period" in service.extras:
            ctx.lose_key(service, "cpu_period", "without cpu_quota it limits nothing")
        return
    cpus = _cpus_from_quota(service)
    if cpus is not None and service.cpus is None:
        _set_resource(service, "cpu_quota", out, "limits", "cpus", cpus, ctx)
        return
    reason = ("cpus is also set and is used instead" if cpus is not None
              else "not a positive number of microseconds")
    for key in ("cpu_quota", "cpu_period"):
        if key in service.extras:
            ctx.lose_key(service, key, reason)


def emit_forbidden(service: Service, out: Data, ctx: StackContext) -> None:
    if service.volumes_from:
        ctx.lose_key(service, "volumes_from",
                     "swarm cannot share another service's volumes; mount a top-level"
                     " volume in each service instead")
    if service.mem_limit is not None:
        _set_resource(service, "mem_limit", out, "limits", "memory",
                      format_bytes(service.mem_limit), ctx)
    if service.mem_reservation is not None:
        _set_resource(service, "mem_reservation", out, "reservations", "memory",
                      format_bytes(service.mem_reservation), ctx)
    if service.cpus is not None:
        _set_resource(service, "cpus", out, "limits", "cpus", format_cpus(service.cpus), ctx)
    if service.pids_limit is not None:
        _set_resource(service, "pids_limit", out, "limits", "pids", service.pids_limit, ctx)
    _emit_cpu_quota(service, out, ctx)
    for key, reason in _NO_EQUIVALENT.items():
        if key in service.extras:
            ctx.lose_key(service, key, reason)
