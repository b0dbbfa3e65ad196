"""stack-deprecated-key: container_name and expose, which `docker stack deploy` drops."""

from __future__ import annotations

from orchconv.lint.rules.stack_deprecated_key import StackDeprecatedKey
from tests.lint.rules.helpers import fixed, run, swarm, where

STACK = """\
version: "3.8"
services:
  db:
    image: postgres:16
    container_name: my-db
    expose: ["5432"]
"""


def test_reports_each_deprecated_key_at_the_key() -> None:
    found = swarm(StackDeprecatedKey, STACK)
    assert where(found) == [(5, 5), (6, 5)]
    assert found[0].message.startswith("service 'db': `container_name` is deprecated")
    assert "expose" in found[1].message


def test_plain_compose_files_are_not_checked() -> None:
    assert run(StackDeprecatedKey, STACK) == []


def test_compose_file_with_target_swarm_is_checked() -> None:
    assert len(run(StackDeprecatedKey, STACK, target="swarm")) == 2


def test_fix_removes_the_keys() -> None:
    after = fixed(STACK, swarm(StackDeprecatedKey, STACK))
    assert after == 'version: "3.8"\nservices:\n  db:\n    image: postgres:16\n'
    assert swarm(StackDeprecatedKey, after) == []
