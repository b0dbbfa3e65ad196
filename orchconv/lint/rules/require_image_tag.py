"""require-image-tag: an image named without a tag or digest."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, service_images


class RequireImageTag(Rule):
    """An image reference with neither a tag nor a digest.

    ## What it does
    Reports a service `image` such as `nginx` or `registry:5000/team/app`
    that names no tag (`:1.27`) and no digest (`@sha256:...`).  Images
    written with a variable (`${IMAGE}`) are not checked.

    ## Why it matters
    Without a tag the engine pulls `:latest`, whatever that is on the day of
    the pull: two hosts, or two deploys a week apart, run different code, and
    there is no earlier version to roll back to.  In a swarm, nodes that pull
    at different times can even run different images for one service.

    ## Example
    ```yaml
    services:
      web:
        image: nginx
    ```

    ## Fix
    Name the version you tested: `image: nginx:1.27.3`, or pin a digest.
    """

    id = "require-image-tag"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for ref, image, parts in service_images(context):
            if parts.tag is None and parts.digest is None:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: image {image!r} has no tag, so `latest` is pulled;"
                    " name a version",
                    ref.value_loc("image"))
