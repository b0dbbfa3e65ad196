"""Every stack file version: the emitted file passes the real docker client silently.

The richest golden inputs are emitted for each version 3.0 to 3.13; keys and
syntax a version lacks must be gone, so docker neither refuses nor warns.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from orchconv.schemas import stack_versions
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack
from tests.goldens import inside
from tests.swarm.docker_oracle import check_stack_file
from tests.swarm.golden_cases import INPUT, emit_options, swarm_cases

pytestmark = pytest.mark.peer

RICH_CASES = ("deploy", "mounts", "networks", "ports", "secrets-configs", "service-extras",
              "stack-version-3.8", "tmpfs-shm", "network-mode", "healthchecks")


@pytest.mark.parametrize("version", stack_versions())
@pytest.mark.parametrize("name", RICH_CASES)
def test_each_version_passes_docker(name: str, version: str, tmp_path: Path) -> None:
    case = next(c for c in swarm_cases() if c.name == name)
    with inside(case.path):
        project = load_project(LoadOptions(files=(case.path / INPUT,), working_dir=case.path,
                                           os_environ=case.env())).project
    options = dataclasses.replace(emit_options(case), stack_version=version)
    conversion = emit_stack(project, SwarmEmitOptions(**{
        f.name: getattr(options, f.name) for f in dataclasses.fields(options)}))
    stack = tmp_path / "stack.yml"
    stack.write_text(dump_yaml(conversion.documents[0].data))
    verdict = check_stack_file(stack)
    assert verdict.accepted, "\n".join(verdict.problems)
