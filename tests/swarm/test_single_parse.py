"""load_stack reads each stack file once: one parse, one interpolation (issue 14).

The stack's own checks (version, forbidden keys, a schema per file) are hooks of
the Compose loader's single pass, so they see the same trees the project is built
from; these tests count the calls on the YAML parser and on docker/cli's
template substitution.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.source import yamltree
from orchconv.translate.compose import interpolate
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.loader import load_stack
from tests.goldens import inside

BASE = """\
version: "3.8"
services:
  web:
    image: "nginx:${TAG}"
    deploy:
      replicas: ${REPLICAS}
"""
OVERRIDE = """\
version: "3.8"
services:
  web:
    environment:
      MODE: "${MODE:-fast}"
"""


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], Counter[str]]:
    """(files parsed, by name; values docker/cli substitution ran on, by text)."""
    parsed: Counter[str] = Counter()
    substituted: Counter[str] = Counter()
    parse = yamltree.parse_documents
    run = interpolate._StackSubstitution.run

    def counting_parse(text: str, file: str) -> Any:
        parsed[Path(file).name] += 1
        return parse(text, file)

    def counting_run(self: Any, text: str) -> str:
        substituted[text] += 1
        return run(self, text)

    monkeypatch.setattr(yamltree, "parse_documents", counting_parse)
    monkeypatch.setattr(interpolate._StackSubstitution, "run", counting_run)
    return parsed, substituted


def _load(folder: Path, env: dict[str, str]) -> Any:
    (folder / "stack.yml").write_text(BASE)
    (folder / "override.yml").write_text(OVERRIDE)
    with inside(folder):
        return load_stack(LoadOptions(files=(Path("stack.yml"), Path("override.yml")),
                                      working_dir=folder, os_environ=env))


def test_each_stack_file_is_parsed_and_interpolated_once(
        tmp_path: Path, counted: tuple[Counter[str], Counter[str]]) -> None:
    parsed, substituted = counted
    result = _load(tmp_path, {"TAG": "1.27", "REPLICAS": "3"})
    web = result.project.services["web"]
    assert web.image == "nginx:1.27"
    assert web.deploy is not None and web.deploy.replicas == 3  # cast after interpolation
    assert web.environment["MODE"] == "fast"
    assert parsed == Counter({"stack.yml": 1, "override.yml": 1})
    assert substituted == Counter({"nginx:${TAG}": 1, "${REPLICAS}": 1, "${MODE:-fast}": 1})


def test_a_failing_file_is_not_read_again(
        tmp_path: Path, counted: tuple[Counter[str], Counter[str]]) -> None:
    """The per-file schema check runs on the one interpolated tree: the second file
    is never reached once the first fails it."""
    parsed, _ = counted
    with pytest.raises(InputError, match=r"deploy\.replicas must be an integer"):
        _load(tmp_path, {"TAG": "1.27", "REPLICAS": "three"})
    assert parsed == Counter({"stack.yml": 1})
