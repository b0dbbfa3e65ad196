"""`healthcheck`: swarm runs the same checks; `start_interval` needs version 3.12."""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"healthcheck"})


def emit_healthcheck(service: Service, out: Data, ctx: StackContext) -> None:
    check = service.healthcheck
    if check is None:
        return
    path = f"services.{service.name}.healthcheck"
    for key, extra in check.extras.items():
        ctx.lose(extra.loc, f"{path}.{key}", "stack files have no such healthcheck key")
    if check.is_disabled:
        # docker/cli refuses `disable` next to a test; NONE means the same
        out["healthcheck"] = {"disable": True}
        return
    data: Data = {}
    if check.test:
        data["test"] = list(check.test)
    for key in ("interval", "timeout", "retries", "start_period", "start_interval"):
        value = getattr(check, key)
        if value is not None:
            data[key] = value
    out["healthcheck"] = data
