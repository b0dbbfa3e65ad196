"""What every emit step shares: the options, the project and the losses so far."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orchconv.ir.loss import WARNING
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.translate.ledger import KeyLedger
from orchconv.translate.result import Conversion

TARGET = "swarm"
# docker/cli's own default, and the first version that admits every key the IR
# can carry to swarm (healthcheck.start_interval, service network driver_opts, ...).
DEFAULT_STACK_VERSION = "3.13"

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SwarmEmitOptions:
    """`stack_version`: the `version` written and the schema it must pass.

    `image_prefix`: a service that only has `build` gets the image
    `<image_prefix><project>-<service>`, which the user builds and pushes.
    """

    stack_version: str = DEFAULT_STACK_VERSION
    image_prefix: str | None = None


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass
class StackContext:
    """State the stack emit steps share."""

    project: Project
    options: SwarmEmitOptions
    conversion: Conversion
    # top-level networks an emit step needs (network_mode: host -> `host`)
    added_networks: dict[str, Data] = field(default_factory=dict)

    def lose(self, loc: Loc, path: str, reason: str, level: str = WARNING) -> None:
        self.conversion.lose(loc, path, TARGET, reason, level=level)

    def lose_key(self, service: Service, key: str, reason: str, *,
                 level: str = WARNING) -> None:
        """A loss for one service key, at the place that key was written."""
        self.lose(key_loc(service, key), f"services.{service.name}.{key}", reason, level=level)

    def at_least(self, version: str) -> bool:
        return version_tuple(self.options.stack_version) >= version_tuple(version)

    @property
    def long_syntax(self) -> bool:
        """Long port and volume syntax came with stack file version 3.2."""
        return self.at_least("3.2")


def carry_extras(extras: Mapping[str, Extra], out: Data) -> Data:
    """Write untyped keys as they are; schema_fit.py removes, with a loss, the
    ones the stack schema does not admit at that place."""
    out.update((key, extra.value) for key, extra in extras.items())
    return out


def key_loc(service: Service, key: str) -> Loc:
    extra = service.extras.get(key)
    if extra is not None:
        return extra.loc
    return service.locs.get(key, service.loc)


class ServiceKeys(KeyLedger):
    """A service's key ledger: the keys its emit steps handle, and the rest as losses."""

    __slots__ = ("ctx", "service")

    def __init__(self, service: Service, ctx: StackContext) -> None:
        super().__init__(f"services.{service.name}")
        self.service = service
        self.ctx = ctx

    @property
    def losses(self) -> StackContext:
        return self.ctx

    def key_loc(self, key: str) -> Loc:
        return key_loc(self.service, key)
