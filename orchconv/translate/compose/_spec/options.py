"""What a user may ask of the Compose loader (the options of `docker compose`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orchconv.translate.compose.dialect import Dialect


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """The inputs of one load: files, project, environment, profiles."""

    files: tuple[Path, ...] = ()  # empty: look for compose.yaml & co. in the working dir
    project_name: str | None = None
    project_directory: Path | None = None
    env_files: tuple[Path, ...] = ()  # empty: <project dir>/.env when it exists
    profiles: tuple[str, ...] = ()
    os_environ: Mapping[str, str] | None = None  # None: the process environment
    working_dir: Path | None = None  # None: the process's current directory
    # who reads the files: "compose", "stack" (docker/cli's template rules and casts), or a
    # Dialect with its own hooks (translate/swarm builds `docker stack deploy`'s)
    dialect: str | Dialect = "compose"
    schema: str | None = None  # schema name; default the dialect's ("compose", "stack-3.13")
    # stack files: carry the keys `docker stack deploy` never applies (with a warning)
    keep_ignored_keys: bool = False
    # called with the merged document before it is normalised (after the dialect's hook)
    before_normalise: Callable[[Any], None] | None = field(default=None, compare=False)
    validate_schema: bool = True
    check_consistency: bool = True
    resolve_paths: bool = True  # False: relative paths stay as written
    interpolate: bool = True  # False: `${VAR}` stays as written, values stay uncast
    normalize: bool = True  # False: no project-wide defaults (`config --no-normalize`)
    stdin_text: str | None = field(default=None, compare=False)  # for `-f -`
    # `stdin_text` already parsed (lint has the tree): the loader never changes it
    stdin_document: Any = field(default=None, compare=False)
