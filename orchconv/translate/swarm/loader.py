"""Read stack files the way `docker stack deploy` does (docker/cli's loader).

A stack file is a Compose file read with docker/cli's rules, so the Compose
loader does the reading, once per file, with the dialect that says what
docker/cli does differently (dialect.py: version, forbidden keys, a schema per
file, keys never applied, leniency, published ports).

Known differences from docker/cli: several files are merged with the Compose
merge rules, not docker/cli's older ones.
"""

from __future__ import annotations

from dataclasses import replace

from orchconv.translate.compose.load_result import LoadResult
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.dialect import StackDialect

__all__ = ["LoadOptions", "LoadResult", "load_stack"]


def load_stack(options: LoadOptions) -> LoadResult:
    """Load stack files as `docker stack deploy -c FILE...` reads them.

    docker/cli needs -c; without files, compose.yaml & co. are looked for too.
    """
    dialect = StackDialect(keep_ignored_keys=options.keep_ignored_keys)
    return load_project(replace(options, dialect=dialect))
