"""The conversion options are spelt once: TargetOptions, the emitters' options and the
CLI flags that fill them agree on names, choices and defaults."""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from orchconv.cli import main
from orchconv.translate.convert import TargetOptions
from orchconv.translate.k8s.emit.choices import BIND_MODES, CONTROLLERS, SERVICE_TYPES
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.load.options import K8sLoadOptions
from orchconv.translate.k8s.versions import DEFAULT_VERSION, SUPPORTED_VERSIONS
from orchconv.translate.swarm.emit.options import SwarmEmitOptions

# Fields no flag fills: lint sets it, as it throws the output away.
NO_FLAG = {"read_anywhere"}
# Fields no emitter reads: they shape the read boundary around the project.
BOUNDARY = {"allow_read", "read_anywhere"}
COMPOSE = "services:\n  web:\n    image: nginx:1.27\n"


def _params() -> dict[str, click.Parameter]:
    command = main.commands["compose2k8s"]
    return {p.name: p for p in command.params if p.name is not None}


def _names(options: type[object]) -> set[str]:
    return {f.name for f in fields(options)}  # type: ignore[arg-type]


def test_every_target_field_is_an_emitter_option_or_the_read_boundary() -> None:
    readers = _names(K8sEmitOptions) | _names(SwarmEmitOptions) | BOUNDARY
    assert _names(TargetOptions) - readers == set()


def test_every_target_field_has_a_flag_of_its_name() -> None:
    assert _names(TargetOptions) - NO_FLAG - set(_params()) == set()


def test_defaults_agree_with_the_kubernetes_emitter() -> None:
    emitter = {f.name: f.default for f in fields(K8sEmitOptions)}
    for field in fields(TargetOptions):
        if field.name in emitter and field.default not in (None, MISSING):
            assert field.default == emitter[field.name], field.name


@pytest.mark.parametrize(("flag", "choices"), [
    ("k8s_version", SUPPORTED_VERSIONS), ("controller", CONTROLLERS),
    ("service_type", SERVICE_TYPES), ("binds", BIND_MODES),
])
def test_flag_choices_are_the_emitters(flag: str, choices: tuple[str, ...]) -> None:
    kind = _params()[flag].type
    assert isinstance(kind, click.Choice)
    assert tuple(kind.choices) == choices


def test_one_default_kubernetes_version() -> None:
    assert DEFAULT_VERSION in SUPPORTED_VERSIONS
    assert _params()["k8s_version"].default == DEFAULT_VERSION
    assert TargetOptions().k8s_version == DEFAULT_VERSION
    assert K8sEmitOptions().k8s_version == DEFAULT_VERSION
    assert K8sLoadOptions().k8s_version == DEFAULT_VERSION


def test_lint_for_kubernetes_at_an_unsupported_release_is_a_usage_error(
        tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    runner = CliRunner()
    args = ["lint", str(tmp_path / "compose.yaml"), "--k8s-version", "1.29"]
    refused = runner.invoke(main, [*args, "--target", "k8s"])
    assert refused.exit_code == 2
    assert "Invalid value for '--k8s-version'" in refused.output
    assert "1.29" in refused.output and "lossy-for-target" not in refused.output
    # alone, the version only says which API removals to check
    assert runner.invoke(main, args).exit_code != 2
    assert runner.invoke(main, [*args[:2], "--target", "k8s", "--k8s-version",
                                SUPPORTED_VERSIONS[0]]).exit_code != 2


def test_the_same_from_the_configuration_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    (tmp_path / ".orchconv.yaml").write_text('lint:\n  target: k8s\n  k8s-version: "1.29"\n')
    done = CliRunner().invoke(main, ["lint", str(tmp_path / "compose.yaml")])
    assert done.exit_code == 2
    assert "not k8s-version 1.29" in done.output
    assert "Traceback" not in done.output
