"""Small builders for emitter unit tests."""

from __future__ import annotations

from collections.abc import Callable

from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.location import Loc
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.options import SwarmEmitOptions

PROJECT = "demo"
HERE = Loc("compose.yaml", 3, 5)


def context(project: Project | None = None, **options: str) -> StackContext:
    return StackContext(project or Project(name=PROJECT), SwarmEmitOptions(**options),
                        Conversion())


def service(**fields: object) -> Service:
    fields.setdefault("name", "web")
    return Service(**fields)  # type: ignore[arg-type]


def run_step(step: Callable[[Service, Data, StackContext], None], svc: Service,
             ctx: StackContext | None = None, out: Data | None = None
             ) -> tuple[Data, list[Loss]]:
    """Run one emit step on a service; its output and the losses it recorded."""
    ctx = ctx or context(Project(name=PROJECT, services={svc.name: svc}))
    data: Data = {} if out is None else out
    step(svc, data, ctx)
    return data, ctx.conversion.losses


def lost_paths(losses: list[Loss]) -> list[str]:
    return [loss.path for loss in losses]
