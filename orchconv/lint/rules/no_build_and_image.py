"""no-build-and-image: a service that both builds and pulls its image (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, for_swarm, services


class NoBuildAndImage(Rule):
    """A service with both `build` and `image` (off by default).

    ## What it does
    Reports a service that has both a `build` section and an `image`, unless
    it also sets `pull_policy` (which says which of the two wins; option
    `allow_with_pull_policy`).  It is off by default, and never reports for
    swarm, where `image` is what runs and `build` only documents how it was
    made.

    ## Why it matters
    With both, `docker compose up` first tries to pull `image` and only
    builds when the pull fails; `docker compose build` then tags the local
    build with that same name, and a later `push` overwrites the registry's
    image.  Whether a developer runs the code in the folder or the code in
    the registry depends on what happened to be pulled last.

    ## Example
    ```yaml
    services:
      api:
        build: ./api
        image: example/api:2.1
    ```

    ## Fix
    Keep one of the two, or say which wins with `pull_policy: build` (always
    build locally) or `pull_policy: always`.
    """

    id = "no-build-and-image"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "style"
    enabled_by_default = False
    options: ClassVar[Mapping[str, Any]] = {"allow_with_pull_policy": True}

    def check(self, context: LintContext) -> Iterator[Finding]:
        if for_swarm(context):
            return
        allow_policy = bool(context.options.get("allow_with_pull_policy", True))
        for ref in services(context):
            service = ref.service
            if "build" not in service or "image" not in service:
                continue
            if allow_policy and "pull_policy" in service:
                continue
            yield self.finding(
                context,
                f"service {ref.name!r} has both `build` and `image`; keep one, or set"
                " `pull_policy` to say which wins",
                ref.key_loc("build"))
