"""Assemble the pod template of one pod: its containers and its pod-level fields.

The pod belongs to one service; services joined through `network_mode:
service:X` add their containers.  Their pod-level keys cannot apply to a pod
they do not own, so those are loss entries.
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

from orchconv.translate.k8s.emit.config import mount_config
from orchconv.translate.k8s.emit.container import build_container
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.controllers import STATEFULSET
from orchconv.translate.k8s.emit.dependencies import PodInfo, wait_containers
from orchconv.translate.k8s.emit.directives import is_directive
from orchconv.translate.k8s.emit.hooks import lifecycle
from orchconv.translate.k8s.emit.init_containers import init_container
from orchconv.translate.k8s.emit.labels import (
    invalid_key_reason,
    is_annotation_key,
    selector_labels,
)
from orchconv.translate.k8s.emit.mounts import MountMapper
from orchconv.translate.k8s.emit.order import ordered_container, ordered_pod_spec
from orchconv.translate.k8s.emit.parts import PodParts
from orchconv.translate.k8s.emit.plan import ProjectPlan, joined_service
from orchconv.translate.k8s.emit.pod_fields import pod_fields
from orchconv.translate.k8s.emit.policies import pod_network_labels
from orchconv.translate.k8s.emit.ports import PortPlan
from orchconv.translate.k8s.emit.probes import probes
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.emit.resources import resources
from orchconv.translate.k8s.emit.scheduling import scheduling
from orchconv.translate.k8s.emit.security import container_security, pod_security
from orchconv.translate.k8s.vocabulary import ANNOTATION_KEYS
from orchconv.translate.ledger import is_set

POD_LEVEL_KEYS = ("hostname", "dns", "dns_opt", "dns_search", "extra_hosts", "init",
                  "stop_grace_period", "sysctls", "group_add", "platform", "restart", "scale",
                  "networks", "userns_mode", "ipc", "pid")


# a NamedTuple: a dataclass would compile its methods at every start
class PodInputs(NamedTuple):
    """What building a pod needs from the project-wide passes."""

    plan: ProjectPlan
    directives: dict[str, Directives]
    ports: dict[str, PortPlan]
    pods: dict[str, PodInfo]
    shared_volumes: set[str]
    networks_used: int


def _container(ctx: ServiceContext, inputs: PodInputs, parts: PodParts,
               stateful: bool) -> dict[str, Any]:
    directives = inputs.directives[ctx.service.name]
    container = build_container(ctx, directives)
    plan = inputs.ports[ctx.service.name]
    if plan.container_ports:
        container["ports"] = plan.container_ports
    container.update(probes(ctx, directives))
    hooks = lifecycle(ctx)
    if hooks:
        container["lifecycle"] = hooks
    limits = resources(ctx, directives)
    if limits:
        container["resources"] = limits
    MountMapper(ctx, container, parts, directives, inputs.shared_volumes, stateful).map_all()
    mount_config(ctx, container, parts)
    security = container_security(ctx)
    if security:
        container["securityContext"] = security
    for wait in wait_containers(ctx, inputs.plan.root_of, inputs.pods):
        if wait not in parts.init_containers:
            parts.init_containers.append(wait)
    if directives.init is not None:  # after the waits: it may use the dependencies
        parts.init_containers.append(init_container(directives.init))
    _pod_annotations(ctx, parts)
    ctx.done("profiles")
    return ordered_container(container)


def _annotate(ctx: ServiceContext, parts: PodParts, field: str, key: str, value: str) -> None:
    """One compose label or annotation as a pod annotation, if its key can be one."""
    from_annotations = field == "annotations"
    if not is_annotation_key(key):
        ctx.lose(field, invalid_key_reason(key), sub=key)
    elif from_annotations and key == ANNOTATION_KEYS:
        ctx.lose(field, f"{key} is the annotation orchconv writes to tell compose annotations "
                        "from labels", sub=key)
    elif key in parts.annotations and (parts.annotations[key] != value or (
            key in parts.annotation_keys) != from_annotations):
        ctx.lose(field, f"the pod annotation {key!r} already holds a label or annotation of "
                        "the same key", sub=key)
    else:
        parts.annotations[key] = value
        if from_annotations:
            parts.annotation_keys.add(key)


def _pod_annotations(ctx: ServiceContext, parts: PodParts) -> None:
    """compose labels and annotations -> pod annotations (container labels are any text, so
    annotations too).  The keys of compose annotations are listed under ANNOTATION_KEYS, so
    that reading the manifests gives each key back to the section it came from."""
    for key, value in ctx.service.labels.items():
        if not is_directive(key):
            _annotate(ctx, parts, "labels", key, value)
    for key, value in ctx.service.annotations.items():
        _annotate(ctx, parts, "annotations", key, value)
    ctx.done("annotations", "labels")


def _joined_losses(ctx: ServiceContext, root: str, parts: PodParts) -> None:
    how = f"network_mode service:{root}" if ctx.service.network_mode else "group label"
    why = f"the service shares the pod of {root!r} ({how}), whose pod-level settings apply"
    if not ctx.service.network_mode and ctx.service.networks == \
            ctx.emit.project.services[root].networks:
        ctx.done("networks")  # a group member on the owner's networks loses nothing
    for key in ("pid", "ipc"):
        value = getattr(ctx.service, key)
        if value is not None and joined_service(value) == root:
            if key == "pid":
                parts.spec["shareProcessNamespace"] = True
            ctx.done(key)
    for key in ctx.open_keys(POD_LEVEL_KEYS):
        if getattr(ctx.service, key) not in (None, (), {}, False):
            ctx.lose(key, why)
    ctx.done("network_mode")
    deploy = ctx.service.deploy
    if deploy is not None:
        for field in dataclasses.fields(deploy):
            if field.name not in ("resources", "extras", "loc") and is_set(deploy, field):
                ctx.lose(f"deploy.{field.name}", why)


def _pod_level(root: ServiceContext, inputs: PodInputs, parts: PodParts) -> None:
    directives = inputs.directives[root.service.name]
    parts.spec.update(pod_fields(root, inputs.plan))
    security = pod_security(root, directives)
    if security:
        parts.spec["securityContext"] = security
    parts.spec.update(scheduling(root, selector_labels(root.emit.project.name,
                                                       root.service.name)))
    if directives.service_account:
        parts.spec["serviceAccountName"] = directives.service_account
    if directives.image_pull_secret:
        parts.spec["imagePullSecrets"] = [{"name": directives.image_pull_secret}]
    parts.labels.update(pod_network_labels(root, inputs.networks_used))


def build_pod(members: list[ServiceContext], kind: str,
              inputs: PodInputs) -> tuple[dict[str, Any], PodParts]:
    """The pod template for `members` (the owner first) and the parts it collected."""
    root = members[0]
    parts = PodParts()
    containers = [_container(ctx, inputs, parts, kind == STATEFULSET) for ctx in members]
    _pod_level(root, inputs, parts)
    for ctx in members[1:]:
        _joined_losses(ctx, root.service.name, parts)
    spec = dict(parts.spec)
    if spec.get("hostPID"):
        spec.pop("shareProcessNamespace", None)  # the API refuses both; host PIDs are shared
    if parts.init_containers:
        spec["initContainers"] = parts.init_containers
    spec["containers"] = containers
    if parts.volumes:
        spec["volumes"] = parts.volumes
    metadata: dict[str, Any] = {
        "labels": selector_labels(root.emit.project.name, root.service.name) | parts.labels}
    if parts.annotation_keys:
        parts.annotations[ANNOTATION_KEYS] = ",".join(sorted(parts.annotation_keys))
    if parts.annotations:
        metadata["annotations"] = dict(sorted(parts.annotations.items()))
    return {"metadata": metadata, "spec": ordered_pod_spec(spec)}, parts
