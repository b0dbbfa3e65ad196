"""The container itself: name, image, command, environment, terminal settings.

Kubernetes expands `$(VAR)` in command, args and env values, and turns `$$`
into `$`; compose has already interpolated, so every `$` that would start
such a sequence is doubled to keep the text as compose runs it.
"""

from __future__ import annotations

from typing import Any

from orchconv.errors import InputError
from orchconv.ir.loss import INFO, WARNING
from orchconv.translate.built_image import built_image
from orchconv.translate.fields import put
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.environment import container_environment, literal
from orchconv.translate.k8s.emit.names import dns_label
from orchconv.translate.k8s.emit.requests import Directives

_PULL_POLICIES = {"always": "Always", "never": "Never", "missing": "IfNotPresent",
                  "if_not_present": "IfNotPresent"}


def container_name(ctx: ServiceContext) -> str:
    """The name of the service's container in its pod: container_name if set, which is
    always a loss: Kubernetes names the containers it runs itself, and the name is not an
    address on the network, as compose's container name is.  Only an info when the pod's
    Service has the very same name: other pods still reach it by that name."""
    raw = ctx.service.container_name or ctx.service.name
    name = dns_label(raw)
    if ctx.service.container_name:
        changed = "" if name == raw else f"; {raw!r} is not a valid one, so it is {name!r}"
        if ctx.emit.names.lookup("service", ctx.service.name) == raw:
            ctx.lose("container_name", "it only names the container inside its pod: the "
                     "runtime names the container itself, and the Service of the same name "
                     "keeps the name resolving", level=INFO)
        else:
            ctx.lose("container_name", "it only names the container inside its pod" + changed +
                     ": the runtime names the container itself, and other pods reach it "
                     "through its Service, not by this name", level=WARNING)
    ctx.done("container_name")
    return name


def image_of(ctx: ServiceContext) -> str:
    service = ctx.service
    ctx.done("image")
    if service.build is not None:
        image = service.image or built_image(ctx.emit.project.name, service.name,
                                             ctx.options.image_prefix)
        ctx.lose("build", f"a cluster cannot build images: build {image!r} and push it to a "
                          "registry the cluster can pull from")
        return image
    if not service.image:
        raise InputError(f"service {service.name!r} has neither image nor build", service.loc)
    return service.image


def pull_policy(ctx: ServiceContext, directives: Directives) -> str | None:
    policy = ctx.service.pull_policy
    if directives.image_pull_policy:
        ctx.done("pull_policy")
        return directives.image_pull_policy
    if policy is None:
        return None
    mapped = _PULL_POLICIES.get(policy)
    if mapped is None:
        ctx.lose("pull_policy", f"pull_policy {policy!r} has no imagePullPolicy counterpart; "
                                "the Kubernetes default applies")
        return None
    ctx.done("pull_policy")
    return mapped


def _argv(ctx: ServiceContext, key: str, value: tuple[str, ...] | None) -> list[str] | None:
    if value is None:
        return None
    if not value:
        ctx.lose(key, f"an empty {key} clears the image's; Kubernetes reads an empty list "
                      "as unset and keeps the image's")
        return None
    ctx.done(key)
    return [literal(part) for part in value]


def build_container(ctx: ServiceContext, directives: Directives) -> dict[str, Any]:
    """The container's own fields; other modules add ports, mounts, probes and limits."""
    service = ctx.service
    container: dict[str, Any] = {"name": container_name(ctx), "image": image_of(ctx)}
    put(container, "imagePullPolicy", pull_policy(ctx, directives))
    if service.entrypoint == () and service.command:
        # No entrypoint: the command runs as it is, which `command` alone does in a pod.
        container["command"] = [literal(part) for part in service.command]
        ctx.done("entrypoint", "command")
    else:
        command = _argv(ctx, "entrypoint", service.entrypoint)
        if command is not None:
            container["command"] = command
        args = _argv(ctx, "command", service.command)
        if args is not None:
            container["args"] = args
    put(container, "workingDir", service.working_dir)
    ctx.done("working_dir")
    env_from, env = container_environment(ctx)
    put(container, "envFrom", env_from)
    put(container, "env", env)
    put(container, "stdin", service.stdin_open)
    put(container, "tty", service.tty)
    ctx.done("stdin_open", "tty")
    return container
