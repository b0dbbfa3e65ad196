"""no-build-and-image (opt-in): pull or build, not both."""

from __future__ import annotations

from orchconv.lint.rules.no_build_and_image import NoBuildAndImage
from tests.lint.rules.helpers import run, swarm, where

BOTH = "services:\n  api:\n    build: ./api\n    image: example/api:2.1\n"


def test_both_are_reported_at_build() -> None:
    found = run(NoBuildAndImage, BOTH)
    assert where(found) == [(3, 5)]
    assert NoBuildAndImage.enabled_by_default is False


def test_one_of_them_passes() -> None:
    assert run(NoBuildAndImage, "services:\n  api:\n    build: ./api\n") == []
    assert run(NoBuildAndImage, "services:\n  api:\n    image: example/api:2.1\n") == []


def test_pull_policy_says_which_wins_unless_the_option_is_off() -> None:
    text = BOTH + "    pull_policy: build\n"
    assert run(NoBuildAndImage, text) == []
    assert len(run(NoBuildAndImage, text, options={"allow_with_pull_policy": False})) == 1


def test_swarm_runs_the_image() -> None:
    assert swarm(NoBuildAndImage, BOTH) == []
