"""Write the IR as canonical compose, like `docker compose config` prints it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from orchconv.ir.codec import encode
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.source.yamlout import dump_json, dump_yaml
from orchconv.translate.compose.fit import fit_for_compose
from orchconv.translate.result import Conversion, Document

TOP_LEVEL_ORDER = ("name", "services", "networks", "volumes", "secrets", "configs", "models")


def _all_as_minus_one(requests: Any) -> None:
    """compose prints a device request's `count: all` as -1."""
    for request in requests if isinstance(requests, list) else []:
        if isinstance(request, dict) and request.get("count") == "all":
            request["count"] = -1


# Byte counts the IR keeps untyped (extras, mount options); compose prints them as text.
_THROTTLES = ("device_read_bps", "device_read_iops", "device_write_bps", "device_write_iops")


def _size_as_text(mapping: Any, key: str) -> None:
    if isinstance(mapping, dict) and isinstance(mapping.get(key), int) \
            and not isinstance(mapping[key], bool):
        mapping[key] = str(mapping[key])


def _untyped_sizes_as_text(data: dict[str, Any]) -> None:
    for key in ("memswap_limit", "mem_swappiness"):
        _size_as_text(data, key)
    _size_as_text(data.get("build"), "shm_size")
    for mount in data.get("volumes", []):
        _size_as_text(mount.get("tmpfs"), "size")
    blkio = data.get("blkio_config") or {}
    for key in _THROTTLES:
        for device in blkio.get(key) or []:
            _size_as_text(device, "rate")


def _service_data(service: Service) -> dict[str, Any]:
    """compose prints a service's keys sorted, with env_file folded into environment."""
    data: dict[str, Any] = encode(service)
    _untyped_sizes_as_text(data)
    _all_as_minus_one(data.get("gpus"))
    resources = data.get("deploy", {}).get("resources", {})
    for side in ("limits", "reservations"):
        _all_as_minus_one(resources.get(side, {}).get("devices"))
    if service.env_file:
        environment: dict[str, Any] = {}
        for env_file in service.env_file:
            environment.update(env_file.values)
        environment.update(service.environment)
        data["environment"] = {k: environment[k] for k in sorted(environment)}
        del data["env_file"]
    return {key: data[key] for key in sorted(data)}


def escape_dollars(value: Any) -> Any:
    """Every `$` in a value doubled, so loading the output reads the same text.

    Keys are left alone: compose never interpolates them.  (`docker compose config`
    doubles every `$` of its output, keys too, so its keys change on a reload.)
    """
    kind = type(value)
    if kind is str:
        return value.replace("$", "$$") if "$" in value else value
    if kind is dict:
        return {k: v if type(v) in _PLAIN_SCALARS else escape_dollars(v)
                for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN_SCALARS else escape_dollars(v) for v in value]
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, dict):
        return {k: escape_dollars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [escape_dollars(v) for v in value]
    return value


_PLAIN_SCALARS = frozenset({int, float, bool, type(None)})  # no `$` to escape


def project_to_data(project: Project) -> dict[str, Any]:
    """The project as a compose file holds it: canonical order, `$` escaped."""
    data = encode(replace(project, services={}))  # services are encoded one by one below
    data["name"] = project.name
    # compose always prints `services`, even empty
    data["services"] = {n: _service_data(project.services[n]) for n in sorted(project.services)}
    ordered = {key: data[key] for key in TOP_LEVEL_ORDER if key in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    result: dict[str, Any] = escape_dollars(ordered)
    return result


def emit_compose(project: Project, fmt: str = "yaml") -> str:
    data = project_to_data(project)
    return dump_json(data) if fmt == "json" else dump_yaml(data)


def compose_conversion(project: Project) -> Conversion:
    """The compose file of a project read from another format: what Compose would
    refuse is left out, with a loss (fit.py)."""
    fitted, losses = fit_for_compose(project)
    return Conversion(documents=[Document("compose", project_to_data(fitted))], losses=losses)
