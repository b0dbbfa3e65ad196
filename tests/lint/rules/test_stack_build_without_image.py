"""stack-build-without-image: swarm never builds."""

from __future__ import annotations

from orchconv.lint.rules.stack_build_without_image import StackBuildWithoutImage
from tests.lint.rules.helpers import run, swarm, where

BUILD_ONLY = "services:\n  api:\n    build: ./api\n  web:\n    image: nginx:1.27\n"


def test_build_without_image_is_reported_at_build() -> None:
    found = swarm(StackBuildWithoutImage, BUILD_ONLY)
    assert where(found) == [(3, 5)]
    assert "service 'api' has `build` but no `image`" in found[0].message


def test_build_with_image_passes() -> None:
    text = "services:\n  api:\n    build: ./api\n    image: example/api:2.1\n"
    assert swarm(StackBuildWithoutImage, text) == []


def test_compose_builds_locally() -> None:
    assert run(StackBuildWithoutImage, BUILD_ONLY) == []
    assert len(run(StackBuildWithoutImage, BUILD_ONLY, target="swarm")) == 1
