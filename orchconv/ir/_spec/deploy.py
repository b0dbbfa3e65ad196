"""Swarm-style deployment settings (`deploy:`), shared by every target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from orchconv.ir.values import BYTES, Extra
from orchconv.location import NOWHERE, Loc


class DeployMode(StrEnum):
    REPLICATED = "replicated"
    GLOBAL = "global"
    REPLICATED_JOB = "replicated-job"
    GLOBAL_JOB = "global-job"

    @property
    def is_job(self) -> bool:
        return self in (DeployMode.REPLICATED_JOB, DeployMode.GLOBAL_JOB)


@dataclass(frozen=True, slots=True)
class Device:
    """A device reservation (GPUs and the like)."""

    capabilities: tuple[str, ...] = ()
    driver: str | None = None
    count: int | str | None = None  # an int, or "all"
    device_ids: tuple[str, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


DISCRETE = {"under": "discrete_resource_spec"}  # field written inside that sub-mapping


@dataclass(frozen=True, slots=True)
class GenericResource:
    """A swarm generic resource; compose writes it as `discrete_resource_spec: {kind, value}`."""

    kind: str = field(metadata=DISCRETE)
    value: int = field(metadata=DISCRETE)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class ResourceSpec:
    """Limits or reservations: cpus as a decimal string, memory in bytes."""

    cpus: float | None = None
    memory: int | None = field(default=None, metadata=BYTES)
    pids: int | None = None
    devices: tuple[Device, ...] = ()
    generic_resources: tuple[GenericResource, ...] = ()
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Resources:
    """Resource limits and reservations (`deploy.resources`)."""

    limits: ResourceSpec | None = None
    reservations: ResourceSpec | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class RestartPolicy:
    """When and how often swarm restarts a task (`deploy.restart_policy`)."""

    condition: str | None = None  # none | on-failure | any
    delay: str | None = None
    max_attempts: int | None = None
    window: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class UpdateConfig:
    """update_config and rollback_config share this shape."""

    parallelism: int | None = None
    delay: str | None = None
    failure_action: str | None = None
    monitor: str | None = None
    max_failure_ratio: float | None = None
    order: str | None = None  # stop-first | start-first
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class PlacementPreference:
    """A placement preference: spread tasks over the values of a node label."""

    spread: str
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where tasks may run: constraints, preferences, replicas per node."""

    constraints: tuple[str, ...] = ()
    preferences: tuple[PlacementPreference, ...] = ()
    max_replicas_per_node: int | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Deploy:
    """The `deploy:` section of a service."""

    mode: DeployMode | None = None
    replicas: int | None = None
    endpoint_mode: str | None = None  # vip | dnsrr
    labels: Mapping[str, str] = field(default_factory=dict)
    resources: Resources | None = None
    restart_policy: RestartPolicy | None = None
    update_config: UpdateConfig | None = None
    rollback_config: UpdateConfig | None = None
    placement: Placement | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)
