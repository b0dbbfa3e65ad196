"""Which controller runs a service: Deployment, StatefulSet, DaemonSet, Job or CronJob.

A service that is meant to finish (a *-job mode, or `restart: "no"` or
`on-failure`) is a Job (a CronJob with kompose.cronjob.schedule), never a
bare Pod.  Otherwise a controller label wins, then `deploy.mode: global`
(DaemonSet), then the options.  A swarm `restart_policy` does not make a
service a Job: `condition: on-failure` is the documented setting of
long-running services, and swarm keeps their replicas.  It shapes the Job
of a service that is one.
"""

from __future__ import annotations

from orchconv.ir.deploy import DeployMode
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.vocabulary import CRON_SCHEDULE

DEPLOYMENT = "Deployment"
STATEFULSET = "StatefulSet"
DAEMONSET = "DaemonSet"
JOB = "Job"
CRONJOB = "CronJob"
_BY_NAME = {"deployment": DEPLOYMENT, "statefulset": STATEFULSET, "daemonset": DAEMONSET}


def _restart(ctx: ServiceContext) -> str:
    """"always", "no" or "on-failure" from `restart` (unset: long-running, as kompose reads it)."""
    restart = ctx.service.restart or "always"
    if restart.startswith("on-failure"):
        return "on-failure"
    return "no" if restart == "no" else "always"


def runs_to_completion(ctx: ServiceContext) -> bool:
    deploy = ctx.service.deploy
    mode = deploy.mode if deploy else None
    return (mode is not None and mode.is_job) or _restart(ctx) != "always"


def job_restart(ctx: ServiceContext) -> str:
    """How a Job's pods restart: "no" or "on-failure"; restart_policy wins over restart,
    and swarm jobs restart on failure by default."""
    deploy = ctx.service.deploy
    policy = deploy.restart_policy if deploy else None
    if policy is not None and policy.condition is not None:
        return "no" if policy.condition == "none" else "on-failure"
    restart = _restart(ctx)
    return "on-failure" if restart == "always" else restart


def controller_kind(ctx: ServiceContext, directives: Directives) -> str:
    deploy = ctx.service.deploy
    mode = deploy.mode if deploy else None
    if runs_to_completion(ctx):
        if directives.controller:
            ctx.lose("labels", f"the {directives.controller} label is ignored: the service "
                               "runs to completion, so it is a Job")
        return CRONJOB if directives.cron_schedule else JOB
    if directives.cron_schedule:
        ctx.lose("labels", "a cron schedule needs restart \"no\" or \"on-failure\"",
                 sub=CRON_SCHEDULE[0])
    if directives.controller:
        kind = _BY_NAME[directives.controller]
        if mode == DeployMode.GLOBAL and kind != DAEMONSET:
            ctx.lose("deploy.mode", f"the controller label makes this a {kind}, not one pod "
                                    "per node")
        return kind
    if mode == DeployMode.GLOBAL:
        return DAEMONSET
    if ctx.options.controller != "default":
        return _BY_NAME[ctx.options.controller]
    return DEPLOYMENT


def replicas(ctx: ServiceContext) -> int | None:
    """deploy.replicas, else scale (compose refuses the two when they differ)."""
    deploy = ctx.service.deploy
    if deploy is not None and deploy.replicas is not None:
        return deploy.replicas
    return ctx.service.scale


def scale_conflict(ctx: ServiceContext) -> None:
    deploy = ctx.service.deploy
    scale = ctx.service.scale
    if deploy is not None and deploy.replicas is not None and scale is not None \
            and scale != deploy.replicas:
        ctx.lose("scale", "deploy.replicas takes precedence")
