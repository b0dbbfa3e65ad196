"""Golden k8s2compose cases: Kubernetes manifests and the compose project orchconv makes.

    golden/k8s2compose/<case>/
        input/           the manifests (files and folders, YAML or JSON)
        expected.yaml    the compose file (`docker compose config` form), or
        expected.err     the one-line error
        losses.txt       the losses (located, as --verbose prints them) and warnings

The project is named after the case.  Regenerate with
`python scripts/regen_golden.py k8s2compose` and review the diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from orchconv.errors import OrchconvError
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.emitter import compose_conversion
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.validate import schemas_available
from orchconv.translate.loss_report import located_line, sorted_losses
from tests.goldens import Case, cases, inside
from tests.peers import missing

SUITE = "k8s2compose"
LOSSES = "losses.txt"
CASES = cases(SUITE)


@dataclass(frozen=True)
class Outcome:
    compose: str | None
    error: str | None
    losses: str


def run_case(case: Case) -> Outcome:
    with inside(case.path):
        try:
            options = K8sLoadOptions(project_name=case.name, validate=schemas_available())
            result = load_kubernetes((Path("input"),), options)
        except OrchconvError as error:
            return Outcome(None, str(error), "")
    conversion = compose_conversion(result.project)  # what k8s2compose writes
    losses = sorted_losses([*result.losses, *conversion.losses])
    lines = [located_line(loss) for loss in losses]
    lines += [f"warning: {warning}" for warning in result.warnings]
    text = "".join(f"{line}\n" for line in lines)
    return Outcome(dump_yaml(conversion.documents[0].data), None, text)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_k8s2compose_golden(case: Case) -> None:
    if case.expected_error.is_file() and not schemas_available():
        missing("schema errors need the k8s extra (kubernetes-validate)")
    outcome = run_case(case)
    if case.expected_error.is_file():
        assert outcome.error == case.expected_error.read_text().strip()
        return
    assert outcome.error is None, outcome.error
    assert outcome.compose == case.expected_output.read_text()
    assert outcome.losses == (case.path / LOSSES).read_text()


def test_every_case_has_an_expectation() -> None:
    assert len(CASES) >= 10
    for case in CASES:
        assert (case.path / "input").is_dir(), case.id
        assert case.expected_output.is_file() or case.expected_error.is_file(), case.id


def test_no_secret_value_reaches_the_output() -> None:
    """env-config's Secret holds s3cr3t (base64 in the input): not in output nor losses."""
    outcome = run_case(next(c for c in CASES if c.name == "env-config"))
    assert outcome.compose is not None
    assert "s3cr3t" not in outcome.compose + outcome.losses
