"""The Compose loader: files -> IR, in the stages `docker compose config` runs.

Per file: parse, interpolate (and cast), extends, include, merge into what the
earlier files gave, validate.  Then for the project: resolve relative paths,
normalise to long syntax and defaults, apply profiles, resolve environments,
build the IR and check its consistency.  Each file is parsed and interpolated
once; where readers differ (`docker compose`, `docker stack deploy`) the loader
asks its Dialect (dialect.py), which may also check, trim and fix up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from orchconv.errors import InputError, OrchconvError, ValidationError
from orchconv.location import Loc
from orchconv.project_name import check_project_name, normalise_project_name
from orchconv.redaction import (
    project_secret_values,
    redacted_error,
    redacted_texts,
    register,
    secret_values,
)
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, copy_tree, loc_of, parse_document
from orchconv.translate.compose import schema_check
from orchconv.translate.compose.consistency import check_consistency
from orchconv.translate.compose.dialect import Dialect, dialect_of
from orchconv.translate.compose.discovery import find_default_files
from orchconv.translate.compose.environment import resolve_environment
from orchconv.translate.compose.extends import ExtendsResolver
from orchconv.translate.compose.interpolate import interpolate_text, unset_warning
from orchconv.translate.compose.load_result import LoadResult
from orchconv.translate.compose.normalise import normalise_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.compose.profiles import active_profiles, apply_profiles
from orchconv.translate.compose.prune import prune_unused_resources
from orchconv.translate.compose.service_env import resolve_service_environments
from orchconv.translate.compose.to_ir import project_from_document
from orchconv.translate.compose.uniqueness import enforce_unique

if TYPE_CHECKING:
    from orchconv.translate.compose.include import IncludeSpec


class _Session:
    """State shared by the stages of one load: environment, dialect, warnings."""

    def __init__(self, env: dict[str, str], dialect: Dialect, warnings: list[str],
                 schema: str | None = None, interpolate: bool = True) -> None:
        self.env = env
        self.enabled = interpolate  # False: documents are copied as written
        self.dialect = dialect
        self.warnings = warnings
        self.schema = schema  # what each file is validated against (None: not validated)
        self.unset: set[str] = set()  # variables already warned about, once each per load

    def lookup(self, name: str) -> str | None:
        return self.env.get(name)

    def read_document(self, path: Path, display: str, text: str | None = None) -> YMap:
        return self.interpolate(self.parse(path, display, text), display)

    def parse(self, path: Path, display: str, text: str | None = None) -> YMap:
        return self.parsed(parse_file(path, display, text, self.dialect.empty_file), display)

    def parsed(self, document: YMap, display: str) -> YMap:
        self.dialect.parsed(document, display)
        return document

    def warn_unset(self, name: str, where: Loc | None) -> None:
        """As docker compose warns, but once per variable and at the value reading it."""
        if name not in self.unset:
            self.unset.add(name)
            self.warnings.append(f"{where}: {unset_warning(name)}" if where
                                 else unset_warning(name))

    def interpolate(self, document: YMap, display: str) -> YMap:
        """A private copy of `document`: interpolated and cast, or as written."""
        if self.enabled:
            result = self.dialect.interpolate(document, self.lookup, self.warn_unset)
        else:
            result = copy_tree(document)
        self.dialect.interpolated(result, display)
        return result

    def load_for_extends(self, path: Path, where: Any) -> YMap:
        """The file `extends.file` names, its relative paths made absolute from its folder.

        compose-go loads such a file in canonical form and resolves its paths there;
        its own `extends` are followed by the resolver, which tracks cycles.
        """
        if not path.is_file():
            raise InputError(f"extends file not found: {path}", where)
        document = self.read_document(path, _display(path))
        return normalise_project(document, project_dir=path.parent, project_name="",
                                 defaults=False)


def parse_file(path: Path, display: str, text: str | None = None,
               empty: str = "empty compose file") -> YMap:
    source = text if text is not None else read_text(path, display)
    document = parse_document(source, display)
    if document is None:
        raise InputError(empty, Loc(display, 1, 1))
    if not isinstance(document, YMap):
        raise InputError("top-level object must be a mapping", Loc(display, 1, 1))
    return document


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


_Written = tuple[str, Loc | None]  # a file's `name:` as written, and where


def _written_name(document: YMap) -> _Written | None:
    name = document.get("name")
    if name is None or name == "":
        return None
    return str(name), loc_of(document, "name")


def _name_in_files(names: list[_Written], lookup: Callable[[str], str | None]) -> str | None:
    """The last `name:` the files set, interpolated and normalised (None: none set)."""
    if not names:
        return None
    written, where = names[-1]
    return normalise_project_name(interpolate_text(written, lookup, loc=where, path="name"))


def _project_name(options: LoadOptions, env: dict[str, str], names: list[_Written],
                  project_dir: Path) -> str:
    """compose's precedence: -p, COMPOSE_PROJECT_NAME, `name:`, the folder's name.

    The first two must already be valid names; the others are normalised.
    """
    if options.project_name:
        return check_project_name(options.project_name)
    from_env = env.get("COMPOSE_PROJECT_NAME")
    if from_env:
        return check_project_name(from_env)
    from_files = _name_in_files(names, env.get)
    if from_files is None:
        from_files = normalise_project_name(project_dir.resolve().name)
    if not from_files:
        raise InputError("project name must not be empty; use -p NAME")
    return from_files


def _files_from_env(env: dict[str, str], cwd: Path) -> tuple[Path, ...]:
    """COMPOSE_FILE: paths relative to the current directory, which must exist."""
    separator = env.get("COMPOSE_PATH_SEPARATOR") or os.pathsep
    paths = tuple(Path("-") if f == "-" else (cwd / f) for f in
                  env["COMPOSE_FILE"].split(separator))
    for path in paths:
        if str(path) != "-" and not path.exists():
            raise InputError("file named by COMPOSE_FILE not found", Loc(str(path)))
    return paths


def _working_dir(options: LoadOptions, files: tuple[Path, ...], cwd: Path) -> Path:
    """--project-directory, else the first file's folder, else the current directory."""
    if options.project_directory:
        return (cwd / options.project_directory).resolve()
    for path in files:
        if str(path) != "-":
            return path.parent.resolve()
    return cwd


def _default_env_file_disabled(os_env: dict[str, str]) -> bool:
    return os_env.get("COMPOSE_DISABLE_ENV_FILE", "") in ("1", "t", "T", "TRUE", "true", "True")


def _with_env_files(env: dict[str, str], options: LoadOptions, cwd: Path, folder: Path,
                    os_env: dict[str, str]) -> dict[str, str]:
    """Variables of --env-file (or <folder>/.env) added under those already set."""
    if not options.env_files and _default_env_file_disabled(os_env):
        return env
    return resolve_environment(
        env, tuple(cwd / p for p in options.env_files), folder,
        explicit=bool(options.env_files),
    )


def _load_include(session: _Session, spec: IncludeSpec, chain: tuple[Path, ...]) -> YMap:
    env = resolve_environment(
        session.env, spec.env_files, spec.project_directory, explicit=bool(spec.env_files),
    )
    inner = _Session(env, session.dialect, session.warnings, session.schema, session.enabled)
    inner.unset = session.unset
    merged: YMap | None = None
    for path in spec.paths:
        if not path.is_file():
            raise InputError(f"included file not found: {path}", spec.loc)
        merged = _load_one(inner, inner.read_document(path, _display(path)), path,
                           spec.project_directory, (*chain, path), merged)
        if inner.schema is not None:  # as docker compose checks each included file
            schema_check.validate_document(merged, inner.schema)
    assert merged is not None
    return normalise_project(
        merged, project_dir=spec.paths_base, project_name="", defaults=False
    )


def _load_one(
    session: _Session,
    document: YMap,
    path: Path,
    working_dir: Path,
    chain: tuple[Path, ...],
    earlier: YMap | None,
) -> YMap:
    """One interpolated file merged over what the earlier files gave (compose-go's order).

    The file's `!reset`/`!override` tags act on the earlier files first, before
    its `extends` are resolved, so tags inside extending services still count.
    Its `include` paths are relative to the project's working directory.
    """
    # most projects are one file without tags: the merge module is for the others
    if earlier is not None:
        from orchconv.translate.compose.merge import apply_resets

        base: YMap | None = apply_resets(earlier, document)
    else:
        base = None
    ExtendsResolver(session.load_for_extends).apply(document, path)
    if "include" in document:  # most files include nothing: no import for them
        from orchconv.translate.compose.include import apply_includes

        document = apply_includes(
            document, working_dir, chain, lambda spec, ch: _load_include(session, spec, ch)
        )
    if base is not None:
        from orchconv.translate.compose.merge import merge_documents

        return merge_documents(base, document)
    if _has_tags(document):
        from orchconv.translate.compose.merge import unique_entries

        return unique_entries(document)
    unique: YMap = enforce_unique(document, ())  # interpolation already made a private copy
    return unique


def _has_tags(value: Any) -> bool:
    """Whether any mapping below carries a `!reset`/`!override` tag."""
    if isinstance(value, YMap):
        if value.tags:
            return True
        children: Any = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return False
    return any(_has_tags(v) for v in children if isinstance(v, dict | list))  # skip scalars


def load_project(options: LoadOptions) -> LoadResult:
    """Load a compose project the way `docker compose config` does.

    A message that quotes a value (`invalid size: '...'`) never shows the value
    of a variable that holds a secret: it is masked.
    """
    secrets: set[str] = set()
    try:
        result = _load_project(options, secrets)
    except OrchconvError as error:
        raise redacted_error(error, frozenset(secrets)) from None
    finally:
        register(secrets)  # the run's output layer masks them in whatever it prints
    result.secret_values = frozenset(secrets)
    result.warnings = redacted_texts(result.warnings, result.secret_values)
    return result


def _secret_variables(document: YMap) -> set[str]:
    """Variables that top-level `secrets` read with `environment:`."""
    names: set[str] = set()
    declared = document.get("secrets")
    for secret in declared.values() if isinstance(declared, dict) else ():
        if isinstance(secret, dict) and isinstance(secret.get("environment"), str):
            names.add(secret["environment"])
    return names


def _environment_and_files(options: LoadOptions, dialect: Dialect, cwd: Path,
                           os_env: dict[str, str]) -> tuple[dict[str, str], tuple[Path, ...]]:
    """The variables files are interpolated with, and the files to read."""
    if not dialect.env_files:
        given = tuple(f if str(f) == "-" else cwd / f for f in options.files)
        return dict(os_env), given or find_default_files(cwd)
    # docker compose: .env of the folder known so far, then COMPOSE_FILE or the
    # default files, then .env of the project folder those files give.
    env = {**os_env, "PWD": str(cwd)}
    files = tuple(f if str(f) == "-" else cwd / f for f in options.files)
    env = _with_env_files(env, options, cwd, _working_dir(options, files, cwd), os_env)
    if not files:
        if env.get("COMPOSE_FILE"):
            files = _files_from_env(env, cwd)
        else:
            start = (cwd / options.project_directory).resolve() \
                if options.project_directory else cwd
            files = find_default_files(start)
        env = _with_env_files(env, options, cwd, _working_dir(options, files, cwd), os_env)
    return env, files


class _File(NamedTuple):  # not a dataclass, whose methods compile at every start
    """One file read: its tree (interpolated once `interpolated`), what naming needs."""

    path: Path
    display: str
    document: YMap
    interpolated: bool
    name: _Written | None


def _read_files(options: LoadOptions, session: _Session, files: tuple[Path, ...],
                project_dir: Path, secrets: set[str]) -> list[_File]:
    """Each file parsed once.  When the environment does not wait for the project
    name, each is interpolated (a private copy) as soon as it is read, in file order."""
    dialect, env = session.dialect, session.env
    eager = dialect.project_name_variable is None
    read: list[_File] = []
    for path in files:
        is_stdin = str(path) == "-"
        display = "<stdin>" if is_stdin else _display(path)
        if not is_stdin and not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a regular file",
                             Loc(display))
        real = project_dir / "stdin.yaml" if is_stdin else path
        if is_stdin and isinstance(options.stdin_document, YMap):
            document = session.parsed(options.stdin_document, display)
        else:
            document = session.parse(real, display, options.stdin_text if is_stdin else None)
        secrets.update(secret_values(env, _secret_variables(document)))
        name = _written_name(document)
        if eager:
            document = session.interpolate(document, display)
        read.append(_File(real, display, document, eager, name))
    return read


def _load_project(options: LoadOptions, secrets: set[str]) -> LoadResult:
    cwd = (options.working_dir or Path.cwd()).resolve()
    os_env = dict(os.environ if options.os_environ is None else options.os_environ)
    warnings: list[str] = []
    dialect = dialect_of(options.dialect)
    env, files = _environment_and_files(options, dialect, cwd, os_env)
    project_dir = _working_dir(options, files, cwd)
    secrets.update(secret_values(env))
    session = _Session(env, dialect, warnings, interpolate=options.interpolate)

    read = _read_files(options, session, files, project_dir, secrets)
    name = _project_name(options, env, [f.name for f in read if f.name], project_dir)
    if dialect.project_name_variable:
        env[dialect.project_name_variable] = name  # compose-go interpolates with the final name
    schema = (options.schema or dialect.schema) \
        if options.validate_schema and dialect.schema else None
    session.schema = schema

    merged: YMap | None = None
    read.reverse()
    while read:  # each parsed tree goes once interpolation has copied it: a lower peak
        file = read.pop()
        path, raw = file.path, file.document
        document = raw if file.interpolated else session.interpolate(raw, file.display)
        del file, raw  # the parsed tree: the interpolated copy is all that is needed now
        merged = _load_one(session, document, path, project_dir, (path.resolve(),), merged)
        del document
        if schema is not None:
            schema_check.validate_document(merged, schema)
    assert merged is not None

    if "version" in merged:
        if dialect.version_obsolete:
            warnings.append(
                f"{files[0]}: the attribute `version` is obsolete, it will be ignored"
            )
        merged.pop("version", None)
    if not options.interpolate:
        merged["name"] = name  # `config --no-interpolate` prints the resolved project name
    dialect.before_normalise(merged)
    if options.before_normalise is not None:
        options.before_normalise(merged)

    normalised = normalise_project(
        merged, project_dir=project_dir, project_name=name, defaults=options.normalize,
        environment=env, resolve_paths=options.resolve_paths,
        in_place=True,  # `merged` is this load's own copy (interpolation made it)
    )
    profiles = active_profiles(options.profiles, env)
    every_service = set(normalised.get("services") or {})
    enabled = prune_unused_resources(apply_profiles(normalised, profiles))
    disabled = every_service - set(enabled.get("services") or {})
    resolved = resolve_service_environments(enabled, env)
    project = project_from_document(resolved, name)
    secrets.update(project_secret_values(project))  # credential-named service variables
    if options.check_consistency:
        check_consistency(project, disabled, compose_rules=dialect.compose_consistency)
    project = dialect.finish(project, warnings)
    return LoadResult(project=project, warnings=warnings, files=tuple(files),
                      project_dir=project_dir, losses=dialect.losses())


__all__ = ["LoadOptions", "LoadResult", "ValidationError", "load_project"]
