"""Every compose file swarm2compose and k8s2compose write loads in `docker compose config`
(issue 12, item 16): the golden stacks and manifests, converted, are the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.convert import TargetOptions, convert
from tests.compose.compose_oracle import compose_refusal
from tests.goldens import Case, cases, inside
from tests.swarm.golden_cases import emit_case, swarm_cases

STACKS = swarm_cases()
MANIFESTS = [case for case in cases("k8s2compose") if case.expected_output.is_file()]


def _swarm2compose(stack: Path, keep: bool) -> str:
    options = LoadOptions(files=(stack,), working_dir=stack.parent, os_environ={},
                          keep_ignored_keys=keep)
    return dump_yaml(convert("swarm", "compose", options, TargetOptions()).documents[0].data)


@pytest.mark.peer
@pytest.mark.parametrize("keep", [False, True], ids=["default", "keep-ignored-keys"])
@pytest.mark.parametrize("case", STACKS, ids=[c.name for c in STACKS])
def test_swarm2compose_output_loads(tmp_path: Path, case: Case, keep: bool) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(emit_case(case).raw_stack)  # the golden stack, with real paths
    output = tmp_path / "out" / "compose.yaml"
    output.parent.mkdir()
    output.write_text(_swarm2compose(stack, keep))
    assert compose_refusal(output) == ""


@pytest.mark.peer
@pytest.mark.parametrize("case", MANIFESTS, ids=[c.name for c in MANIFESTS])
def test_k8s2compose_output_loads(tmp_path: Path, case: Case) -> None:
    options = LoadOptions(project_name=case.name, os_environ={})
    with inside(case.path):
        conversion = convert("k8s", "compose", options, TargetOptions(),
                             k8s_inputs=(Path("input"),))
    output = tmp_path / "compose.yaml"
    output.write_text(dump_yaml(conversion.documents[0].data))
    assert compose_refusal(output) == ""


def test_the_sample_is_not_empty() -> None:
    assert len(STACKS) >= 20 and len(MANIFESTS) >= 10
