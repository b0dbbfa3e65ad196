"""missing-resource-limits (opt-in)."""

from __future__ import annotations

from orchconv.lint.rules.missing_resource_limits import MissingResourceLimits
from tests.lint.rules.helpers import run, swarm, where

LIMITED = """\
services:
  api:
    image: a:1
    deploy:
      resources:
        limits:
          memory: 512M
          cpus: "0.5"
"""


def test_unlimited_service_is_reported_at_its_name() -> None:
    found = run(MissingResourceLimits, "services:\n  worker:\n    image: a:1\n")
    assert where(found) == [(2, 3)]
    assert found[0].message == "service 'worker' has no memory and no CPU limit"


def test_deploy_limits_pass_and_zero_is_no_limit() -> None:
    assert run(MissingResourceLimits, LIMITED) == []
    found = run(MissingResourceLimits, LIMITED.replace('"0.5"', "0"))
    assert found[0].message == "service 'api' has no CPU limit"


def test_compose_keys_count_for_compose_only() -> None:
    text = "services:\n  api:\n    mem_limit: 1g\n    cpus: 1.5\n"
    assert run(MissingResourceLimits, text) == []
    assert swarm(MissingResourceLimits, text)[0].message == ("service 'api' has no memory and no"
                                                             " CPU limit")


def test_interpolated_limits_count() -> None:
    assert run(MissingResourceLimits, LIMITED.replace("512M", "${MEMORY}")) == []
