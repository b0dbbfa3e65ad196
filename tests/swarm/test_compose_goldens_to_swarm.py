"""Every golden Compose case, converted by `orchconv compose2swarm`, passes the real
docker client without an error or a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import CASE_DIR, Case, cases, run_cli
from tests.swarm.docker_oracle import check_stack_file

pytestmark = pytest.mark.peer

COMPOSE_CASES = [c for c in cases("compose") if c.expected_output.is_file()]
# build-only services need an image; the prefix gives them one
COMMAND = ["compose2swarm", "--image-prefix", "registry.example.com/"]


@pytest.mark.parametrize("case", COMPOSE_CASES, ids=[c.name for c in COMPOSE_CASES])
def test_compose_golden_becomes_a_stack_docker_takes(case: Case, tmp_path: Path) -> None:
    outcome = run_cli(case, COMMAND, [])
    assert outcome.exit_code == 0, outcome.stderr
    stack = tmp_path / "stack.yml"
    stack.write_text(outcome.stdout.replace(CASE_DIR, str(case.path)))
    verdict = check_stack_file(stack)
    assert verdict.accepted, "\n".join(verdict.problems)
