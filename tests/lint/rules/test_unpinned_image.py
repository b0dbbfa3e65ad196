"""unpinned-image (opt-in): tags without a digest."""

from __future__ import annotations

from orchconv.lint.rules.unpinned_image import UnpinnedImage
from tests.lint.rules.helpers import run, where

DIGEST = "@sha256:" + "c" * 64


def test_off_by_default() -> None:
    assert UnpinnedImage.enabled_by_default is False


def test_tag_without_digest_is_reported() -> None:
    found = run(UnpinnedImage, "services:\n  web:\n    image: nginx:1.27.3\n")
    assert where(found) == [(3, 12)]
    assert found[0].message == "service 'web': image 'nginx:1.27.3' is not pinned to a digest"


def test_digest_passes_and_untagged_is_left_to_require_image_tag() -> None:
    assert run(UnpinnedImage, f"services:\n  web:\n    image: nginx:1.27.3{DIGEST}\n") == []
    assert run(UnpinnedImage, f"services:\n  web:\n    image: nginx{DIGEST}\n") == []
    assert run(UnpinnedImage, "services:\n  web:\n    image: nginx\n") == []
