"""no-latest-tag: an image tag that moves (latest, stable, edge...)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, service_images
from orchconv.lint.rules._images import MOVING_TAGS, moving_tag, moving_tags


class NoLatestTag(Rule):
    """An image tag that names a channel, not a version.

    ## What it does
    Reports a service `image` whose tag is one that registries move from
    release to release: `latest`, `stable`, `edge`, `nightly`, `dev`,
    `test`, `beta`, `canary`, `lts` (option `moving_tags`; compared without
    case).  An image that also pins a digest (`nginx:latest@sha256:...`) is
    not reported: the digest decides what runs.

    ## Why it matters
    The same file deploys different code as the tag moves: a rebuild or a
    new node pulls a newer image than the one tested, and a rollback has no
    earlier version to go back to.

    ## Example
    ```yaml
    services:
      cache:
        image: redis:latest
    ```

    ## Fix
    Name a release (`redis:7.4.1`), or add the digest.
    """

    id = "no-latest-tag"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "correctness"
    options: ClassVar[Mapping[str, Any]] = {"moving_tags": MOVING_TAGS}

    def check(self, context: LintContext) -> Iterator[Finding]:
        moving = moving_tags(context)
        for ref, image, parts in service_images(context):
            tag = moving_tag(parts, moving)
            if tag is not None:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: image {image!r} uses the moving tag {tag!r};"
                    " name a release",
                    ref.value_loc("image"))
