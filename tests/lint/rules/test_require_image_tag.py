"""require-image-tag: an image without a tag or digest pulls `latest`."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.require_image_tag import RequireImageTag
from tests.lint.rules.helpers import run, swarm, where


def image(reference: str) -> str:
    return f"services:\n  web:\n    image: {reference}\n"


@pytest.mark.parametrize("reference", ["nginx", "library/nginx", "registry:5000/team/app",
                                       "ghcr.io/org/app"])
def test_untagged_images_are_reported_at_the_value(reference: str) -> None:
    found = run(RequireImageTag, image(reference))
    assert where(found) == [(3, 12)]
    assert found[0].message == (f"service 'web': image {reference!r} has no tag, so `latest` is"
                                " pulled; name a version")


@pytest.mark.parametrize("reference", ["nginx:1.27", "registry:5000/team/app:2.0",
                                       "nginx@sha256:" + "a" * 64, "${IMAGE}", "app:${TAG}"])
def test_tagged_digested_or_interpolated_images_pass(reference: str) -> None:
    assert run(RequireImageTag, image(reference)) == []


def test_stacks_and_build_only_services() -> None:
    assert len(swarm(RequireImageTag, image("nginx"))) == 1
    assert run(RequireImageTag, "services:\n  api:\n    build: .\n") == []
