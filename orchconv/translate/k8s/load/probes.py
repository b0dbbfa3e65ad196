"""livenessProbe (else readinessProbe) -> healthcheck.

`sh -c X` becomes CMD-SHELL X, any other command CMD.  httpGet and tcpSocket
become a CMD-SHELL check with wget or nc, flagged as a loss because the image
must provide the tool.  Timings equal to Docker's defaults (30s interval, 30s
timeout, 3 retries) are left out; Kubernetes' own defaults (10s, 1s) are
written, since Docker's differ.
"""

from __future__ import annotations

import shlex
from typing import Any

from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.units import go_duration

# probe field -> (healthcheck key, Kubernetes default, Docker default)
_TIMINGS = (
    ("periodSeconds", "interval", 10, 30),
    ("timeoutSeconds", "timeout", 1, 30),
    ("initialDelaySeconds", "start_period", 0, 0),
)
_SHELLS = ("sh", "/bin/sh", "bash", "/bin/bash")


def _exec_test(probe: Node) -> list[str] | None:
    action = probe.node("exec")
    if action is None:
        return None
    command = action.strings("command")
    if len(command) == 3 and command[0] in _SHELLS and command[1] == "-c":
        return ["CMD-SHELL", command[2]]
    return ["CMD", *command]


def _port(action: Node, ports: dict[str, int]) -> int | None:
    port = action.scalar("port")
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port in ports:
        return ports[port]
    action.lose("port", f"port {port!r} is not a container port of this container")
    return None


def _action(probe: Node, key: str, ports: dict[str, int]) -> tuple[Node, int] | None:
    """The probe's httpGet or tcpSocket, and the container port it checks."""
    action = probe.node(key)
    if action is None:
        return None
    port = _port(action, ports)
    return None if port is None else (action, port)


def _needs_tool(probe: Node, check: str) -> None:
    """The check standing for the probe runs a tool the image must provide."""
    probe.ledger.lose(probe.loc, probe.path, check)


def _http_test(probe: Node, ports: dict[str, int]) -> list[str] | None:
    found = _action(probe, "httpGet", ports)
    if found is None:
        return None
    action, port = found
    scheme = (action.text("scheme") or "HTTP").lower()
    host = action.text("host") or "localhost"
    path = action.text("path") or "/"
    if action.has("httpHeaders"):
        action.lose("httpHeaders", "the wget check sends no extra headers")
    url = f"{scheme}://{host}:{port}{path if path.startswith('/') else '/' + path}"
    _needs_tool(probe, "an HTTP probe becomes a wget check: the image must provide wget")
    return ["CMD-SHELL", f"wget -q -O /dev/null {shlex.quote(url)} || exit 1"]


def _tcp_test(probe: Node, ports: dict[str, int]) -> list[str] | None:
    found = _action(probe, "tcpSocket", ports)
    if found is None:
        return None
    action, port = found
    host = action.text("host") or "localhost"
    _needs_tool(probe, "a TCP probe becomes an nc check: the image must provide nc")
    return ["CMD-SHELL", f"nc -z {shlex.quote(host)} {port} || exit 1"]


def healthcheck(probe: Node, ports: dict[str, int]) -> dict[str, Any] | None:
    """The compose healthcheck for one probe; None when the probe cannot be carried."""
    test = _exec_test(probe) or _http_test(probe, ports) or _tcp_test(probe, ports)
    if probe.has("grpc"):
        probe.lose("grpc", "compose has no gRPC health check")
    if test is None:
        return None
    check = new_map(probe.loc, test=test)
    for field, key, k8s_default, docker_default in _TIMINGS:
        seconds = probe.integer(field)
        seconds = k8s_default if seconds is None else seconds
        if seconds != docker_default:
            check.put(key, go_duration(seconds), probe.key_loc(field), probe.value_loc(field))
    retries = probe.integer("failureThreshold")
    if retries is not None and retries != 3:
        check.put("retries", retries, probe.key_loc("failureThreshold"),
                  probe.value_loc("failureThreshold"))
    probe.default("successThreshold", 1)
    if probe.has("terminationGracePeriodSeconds"):
        probe.lose("terminationGracePeriodSeconds", "compose has no per-check grace period")
    return check


def read_probes(container: Node, draft: Draft, ports: dict[str, int]) -> None:
    liveness = container.node("livenessProbe")
    readiness = container.node("readinessProbe")
    chosen, other = (liveness, readiness) if liveness is not None else (readiness, None)
    if chosen is None:
        return
    check = healthcheck(chosen, ports)
    if check is not None:
        draft.set("healthcheck", check, container.key_loc(
            "livenessProbe" if liveness is not None else "readinessProbe"))
    if other is not None and other.data != chosen.data:
        other.lose_self("compose has one healthcheck: the liveness probe's; the readiness "
                        "probe is not kept")
    elif other is not None:
        other.skip(*other.data)  # the same probe, as the emitter's readiness option writes it
