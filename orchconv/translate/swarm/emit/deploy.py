"""`deploy`: swarm's own section, carried key by key.

Memory is written as a size string ("512m"): stack schemas want a string.
Device reservations have no stack-file form; `replicas` is refused by
docker/cli for global modes, so it is dropped there.
"""

from __future__ import annotations

from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Placement,
    Resources,
    ResourceSpec,
    RestartPolicy,
    UpdateConfig,
)
from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext, carry_extras
from orchconv.translate.swarm.emit.units import format_bytes, format_cpus

HANDLES = frozenset({"deploy"})


def _set(out: Data, key: str, value: object) -> None:
    if value is not None and value not in ((), {}):
        out[key] = list(value) if isinstance(value, tuple) else value


def _resource_spec(spec: ResourceSpec, path: str, ctx: StackContext) -> Data:
    out: Data = {}
    if spec.cpus is not None:
        out["cpus"] = format_cpus(spec.cpus)
    if spec.memory is not None:
        out["memory"] = format_bytes(spec.memory)
    _set(out, "pids", spec.pids)
    if spec.generic_resources:
        out["generic_resources"] = [
            {"discrete_resource_spec": carry_extras(g.extras, {"kind": g.kind, "value": g.value})}
            for g in spec.generic_resources
        ]
    if spec.devices:
        ctx.lose(spec.devices[0].loc, f"{path}.devices",
                 "swarm services cannot reserve devices; generic_resources is the nearest")
    return carry_extras(spec.extras, out)


def _resources(resources: Resources, path: str, ctx: StackContext) -> Data:
    out: Data = {}
    if resources.limits is not None:
        _set(out, "limits", _resource_spec(resources.limits, f"{path}.limits", ctx))
    if resources.reservations is not None:
        _set(out, "reservations",
             _resource_spec(resources.reservations, f"{path}.reservations", ctx))
    return carry_extras(resources.extras, out)


# Sections whose keys are written as the IR holds them, in this order.
_RESTART_POLICY_KEYS = ("condition", "delay", "max_attempts", "window")
_UPDATE_CONFIG_KEYS = ("parallelism", "delay", "failure_action", "monitor",
                       "max_failure_ratio", "order")


def _as_written(section: RestartPolicy | UpdateConfig, keys: tuple[str, ...]) -> Data:
    out: Data = {}
    for key in keys:
        _set(out, key, getattr(section, key))
    return carry_extras(section.extras, out)


def _placement(placement: Placement) -> Data:
    out: Data = {}
    _set(out, "constraints", placement.constraints)
    if placement.preferences:
        out["preferences"] = [carry_extras(p.extras, {"spread": p.spread})
                              for p in placement.preferences]
    _set(out, "max_replicas_per_node", placement.max_replicas_per_node)
    return carry_extras(placement.extras, out)


def _replicas(deploy: Deploy, path: str, ctx: StackContext) -> int | None:
    if deploy.replicas is not None and deploy.mode in (DeployMode.GLOBAL, DeployMode.GLOBAL_JOB):
        ctx.lose(deploy.loc, f"{path}.replicas",
                 f"swarm refuses replicas in {deploy.mode.value} mode")
        return None
    return deploy.replicas


def deploy_data(deploy: Deploy, path: str, ctx: StackContext) -> Data:
    out: Data = {}
    if deploy.mode is not None:
        out["mode"] = deploy.mode.value
    _set(out, "replicas", _replicas(deploy, path, ctx))
    _set(out, "endpoint_mode", deploy.endpoint_mode)
    _set(out, "labels", dict(sorted(deploy.labels.items())))
    if deploy.resources is not None:
        _set(out, "resources", _resources(deploy.resources, f"{path}.resources", ctx))
    if deploy.restart_policy is not None:
        _set(out, "restart_policy",
             _as_written(deploy.restart_policy, _RESTART_POLICY_KEYS))
    if deploy.update_config is not None:
        _set(out, "update_config", _as_written(deploy.update_config, _UPDATE_CONFIG_KEYS))
    if deploy.rollback_config is not None:
        _set(out, "rollback_config",
             _as_written(deploy.rollback_config, _UPDATE_CONFIG_KEYS))
    if deploy.placement is not None:
        _set(out, "placement", _placement(deploy.placement))
    return carry_extras(deploy.extras, out)


def emit_deploy(service: Service, out: Data, ctx: StackContext) -> None:
    if service.deploy is None:
        return
    data = deploy_data(service.deploy, f"services.{service.name}.deploy", ctx)
    if data:
        out["deploy"] = data
