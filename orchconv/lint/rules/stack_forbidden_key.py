"""stack-forbidden-key: service keys `docker stack deploy` refuses."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
)
from orchconv.translate.swarm.properties import FORBIDDEN

# Where each resource key lives in a swarm service, for the message.
_SWARM_EQUIVALENTS = {
    "cpu_quota": "deploy.resources.limits.cpus",
    "cpu_shares": "deploy.resources (swarm has no CPU weights; reserve CPUs with"
                  " reservations.cpus)",
    "cpuset": "deploy.resources (swarm cannot pin CPUs)",
    "mem_limit": "deploy.resources.limits.memory",
    "memswap_limit": "deploy.resources.limits.memory (swarm has no swap limit)",
}


class StackForbiddenKey(SwarmServiceRule):
    """A service key that makes `docker stack deploy` refuse the file.

    ## What it does
    Reports `extends`, `volume_driver`, `volumes_from`, `cpu_quota`,
    `cpu_shares`, `cpuset`, `mem_limit` and `memswap_limit` on a service of a
    stack file, or of a Compose file linted with `--target swarm`.  Every
    occurrence is reported, each with the swarm way to say it.

    ## Why it matters
    docker/cli looks for these keys before anything else and stops with an
    error naming each forbidden property: nothing in the file is deployed.
    (For a stack file the `stack-invalid` finding names the first one too;
    this rule lists them all.)

    ## Example
    ```yaml
    version: "3.8"
    services:
      api:
        image: example/api:2.1
        mem_limit: 512m
        cpu_shares: 512
    ```

    ## Fix
    Express resources under `deploy.resources` (`limits.memory: 512M`,
    `limits.cpus: "0.5"`), declare shared volumes at the top level instead of
    `volumes_from`, give the volume its driver under top-level `volumes`
    instead of `volume_driver`, and inline what `extends` pulled in (or let
    `orchconv convert --to swarm` do it).
    """

    id = "stack-forbidden-key"
    level = Level.ERROR
    category = "portability"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for key in ref.service:
            if key not in FORBIDDEN:
                continue
            hint = _SWARM_EQUIVALENTS.get(key)
            advice = f"use {hint}" if hint else FORBIDDEN[key]
            yield self.finding(
                context,
                f"service {ref.name!r}: `{key}` is refused by docker stack deploy; {advice}",
                ref.key_loc(key))
