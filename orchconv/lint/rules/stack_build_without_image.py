"""stack-build-without-image: a swarm service that only says how to build its image."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
)


class StackBuildWithoutImage(SwarmServiceRule):
    """A service with `build` but no `image`, deployed to a swarm.

    ## What it does
    Reports a service of a stack file (or of a Compose file linted with
    `--target swarm`) that has a `build` section and no `image`.

    ## Why it matters
    `docker stack deploy` never builds: it ignores `build` and creates the
    service from `image`.  Without one the swarm refuses the service (or, for
    a converted Compose file, tries to pull a project-named image that no
    registry has), so the deploy fails or its tasks never start.

    ## Example
    ```yaml
    version: "3.8"
    services:
      api:
        build: ./api
    ```

    ## Fix
    Build and push the image (`docker compose build && docker compose push`),
    then name it in `image:`; the `build` section may stay for local builds.
    """

    id = "stack-build-without-image"
    level = Level.ERROR
    category = "portability"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        if "build" not in ref.service or ref.service.get("image"):
            return
        yield self.finding(
            context,
            f"service {ref.name!r} has `build` but no `image`: docker stack deploy does not"
            " build; push the image to a registry and name it in `image`",
            ref.key_loc("build"))
