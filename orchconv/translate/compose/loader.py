"""The Compose loader: files -> IR, in the stages `docker compose config` runs.

Per file: parse, interpolate (and cast), extends, include, merge into what the
earlier files gave, validate.  Then for the project: resolve relative paths,
normalise to long syntax and defaults, apply profiles, resolve environments,
build the IR and check its consistency.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.errors import InputError, ValidationError
from orchconv.ir.location import Loc
from orchconv.ir.project import Project
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, parse_document
from orchconv.translate.compose import schema_check
from orchconv.translate.compose.consistency import check_consistency
from orchconv.translate.compose.discovery import (
    check_project_name,
    find_default_files,
    normalise_project_name,
)
from orchconv.translate.compose.environment import resolve_environment
from orchconv.translate.compose.extends import ExtendsResolver
from orchconv.translate.compose.include import IncludeSpec, apply_includes
from orchconv.translate.compose.interpolate import interpolate_tree
from orchconv.translate.compose.merge import apply_resets, merge_documents, unique_entries
from orchconv.translate.compose.normalise import normalise_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.compose.profiles import active_profiles, apply_profiles
from orchconv.translate.compose.prune import prune_unused_resources
from orchconv.translate.compose.service_env import resolve_service_environments
from orchconv.translate.compose.to_ir import project_from_document
from orchconv.translate.compose.typecast import cast_known_paths


@dataclass
class LoadResult:
    project: Project
    warnings: list[str] = field(default_factory=list)
    files: tuple[Path, ...] = ()
    project_dir: Path | None = None


class _Session:
    """State shared by the stages of one load: environment, dialect, file cache."""

    def __init__(self, env: dict[str, str], dialect: str, warnings: list[str]) -> None:
        self.env = env
        self.dialect = dialect
        self.warnings = warnings

    def lookup(self, name: str) -> str | None:
        return self.env.get(name)

    def read_document(self, path: Path, display: str, text: str | None = None) -> YMap:
        source = text if text is not None else read_text(path, display)
        document = parse_document(source, display)
        if document is None:
            raise InputError("empty compose file", Loc(display, 1, 1))
        if not isinstance(document, YMap):
            raise InputError("top-level object must be a mapping", Loc(display, 1, 1))
        if self.dialect == "stack":
            # docker/cli casts only the strings interpolation produced
            stacked: YMap = interpolate_tree(document, self.lookup, dialect="stack", cast=True)
            return stacked
        interpolated = interpolate_tree(document, self.lookup, dialect="compose")
        result: YMap = cast_known_paths(interpolated)
        return result

    def load_for_extends(self, path: Path, where: Any) -> YMap:
        if not path.is_file():
            raise InputError(f"extends file not found: {path}", where)
        document = self.read_document(path, _display(path))
        ExtendsResolver(self.load_for_extends).apply(document, path)
        return document


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def _project_name(options: LoadOptions, env: dict[str, str], documents: list[YMap],
                  project_dir: Path) -> str:
    if options.project_name:
        return check_project_name(options.project_name)
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return check_project_name(normalise_project_name(from_env))
    for document in reversed(documents):
        name = document.get("name")
        if isinstance(name, str) and name:
            normalised = normalise_project_name(name)
            if normalised:
                return normalised
    fallback = normalise_project_name(project_dir.resolve().name)
    if not fallback:
        raise InputError(f"cannot derive a project name from {project_dir}; use -p NAME")
    return fallback


def _files(options: LoadOptions, env: dict[str, str], cwd: Path) -> tuple[Path, ...]:
    if options.files:
        return tuple(f if str(f) == "-" else (cwd / f) for f in options.files)
    from_env = env.get("COMPOSE_FILE")
    if from_env:
        separator = env.get("COMPOSE_PATH_SEPARATOR", os.pathsep)
        return tuple(cwd / f for f in from_env.split(separator) if f)
    return find_default_files(cwd)


def _load_include(session: _Session, spec: IncludeSpec, chain: tuple[Path, ...]) -> YMap:
    env = resolve_environment(
        dict(os.environ) if session.env is None else session.env,
        spec.env_files,
        spec.project_directory,
        explicit=bool(spec.env_files),
    )
    inner = _Session(env, session.dialect, session.warnings)
    merged: YMap | None = None
    for path in spec.paths:
        if not path.is_file():
            raise InputError(f"included file not found: {path}", spec.loc)
        merged = _load_one(inner, path, _display(path), None, (*chain, path), merged)
    assert merged is not None
    return normalise_project(
        merged, project_dir=spec.project_directory, project_name="", defaults=False
    )


def _load_one(
    session: _Session,
    path: Path,
    display: str,
    text: str | None,
    chain: tuple[Path, ...],
    earlier: YMap | None,
) -> YMap:
    """One file merged over what the earlier files gave (compose-go's order).

    The file's `!reset`/`!override` tags act on the earlier files first, before
    its `extends` are resolved, so tags inside extending services still count.
    """
    document = session.read_document(path, display, text)
    base = apply_resets(earlier, document) if earlier is not None else None
    ExtendsResolver(session.load_for_extends).apply(document, path)
    document = apply_includes(
        document, path.parent, chain, lambda spec, ch: _load_include(session, spec, ch)
    )
    return unique_entries(document) if base is None else merge_documents(base, document)


def load_project(options: LoadOptions) -> LoadResult:
    """Load a compose project the way `docker compose config` does."""
    cwd = (options.working_dir or Path.cwd()).resolve()
    os_env = dict(os.environ if options.os_environ is None else options.os_environ)
    warnings: list[str] = []

    files = _files(options, os_env, cwd)
    first = files[0]
    project_dir = (
        (cwd / options.project_directory).resolve()
        if options.project_directory
        else (cwd if str(first) == "-" else first.parent.resolve())
    )
    if options.dialect == "stack":
        env = dict(os_env)  # `docker stack deploy` reads no .env file
    else:
        env = resolve_environment(
            os_env, tuple(cwd / p for p in options.env_files), project_dir,
            explicit=bool(options.env_files),
        )
    if not options.files and "COMPOSE_FILE" in env and "COMPOSE_FILE" not in os_env:
        files = _files(options, env, cwd)
    session = _Session(env, options.dialect, warnings)

    documents: list[YMap] = []
    merged: YMap | None = None
    for path in files:
        is_stdin = str(path) == "-"
        display = "<stdin>" if is_stdin else _display(path)
        real = project_dir / "stdin.yaml" if is_stdin else path
        if not is_stdin and not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a regular file",
                             Loc(display))
        text = options.stdin_text if is_stdin else None
        merged = _load_one(session, real, display, text, (real.resolve(),), merged)
        documents.append(merged)
        if options.validate_schema:
            schema_check.validate_document(merged, options.schema or options.dialect)
    assert merged is not None

    name = _project_name(options, env, documents, project_dir)
    env.setdefault("COMPOSE_PROJECT_NAME", name)
    if "version" in merged:
        warnings.append(
            f"{files[0]}: the attribute `version` is obsolete, it will be ignored"
        )
        merged.pop("version", None)

    normalised = normalise_project(
        merged, project_dir=project_dir, project_name=name, defaults=True, environment=env
    )
    profiles = active_profiles(options.profiles, env)
    enabled = prune_unused_resources(apply_profiles(normalised, profiles))
    resolved = resolve_service_environments(enabled, env)
    project = project_from_document(resolved, name)
    if options.check_consistency:
        check_consistency(project)
    return LoadResult(project=project, warnings=warnings, files=tuple(files),
                      project_dir=project_dir)


__all__ = ["LoadOptions", "LoadResult", "ValidationError", "load_project"]
