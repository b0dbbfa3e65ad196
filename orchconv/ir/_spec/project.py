"""A whole project: services plus the top-level resources they use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from orchconv.ir.service import FROM_KEY, KEEP, Service
from orchconv.ir.values import Extra, Json
from orchconv.location import NOWHERE, Loc


@dataclass(frozen=True, slots=True)
class Ipam:
    """IP address management of a network."""

    driver: str | None = None
    config: tuple[Mapping[str, Json], ...] = ()  # subnet, ip_range, gateway, aux_addresses
    options: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Network:
    """A top-level network."""

    key: str = field(metadata=FROM_KEY)
    name: str | None = None
    driver: str | None = None
    driver_opts: Mapping[str, str] = field(default_factory=dict)
    ipam: Ipam | None = None
    external: bool = False
    internal: bool = False
    attachable: bool = False
    enable_ipv6: bool | None = field(default=None, metadata=KEEP)  # false is kept
    labels: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Volume:
    """A top-level named volume."""

    key: str = field(metadata=FROM_KEY)
    name: str | None = None
    driver: str | None = None
    driver_opts: Mapping[str, str] = field(default_factory=dict)
    external: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class FileObject:
    """A top-level secret or config: from a file, the environment or inline content."""

    key: str = field(metadata=FROM_KEY)
    name: str | None = None
    file: str | None = None
    environment: str | None = None
    content: str | None = None
    external: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Project:
    """A whole project: services and the resources they share."""

    name: str
    services: Mapping[str, Service] = field(default_factory=dict)
    networks: Mapping[str, Network] = field(default_factory=dict)
    volumes: Mapping[str, Volume] = field(default_factory=dict)
    secrets: Mapping[str, FileObject] = field(default_factory=dict)
    configs: Mapping[str, FileObject] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)
