"""unpinned-image: an image not pinned to a digest (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, service_images


class UnpinnedImage(Rule):
    """An image reference without a digest (off by default).

    ## What it does
    Reports a service `image` that has no `@sha256:...` digest, whatever its
    tag.  It is off by default; enable it where supply-chain pinning is the
    policy.  (Images without any tag are `require-image-tag`'s finding and
    are not reported again here.)

    ## Why it matters
    A tag is a name the registry owner can point at another image at any
    time, by mistake or after a compromise.  Only a digest names exactly the
    image that was tested and scanned.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27.3
    ```

    ## Fix
    Add the digest: `image: nginx:1.27.3@sha256:<digest>` (from
    `docker buildx imagetools inspect nginx:1.27.3`), and let a dependency
    bot keep it current.
    """

    id = "unpinned-image"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "security"
    enabled_by_default = False

    def check(self, context: LintContext) -> Iterator[Finding]:
        for ref, image, parts in service_images(context):
            if parts.digest is None and parts.tag is not None:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: image {image!r} is not pinned to a digest",
                    ref.value_loc("image"))
