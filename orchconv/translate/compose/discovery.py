"""Which files make a project, and where it lives (compose's lookup rules)."""

from __future__ import annotations

from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc

DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILES = (
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)


def find_default_files(start: Path) -> tuple[Path, ...]:
    """compose.yaml (or a sibling name) in `start` or the nearest parent, plus its override."""
    for folder in (start, *start.parents):
        for name in DEFAULT_FILES:
            candidate = folder / name
            if candidate.is_file():
                overrides = [folder / o for o in OVERRIDE_FILES if (folder / o).is_file()]
                return (candidate, *overrides[:1])
    raise InputError(
        "no configuration file provided: not found (looked for "
        + ", ".join(DEFAULT_FILES)
        + f" in {start} and its parents)",
        Loc(str(start)),
    )
