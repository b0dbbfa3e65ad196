"""What every emit step shares: the options, the project and the losses so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.ir.loss import WARNING
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.translate.ledger import KeyLedger
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.emit.options import SwarmEmitOptions

TARGET = "swarm"

Data = dict[str, Any]


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class StackContext:
    """State the stack emit steps share."""

    __slots__ = ("added_networks", "conversion", "options", "project")

    def __init__(self, project: Project, options: SwarmEmitOptions,
                 conversion: Conversion) -> None:
        self.project = project
        self.options = options
        self.conversion = conversion
        # top-level networks an emit step needs (network_mode: host -> `host`)
        self.added_networks: dict[str, Data] = {}

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
