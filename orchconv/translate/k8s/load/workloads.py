"""Workload controllers -> the deploy settings around their pod's services.

Deployment, ReplicaSet and ReplicationController are replicated services;
StatefulSet too, labelled so the Kubernetes emitter makes a StatefulSet
again; DaemonSet is `mode: global`; Job is `mode: replicated-job`; a CronJob
is a Job whose schedule compose cannot run (kept as kompose's label); a bare
Pod is one service.  Long-running pods restart always, as the kubelet does.
A bare Pod, a ReplicaSet and a ReplicationController are losses: compose2k8s
makes Deployments of their services.
"""

from __future__ import annotations

from collections.abc import Callable

from orchconv.errors import InputError
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.metadata import compose_name, read_metadata, user_labels
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.pod import Pod, PodReader
from orchconv.translate.k8s.load.storage import claim_template
from orchconv.translate.k8s.vocabulary import CONTROLLER, CRON_CONCURRENCY, CRON_SCHEDULE

# Kinds compose has no word for: their service comes back from compose2k8s as a
# Deployment (or a Job, for a pod that does not restart).
_COME_BACK_AS_DEPLOYMENTS = {
    "Pod": "compose has no bare pods: the service comes back from compose2k8s as a "
           "Deployment (a Job when it does not restart), whose pods are replaced when they go",
    "ReplicationController": "compose has no ReplicationController: the service comes back "
                             "from compose2k8s as a Deployment",
    "ReplicaSet": "compose has no ReplicaSet: the service comes back from compose2k8s as a "
                  "Deployment",
}
DEFAULT_BACKOFF = 6
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
                  "Job", "CronJob", "Pod")


def _selector(spec: Node, kind: str) -> dict[str, str]:
    if kind == "ReplicationController":
        return spec.string_map("selector")
    selector = spec.node("selector")
    if selector is None:
        return {}
    if selector.has("matchExpressions"):
        selector.skip("matchExpressions")  # selection is by the template's labels here
    return selector.string_map("matchLabels")


def _rolling(update: Node, owner: Draft) -> None:
    """maxSurge/maxUnavailable -> update_config: start-first adds before it removes."""
    rolling = update.node("rollingUpdate")
    surge = rolling.scalar("maxSurge") if rolling else None
    unavailable = rolling.scalar("maxUnavailable") if rolling else None
    config = new_map(update.loc)
    if surge in (None, "25%") and unavailable in (None, "25%"):
        return  # Kubernetes' default rolling update: compose's default is close enough
    if surge in (0, "0%") and isinstance(unavailable, int):
        config.put("parallelism", unavailable, update.loc, update.loc)
    elif surge in (0, "0%") and unavailable == "100%":
        config.put("parallelism", 0, update.loc, update.loc)
    elif unavailable in (0, "0%") and isinstance(surge, int):
        config.put("parallelism", surge, update.loc, update.loc)
        config.put("order", "start-first", update.loc, update.loc)
    else:
        update.lose("rollingUpdate", f"maxSurge {surge} with maxUnavailable {unavailable} has "
                    "no update_config counterpart (one of them must be 0)")
        return
    owner.deploy(update.loc).put("update_config", config, update.loc, update.loc)


def _strategy(spec: Node, key: str, owner: Draft) -> None:
    update = spec.node(key)
    if update is None:
        return
    kind = update.text("type") or "RollingUpdate"
    if kind == "RollingUpdate":
        _rolling(update, owner)
    elif kind == "OnDelete":
        update.lose("type", "compose updates containers when the project changes; OnDelete "
                            "has no counterpart")
    # Recreate stops the old pod before it starts the new one, as `docker compose up` does.


def _replicas(spec: Node, owner: Draft) -> int | None:
    replicas = spec.integer("replicas")
    if replicas is not None and replicas != 1:
        owner.deploy(spec.loc).put("replicas", replicas, spec.key_loc("replicas"),
                                   spec.value_loc("replicas"))
    return replicas


def _job_restart(job: Node, template: Node) -> str:
    """restart for a Job's pods: `no`, or on-failure with the Job's retry count."""
    spec = template.data.get("spec") or {}
    policy = spec.get("restartPolicy") if isinstance(spec, dict) else None
    backoff = job.integer("backoffLimit")
    retries = DEFAULT_BACKOFF if backoff is None else backoff
    if policy == "Never" and retries == 0:
        return "no"
    return f"on-failure:{retries}"


class WorkloadReader:
    def __init__(self, ctx: LoadContext, pods: PodReader) -> None:
        self.ctx = ctx
        self.pods = pods

    def read(self, manifest: Manifest, owner_name: str) -> Pod:
        root = self.ctx.root(manifest)
        _, labels, annotations = read_metadata(root)
        spec = root.node("spec")
        if spec is None:
            raise InputError(f"{manifest.label} has no spec", manifest.loc)
        reader: dict[str, Callable[[Manifest, Node, str], Pod]] = {
            "Pod": self._pod, "Job": self._job, "CronJob": self._cron_job,
        }
        pod = reader.get(manifest.kind, self._controller)(manifest, spec, owner_name)
        if manifest.kind in _COME_BACK_AS_DEPLOYMENTS:
            self.ctx.ledger.lose(manifest.loc, manifest.label,
                                 _COME_BACK_AS_DEPLOYMENTS[manifest.kind])
        deploy_labels = user_labels(labels) | annotations
        if deploy_labels and manifest.kind != "Pod":
            deploy = pod.owner.deploy(manifest.loc)
            deploy.put("labels", new_map(manifest.loc, **dict(sorted(deploy_labels.items()))),
                       manifest.loc, manifest.loc)
        return pod

    def _pod(self, manifest: Manifest, spec: Node, owner_name: str) -> Pod:
        policy = spec.data.get("restartPolicy") or "Always"
        restart = {"Always": "always", "OnFailure": "on-failure", "Never": "no"}.get(
            str(policy), "always")
        # A bare pod's own metadata is its template's: its labels are the service's.
        body = manifest.body
        template = Node({"metadata": body.get("metadata"), "spec": body.get("spec")},
                        manifest.label, manifest.loc, self.ctx.ledger)
        spec.skip(*spec.data)  # read through the template
        return self.pods.read(manifest, template, owner_name, restart, {}, set())

    def _controller(self, manifest: Manifest, spec: Node, owner_name: str) -> Pod:
        kind = manifest.kind
        selector = _selector(spec, kind)
        template = spec.node("template")
        if template is None:
            raise InputError(f"{manifest.label} has no pod template", manifest.loc)
        claims: set[str] = set()
        replicas = spec.data.get("replicas")
        for entry in spec.nodes("volumeClaimTemplates"):
            claims.add(claim_template(self.ctx, entry, replicas if isinstance(replicas, int)
                                      else None))
        pod = self.pods.read(manifest, template, owner_name, "always", selector, claims)
        owner = pod.owner
        if kind == "DaemonSet":
            owner.deploy(spec.loc).put("mode", "global", manifest.loc, manifest.loc)
            _strategy(spec, "updateStrategy", owner)
        else:
            count = _replicas(spec, owner)
            if count is not None and count > 1 and len(pod.members) > 1:
                joined = ", ".join(d.name for d in pod.members[1:])
                spec.ledger.lose(spec.key_loc("replicas"), spec.sub("replicas"),
                                 f"each of the {count} pods had its own {joined}; compose runs "
                                 f"one, joined to one {owner.name} container")
        if kind == "Deployment":
            _strategy(spec, "strategy", owner)
        if kind == "StatefulSet":
            owner.label(CONTROLLER[0], "statefulset", manifest.loc)
            spec.skip("serviceName")
            spec.default("podManagementPolicy", "OrderedReady")
            update = spec.node("updateStrategy")
            if update is not None and not update.default("type", "RollingUpdate"):
                update.lose("type", "compose updates every replica when the project changes")
            if update is not None:
                rolling = update.node("rollingUpdate")
                if rolling is not None:
                    rolling.default("partition", 0)
                    rolling.default("maxUnavailable", 1)
            spec.default("persistentVolumeClaimRetentionPolicy")
        return pod

    def _job(self, manifest: Manifest, spec: Node, owner_name: str) -> Pod:
        template = spec.node("template")
        if template is None:
            raise InputError(f"{manifest.label} has no pod template", manifest.loc)
        restart = _job_restart(spec, template)
        pod = self.pods.read(manifest, template, owner_name, restart, _selector(spec, "Job"),
                             set())
        completions = spec.integer("completions")
        parallelism = spec.integer("parallelism")
        if completions is not None:
            # A restart policy that finishes already makes a one-off service; a count of
            # completions is what needs a replicated job.
            deploy = pod.owner.deploy(spec.loc)
            deploy.put("mode", "replicated-job", manifest.loc, manifest.loc)
            if completions != 1:
                deploy.put("replicas", completions, spec.key_loc("completions"),
                           spec.value_loc("completions"))
        if parallelism not in (None, 1, completions):
            spec.lose("parallelism", f"compose runs all {completions or 1} job replicas at "
                      "once")
        spec.skip("manualSelector")
        spec.default("completionMode", "NonIndexed")
        spec.default("suspend", False)
        return pod

    def _cron_job(self, manifest: Manifest, spec: Node, owner_name: str) -> Pod:
        job_template = spec.node("jobTemplate")
        job = job_template.node("spec") if job_template else None
        if job is None:
            raise InputError(f"{manifest.label} has no job template", manifest.loc)
        pod = self._job(manifest, job, owner_name)
        schedule = spec.text("schedule") or ""
        pod.owner.label(CRON_SCHEDULE[0], schedule, spec.value_loc("schedule"))
        spec.ledger.lose(spec.key_loc("schedule"), spec.sub("schedule"),
                         f"compose runs the job once; the schedule {schedule!r} is kept only "
                         f"as the {CRON_SCHEDULE[0]} label")
        policy = spec.text("concurrencyPolicy")
        if policy and policy != "Allow":
            pod.owner.label(CRON_CONCURRENCY[0], policy, spec.value_loc("concurrencyPolicy"))
        spec.default("suspend", False)
        spec.default("successfulJobsHistoryLimit", 3)
        spec.default("failedJobsHistoryLimit", 1)
        return pod


def workload_name(ctx: LoadContext, manifest: Manifest) -> str:
    """The compose name the workload's owning service gets."""
    metadata = manifest.body.get("metadata") or {}
    labels = metadata.get("labels") or {}
    wanted = compose_name(manifest, {str(k): str(v) for k, v in labels.items()})
    return ctx.claim_service_name(wanted, manifest.name)
