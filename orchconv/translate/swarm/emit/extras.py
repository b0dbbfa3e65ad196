"""Service keys the IR does not type (`Service.extras`).

Stack files have `credential_spec`, `isolation` (3.5) and `x-` extension
keys; they are written as they are.  Keys that other modules translate (or
lose with their own reason, such as `oom_score_adj`) are left to them; every
other key is lost.
"""

from __future__ import annotations

from collections.abc import Set

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

PASSED_THROUGH = frozenset({"credential_spec", "isolation"})


def emit_extras(service: Service, out: Data, ctx: StackContext, handled: Set[str]) -> None:
    for key, extra in service.extras.items():
        if key in handled:
            continue
        if key in PASSED_THROUGH or key.startswith("x-"):
            out[key] = extra.value
        else:
            ctx.lose_key(service, key, "stack files have no such service key")
