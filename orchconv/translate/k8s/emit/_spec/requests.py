"""What a service's labels ask of the conversion (directives.py reads them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ingress:
    """An Ingress to the service's Service: one rule per (host, path) entry."""

    routes: tuple[tuple[str | None, str], ...]  # (host or None for any host, path)
    tls_secret: str | None  # "" asks for TLS with the controller's default certificate
    class_name: str | None


@dataclass(frozen=True, slots=True)
class Autoscaling:
    """A HorizontalPodAutoscaler's bounds and utilization targets (percent)."""

    min_replicas: int
    max_replicas: int
    cpu: int | None
    memory: int | None


@dataclass(frozen=True, slots=True)
class InitContainer:
    """An initContainer asked for by the kompose.init.containers.* labels."""

    name: str
    image: str
    command: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProbeLabels:
    """One probe as the labels describe it; seconds are whole (rounded up)."""

    command: tuple[str, ...] | None = None
    http_path: str | None = None
    http_port: int | None = None
    tcp_port: int | None = None
    interval: int | None = None
    timeout: int | None = None
    retries: int | None = None
    start_period: int | None = None
    disable: bool = False


@dataclass(frozen=True, slots=True)
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
    ingress: Ingress | None = None
    hpa: Autoscaling | None = None
    init: InitContainer | None = None
    liveness: ProbeLabels | None = None
    readiness: ProbeLabels | None = None
    volume_type: str | None = None
    sub_path: str | None = None
    host_ports: bool = False
    ephemeral_limit: str | None = None
    ephemeral_request: str | None = None

