"""Golden cases, one per kompose label family (and orchconv's own spelling): a compose
file and what `orchconv compose2k8s -v` makes of it.  Every manifest must pass the
strict Kubernetes schemas.

    tests/k8s/data/kompose-labels/<case>/
        compose.yaml     the input
        expected.yaml    the manifests, and losses.txt what -v reports; or
        expected.err     the one-line error (exit 2)

Regenerate with `python scripts/regen_golden.py kompose-labels` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orchconv.translate.k8s.load.validate import schemas_available, validate_documents
from tests.goldens import Case, Outcome, run_cli

DATA = Path(__file__).parent / "data" / "kompose-labels"
CASES = sorted((Case("kompose-labels", p) for p in DATA.iterdir() if p.is_dir()),
               key=lambda c: c.name)
LOSSES = "losses.txt"


def run(case: Case) -> Outcome:
    return run_cli(case, ["compose2k8s"], ["-v", "-f", "compose.yaml"])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_kompose_label_golden(case: Case) -> None:
    outcome = run(case)
    if case.expected_error.is_file():
        assert outcome.exit_code == 2
        assert outcome.stdout == ""
        assert outcome.stderr == case.expected_error.read_text()
        return
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == case.expected_output.read_text()
    assert outcome.stderr == (case.path / LOSSES).read_text()
    if schemas_available():
        documents = list(yaml.safe_load_all(outcome.stdout))
        assert validate_documents(documents, "1.35") == []


def test_every_case_has_an_expectation() -> None:
    for case in CASES:
        assert case.expected_output.is_file() != case.expected_error.is_file(), case.name
