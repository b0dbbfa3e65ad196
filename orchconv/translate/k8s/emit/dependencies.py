"""depends_on -> initContainers that wait for each dependency's Service (by option).

Kubernetes starts pods in any order.  With `wait_for_dependencies` each
dependency gets an initContainer that polls it: `nc -z` on its first Service
port, or a DNS lookup of its headless Service (which only answers once a pod
is ready).  Without the option, the order is a loss entry.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NamedTuple

from orchconv.ir.project import Project
from orchconv.ir.service import Dependency, Service
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.names import dns_label


# a NamedTuple: a frozen dataclass would compile its methods at every start
class PodInfo(NamedTuple):
    """What a dependent needs to know about the pod a service runs in."""

    service_name: str  # the Kubernetes Service in front of the pod
    first_port: int | None
    has_probe: bool


def _script(name: str, port: int | None) -> str:
    check = f"nc -z {name} {port}" if port is not None else f"nslookup {name}"
    return f"until {check}; do echo waiting for {name}; sleep 2; done"


def _wait_container(ctx: ServiceContext, info: PodInfo) -> dict[str, Any]:
    return {"name": dns_label(f"wait-for-{info.service_name}"),
            "image": ctx.options.wait_image,
            "command": ["sh", "-c", _script(info.service_name, info.first_port)]}


def _check_condition(ctx: ServiceContext, name: str, dependency: Dependency,
                     info: PodInfo) -> bool:
    sub = name
    if dependency.condition == "service_completed_successfully":
        ctx.lose("depends_on", "waiting for another pod to complete needs API access; "
                               "not emitted", sub=sub, loc=dependency.loc)
        return False
    if dependency.condition == "service_healthy" and not (
            info.has_probe and ctx.options.readiness_probe):
        ctx.lose("depends_on", f"{name} has no readinessProbe, so waiting for it to answer "
                               "stands in for waiting for it to be healthy", sub=sub,
                 loc=dependency.loc)
    if dependency.restart:
        ctx.lose("depends_on", f"Kubernetes does not restart this pod when {name} restarts",
                 sub=f"{sub}.restart", loc=dependency.loc)
    return True


def wait_containers(ctx: ServiceContext, root_of: dict[str, str],
                    pods: dict[str, PodInfo]) -> list[dict[str, Any]]:
    """initContainers for the service's dependencies in other pods."""
    ctx.done("depends_on", "links")
    own_root = root_of[ctx.service.name]
    others = {name: dep for name, dep in ctx.service.depends_on.items()
              if name in root_of and root_of[name] != own_root}
    _check_links(ctx)
    if not others:
        return []
    if not ctx.options.wait_for_dependencies:
        ctx.lose("depends_on", "Kubernetes starts pods in any order; use "
                               "--wait-for-dependencies to wait in initContainers")
        return []
    containers = []
    for name in sorted(others):
        info = pods[root_of[name]]
        if _check_condition(ctx, name, others[name], info):
            containers.append(_wait_container(ctx, info))
    return containers


DEFAULT = ("default",)  # the network of a service that names none


def link_resolves_anyway(networks: Collection[str], network_mode: str | None,
                         other_networks: Collection[str], other_mode: str | None) -> bool:
    """Whether a link (without an alias) between two services adds nothing, in compose,
    to its implied `depends_on`: both are on a project network they share, where the
    name resolves anyway (links on a user-defined network only alias the name).  The
    round-trip harness's k8s canonical form drops such links with this same test."""
    return (network_mode is None and other_mode is None
            and bool(set(networks or DEFAULT) & set(other_networks or DEFAULT)))


def plain_link(project: Project, service: Service, target: str) -> bool:
    other = project.services.get(target)
    return other is not None and link_resolves_anyway(
        service.networks, service.network_mode, other.networks, other.network_mode)


def _check_links(ctx: ServiceContext) -> None:
    """A link reaches the service by name, which its Service gives; an alias it cannot.
    A link that does more in compose than resolve the name (on the predefined bridge,
    or across networks) has no counterpart either."""
    for index, link in enumerate(ctx.service.links):
        target, _, alias = link.partition(":")
        if alias and alias != target:
            ctx.lose("links", f"the alias {alias!r} does not resolve; use the Service name "
                              f"{target!r}", sub=f"[{index}]")
        elif not plain_link(ctx.emit.project, ctx.service, target):
            ctx.lose("links", f"the link to {target!r} has no counterpart: without a "
                              "project network both services share, or with a "
                              "network_mode, it does more in compose than the name "
                              "resolution a Service gives", sub=f"[{index}]")
