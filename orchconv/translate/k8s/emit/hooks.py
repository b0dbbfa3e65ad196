"""post_start and pre_stop -> the container's lifecycle.postStart and preStop.

Kubernetes runs one exec handler per hook, as the container's own user, in the
container's working directory and environment: the first hook's command is
kept; its other settings and every further hook are losses.  k8s2compose reads
an exec handler back as a hook with that command, so the round trip is exact.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.translate.k8s.emit.context import ServiceContext

_HOOKS = (("post_start", "postStart"), ("pre_stop", "preStop"))


def _handler(ctx: ServiceContext, key: str, hooks: Any) -> dict[str, Any] | None:
    if not isinstance(hooks, list) or not hooks:
        return None
    loc = ctx.service.extras[key].loc
    for index in range(1, len(hooks)):
        ctx.lose(key, "a Kubernetes container runs one handler per hook; only the first "
                      "hook is kept", sub=f"[{index}]", loc=loc)
    first = hooks[0]
    command = first.get("command") if isinstance(first, Mapping) else None
    if not isinstance(command, list) or not command:
        ctx.lose(key, "a hook without a command has no exec handler", sub="[0]", loc=loc)
        return None
    for setting in sorted(set(first) - {"command"}):
        if first[setting] not in (None, False, {}, []):
            ctx.lose(key, f"an exec handler runs as the container does; its {setting} cannot "
                          "be set", sub=f"[0].{setting}", loc=loc)
    return {"exec": {"command": [str(part) for part in command]}}


def lifecycle(ctx: ServiceContext) -> dict[str, Any]:
    """The container's `lifecycle`, empty when the service sets no hook."""
    result: dict[str, Any] = {}
    for key, k8s_key in _HOOKS:
        extra = ctx.service.extras.get(key)
        if extra is None:
            continue
        ctx.done(key)
        handler = _handler(ctx, key, extra.value)
        if handler is not None:
            result[k8s_key] = handler
    return result
