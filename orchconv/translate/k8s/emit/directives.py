"""Service labels that steer the conversion: kompose's and our own (orchconv.io/...).

Our label wins when both are set.  Directive labels are consumed: they do not
reappear as annotations.  A kompose label we do not honour is a loss entry; a
directive with a bad value is an InputError at the service's `labels`.
docs/kompose-labels.md lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from orchconv.errors import InputError
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.options import service_type_named
from orchconv.translate.k8s.emit.quantities import is_quantity
from orchconv.translate.k8s.vocabulary import PUBLISHING_TYPES, SERVICE_TYPE_LABEL

T = TypeVar("T")

SERVICE_TYPE = (SERVICE_TYPE_LABEL, "kompose.service.type")
CONTROLLER = ("orchconv.io/controller", "kompose.controller.type")
VOLUME_SIZE = ("orchconv.io/volume-size", "kompose.volume.size")
STORAGE_CLASS = ("orchconv.io/storage-class", "kompose.volume.storage-class-name")
NODE_PORT = ("kompose.service.nodeport.port",)
TRAFFIC_POLICY = ("kompose.service.external-traffic-policy",)
PULL_POLICY = ("kompose.image-pull-policy",)
PULL_SECRET = ("kompose.image-pull-secret",)
FS_GROUP = ("kompose.security-context.fsgroup",)
SERVICE_ACCOUNT = ("kompose.serviceaccount-name",)
CRON_SCHEDULE = ("kompose.cronjob.schedule",)
CRON_CONCURRENCY = ("kompose.cronjob.concurrency_policy",)
CRON_BACKOFF = ("kompose.cronjob.backoff_limit",)

HONOURED = frozenset(
    SERVICE_TYPE + CONTROLLER + VOLUME_SIZE + STORAGE_CLASS + NODE_PORT + TRAFFIC_POLICY
    + PULL_POLICY + PULL_SECRET + FS_GROUP + SERVICE_ACCOUNT + CRON_SCHEDULE + CRON_CONCURRENCY
    + CRON_BACKOFF)
CONTROLLERS = {"deployment": "deployment", "daemonset": "daemonset",
               "statefulset": "statefulset", "replicationcontroller": "deployment"}


@dataclass(frozen=True)
class Directives:
    """What a service's labels ask of the conversion."""

    service_type: str | None = None
    controller: str | None = None
    volume_size: str | None = None
    storage_class: str | None = None
    node_port: int | None = None
    external_traffic_policy: str | None = None
    image_pull_policy: str | None = None
    image_pull_secret: str | None = None
    fs_group: int | None = None
    service_account: str | None = None
    cron_schedule: str | None = None
    cron_concurrency: str | None = None
    cron_backoff_limit: int | None = None


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
    )


def volume_directives(labels: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Size and storage class from a top-level volume's own labels (kompose reads these)."""
    size = next((labels[k].strip() for k in VOLUME_SIZE if k in labels), None)
    storage = next((labels[k].strip() for k in STORAGE_CLASS if k in labels), None)
    return (size if size and is_quantity(size) else None), (storage or None)
