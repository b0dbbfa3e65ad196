"""Service labels that steer the conversion: kompose's and our own (orchconv.io/...).

Our label wins when both are set.  Directive labels are consumed: they do not
reappear as annotations.  A kompose label we do not honour is a loss entry; a
directive with a bad value is an InputError at the service's `labels`.
docs/kompose-labels.md lists them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TypeVar

from orchconv.errors import InputError
from orchconv.ir.project import Volume
from orchconv.translate.k8s.emit.choices import service_type_named
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.names import is_dns_label
from orchconv.translate.k8s.emit.quantities import is_quantity, whole_seconds
from orchconv.translate.k8s.emit.requests import (
    Autoscaling,
    Directives,
    Ingress,
    InitContainer,
    ProbeLabels,
)
from orchconv.translate.k8s.vocabulary import (
    ANY_HOST,
    CONTROLLER,
    CRON_BACKOFF,
    CRON_CONCURRENCY,
    CRON_SCHEDULE,
    EPHEMERAL_LIMIT,
    EPHEMERAL_REQUEST,
    FS_GROUP,
    HOST_PORTS,
    HPA_CPU,
    HPA_MAX,
    HPA_MEMORY,
    HPA_MIN,
    INGRESS,
    INGRESS_CLASS,
    INGRESS_TLS,
    INIT_COMMAND,
    INIT_IMAGE,
    INIT_NAME,
    NODE_PORT,
    POD_GROUP,
    PROBE_FIELDS,
    PUBLISHING_TYPES,
    PULL_POLICY,
    PULL_SECRET,
    SERVICE_ACCOUNT,
    SERVICE_TYPE,
    STORAGE_CLASS,
    SUB_PATH,
    TRAFFIC_POLICY,
    VOLUME_SIZE,
    VOLUME_TYPE,
    probe_keys,
)

T = TypeVar("T")

_PROBE_KEYS = tuple(key for kind in ("liveness", "readiness") for field in PROBE_FIELDS
                    for key in probe_keys(kind, field))

HONOURED = frozenset(
    SERVICE_TYPE + CONTROLLER + VOLUME_SIZE + STORAGE_CLASS + NODE_PORT + TRAFFIC_POLICY
    + PULL_POLICY + PULL_SECRET + FS_GROUP + SERVICE_ACCOUNT + CRON_SCHEDULE + CRON_CONCURRENCY
    + CRON_BACKOFF + INGRESS + INGRESS_TLS + INGRESS_CLASS + HPA_MIN + HPA_MAX + HPA_CPU
    + HPA_MEMORY + INIT_NAME + INIT_IMAGE + INIT_COMMAND + VOLUME_TYPE + SUB_PATH + HOST_PORTS
    + POD_GROUP + EPHEMERAL_LIMIT + EPHEMERAL_REQUEST + _PROBE_KEYS)
VOLUME_TYPES = {"persistentvolumeclaim": "persistentVolumeClaim", "emptydir": "emptyDir",
                "hostpath": "hostPath", "configmap": "configMap"}
# kompose's defaults for what the HPA labels leave unset.
HPA_DEFAULT_MIN, HPA_DEFAULT_MAX, HPA_DEFAULT_CPU, HPA_DEFAULT_MEMORY = 1, 3, 50, 70
CONTROLLERS = {"deployment": "deployment", "daemonset": "daemonset",
               "statefulset": "statefulset", "replicationcontroller": "deployment"}


def is_directive(key: str) -> bool:
    return key.startswith(("kompose.", "orchconv.io/"))


def _one_of(choices: Mapping[str, str]) -> Callable[[str], str | None]:
    return lambda text: choices.get(text.strip().lower())


def _integer(low: int, high: int) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        try:
            number = int(text.strip())
        except ValueError:
            return None
        return number if low <= number <= high else None
    return parse


def _text(text: str) -> str | None:
    return text.strip() or None


def _quantity(text: str) -> str | None:
    return text.strip() if is_quantity(text) else None


class _Reader:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.labels = ctx.service.labels

    def get(self, keys: tuple[str, ...], parse: Callable[[str], T | None]) -> T | None:
        for key in keys:
            if key in self.labels:
                value = parse(self.labels[key])
                if value is None:
                    raise InputError(
                        f"{self.ctx.path}.labels.{key}: invalid value {self.labels[key]!r}",
                        self.ctx.loc("labels"))
                return value
        return None


_BOOLEANS = {"true": True, "1": True, "t": True, "yes": True, "on": True,
             "false": False, "0": False, "f": False, "no": False, "off": False}


# kompose splits the hosts on commas, with any spaces around them.
@cache
def _host_split() -> re.Pattern[str]:
    return re.compile(r"[ ,]*,[ ,]*")


@cache
def _host() -> re.Pattern[str]:
    return re.compile(r"(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def _boolean(text: str) -> bool | None:
    return _BOOLEANS.get(text.strip().lower())


def _routes(text: str) -> tuple[tuple[str | None, str], ...] | None:
    """`host[/path]` entries, comma-separated; `true` for any host (kompose's grammar)."""
    routes: list[tuple[str | None, str]] = []
    for entry in _host_split().split(text.strip()):
        host, slash, path = entry.partition("/")
        host = host.lower()
        if host != ANY_HOST and not (len(host) <= 253 and _host().fullmatch(host)):
            return None
        routes.append((None if host == ANY_HOST else host, f"/{path}" if slash else "/"))
    return tuple(dict.fromkeys(routes))


def _ingress(reader: _Reader) -> Ingress | None:
    routes = reader.get(INGRESS, lambda t: () if _boolean(t) is False else _routes(t))
    tls = reader.get(INGRESS_TLS, _text)
    class_name = reader.get(INGRESS_CLASS, _text)
    if not routes:
        for keys in (INGRESS_TLS, INGRESS_CLASS):
            for key in keys:
                if key in reader.labels:
                    reader.ctx.lose("labels", f"no Ingress is made without {INGRESS[0]} "
                                              f"(or {INGRESS[1]})", sub=key)
        return None
    return Ingress(routes, "" if tls is not None and tls.lower() == ANY_HOST else tls,
                   class_name)


def _autoscaling(reader: _Reader) -> Autoscaling | None:
    if not any(key in reader.labels for keys in (HPA_MIN, HPA_MAX, HPA_CPU, HPA_MEMORY)
               for key in keys):
        return None
    low = reader.get(HPA_MIN, _integer(1, 2**31 - 1))
    high = reader.get(HPA_MAX, _integer(1, 2**31 - 1))
    cpu = reader.get(HPA_CPU, _integer(1, 100))
    memory = reader.get(HPA_MEMORY, _integer(1, 100))
    low = HPA_DEFAULT_MIN if low is None else low
    high = max(HPA_DEFAULT_MAX, low) if high is None else high
    if high < low:
        raise InputError(f"{reader.ctx.path}.labels: the autoscaler's maximum {high} is below "
                         f"its minimum {low}", reader.ctx.loc("labels"))
    if cpu is None and memory is None:
        cpu, memory = HPA_DEFAULT_CPU, HPA_DEFAULT_MEMORY
    return Autoscaling(low, high, cpu, memory)


def _argv(text: str) -> tuple[str, ...] | None:
    """A command: a JSON list, kompose's `[a, b]` list, or a shell line run by `sh -c`."""
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.startswith("["):
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = [part.strip().strip("\"' ") for part in stripped.strip("[]").split(",")]
        if not isinstance(parsed, list) or not parsed or not all(
                isinstance(part, str) for part in parsed):
            return None
        return tuple(parsed)
    return ("sh", "-c", stripped)


def _init_container(reader: _Reader) -> InitContainer | None:
    image = reader.get(INIT_IMAGE, _text)
    name = reader.get(INIT_NAME, lambda t: t.strip() if is_dns_label(t.strip()) else None)
    command = reader.get(INIT_COMMAND, _argv)
    if image is None:
        for key in (*INIT_NAME, *INIT_COMMAND):
            if key in reader.labels:
                reader.ctx.lose("labels", "an initContainer needs an image "
                                          f"({INIT_IMAGE[0]} or {INIT_IMAGE[1]})", sub=key)
        return None
    return InitContainer(name or "init-service", image, command or ())


def _probe_command(text: str) -> tuple[str, ...] | None:
    """A healthcheck test as compose writes it (a list or a line starting with CMD,
    CMD-SHELL or NONE), or a shell line; () means NONE, no probe."""
    stripped = text.strip()
    if stripped.startswith("["):
        parts = _argv(stripped)
    else:
        head, _, rest = stripped.partition(" ")
        if head == "CMD":
            import shlex  # probe labels in the CMD form only

            try:
                parts = (head, *shlex.split(rest))
            except ValueError:
                return None
        else:
            parts = (head, rest.strip()) if head in ("CMD-SHELL", "NONE") else None
    if parts is None:
        return ("sh", "-c", stripped) if stripped else None
    if parts[0] == "NONE":
        return ()
    if parts[0] == "CMD-SHELL":
        return ("sh", "-c", " ".join(parts[1:]))
    return parts[1:] if parts[0] == "CMD" else parts


def _seconds(reader: _Reader, keys: tuple[str, ...]) -> int | None:
    found = reader.get(keys, lambda t: whole_seconds(t.strip()))
    if found is None:
        return None
    seconds, exact = found
    if not exact:
        key = next(k for k in keys if k in reader.labels)
        reader.ctx.lose("labels", f"probes count whole seconds: {reader.labels[key]} becomes "
                                  f"{seconds}s", sub=key)
    return seconds


def _probe(reader: _Reader, kind: str) -> ProbeLabels | None:
    keys = {field: probe_keys(kind, field) for field in PROBE_FIELDS}
    if not any(key in reader.labels for pair in keys.values() for key in pair):
        return None
    port = _integer(1, 65535)
    command = reader.get(keys["test"], _probe_command)
    return ProbeLabels(
        command=command or None, http_path=reader.get(keys["http_get_path"], _text),
        http_port=reader.get(keys["http_get_port"], port),
        tcp_port=reader.get(keys["tcp_port"], port),
        interval=_seconds(reader, keys["interval"]), timeout=_seconds(reader, keys["timeout"]),
        retries=reader.get(keys["retries"], _integer(1, 2**31 - 1)),
        start_period=_seconds(reader, keys["start_period"]),
        disable=bool(reader.get(keys["disable"], _boolean)) or command == ())


def _service_type_labels(ctx: ServiceContext) -> None:
    """A service-type label is consumed: the manifests keep the Service's type, not the
    label, and reading them gives `orchconv.io/service-type` with the type's own
    spelling, for the types a Service shows.  Any other label is lost as written."""
    for key in SERVICE_TYPE:
        value = ctx.service.labels.get(key)
        if value is None or (key == SERVICE_TYPE[0] and value in PUBLISHING_TYPES):
            continue
        ctx.lose("labels", f"a directive, not a container label: it sets the Service "
                           f"type, which the manifests keep instead of the label (read "
                           f"back, a {' or '.join(PUBLISHING_TYPES)} Service is "
                           f"{SERVICE_TYPE[0]}: <type>)", sub=key)


def read_directives(ctx: ServiceContext) -> Directives:
    reader = _Reader(ctx)
    for key in sorted(ctx.service.labels):
        if is_directive(key) and key not in HONOURED:
            ctx.lose("labels", f"label {key} is not a directive orchconv honours",
                     sub=key)
    controller = reader.get(CONTROLLER, _one_of(CONTROLLERS))
    if any(ctx.service.labels.get(k, "").strip().lower() == "replicationcontroller"
           for k in CONTROLLER):
        ctx.lose("labels", "ReplicationController is superseded; a Deployment is emitted",
                 sub=CONTROLLER[1])
    service_type = reader.get(SERVICE_TYPE, service_type_named)
    _service_type_labels(ctx)
    return Directives(
        service_type=service_type,
        controller=controller,
        volume_size=reader.get(VOLUME_SIZE, _quantity),
        storage_class=reader.get(STORAGE_CLASS, _text),
        node_port=reader.get(NODE_PORT, _integer(1, 65535)),
        external_traffic_policy=reader.get(
            TRAFFIC_POLICY, _one_of({"cluster": "Cluster", "local": "Local"})),
        image_pull_policy=reader.get(PULL_POLICY, _one_of(
            {"always": "Always", "ifnotpresent": "IfNotPresent", "never": "Never"})),
        image_pull_secret=reader.get(PULL_SECRET, _text),
        fs_group=reader.get(FS_GROUP, _integer(0, 2**31 - 1)),
        service_account=reader.get(SERVICE_ACCOUNT, _text),
        cron_schedule=reader.get(CRON_SCHEDULE, _text),
        cron_concurrency=reader.get(CRON_CONCURRENCY, _one_of(
            {"allow": "Allow", "forbid": "Forbid", "replace": "Replace"})),
        cron_backoff_limit=reader.get(CRON_BACKOFF, _integer(0, 2**31 - 1)),
        ingress=_ingress(reader),
        hpa=_autoscaling(reader),
        init=_init_container(reader),
        liveness=_probe(reader, "liveness"),
        readiness=_probe(reader, "readiness"),
        volume_type=reader.get(VOLUME_TYPE, _one_of(VOLUME_TYPES)),
        sub_path=reader.get(SUB_PATH, _text),
        host_ports=bool(reader.get(HOST_PORTS, _boolean)),
        ephemeral_limit=reader.get(EPHEMERAL_LIMIT, _quantity) or _deploy_quantity(
            ctx, EPHEMERAL_LIMIT),
        ephemeral_request=reader.get(EPHEMERAL_REQUEST, _quantity) or _deploy_quantity(
            ctx, EPHEMERAL_REQUEST),
    )


def _deploy_quantity(ctx: ServiceContext, keys: tuple[str, ...]) -> str | None:
    labels = ctx.service.deploy.labels if ctx.service.deploy else {}
    for key in keys:
        if key in labels:
            value = _quantity(labels[key])
            if value is None:
                raise InputError(f"{ctx.path}.deploy.labels.{key}: invalid value "
                                 f"{labels[key]!r}", ctx.loc("deploy.labels"))
            return value
    return None


def volume_type(volume: Volume | None, directives: Directives) -> str | None:
    """The volume type a top-level volume's labels ask for, else the service's."""
    labels = volume.labels if volume is not None else {}
    for key in VOLUME_TYPE:
        if key in labels:
            kind = VOLUME_TYPES.get(labels[key].strip().lower())
            if kind is None or volume is None:
                raise InputError(f"volumes.{volume.key if volume else '?'}.labels.{key}: "
                                 f"invalid value {labels[key]!r}", volume.loc if volume else None)
            return kind
    return directives.volume_type


def pod_group(labels: Mapping[str, str]) -> str | None:
    """The pod a service asks to share with the others of the same group label."""
    return next((labels[k].strip() for k in POD_GROUP if labels.get(k, "").strip()), None)
