"""stack-deprecated-key: service keys the version 3 format dropped."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
)
from orchconv.translate.swarm.properties import DEPRECATED


class StackDeprecatedKey(SwarmServiceRule):
    """A service key `docker stack deploy` drops as deprecated.

    ## What it does
    Reports `container_name` and `expose` on a service of a stack file, or of
    a Compose file linted with `--target swarm`.

    ## Why it matters
    `docker stack deploy` prints "Ignoring deprecated options" and deploys
    without them.  A swarm names each task's container itself
    (`stack_service.1.<id>`), so a fixed name cannot hold; and containers on a
    shared overlay network reach each other on every port, so `expose`
    changes nothing.  Anything that relies on the name (a script running
    `docker exec my-db ...`) breaks after the move to swarm.

    ## Example
    ```yaml
    version: "3.8"
    services:
      db:
        image: postgres:16
        container_name: my-db
        expose: ["5432"]
    ```

    ## Fix
    Delete the keys; `--fix` does.  Reach the service by its name on the
    stack's network (`db`), and find its containers with
    `docker service ps <stack>_db`.
    """

    id = "stack-deprecated-key"
    level = Level.WARNING
    category = "portability"
    fixable = True

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for key, reason in DEPRECATED.items():
            if key not in ref.service:
                continue
            fix = Fix(f"remove `{key}`", ref.path(key), "remove-key", document=ref.document)
            yield self.finding(
                context,
                f"service {ref.name!r}: `{key}` is deprecated and ignored by docker stack"
                f" deploy ({reason})",
                ref.key_loc(key), fix=fix)
