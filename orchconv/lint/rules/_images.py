"""Image references, read the same way by the Compose and the Kubernetes rules."""

from __future__ import annotations

from typing import NamedTuple

from orchconv.lint.context import LintContext

# Tags that name whatever was pushed last, not a release (option `moving_tags`).
MOVING_TAGS = ["latest", "stable", "edge", "nightly", "dev", "test", "beta", "canary", "lts"]


class ImageRef(NamedTuple):
    name: str
    tag: str | None
    digest: str | None


def split_image(reference: str) -> ImageRef:
    """`registry:5000/team/app:1.2@sha256:...` as name, tag and digest.

    A colon only starts a tag in the last path component, so a registry port
    (`host:5000/app`) is not a tag.
    """
    name, at, digest = reference.partition("@")
    head, slash, last = name.rpartition("/")
    tag: str | None = None
    if ":" in last:
        last, _, tag = last.partition(":")
        name = f"{head}{slash}{last}"
    return ImageRef(name, tag, digest if at else None)


def moving_tags(context: LintContext) -> frozenset[str]:
    """The rule's `moving_tags` option, lower-cased (tags are compared without case)."""
    return frozenset(str(tag).lower() for tag in context.options.get("moving_tags", MOVING_TAGS))


def moving_tag(image: ImageRef, moving: frozenset[str]) -> str | None:
    """The image's tag when it is a moving one and no digest pins the image."""
    if image.tag is None or image.digest is not None or image.tag.lower() not in moving:
        return None
    return image.tag
