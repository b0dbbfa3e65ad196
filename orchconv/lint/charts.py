"""Which Helm chart a file's templates/ folder belongs to (helm.py renders charts).

Discovery asks this of every file it lints; rendering is needed only with charts,
so this part lives apart from helm.py and its imports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CHART_FILE = "Chart.yaml"
TEMPLATES = "templates"


def is_chart(folder: Path) -> bool:
    """A chart is a folder with a Chart.yaml beside a templates/ folder."""
    return (folder / CHART_FILE).is_file() and (folder / TEMPLATES).is_dir()


@cache
def _chart_above(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if candidate.name == TEMPLATES and is_chart(candidate.parent):
            return candidate.parent
    return None


def chart_of(path: Path) -> Path | None:
    """The chart whose templates/ folder holds `path` (at any depth), or None."""
    return _chart_above(path.absolute().parent)
