"""The workload object around a pod template: replicas, update strategy, Job settings.

update_config becomes a RollingUpdate: stop-first (swarm's default) removes
`parallelism` pods before adding (maxUnavailable), start-first adds them first
(maxSurge).  Without update_config a Deployment that mounts a PVC is
recreated, so the new pod does not wait for a volume the old one still holds.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.deploy import DeployMode, UpdateConfig
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.controllers import (
    CRONJOB,
    DAEMONSET,
    DEPLOYMENT,
    JOB,
    STATEFULSET,
    job_restart,
    replicas,
    scale_conflict,
)
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import (
    invalid_key_reason,
    object_labels,
    selector_labels,
    split_labels,
)
from orchconv.translate.k8s.emit.order import ordered_pod_spec
from orchconv.translate.k8s.emit.parts import PodParts
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.vocabulary import EPHEMERAL_LIMIT, EPHEMERAL_REQUEST

_UNMAPPED_UPDATE = ("delay", "failure_action", "monitor", "max_failure_ratio")


def _rolling(ctx: ServiceContext, update: UpdateConfig) -> dict[str, Any]:
    for field in _UNMAPPED_UPDATE:
        if getattr(update, field) is not None:
            ctx.lose("deploy.update_config", "a rolling update has no such setting",
                     sub=field, loc=update.loc)
    parallelism = update.parallelism if update.parallelism is not None else 1
    step: int | str = parallelism if parallelism > 0 else "100%"  # 0 means all at once
    if update.order == "start-first":
        return {"maxSurge": step, "maxUnavailable": 0}
    return {"maxSurge": 0, "maxUnavailable": step}


def _strategy(ctx: ServiceContext, kind: str, parts: PodParts) -> dict[str, Any]:
    deploy = ctx.service.deploy
    update = deploy.update_config if deploy else None
    ctx.done("deploy.update_config")
    if kind == DEPLOYMENT:
        if update is not None:
            return {"strategy": {"type": "RollingUpdate", "rollingUpdate": _rolling(ctx, update)}}
        return {"strategy": {"type": "Recreate"}} if parts.uses_claims else {}
    if kind == DAEMONSET and update is not None:
        return {"updateStrategy": {"type": "RollingUpdate",
                                   "rollingUpdate": _rolling(ctx, update)}}
    if update is not None and not (kind == STATEFULSET and update.order != "start-first"
                                   and update.parallelism in (None, 1)):
        ctx.lose("deploy.update_config", f"a {kind} updates its own way (a StatefulSet one "
                                         "pod at a time, stop-first)")
    return {}


def _restart_losses(ctx: ServiceContext, kind: str) -> None:
    deploy = ctx.service.deploy
    policy = deploy.restart_policy if deploy else None
    ctx.done("restart", "deploy.restart_policy")
    if policy is None:
        return
    for field in ("delay", "window"):
        if getattr(policy, field) is not None:
            ctx.lose("deploy.restart_policy", "Kubernetes restarts with its own exponential "
                     "back-off", sub=field, loc=policy.loc)
    if kind in (JOB, CRONJOB):
        return
    if policy.condition in ("none", "on-failure"):
        ctx.lose("deploy.restart_policy", f"a {kind} restarts every pod that exits, whatever "
                 f"its status; condition {policy.condition!r} is not kept", sub="condition",
                 loc=policy.loc)
    if policy.max_attempts is not None:
        ctx.lose("deploy.restart_policy", "a long-running pod is restarted without limit",
                 sub="max_attempts", loc=policy.loc)


def _retries(ctx: ServiceContext) -> int | None:
    deploy = ctx.service.deploy
    policy = deploy.restart_policy if deploy else None
    if policy is not None and policy.max_attempts is not None:
        return policy.max_attempts
    restart = ctx.service.restart or ""
    count = restart.partition(":")[2]
    return int(count) if count.isdigit() else None


def _restart_key(ctx: ServiceContext) -> str:
    """The key that made the service restart on failure, for the loss to point at."""
    deploy = ctx.service.deploy
    if deploy is not None and deploy.restart_policy is not None:
        return "deploy.restart_policy"
    return "restart" if ctx.service.restart is not None else "deploy.mode"


def _job_spec(ctx: ServiceContext, template: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    deploy = ctx.service.deploy
    mode = deploy.mode if deploy else None
    count = replicas(ctx)
    if mode == DeployMode.GLOBAL_JOB:
        ctx.lose("deploy.mode", "a Job cannot run once on every node; it runs once")
    elif count is not None:
        spec["completions"] = count
        spec["parallelism"] = count
    condition = job_restart(ctx)
    template["spec"]["restartPolicy"] = "Never" if condition == "no" else "OnFailure"
    template["spec"] = ordered_pod_spec(template["spec"])
    retries = 0 if condition == "no" else _retries(ctx)
    if retries is None:
        ctx.lose(_restart_key(ctx), "compose retries without limit; the Job stops after its "
                                    "default backoffLimit of 6 retries")
    else:
        spec["backoffLimit"] = retries
    spec["template"] = template
    return spec


def workload_object(ctx: ServiceContext, kind: str, name: str, template: dict[str, Any],
                    parts: PodParts, directives: Directives,
                    service_name: str) -> dict[str, Any]:
    emit = ctx.emit
    deploy = ctx.service.deploy
    labels = object_labels(emit.project.name, ctx.service.name)
    user_labels, user_annotations, invalid = split_labels(
        {k: v for k, v in (deploy.labels if deploy else {}).items()
         if k not in EPHEMERAL_LIMIT + EPHEMERAL_REQUEST})  # directives, for the container
    labels.update(user_labels)
    for key in invalid:
        ctx.lose("deploy.labels", invalid_key_reason(key), sub=key)
    obj = new_object(emit.options.k8s_version, kind,
                     emit.metadata(name, labels, user_annotations or None))
    scale_conflict(ctx)
    ctx.done("deploy.labels", "deploy.mode", "deploy.replicas", "scale")
    _restart_losses(ctx, kind)
    selector = {"matchLabels": selector_labels(emit.project.name, ctx.service.name)}
    count = replicas(ctx)
    if kind in (JOB, CRONJOB):
        job = _job_spec(ctx, template)
        if kind == JOB:
            obj["spec"] = job
        else:
            cron: dict[str, Any] = {"schedule": directives.cron_schedule}
            if directives.cron_concurrency:
                cron["concurrencyPolicy"] = directives.cron_concurrency
            if directives.cron_backoff_limit is not None:
                job["backoffLimit"] = directives.cron_backoff_limit
            cron["jobTemplate"] = {"spec": job}
            obj["spec"] = cron
        return obj
    spec: dict[str, Any] = {}
    if kind == STATEFULSET:
        spec["serviceName"] = service_name
    if kind == DAEMONSET:
        if count is not None:
            ctx.lose("deploy.replicas", "a DaemonSet runs one pod per node")
    elif directives.hpa is not None and kind in (DEPLOYMENT, STATEFULSET):
        # The autoscaler owns the count; a replicas field would reset it on every apply.
        if count is not None:
            ctx.lose("deploy.replicas" if ctx.service.deploy and ctx.service.deploy.replicas
                     is not None else "scale", "the HorizontalPodAutoscaler sets the count, "
                     f"between {directives.hpa.min_replicas} and {directives.hpa.max_replicas}")
    else:
        spec["replicas"] = 1 if count is None else count
    spec["selector"] = selector
    spec.update(_strategy(ctx, kind, parts))
    spec["template"] = template
    if kind == STATEFULSET and parts.claim_templates:
        spec["volumeClaimTemplates"] = parts.claim_templates
    obj["spec"] = spec
    return obj
