"""Read stack files the way `docker stack deploy` does (docker/cli's loader).

A stack file is a Compose file read with docker/cli's rules, so the Compose
loader does the reading (its "stack" dialect interpolates with docker/cli's
template rules, casts only interpolated strings and reads no .env file).
This module adds what docker/cli does differently: the declared version picks
the schema, forbidden keys are refused before interpolation, each file is
validated on its own, keys docker/cli never applies are left out with a loss
(ignored.py; `keep_ignored_keys` carries them with a warning), what docker/cli
accepts and Compose refuses is left out with a loss (lenient.py), and short port
syntax means what docker/cli makes of it (published.py).

Known differences from docker/cli: several files are merged with the Compose
merge rules, not docker/cli's older ones.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.location import Loc
from orchconv.ir.loss import Loss
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, loc_of, parse_document
from orchconv.translate.compose.discovery import find_default_files
from orchconv.translate.compose.interpolate import interpolate_tree
from orchconv.translate.compose.loader import LoadResult, load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.checks import (
    check_forbidden,
    check_resources,
    check_schema,
    ignored_options,
)
from orchconv.translate.swarm.ignored import IgnoredKeys
from orchconv.translate.swarm.lenient import Leniency, shared_targets
from orchconv.translate.swarm.properties import NEVER_APPLIED
from orchconv.translate.swarm.published import with_docker_ports
from orchconv.translate.swarm.version import checked_version, declared_version

__all__ = ["LoadOptions", "LoadResult", "load_stack"]

# The Compose loader's note about `version`; in a stack file the key matters.
_OBSOLETE_VERSION = "the attribute `version` is obsolete"


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _read(path: Path, options: LoadOptions) -> tuple[YMap, str]:
    if str(path) == "-":
        display, text = "<stdin>", options.stdin_text or ""
    else:
        display = _display(path)
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a regular file",
                             Loc(display))
        text = read_text(path, display)
    document = parse_document(text, display)
    if not isinstance(document, YMap):
        raise InputError("top-level object must be a mapping", Loc(display, 1, 1))
    return document, display


def _stack_files(options: LoadOptions, cwd: Path) -> tuple[Path, ...]:
    if not options.files:  # docker/cli needs -c; we look for compose.yaml & co. too
        return find_default_files(cwd)
    return tuple(f if str(f) == "-" else cwd / f for f in options.files)


def load_stack(options: LoadOptions) -> LoadResult:
    """Load stack files as `docker stack deploy -c FILE...` reads them."""
    cwd = (options.working_dir or Path.cwd()).resolve()
    environ = dict(os.environ if options.os_environ is None else options.os_environ)
    raw_documents: list[YMap] = []
    shared_losses: list[Loss] = []
    version = ""
    for path in _stack_files(options, cwd):
        document, display = _read(path, options)
        if not version:
            version = checked_version(document, display)
        elif declared_version(document) != version:
            raise InputError(
                f"version {declared_version(document)!r} differs from the first file's"
                f" {version!r}; every stack file must declare the same version",
                loc_of(document, "version") or Loc(display, 1, 1),
            )
        check_forbidden(document, display)
        interpolated: Any = interpolate_tree(document, environ.get, dialect="stack", cast=True)
        check_schema(interpolated, version)
        check_resources(interpolated)
        shared_losses.extend(shared_targets(interpolated))
        raw_documents.append(document)

    ignored = IgnoredKeys(keep=options.keep_ignored_keys)
    lenient = Leniency()

    def before_normalise(document: Any) -> None:
        ignored(document)
        lenient(document)

    result = load_project(replace(
        options, dialect="stack", schema=f"stack-{version}", validate_schema=False,
        env_files=(), os_environ=environ, before_normalise=before_normalise,
    ))
    warnings = [w for w in result.warnings if _OBSOLETE_VERSION not in w]
    # docker/cli's own warning, for the keys not reported one by one (ignored.py)
    warnings.extend(ignored_options(raw_documents, skip=NEVER_APPLIED.keys()))
    warnings.extend(ignored.warnings)
    result.project = with_docker_ports(result.project, warnings)
    result.warnings = warnings
    result.losses = ignored.losses + lenient.losses + shared_losses
    return result
