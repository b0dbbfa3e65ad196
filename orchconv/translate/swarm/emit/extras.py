"""Service keys the IR does not type (`Service.extras`).

Stack files have `credential_spec`, `isolation` (3.5) and `x-` extension
keys; they are written as they are.  Keys that other modules translate (or
lose with their own reason, such as `oom_score_adj`) are left to them; every
other key is lost.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, ServiceKeys

PASSED_THROUGH = frozenset({"credential_spec", "isolation"})


def emit_extras(service: Service, out: Data, keys: ServiceKeys) -> None:
    """Every extra key no step handled: written as it is, or lost."""
    for key in keys.open_keys(service.extras):
        if key in PASSED_THROUGH or key.startswith("x-"):
            out[key] = service.extras[key].value
            keys.done(key)
        else:
            keys.lose(key, "stack files have no such service key")
