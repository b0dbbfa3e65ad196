"""scripts/bench_many.py's input is what it says: small Compose files and manifests that
orchconv lints as such, none refused."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import bench_many

from tests.lint.helpers import run_lint


def test_the_tree_is_half_compose_half_manifests_all_linted(tmp_path: Path) -> None:
    compose, k8s = bench_many.make_tree(tmp_path, 10)
    assert len(list(compose.rglob("*.yml"))) == len(list(k8s.rglob("*.yaml"))) == 5
    report = run_lint(tmp_path, "-j", "1", "--format", "json", ".").json()
    kinds = sorted(entry["kind"] for entry in report["files"])
    assert kinds == ["compose"] * 5 + ["k8s"] * 5
    refused = {"syntax", "compose-invalid", "internal-error"}
    assert not [f for f in report["findings"] if f["rule"] in refused]
