"""Fixtures that hand the deploy tests a real engine or cluster (see backends.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.backends import (
    compose_problem,
    kubeconfig,
    kubernetes_problem,
    missing,
    swarm_problem,
)


@pytest.fixture(scope="session")
def _compose_checked() -> str | None:
    return compose_problem()


@pytest.fixture(scope="session")
def _swarm_checked() -> str | None:
    return swarm_problem()


@pytest.fixture(scope="session")
def _kubernetes_checked() -> str | None:
    return kubernetes_problem()


@pytest.fixture
def compose_engine(_compose_checked: str | None) -> None:
    if _compose_checked:
        missing(_compose_checked)


@pytest.fixture
def swarm_engine(_swarm_checked: str | None) -> None:
    if _swarm_checked:
        missing(_swarm_checked)


@pytest.fixture
def cluster(_kubernetes_checked: str | None) -> Path:
    if _kubernetes_checked:
        missing(_kubernetes_checked)
    path = kubeconfig()
    assert path is not None
    return path
