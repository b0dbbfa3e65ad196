"""latest-or-untagged-image: a container image without a release tag."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._images import MOVING_TAGS, moving_tag, moving_tags, split_image
from orchconv.lint.rules._k8s import ContainerRef, ContainerRule
from orchconv.source.yamltree import loc_of


class LatestOrUntaggedImage(ContainerRule):
    """A container image with no tag, or a tag that moves.

    ## What it does
    Reports a container `image` (in every container list of a pod template)
    that has neither a tag nor a digest, or whose tag is a channel
    registries move: `latest`, `stable`, `edge`, `nightly`, `dev`, `test`,
    `beta`, `canary`, `lts` (option `moving_tags`; compared without case).
    A digest (`nginx:latest@sha256:...`) makes any tag fine.

    ## Why it matters
    No tag means `latest`.  Pods of one Deployment then run whatever the
    tag pointed to when each node pulled it, so replicas differ, a
    rescheduled pod picks up an untested release, and a rollback restores
    nothing.  The kubelet also pulls `latest` images on every start
    (`imagePullPolicy` defaults to `Always` for them).

    ## Example
    ```yaml
          containers:
            - name: cache
              image: redis
    ```

    ## Fix
    Name a release (`redis:7.4.1`), or pin the digest.
    """

    id = "latest-or-untagged-image"
    level = Level.WARNING
    category = "correctness"
    options: ClassVar[Mapping[str, Any]] = {"moving_tags": MOVING_TAGS}

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        image = ref.container.get("image")
        if not isinstance(image, str) or not image:
            return
        parts = split_image(image)
        tag = moving_tag(parts, moving_tags(context))
        if parts.tag is None and parts.digest is None:
            problem = "has no tag, so it runs whatever `latest` is when pulled"
        elif tag is not None:
            problem = f"uses the moving tag {tag!r}"
        else:
            return
        yield self.finding(context, f"{ref.label}: image {image!r} {problem}; name a release",
                           loc_of(ref.container, "image"))
