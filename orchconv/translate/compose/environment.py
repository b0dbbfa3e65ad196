"""The variables interpolation sees: .env files under the OS environment."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.files import read_text
from orchconv.translate.compose.dotenv import parse_dotenv


def resolve_environment(
    os_environ: Mapping[str, str],
    env_files: tuple[Path, ...],
    project_dir: Path,
    *,
    explicit: bool,
) -> dict[str, str]:
    """OS variables win over .env ones; later env files win over earlier ones.

    Without `--env-file`, `<project dir>/.env` is read when it exists.
    """
    files = env_files if explicit else tuple(p for p in [project_dir / ".env"] if p.is_file())
    from_files: dict[str, str] = {}
    for path in files:
        if explicit and not path.exists():
            raise InputError("env file not found", Loc(str(path)))
        if path.is_dir():
            raise InputError("env file is a directory", Loc(str(path)))

        def lookup(name: str, _seen: dict[str, str] = from_files) -> str | None:
            return os_environ.get(name, _seen.get(name))

        for key, value in parse_dotenv(read_text(path), str(path), lookup).items():
            if value is not None:
                from_files[key] = value
    merged = dict(from_files)
    merged.update(os_environ)
    return merged
