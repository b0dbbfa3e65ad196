"""Every module, object and file the docs name exists: a rename updates the docs too."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
# `orchconv.translate.k8s.emit.files.LocalFiles`; not label keys like `orchconv.io/bind`
DOTTED = re.compile(r"`(orchconv(?:\.[A-Za-z_]\w*)+)(?![\w./-])")
FILE = re.compile(r"(?<![\w/.-])((?:orchconv|tests|scripts)/[\w/.-]+\.(?:py|md|json|yaml))")


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_named_modules_and_files_exist(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    missing = sorted({m for m in DOTTED.findall(text) if not _resolves(m)})
    missing += sorted({f for f in FILE.findall(text) if not (ROOT / f).exists()})
    assert missing == []
