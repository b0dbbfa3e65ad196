"""probe-port-not-exposed: a probe aimed at a port its container does not declare."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    ContainerPort,
    ContainerRef,
    ContainerRule,
    container_ports,
    mapping,
)
from orchconv.source.yamltree import loc_of

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("httpGet", "tcpSocket", "grpc")


class ProbePortNotExposed(ContainerRule):
    """A probe whose port is not one of its container's ports.

    ## What it does
    Checks the `httpGet`, `tcpSocket` and `grpc` port of each container's
    liveness, readiness and startup probe.  A named port must be the `name`
    of one of the container's `ports`; a number must be a declared
    `containerPort` when the container declares ports at all.

    ## Why it matters
    The kubelet resolves a named probe port in the container's own port
    list; when the name is not there, the probe fails every time: a liveness
    probe then restarts the container forever, a readiness probe keeps it
    out of its Services.  A number the container does not declare usually
    means the probe and the application disagree on the port.

    ## Example
    ```yaml
          containers:
            - name: web
              image: nginx:1.27
              ports: [{name: http, containerPort: 80}]
              livenessProbe:
                httpGet: {path: /, port: web}
    ```

    ## Fix
    Point the probe at a declared port, by name or by number.
    """

    id = "probe-port-not-exposed"
    level = Level.WARNING
    category = "correctness"
    sections = ("initContainers", "containers")

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        declared: list[ContainerPort] | None = None
        for probe_key in PROBES:
            probe = mapping(ref.container.get(probe_key))
            if probe is None:
                continue
            for handler_key in HANDLERS:
                handler = mapping(probe.get(handler_key))
                if handler is None or "port" not in handler:
                    continue
                port = handler["port"]
                if declared is None:
                    declared = container_ports(ref.container)
                problem = _problem(port, declared)
                if problem:
                    yield self.finding(
                        context, f"{ref.label}: {probe_key} {handler_key} port {problem}",
                        loc_of(handler, "port"))


def _problem(port: object, ports: Sequence[ContainerPort]) -> str | None:
    """What is wrong with a probe's port, or None."""
    if isinstance(port, str) and not port.isdigit():
        if any(p.name == port for p in ports):
            return None
        return f"{port!r} names none of the container's ports: the probe always fails"
    number = int(port) if isinstance(port, str) else port
    if not isinstance(number, int) or isinstance(number, bool) or not ports:
        return None
    if any(p.number == number for p in ports):
        return None
    shown = ", ".join(str(p.number) for p in ports if p.number is not None)
    return f"{number} is not a declared container port ({shown or 'named ports only'})"
