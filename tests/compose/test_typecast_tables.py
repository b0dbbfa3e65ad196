"""docker/cli's casts table is compose-go's older one: the paths both cast, and the differences."""

from __future__ import annotations

import pytest

from orchconv.translate.compose.typecast import CastKind, cast_kind_for

BOTH: list[tuple[tuple[str | int, ...], CastKind]] = [
    (("services", "web", "deploy", "replicas"), "int"),
    (("services", "web", "deploy", "update_config", "max_failure_ratio"), "float"),
    (("services", "web", "healthcheck", "disable"), "bool"),
    (("services", "web", "ulimits", "nofile", "soft"), "int"),
    (("services", "web", "volumes", 0, "volume", "nocopy"), "bool"),
    (("services", "web", "tty"), "bool"),
    (("networks", "n", "attachable"), "bool"),
    (("configs", "c", "external"), "bool"),
]
COMPOSE_ONLY = [
    ("services", "web", "init"),
    ("services", "web", "cpu_shares"),
    ("services", "web", "depends_on", "db", "required"),
    ("services", "web", "scale"),
    ("networks", "n", "enable_ipv6"),
]
STACK_ONLY = [
    ("services", "web", "secrets", 0, "mode"),
    ("services", "web", "configs", 1, "mode"),
    ("services", "web", "ports", 0, "published"),
]


@pytest.mark.parametrize(("path", "kind"), BOTH)
def test_both_readers_cast_the_shared_paths(path: tuple[str | int, ...], kind: str) -> None:
    assert cast_kind_for(path, "compose") == cast_kind_for(path, "stack") == kind


@pytest.mark.parametrize("path", COMPOSE_ONLY)
def test_paths_compose_go_added_are_not_cast_by_docker_cli(path: tuple[str | int, ...]) -> None:
    assert cast_kind_for(path, "compose") is not None
    assert cast_kind_for(path, "stack") is None


@pytest.mark.parametrize("path", STACK_ONLY)
def test_docker_cli_still_casts_modes_and_published_ports(path: tuple[str | int, ...]) -> None:
    assert cast_kind_for(path, "stack") == "int"
    assert cast_kind_for(path, "compose") is None
