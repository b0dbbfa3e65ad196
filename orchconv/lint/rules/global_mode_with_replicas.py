"""global-mode-with-replicas: a replica count on a service that runs once per node."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
    mapping_at,
)
from orchconv.source.yamltree import loc_of

GLOBAL_MODES = frozenset({"global", "global-job"})


class GlobalModeWithReplicas(SwarmServiceRule):
    """`deploy.replicas` on a service in `global` mode.

    ## What it does
    Reports `deploy.replicas` on a service whose `deploy.mode` is `global`
    (or `global-job`), in a stack file or a Compose file linted with
    `--target swarm`.

    ## Why it matters
    A global service runs one task on every eligible node; a replica count
    contradicts that, and docker/cli refuses the service with "replicas can
    only be used with replicated or replicated-job mode".  Nothing in the
    stack is deployed.

    ## Example
    ```yaml
    version: "3.8"
    services:
      agent:
        image: example/node-agent:5.2
        deploy:
          mode: global
          replicas: 3
    ```

    ## Fix
    Decide which one was meant.  `--fix` deletes `replicas`, keeping the
    global mode; for a fixed number of tasks use `mode: replicated` (with
    `placement.max_replicas_per_node: 1` for at most one per node).
    """

    id = "global-mode-with-replicas"
    level = Level.ERROR
    category = "correctness"
    fixable = True

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        deploy = mapping_at(ref.service, "deploy")
        if deploy is None:
            return
        mode = deploy.get("mode")
        if not isinstance(mode, str) or mode not in GLOBAL_MODES:  # a list is no mode
            return
        if deploy.get("replicas") is None:
            return  # `replicas:` with no value is no count
        fix = Fix("remove `replicas`", ref.path("deploy", "replicas"), "remove-key",
                  document=ref.document)
        yield self.finding(
            context,
            f"service {ref.name!r}: `replicas` cannot be used with `mode:"
            f" {deploy['mode']}`, which runs one task per node",
            loc_of(deploy, "replicas", of_key=True), fix=fix)
