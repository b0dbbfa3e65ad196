"""`depends_on` -> the list form, the only one stack files take.

`docker stack deploy` accepts the list and starts every service at once, so
conditions (service_healthy, service_completed_successfully), `required:
false` and `restart: true` are lost.
"""

from __future__ import annotations

from orchconv.ir.service import Dependency, Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"depends_on"})


def _lost_settings(dependency: Dependency) -> list[str]:
    lost = []
    if dependency.condition != "service_started":
        lost.append(f"condition {dependency.condition}")
    if not dependency.required:
        lost.append("required: false")
    if dependency.restart:
        lost.append("restart: true")
    return lost


def emit_depends_on(service: Service, out: Data, ctx: StackContext) -> None:
    if not service.depends_on:
        return
    out["depends_on"] = sorted(service.depends_on)
    for name in sorted(service.depends_on):
        dependency = service.depends_on[name]
        lost = _lost_settings(dependency) + list(dependency.extras)
        if lost:
            ctx.lose(dependency.loc, f"services.{service.name}.depends_on.{name}",
                     f"swarm starts services in no order and waits for none: "
                     f"{', '.join(lost)} is lost")
