"""Keys of the Compose spec that no stack file version has.

`scale` becomes `deploy.replicas` (unless replicas is set, or the mode is
global); the others have no swarm form: profiles (a stack deploys every
service), annotations, group_add, platform (constrain placement on
node.platform instead), pull_policy (`docker stack deploy --resolve-image`
decides) and dns_opt.
"""

from __future__ import annotations

from orchconv.ir.deploy import DeployMode
from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({
    "scale", "profiles", "annotations", "group_add", "platform", "pull_policy", "dns_opt",
})

_REASONS = {
    "profiles": "swarm has no profiles: a stack deploys every service it lists",
    "annotations": "swarm has no container annotations",
    "group_add": "swarm cannot add supplementary groups",
    "platform": "swarm picks the image for each node's platform; constrain placement on"
                " node.platform.os/arch instead",
    "pull_policy": "`docker stack deploy --resolve-image` decides when images are pulled",
    "dns_opt": "swarm cannot set resolver options",
}

_REPLICATED = (None, DeployMode.REPLICATED, DeployMode.REPLICATED_JOB)


def _emit_scale(service: Service, out: Data, ctx: StackContext) -> None:
    if service.scale is None:
        return
    deploy: Data = out.get("deploy", {})
    mode = service.deploy.mode if service.deploy is not None else None
    if mode not in _REPLICATED:
        ctx.lose_key(service, "scale", "a global service runs one task per node")
    elif "replicas" in deploy:
        if deploy["replicas"] != service.scale:
            ctx.lose_key(service, "scale", "deploy.replicas is also set and wins")
    else:
        out.setdefault("deploy", {})["replicas"] = service.scale


def emit_compose_only(service: Service, out: Data, ctx: StackContext) -> None:
    _emit_scale(service, out, ctx)
    for key, reason in _REASONS.items():
        if getattr(service, key):
            ctx.lose_key(service, key, reason)
