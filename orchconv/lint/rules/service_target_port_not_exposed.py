"""service-target-port-not-exposed: a Service port aimed at a port its pods do not declare."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import (
    DEFAULT_PROTOCOL,
    K8S_KINDS,
    ContainerPort,
    K8sObject,
    PodRef,
    at,
    container_ports,
    containers,
    sequence,
    services_with_pods,
)
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of


def pod_ports(pod: PodRef) -> list[ContainerPort]:
    """The ports the pod's app containers declare (sidecars are init containers that stay
    up, but a Service rarely targets them; they count too)."""
    return [port for ref in containers(pod, ("containers", "initContainers"))
            for port in container_ports(ref.container)]


def _target(item: Mapping[str, Any]) -> tuple[int | str | None, Loc | None]:
    """The port the Service forwards to: targetPort, else port."""
    key = "targetPort" if item.get("targetPort") is not None else "port"
    value = item.get(key)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None, None
    return value, loc_of(item, key)


def _declared(ports: Sequence[ContainerPort]) -> str:
    return ", ".join(f"{p.number}/{p.protocol}" for p in ports if p.number is not None)


class ServiceTargetPortNotExposed(Rule):
    """A Service port whose target is not a port of the pods it selects.

    ## What it does
    For each Service whose selector picks pods of the same file, checks every
    entry of `spec.ports`: a named `targetPort` must be the `name` of a
    container port (with the same protocol) in each selected pod; a number
    (`targetPort`, or `port` when there is no `targetPort`) must be a
    declared `containerPort` of each selected pod that declares ports at all.

    ## Why it matters
    A named target port that no container declares gives the Service no
    endpoints in that pod: the name is resolved per pod, and where it does
    not resolve there is nothing to send traffic to.  A number outside the
    declared ports usually means the Service and the container disagree on
    where the application listens (declaring ports is informational, so a
    pod that declares none is not judged).

    ## Example
    ```yaml
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: 80, targetPort: http}]
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports: [{name: web, containerPort: 80}]
    ```

    ## Fix
    Use the container port's name or number in `targetPort`, or name the
    container port after what the Service uses.
    """

    id = "service-target-port-not-exposed"
    kinds = K8S_KINDS
    level = Level.WARNING
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for service, chosen in services_with_pods(context):
            if not chosen:
                continue
            declared = [(pod, pod_ports(pod)) for pod in chosen]
            for item in sequence(at(service.data, "spec", "ports")):
                if isinstance(item, Mapping):
                    yield from self._check_port(context, service, item, declared)

    def _check_port(self, context: LintContext, service: K8sObject, item: Mapping[str, Any],
                    declared: list[tuple[PodRef, list[ContainerPort]]]) -> Iterator[Finding]:
        target, where = _target(item)
        if target is None:
            return
        protocol = str(item.get("protocol") or DEFAULT_PROTOCOL)
        which = f"{service.label} port {item.get('port')}"
        for pod, ports in declared:
            if isinstance(target, str):
                if any(p.name == target and p.protocol == protocol for p in ports):
                    continue
                yield self.finding(
                    context,
                    f"{which}: targetPort {target!r} names no {protocol} container port of"
                    f" {pod.owner.label}: the Service has no endpoint there",
                    where)
            elif ports and not any(p.number == target and p.protocol == protocol
                                   for p in ports):
                yield self.finding(
                    context,
                    f"{which}: target port {target}/{protocol} is not a declared container"
                    f" port of {pod.owner.label} ({_declared(ports) or 'named ports only'})",
                    where)
