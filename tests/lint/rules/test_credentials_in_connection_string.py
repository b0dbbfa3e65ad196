"""credentials-in-connection-string: user:password@ in URLs."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.credentials_in_connection_string import CredentialsInConnectionString
from tests.lint.rules.helpers import run, where


def env(value: str) -> str:
    return f"services:\n  api:\n    image: a:1\n    environment:\n      DATABASE_URL: {value}\n"


def test_literal_password_is_reported_without_the_value() -> None:
    found = run(CredentialsInConnectionString, env("postgres://app:s3cret@db:5432/app"))
    assert where(found) == [(5, 21)]
    assert found[0].message == ("service 'api': `DATABASE_URL` in `environment` holds a"
                                " postgres:// URL with a password written in the file")
    assert "s3cret" not in found[0].message


@pytest.mark.parametrize("value", [
    "postgres://app:${DB_PASSWORD}@db/app", "postgres://${DB_USER}:${DB_PASSWORD}@db/app",
    "postgres://app@db/app", "redis://cache:6379/0", "http://example.com/a:b@c",
    "mailto:someone@example.com",
])
def test_parameterised_and_password_less_urls_pass(value: str) -> None:
    assert run(CredentialsInConnectionString, env(value)) == []


def test_list_form_and_any_name() -> None:
    text = "services:\n  w:\n    environment:\n      - BROKER=amqp://guest:guest@rabbit:5672//\n"
    found = run(CredentialsInConnectionString, text)
    assert where(found) == [(4, 9)]
    assert "amqp://" in found[0].message
