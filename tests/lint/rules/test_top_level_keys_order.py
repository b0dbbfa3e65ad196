"""top-level-keys-order (opt-in)."""

from __future__ import annotations

from orchconv.lint.rules.top_level_keys_order import TopLevelKeysOrder
from tests.lint.rules.helpers import run, where


def test_section_after_a_later_one_is_reported() -> None:
    text = "services:\n  web:\n    image: a:1\nname: shop\nvolumes: {}\nnetworks: {}\n"
    found = run(TopLevelKeysOrder, text)
    assert where(found) == [(4, 1), (6, 1)]
    assert found[0].message == "`name` should come before `services`"


def test_conventional_order_with_extension_blocks_passes() -> None:
    text = ("name: shop\nx-common: &common\n  restart: always\nx-env: {}\n"
            "services:\n  web:\n    <<: *common\n    image: a:1\nvolumes: {}\n")
    assert run(TopLevelKeysOrder, text) == []


def test_extension_blocks_after_services_are_reported() -> None:
    found = run(TopLevelKeysOrder, "services: {}\nx-late: {}\n")
    assert where(found) == [(2, 1)]
