"""`include`: pull whole other compose projects into this one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, loc_of

SECTIONS = ("services", "networks", "volumes", "secrets", "configs", "models")


@dataclass(frozen=True, slots=True)
class IncludeSpec:
    """One `include` entry, its paths made absolute.

    `project_directory` holds the included project's `.env` and anchors its own
    includes; `paths_base` is what its relative paths are resolved against.  They
    differ only in a compose-go quirk: a `project_directory` that is not an
    existing folder resolves paths against its parent.
    """

    paths: tuple[Path, ...]
    project_directory: Path
    env_files: tuple[Path, ...]
    loc: Loc | None
    paths_base: Path


# Loads an included project: (spec, include chain) -> its merged document.
ProjectLoader = Callable[[IncludeSpec, tuple[Path, ...]], YMap]


# What docker compose hands to a remote loader instead of reading a file: an OCI
# artifact (`oci://`), a URL of a scheme git or compose fetch, an scp-like git
# address (`git@github.com:org/repo.git`), and buildkit's bare `github.com/...`.
_REMOTE = re.compile(
    r"^(?:oci:|[A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:|github\.com/)"
)
# the user part of a URL may be a token (`https://ghp_...@github.com/...`); `git@` is not
_CREDENTIALS = re.compile(r"(?<=://)(?!git@)[^/@]*@")


def is_remote(reference: str) -> bool:
    """Whether an include path names a remote resource rather than a file."""
    return _REMOTE.match(reference) is not None


def _remote_error(reference: str, loc: Loc | None) -> InputError:
    shown = _CREDENTIALS.sub("***@", reference)  # a token in the URL is a secret
    return InputError(f"remote include not supported offline: {shown}", loc)


def _as_paths(value: Any, base: Path, what: str, loc: Loc | None) -> tuple[Path, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise InputError(f"include {what} must be a string or a list of strings", loc)
    for item in items:
        if is_remote(item):
            raise _remote_error(item, loc)
    return tuple((base / i).resolve() for i in items)


def include_specs(document: YMap, base_dir: Path) -> list[IncludeSpec]:
    """The `include` entries; relative paths start at `base_dir`, the working directory."""
    raw = document.get("include")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError("include must be a list", loc_of(document, "include"))
    specs = []
    for index, entry in enumerate(raw):
        where = loc_of(raw, index)
        spec = {"path": entry} if isinstance(entry, str) else entry
        if not isinstance(spec, dict) or "path" not in spec:
            raise InputError("an include entry needs a path", where)
        paths = _as_paths(spec["path"], base_dir, "path", loc_of(spec, "path") or where)
        written = spec.get("project_directory")
        if written:
            folder = (base_dir / str(written)).resolve()
            paths_base = folder if folder.is_dir() or Path(str(written)).is_absolute() \
                else folder.parent
        else:
            folder = paths_base = paths[0].parent
        env = spec.get("env_file")
        env_files = _as_paths(env, base_dir, "env_file", where) if env is not None else ()
        for env_file in env_files:
            if not env_file.is_file():
                raise InputError(f"include env_file {env_file} is not a file", where)
        specs.append(IncludeSpec(paths, folder, env_files, where, paths_base))
    return specs


def apply_includes(
    document: YMap, base_dir: Path, chain: tuple[Path, ...], load: ProjectLoader
) -> YMap:
    """Merge each included project's resources in; a name defined twice differently is an error."""
    for spec in include_specs(document, base_dir):
        for path in spec.paths:
            if path in chain:
                shown = " -> ".join(str(p) for p in (*chain, path))
                raise InputError(f"include cycle detected: {shown}", spec.loc)
        included = load(spec, chain)
        for section in SECTIONS:
            theirs = included.get(section)
            if not isinstance(theirs, dict):
                continue
            ours = document.get(section)
            if not isinstance(ours, YMap):
                fresh = YMap(spec.loc or document.loc)
                if isinstance(ours, dict):
                    for key, value in ours.items():
                        fresh.put(key, value, document.loc, document.loc)
                ours = fresh
                document.put(section, ours, spec.loc or document.loc, spec.loc or document.loc)
            for key, value in theirs.items():
                if key in ours and ours[key] != value:
                    raise InputError(
                        f"{section}.{key} conflicts with imported resource", loc_of(ours, key)
                    )
                key_loc = loc_of(theirs, key, of_key=True) or spec.loc or document.loc
                val_loc = loc_of(theirs, key) or key_loc
                ours.put(key, value, key_loc, val_loc)
    document.pop("include", None)
    return document


