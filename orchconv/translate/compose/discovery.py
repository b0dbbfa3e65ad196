"""Which files make a project, and where it lives (compose's lookup rules)."""

from __future__ import annotations

import re
from pathlib import Path

from orchconv.errors import InputError
from orchconv.ir.location import Loc

DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILES = (
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
_INVALID_NAME_CHARS = re.compile(r"[^a-z0-9_-]")
_VALID_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


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


def normalise_project_name(raw: str) -> str:
    """compose's rule: lowercase, keep [a-z0-9_-], drop leading - and _."""
    return _INVALID_NAME_CHARS.sub("", raw.lower()).lstrip("_-")


def check_project_name(name: str, where: Loc | None = None) -> str:
    if not _VALID_NAME.match(name):
        raise InputError(
            f"invalid project name {name!r}: it must contain only lowercase letters, digits,"
            " dashes and underscores, and start with a letter or digit",
            where,
        )
    return name
