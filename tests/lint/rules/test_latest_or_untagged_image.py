"""latest-or-untagged-image."""

from __future__ import annotations

import pytest

from orchconv.lint.context import FileKind
from orchconv.lint.rules.latest_or_untagged_image import LatestOrUntaggedImage
from tests.lint.rules.helpers import run, where

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers: [{name: init, image: busybox:1.36}]
      containers:
        - name: web
          image: IMAGE
"""


def lint(image: str, **options: object) -> list[tuple[int, int]]:
    text = DEPLOYMENT.replace("IMAGE", image)
    return where(run(LatestOrUntaggedImage, text, kind=FileKind.KUBERNETES, options=options))


@pytest.mark.parametrize("image", ["nginx", "nginx:latest", "registry:5000/team/app",
                                   "nginx:STABLE"])
def test_untagged_and_moving_tags_are_reported_at_the_image(image: str) -> None:
    assert lint(image) == [(12, 18)]


@pytest.mark.parametrize("image", ["nginx:1.27", "registry:5000/app:2.0",
                                   "nginx@sha256:" + "a" * 64, "nginx:latest@sha256:" + "b" * 64])
def test_release_tags_and_digests_pass(image: str) -> None:
    assert lint(image) == []


def test_messages_and_option() -> None:
    found = run(LatestOrUntaggedImage, DEPLOYMENT.replace("IMAGE", "redis"),
                kind=FileKind.KUBERNETES)
    assert found[0].message == ("container 'web' of Deployment 'web': image 'redis' has no tag,"
                                " so it runs whatever `latest` is when pulled; name a release")
    assert lint("nginx:stable", moving_tags=["latest"]) == []
