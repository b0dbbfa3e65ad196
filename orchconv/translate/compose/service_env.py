"""Service environments: read env_file contents, fill bare names from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.dotenv import parse_env_file


def _read_env_file(entry: YMap, env: Mapping[str, str], where: Any) -> None:
    """Store the file's variables in the entry (`values`), as the IR keeps them."""
    path = str(entry.get("path"))
    if not Path(path).is_file():
        if entry.get("required", True):
            raise InputError(f"env file {path} not found", where)
        values: dict[str, str | None] = {}
    else:
        values = parse_env_file(read_text(path), path, env.get)
    entry.put("values", values, where, where)


def _fill_from_environment(own: dict[str, Any], env: Mapping[str, str]) -> None:
    for key, value in own.items():
        if value is None and key in env:
            own[key] = env[key]


def resolve_service_environments(document: YMap, env: Mapping[str, str]) -> YMap:
    """compose resolves `KEY` entries with no value from the environment it loaded with."""
    services = document.get("services")
    if not isinstance(services, dict):
        return document
    for service in services.values():
        if not isinstance(service, dict):
            continue
        files = service.get("env_file") or []
        for index, entry in enumerate(files):
            if isinstance(entry, YMap):
                _read_env_file(entry, env, loc_of(files, index))
        own = service.get("environment")
        if isinstance(own, dict):
            _fill_from_environment(own, env)
    return document
