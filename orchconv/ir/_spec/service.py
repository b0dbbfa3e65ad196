"""A service: one container definition, the unit every format agrees on.

Field order follows the canonical order `docker compose config` prints.  Keys
the IR does not type are kept in `extras`, so nothing the user wrote is lost.
`locs` maps each key the user wrote to the position of that key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from orchconv.ir.deploy import Deploy
from orchconv.ir.values import BYTES, Extra, Json
from orchconv.location import NOWHERE, Loc

FROM_KEY = {"from_key": True}  # filled from the enclosing mapping's key
KEEP = {"keep": True}  # printed even when false or zero
OCTAL = {"octal": True}  # a file mode, printed as compose prints it: "0440"


@dataclass(frozen=True, slots=True)
class Build:
    """How to build the service image (`build:`)."""

    context: str | None = None
    dockerfile: str | None = None
    dockerfile_inline: str | None = None
    args: Mapping[str, str | None] = field(default_factory=dict)
    target: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class FileRef:
    """A service's use of a top-level secret or config."""

    source: str
    target: str | None = None
    uid: str | None = None
    gid: str | None = None
    mode: int | None = field(default=None, metadata=OCTAL)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Dependency:
    """One `depends_on` entry: the service waited for, and on what condition."""

    condition: str = "service_started"
    required: bool = field(default=True, metadata=KEEP)
    restart: bool = False
    name: str = field(default="", metadata=FROM_KEY)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class DeviceMapping:
    """A host device exposed to the container (`devices:`)."""

    source: str
    target: str | None = None
    permissions: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class EnvFile:
    """An env_file entry and the variables it held when the project was loaded."""

    path: str
    required: bool = field(default=True, metadata=KEEP)
    format: str | None = None
    values: Mapping[str, str | None] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Healthcheck:
    """The container health check (`healthcheck:`)."""

    test: tuple[str, ...] = ()
    timeout: str | None = None
    interval: str | None = None
    retries: int | None = None
    start_period: str | None = None
    start_interval: str | None = None
    disable: bool = False
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)

    @property
    def is_disabled(self) -> bool:
        return self.disable or (bool(self.test) and self.test[0] == "NONE")


@dataclass(frozen=True, slots=True)
class Logging:
    """The logging driver and its options (`logging:`)."""

    driver: str | None = None
    options: Mapping[str, str | None] = field(default_factory=dict)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Port:
    """One published or exposed port, in long syntax."""

    name: str | None = None
    mode: str | None = None  # ingress | host
    host_ip: str | None = None
    target: int = 0
    published: str | None = None  # a port or a range "8000-8005"
    protocol: str | None = None
    app_protocol: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Mount:
    """An entry of `volumes:`: bind, volume, tmpfs, npipe, cluster or image.

    An empty option mapping (`volume: {}`) is kept: compose prints it for short syntax.
    """

    type: str
    source: str | None = None
    target: str = ""
    read_only: bool = False
    consistency: str | None = None
    bind: Mapping[str, Json] | None = field(default=None, metadata=KEEP)
    volume: Mapping[str, Json] | None = field(default=None, metadata=KEEP)
    tmpfs: Mapping[str, Json] | None = field(default=None, metadata=KEEP)
    image: Mapping[str, Json] | None = field(default=None, metadata=KEEP)
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class ServiceNetwork:
    """A service's attachment to one network: aliases and static addresses."""

    aliases: tuple[str, ...] = ()
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Ulimit:
    """One ulimit, with its soft and hard values."""

    soft: int | None = None
    hard: int | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    loc: Loc = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, slots=True)
class Service:
    """Fields in alphabetical order, as `docker compose config` prints them."""

    name: str = field(metadata=FROM_KEY)
    profiles: tuple[str, ...] = ()
    annotations: Mapping[str, str] = field(default_factory=dict)
    build: Build | None = None
    cap_add: tuple[str, ...] = ()
    cap_drop: tuple[str, ...] = ()
    cgroup_parent: str | None = None
    command: tuple[str, ...] | None = field(default=None, metadata=KEEP)  # []: no command
    configs: tuple[FileRef, ...] = ()
    container_name: str | None = None
    cpus: float | None = None
    depends_on: Mapping[str, Dependency] = field(default_factory=dict)
    deploy: Deploy | None = None
    devices: tuple[DeviceMapping, ...] = ()
    dns: tuple[str, ...] = ()
    dns_opt: tuple[str, ...] = ()
    dns_search: tuple[str, ...] = ()
    domainname: str | None = None
    entrypoint: tuple[str, ...] | None = field(default=None, metadata=KEEP)
    env_file: tuple[EnvFile, ...] = ()
    environment: Mapping[str, str | None] = field(default_factory=dict)
    expose: tuple[str, ...] = ()
    external_links: tuple[str, ...] = ()
    extra_hosts: Json = None
    group_add: tuple[str, ...] = ()
    hostname: str | None = None
    healthcheck: Healthcheck | None = None
    image: str | None = None
    init: bool | None = field(default=None, metadata=KEEP)  # false is kept
    ipc: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    logging: Logging | None = None
    mem_limit: int | None = field(default=None, metadata=BYTES)
    mem_reservation: int | None = field(default=None, metadata=BYTES)
    network_mode: str | None = None
    networks: Mapping[str, ServiceNetwork | None] = field(default_factory=dict)
    pid: str | None = None
    pids_limit: int | None = None
    platform: str | None = None
    ports: tuple[Port, ...] = ()
    privileged: bool = False
    pull_policy: str | None = None
    read_only: bool = False
    restart: str | None = None
    scale: int | None = None
    secrets: tuple[FileRef, ...] = ()
    security_opt: tuple[str, ...] = ()
    shm_size: int | None = field(default=None, metadata=BYTES)
    stdin_open: bool = False
    stop_grace_period: str | None = None
    stop_signal: str | None = None
    sysctls: Mapping[str, str] = field(default_factory=dict)
    tmpfs: tuple[str, ...] = ()
    tty: bool = False
    ulimits: Mapping[str, Ulimit | int] = field(default_factory=dict)  # int: soft = hard
    user: str | None = None
    userns_mode: str | None = None
    volumes: tuple[Mount, ...] = ()
    volumes_from: tuple[str, ...] = ()
    working_dir: str | None = None
    extras: Mapping[str, Extra] = field(default_factory=dict)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False)
    loc: Loc = field(default=NOWHERE, compare=False)
