"""plaintext-secret-in-environment: the seed WordPress file's MYSQL_ROOT_PASSWORD: root."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.plaintext_secret_in_environment import PlaintextSecretInEnvironment
from tests.lint.rules.helpers import run, where

SEED = """\
services:
  mysql:
    image: mysql:5.7
    environment:
      MYSQL_ROOT_PASSWORD: root
      MYSQL_DATABASE: mywordpress
      MYSQL_USER: mywordpress
      MYSQL_PASSWORD: mywordpress
"""


def env(name: str, value: str) -> str:
    return f"services:\n  app:\n    image: a:1\n    environment:\n      {name}: {value}\n"


def test_seed_passwords_are_reported_at_their_values_without_the_values() -> None:
    found = run(PlaintextSecretInEnvironment, SEED)
    assert where(found) == [(5, 28), (8, 23)]
    assert found[0].message == ("service 'mysql': `MYSQL_ROOT_PASSWORD` in `environment` holds a"
                                " secret written in the file; use a secret or `${...}` instead")
    assert all("root" not in f.message.replace("MYSQL_ROOT", "") for f in found)
    assert all("mywordpress" not in f.message for f in found)


@pytest.mark.parametrize("name", ["DB_PASSWORD", "ldap_passwd", "GPG_PASSPHRASE",
                                  "DJANGO_SECRET_KEY", "GITHUB_TOKEN", "STRIPE_API_KEY",
                                  "SSH_PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "SMTP_CREDENTIALS"])
def test_secret_names(name: str) -> None:
    assert len(run(PlaintextSecretInEnvironment, env(name, "hunter2"))) == 1


@pytest.mark.parametrize(("name", "value"), [
    ("DB_PASSWORD", "${DB_PASSWORD}"), ("DB_PASSWORD", "${DB_PASSWORD:?required}"),
    ("DB_PASSWORD", "$DB_PASSWORD"), ("DB_PASSWORD", '""'), ("DB_PASSWORD", ""),
    ("MYSQL_ALLOW_EMPTY_PASSWORD", '"yes"'), ("MYSQL_RANDOM_ROOT_PASSWORD", "true"),
    ("POSTGRES_PASSWORD_FILE", "/run/secrets/db"), ("SSL_PRIVATE_KEY", "/etc/ssl/key.pem"),
    ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), ("TOKEN_URL", "https://auth.example.com"),
    ("DB_USER", "app"),
])
def test_references_switches_paths_and_pointers_pass(name: str, value: str) -> None:
    assert run(PlaintextSecretInEnvironment, env(name, value)) == []


def test_escaped_dollar_is_still_a_literal() -> None:
    assert len(run(PlaintextSecretInEnvironment, env("DB_PASSWORD", "pa$$word"))) == 1


def test_list_form_and_build_args() -> None:
    text = ("services:\n  app:\n    build:\n      context: .\n      args:\n"
            "        - NPM_TOKEN=abc123\n    environment:\n      - API_KEY=xyz\n      - DEBUG=1\n"
            "      - DB_PASSWORD\n")
    found = run(PlaintextSecretInEnvironment, text)
    assert sorted(where(found)) == [(6, 11), (8, 9)]
    assert any("`NPM_TOKEN` in `build.args`" in f.message for f in found)


def test_numbers_are_literal_secrets() -> None:
    assert len(run(PlaintextSecretInEnvironment, env("DB_PASSWORD", "12345678"))) == 1


def test_options() -> None:
    assert run(PlaintextSecretInEnvironment, env("PIN_CODE", "1234")) == []
    assert len(run(PlaintextSecretInEnvironment, env("PIN_CODE", "1234"),
                   options={"name_parts": ["PIN"]})) == 1
    assert run(PlaintextSecretInEnvironment, env("DB_PASSWORD_HINT", "x"),
               options={"ignore_suffixes": ["_HINT"]}) == []
