"""docs/rules.md is generated from the rules' docstrings and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.lint.registry import all_rules, rule_doc_url
from orchconv.lint.ruledoc import SECTIONS, rule_doc

ROOT = Path(__file__).resolve().parents[2]


def test_rules_doc_is_current() -> None:
    done = subprocess.run([sys.executable, "scripts/gen_rules_doc.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + " (run: python scripts/gen_rules_doc.py)"


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_documents_itself(rule_id: str) -> None:
    rule = all_rules()[rule_id]
    doc = rule_doc(rule)
    assert doc.summary.endswith("."), "the summary is one sentence"
    assert doc.missing_sections() == [], f"{rule_id} docstring needs: {', '.join(SECTIONS)}"


def test_every_rule_has_an_anchor_in_the_doc() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in all_rules():
        assert f"\n## {rule_id}\n" in text
        assert rule_doc_url(rule_id).endswith(f"docs/rules.md#{rule_id}")
