"""Every golden swarm case: Compose input -> exactly the expected stack file and losses,
and the real docker client takes that stack file without an error or a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.schemas import validate
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.emit.stack import emit_stack
from orchconv.translate.swarm.loader import load_stack
from tests.goldens import Case
from tests.swarm.docker_oracle import check_stack_file
from tests.swarm.golden_cases import LOSSES, emit_case, emit_options, swarm_cases

CASES = swarm_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_swarm_golden(case: Case) -> None:
    emitted = emit_case(case)
    assert emitted.stack == case.expected_output.read_text()
    assert emitted.losses == (case.path / LOSSES).read_text()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_passes_our_schema(case: Case) -> None:
    emitted = emit_case(case)
    data = emitted.conversion.documents[0].data
    assert validate(data, f"stack-{data['version']}") == []


@pytest.mark.peer
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_docker_takes_the_stack_file_silently(case: Case, tmp_path: Path) -> None:
    stack_file = tmp_path / "stack.yml"
    stack_file.write_text(emit_case(case).raw_stack)
    verdict = check_stack_file(stack_file)
    assert verdict.accepted, "\n".join(verdict.problems)


def test_every_case_has_an_expectation() -> None:
    for case in CASES:
        assert case.expected_output.is_file(), case.id
        assert (case.path / LOSSES).is_file(), case.id


def test_the_seed_wordpress_file_loses_only_its_name() -> None:
    case = next(c for c in CASES if c.name == "seed-wordpress")
    losses = emit_case(case).conversion.losses
    assert [loss.path for loss in losses] == ["name"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_stack_file_reloads_to_itself(case: Case, tmp_path: Path) -> None:
    """swarm -> IR -> swarm on every golden output: load_stack, emit again, same file."""
    first = emit_case(case).conversion.documents[0].data
    stack = tmp_path / "stack.yml"
    stack.write_text(dump_yaml(first))
    loaded = load_stack(LoadOptions(files=(stack,), working_dir=tmp_path, os_environ={}))
    assert emit_stack(loaded.project, emit_options(case)).documents[0].data == first
