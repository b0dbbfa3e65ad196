"""`restart` -> `deploy.restart_policy`: swarm ignores the container restart key.

no -> none (docker/cli would set no policy, which swarm runs as `any`);
always and unless-stopped -> any (swarm has no "stopped by the user" state to
remember); on-failure -> on-failure.  A ":N" count becomes max_attempts, as in
docker/cli's convertRestartPolicy.
When deploy.restart_policy is set it wins, in swarm as in the Compose spec.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"restart"})

_CONDITIONS = {"no": "none", "always": "any", "unless-stopped": "any", "on-failure": "on-failure"}


def restart_policy_for(restart: str) -> Data | None:
    """The swarm restart policy of a compose `restart` value; None if it is not one."""
    name, _, count = restart.partition(":")
    condition = _CONDITIONS.get(name)
    if condition is None:
        return None
    policy: Data = {"condition": condition}
    if not count:
        return policy
    if condition == "none" or not count.isdigit():
        return None
    if int(count) > 0:
        policy["max_attempts"] = int(count)
    return policy


def emit_restart(service: Service, out: Data, ctx: StackContext) -> None:
    if service.restart is None:
        return
    if "restart_policy" in out.get("deploy", {}):
        ctx.lose_key(service, "restart",
                     "deploy.restart_policy is also set and swarm uses only that")
        return
    policy = restart_policy_for(service.restart)
    if policy is None:
        ctx.lose_key(service, "restart",
                     f"{service.restart!r} is not a restart policy swarm can express")
        return
    out.setdefault("deploy", {})["restart_policy"] = policy
