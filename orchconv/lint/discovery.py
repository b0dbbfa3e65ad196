"""Which files a lint run reads: files as given, folders walked for YAML files."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from orchconv.lint.charts import chart_of
from orchconv.lint.config import CONFIG_NAMES
from orchconv.lint.loading import STDIN

if TYPE_CHECKING:
    from orchconv.lint.linter import Linter

YAML_SUFFIXES = (".yml", ".yaml")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def discover(paths: Sequence[Path], linter: Linter) -> Iterator[Path]:
    """The files to lint: files as given, folders walked for *.yml/*.yaml (sorted,
    skipping hidden folders).  What the configuration excludes is left out, named
    files included (pre-commit names every file); Helm chart templates go to the
    linter's charts instead."""
    seen: set[Path] = set()
    for path in paths:
        if str(path) == STDIN:
            yield path
            continue
        if not path.is_dir():
            if not linter.is_excluded(path, linter.config_for(path)):
                chart = chart_of(path)
                if chart is None:
                    yield path
                else:
                    linter.found_chart(chart)
            continue
        for root, folders, files in os.walk(path):
            folders[:] = sorted(f for f in folders
                                if not f.startswith(".") and f not in SKIPPED_FOLDERS)
            for name in sorted(files):
                candidate = Path(root) / name
                if not name.endswith(YAML_SUFFIXES) or name in CONFIG_NAMES or candidate in seen:
                    continue
                seen.add(candidate)
                if linter.is_excluded(candidate, linter.config_for(candidate)):
                    continue
                chart = chart_of(candidate)
                if chart is None:
                    yield candidate
                else:
                    linter.found_chart(chart)
