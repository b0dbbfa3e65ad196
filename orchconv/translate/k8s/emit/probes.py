"""healthcheck -> livenessProbe (and readinessProbe by option); the probe labels
(`kompose.service.healthcheck.{liveness,readiness}.*`, `orchconv.io/{liveness,readiness}.*`)
replace the test (by a command, an HTTP GET or a TCP check) and timings of either.

`CMD` runs its argv; `CMD-SHELL` runs in `sh -c` as Docker does (kompose
passes the whole shell line as one argv entry, which runs nothing).  Unset
timings take Docker's defaults (30s interval, 30s timeout, 3 retries), not
Kubernetes' (10s, 1s, 3), so a slow check keeps passing.  A probe made from
labels alone keeps Kubernetes' defaults, as kompose's does.  Unlike kompose,
liveness labels need no compose healthcheck, and a readiness probe with
timings only borrows the healthcheck's test.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.service import Healthcheck
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.quantities import whole_seconds
from orchconv.translate.k8s.emit.requests import Directives, ProbeLabels
from orchconv.translate.k8s.vocabulary import PROBE_FIELDS, probe_keys

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
    return _timed(ctx, check, {"exec": {"command": _command(check)}})


def _timed(ctx: ServiceContext, check: Healthcheck, probe: dict[str, Any]) -> dict[str, Any]:
    """`probe` with the healthcheck's timings (Docker's defaults where unset)."""
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


_LABEL_TIMINGS = (("interval", "periodSeconds"), ("timeout", "timeoutSeconds"),
                  ("start_period", "initialDelaySeconds"), ("retries", "failureThreshold"))
_HANDLERS = ("exec", "httpGet", "tcpSocket")


def _first_port(ctx: ServiceContext) -> int | None:
    if ctx.service.ports:
        return ctx.service.ports[0].target
    for text in ctx.service.expose:
        head = text.split("/")[0].split("-")[0]
        if head.isdigit():
            return int(head)
    return None


def _label_handler(ctx: ServiceContext, kind: str, wanted: ProbeLabels
                   ) -> dict[str, Any] | None:
    if wanted.http_path is not None or wanted.http_port is not None:
        port = wanted.http_port or _first_port(ctx)
        if port is None:
            ctx.lose("labels", "an HTTP probe needs a port: the service has none and the "
                               "label gives none", sub=probe_keys(kind, "http_get_path")[1])
            return None
        return {"httpGet": {"path": wanted.http_path or "/", "port": port}}
    if wanted.tcp_port is not None:
        return {"tcpSocket": {"port": wanted.tcp_port}}
    if wanted.command:
        return {"exec": {"command": list(wanted.command)}}
    return None


def _with_labels(ctx: ServiceContext, kind: str, base: dict[str, Any] | None,
                 wanted: ProbeLabels) -> dict[str, Any] | None:
    """`base` (from the healthcheck) with what the probe labels set; labels win."""
    if wanted.disable:
        return None
    handler = _label_handler(ctx, kind, wanted)
    if handler is None and not (base and any(k in base for k in _HANDLERS)):
        ctx.lose("labels", f"the {kind} labels give timings but no test, HTTP path or TCP "
                           "port, and the service has no healthcheck test: no probe",
                 sub=next(k for f in PROBE_FIELDS for k in probe_keys(kind, f)
                          if k in ctx.service.labels))
        return None
    probe = {k: v for k, v in (base or {}).items() if handler is None or k not in _HANDLERS}
    probe = (handler or {}) | probe
    for field, name in _LABEL_TIMINGS:
        value = getattr(wanted, field)
        if value is not None:
            probe[name] = max(value, 1) if name != "initialDelaySeconds" else value
    return probe


def probes(ctx: ServiceContext, directives: Directives | None = None) -> dict[str, Any]:
    """The container fields for the service's healthcheck and probe labels, if any."""
    check = ctx.service.healthcheck
    ctx.done("healthcheck")
    liveness_labels = directives.liveness if directives else None
    if check is not None and not check.test and not check.is_disabled \
            and liveness_labels is not None:
        live: dict[str, Any] | None = _timed(ctx, check, {})  # the labels give the test
    else:
        live = liveness_probe(ctx, check) if check is not None else None
    readiness_labels = directives.readiness if directives else None
    if liveness_labels is not None:
        live = _with_labels(ctx, "liveness", live, liveness_labels)
    fields: dict[str, Any] = {}
    if live is not None:
        fields["livenessProbe"] = live
    if readiness_labels is not None:
        ready = _with_labels(ctx, "readiness", live, readiness_labels)
        if ready is not None:
            fields["readinessProbe"] = ready
    elif live is not None and ctx.options.readiness_probe:
        fields["readinessProbe"] = dict(live)
    return fields
