"""One container -> one compose service: image, command, environment, ports, resources,
mounts, healthcheck, hooks, security settings and terminal flags."""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.errors import InputError
from orchconv.ir.loss import INFO
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.environment import Variables, read_environment
from orchconv.translate.k8s.load.mounts import MountReader, PodVolumes
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.probes import read_probes
from orchconv.translate.k8s.load.resources import read_resources
from orchconv.translate.k8s.load.security import container_security

_PULL_POLICIES = {"Always": "always", "Never": "never", "IfNotPresent": "missing"}


@dataclass
class ContainerPort:
    """A declared container port; Services later say whether it is published."""

    number: int
    protocol: str  # tcp | udp | sctp
    name: str | None
    host_port: int | None
    host_ip: str | None
    loc: Loc
    covered: bool = False  # a Service port or hostPort carries it
    published: YMap | None = None  # the compose port its hostPort became


def _argv(container: Node, key: str, variables: Variables) -> YSeq | None:
    if not container.has(key):
        return None
    values = YSeq(container.value_loc(key))
    for part in container.strings(key):
        values.add(variables.expand(part, container, key), container.value_loc(key))
    return values


def _ports(container: Node) -> list[ContainerPort]:
    ports = []
    for entry in container.nodes("ports"):
        number = entry.integer("containerPort")
        if number is None:
            raise InputError(f"{entry.path}: containerPort is required", entry.loc)
        ports.append(ContainerPort(number, (entry.text("protocol") or "TCP").lower(),
                                   entry.text("name"), entry.integer("hostPort"),
                                   entry.text("hostIP"), entry.loc))
    return ports


def _hooks(container: Node, draft: Draft) -> None:
    lifecycle = container.node("lifecycle")
    if lifecycle is None:
        return
    for key, hook_key in (("postStart", "post_start"), ("preStop", "pre_stop")):
        hook = lifecycle.node(key)
        if hook is None:
            continue
        action = hook.node("exec")
        if action is None:
            hook.lose_self("only exec hooks have a compose counterpart")
            continue
        command = YSeq(action.value_loc("command"))
        for part in action.strings("command"):
            command.add(part, action.value_loc("command"))
        hooks = YSeq(hook.loc)
        hooks.add(new_map(hook.loc, command=command), hook.loc)
        draft.set(hook_key, hooks, lifecycle.key_loc(key))
    lifecycle.default("stopSignal")


def read_container(container: Node, draft: Draft, pod: PodVolumes,
                   pod_security: Node | None) -> list[ContainerPort]:
    """Fill `draft` from `container`; returns its declared ports for the Services."""
    name = container.text("name")
    if name and name != draft.name:
        # only `kubectl logs -c`/`exec -c` see the name: the behaviour is kept
        container.lose("name", f"compose names the container after its service "
                               f"{draft.name!r}, and so does compose2k8s: {name!r} is not kept",
                       level=INFO)
    else:
        container.skip("name")
    image = container.text("image")
    if not image:
        raise InputError(f"{container.path}: a container needs an image for compose",
                         container.loc)
    draft.set("image", image, container.value_loc("image"))
    policy = container.text("imagePullPolicy")
    if policy in _PULL_POLICIES:
        draft.set("pull_policy", _PULL_POLICIES[policy], container.value_loc("imagePullPolicy"))
    variables = read_environment(pod.store, pod.namespace, container, draft)
    entrypoint = _argv(container, "command", variables)
    if entrypoint is not None:
        draft.set("entrypoint", entrypoint, container.key_loc("command"))
    command = _argv(container, "args", variables)
    if command is not None:
        draft.set("command", command, container.key_loc("args"))
    working_dir = container.text("workingDir")
    if working_dir:
        draft.set("working_dir", working_dir, container.value_loc("workingDir"))
    ports = _ports(container)
    read_resources(container, draft)
    MountReader(pod, container, draft).read_all()
    read_probes(container, draft, {p.name: p.number for p in ports if p.name})
    _hooks(container, draft)
    container_security(pod_security, container, draft)
    for key, target in (("stdin", "stdin_open"), ("tty", "tty")):
        if container.boolean(key):
            draft.set(target, True, container.key_loc(key))
    if container.boolean("stdinOnce"):
        container.lose("stdinOnce", "compose keeps stdin open for the container's life")
    container.default("terminationMessagePath", "/dev/termination-log")
    container.default("terminationMessagePolicy", "File")
    return ports
