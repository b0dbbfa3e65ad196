"""A service's final environment: env_file contents under `environment`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.dotenv import parse_dotenv


def _env_file_values(entry: Any, env: Mapping[str, str], where: Any) -> dict[str, str | None]:
    path = entry.get("path") if isinstance(entry, dict) else entry
    required = entry.get("required", True) if isinstance(entry, dict) else True
    file = Path(str(path))
    if not file.is_file():
        if required:
            raise InputError(f"env file {path} not found", where)
        return {}
    return parse_dotenv(read_text(file), str(path), env.get)


def resolve_service_environments(document: YMap, env: Mapping[str, str]) -> YMap:
    """Merge env_file values under each service's environment; fill bare names from env."""
    services = document.get("services")
    if not isinstance(services, dict):
        return document
    for service in services.values():
        if not isinstance(service, YMap):
            continue
        files = service.get("env_file") or []
        own = service.get("environment") or {}
        if not files and not any(v is None for v in own.values()):
            continue
        merged: dict[str, str | None] = {}
        for index, entry in enumerate(files):
            merged.update(_env_file_values(entry, env, loc_of(files, index)))
        result = YMap(own.loc if isinstance(own, YMap) else service.loc)
        for key, value in merged.items():
            result.put(key, value, result.loc, result.loc)
        for key, value in own.items():
            key_loc = loc_of(own, key, of_key=True) or result.loc
            result.put(key, value, key_loc, loc_of(own, key) or key_loc)
        for key, value in list(result.items()):
            if value is None and key in env:
                result[key] = env[key]
        key_loc = service.key_locs.get("environment", service.loc)
        service.put("environment", result, key_loc, service.val_locs.get("environment", key_loc))
    return document
