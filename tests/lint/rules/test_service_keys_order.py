"""service-keys-order (opt-in): a conventional order of service keys."""

from __future__ import annotations

from orchconv.lint.finding import Level
from orchconv.lint.rules.service_keys_order import ServiceKeysOrder
from tests.lint.rules.helpers import run, where


def test_key_after_a_later_one_is_reported() -> None:
    text = ("services:\n  web:\n    ports: [\"8080:80\"]\n    image: nginx:1.27\n"
            "    environment: {A: b}\n")
    found = run(ServiceKeysOrder, text)
    assert where(found) == [(4, 5), (5, 5)]
    assert found[0].message == "service 'web': `image` should come before `ports`"
    assert found[0].level is Level.INFO
    assert ServiceKeysOrder.enabled_by_default is False


def test_ordered_keys_and_unknown_keys_last_alphabetically_pass() -> None:
    text = ("services:\n  web:\n    image: a:1\n    environment: {}\n    ports: []\n"
            "    labels: {}\n    cap_drop: [ALL]\n    read_only: true\n")
    assert run(ServiceKeysOrder, text) == []
    assert len(run(ServiceKeysOrder, text.replace("cap_drop: [ALL]", "zz: 1"))) == 1


def test_order_option() -> None:
    text = "services:\n  web:\n    ports: []\n    image: a:1\n"
    assert run(ServiceKeysOrder, text, options={"order": ["ports", "image"]}) == []
