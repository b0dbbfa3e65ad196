"""healthcheck -> livenessProbe (and readinessProbe by option).

`CMD` runs its argv; `CMD-SHELL` runs in `sh -c` as Docker does (kompose
passes the whole shell line as one argv entry, which runs nothing).  Unset
timings take Docker's defaults (30s interval, 30s timeout, 3 retries), not
Kubernetes' (10s, 1s, 3), so a slow check keeps passing.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.service import Healthcheck
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.quantities import whole_seconds

DOCKER_INTERVAL = "30s"
DOCKER_TIMEOUT = "30s"
DOCKER_RETRIES = 3

# healthcheck key -> (probe field, Docker default, smallest value Kubernetes accepts)
_TIMINGS = (
    ("interval", "periodSeconds", DOCKER_INTERVAL, 1),
    ("timeout", "timeoutSeconds", DOCKER_TIMEOUT, 1),
    ("start_period", "initialDelaySeconds", None, 0),
)


def _command(check: Healthcheck) -> list[str]:
    kind, rest = check.test[0], list(check.test[1:])
    if kind == "CMD-SHELL":
        return ["sh", "-c", " ".join(rest)]
    if kind == "CMD":
        return rest
    return list(check.test)


def _seconds(ctx: ServiceContext, check: Healthcheck, key: str, text: str,
             minimum: int) -> int | None:
    converted = whole_seconds(text, minimum)
    if converted is None:
        ctx.lose("healthcheck", f"{text!r} is not a duration", sub=key, loc=check.loc)
        return None
    seconds, exact = converted
    if not exact:
        ctx.lose("healthcheck", f"probes count whole seconds: {text} becomes {seconds}s",
                 sub=key, loc=check.loc)
    return seconds


def liveness_probe(ctx: ServiceContext, check: Healthcheck) -> dict[str, Any] | None:
    if check.is_disabled:
        return None
    if not check.test:
        # No probe at all: the timings that were written are lost with the test.
        ctx.lose("healthcheck", "the test comes from the image's HEALTHCHECK, which is not "
                                "known here; no probe is emitted", loc=check.loc)
        return None
    probe: dict[str, Any] = {"exec": {"command": _command(check)}}
    for key, field, default, minimum in _TIMINGS:
        written = getattr(check, key)
        text = written if written is not None else default
        if text is None:
            continue
        seconds = _seconds(ctx, check, key, text, minimum)
        if seconds is not None:
            probe[field] = seconds
    retries = check.retries if check.retries else DOCKER_RETRIES  # Docker reads 0 as "default"
    probe["failureThreshold"] = retries
    if check.start_interval is not None:
        ctx.lose("healthcheck", "probes have one period; the start_interval is dropped",
                 sub="start_interval", loc=check.loc)
    return probe


def probes(ctx: ServiceContext) -> dict[str, Any]:
    """The container fields for the service's healthcheck, if any."""
    check = ctx.service.healthcheck
    ctx.done("healthcheck")
    if check is None:
        return {}
    probe = liveness_probe(ctx, check)
    if probe is None:
        return {}
    fields = {"livenessProbe": probe}
    if ctx.options.readiness_probe:
        fields["readinessProbe"] = dict(probe)
    return fields
