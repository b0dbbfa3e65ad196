"""scripts/regen_golden.py: one entry point for every golden suite, with a --check mode."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "regen_golden.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regen_golden", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_every_golden_suite_has_one_entry() -> None:
    assert list(_script().SUITES) == ["compose", "swarm", "k8s2compose", "kompose-labels",
                                      "lint"]


def test_check_reports_no_drift_and_writes_nothing() -> None:
    done = _run("--check", "k8s2compose")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "k8s2compose: 0 case(s) drifted" in done.stderr


def test_an_unknown_suite_is_a_usage_error() -> None:
    done = _run("--check", "nosuch")
    assert done.returncode == 2
    assert "unknown suite 'nosuch'" in done.stderr


def test_drift_names_each_file_and_write_settles_it(tmp_path: Path) -> None:
    script = _script()
    (tmp_path / "expected.yaml").write_text("old\n")
    (tmp_path / "losses.txt").write_text("gone\n")
    expected = {"expected.yaml": "new\n", "losses.txt": None, "expected.err": None,
                "other.txt": "x\n"}
    assert script.drift(tmp_path, expected) == [
        f"{tmp_path / 'expected.yaml'}: differs",
        f"{tmp_path / 'losses.txt'}: should not exist",
        f"{tmp_path / 'other.txt'}: missing",
    ]
    script.write(tmp_path, expected)
    assert script.drift(tmp_path, expected) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expected.yaml", "other.txt"]
