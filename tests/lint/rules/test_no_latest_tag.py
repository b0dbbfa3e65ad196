"""no-latest-tag: tags that move between releases."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.no_latest_tag import NoLatestTag
from tests.lint.rules.helpers import run, where


def image(reference: str) -> str:
    return f"services:\n  cache:\n    image: {reference}\n"


@pytest.mark.parametrize("reference", ["redis:latest", "redis:LATEST", "node:lts",
                                       "registry:5000/app:stable", "app:nightly"])
def test_moving_tags_are_reported(reference: str) -> None:
    found = run(NoLatestTag, image(reference))
    assert where(found) == [(3, 12)]
    assert "uses the moving tag" in found[0].message


@pytest.mark.parametrize("reference", ["redis:7.4.1", "redis", "redis:latest@sha256:" + "b" * 64,
                                       "registry:5000/app", "latest-app:1.0"])
def test_versions_missing_tags_and_digests_pass(reference: str) -> None:
    assert run(NoLatestTag, image(reference)) == []


def test_moving_tags_option() -> None:
    assert run(NoLatestTag, image("app:main"), options={"moving_tags": ["main"]}) != []
    assert run(NoLatestTag, image("app:latest"), options={"moving_tags": ["main"]}) == []
