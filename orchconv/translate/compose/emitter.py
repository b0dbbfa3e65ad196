"""Write the IR as canonical compose, like `docker compose config` prints it."""

from __future__ import annotations

from typing import Any

from orchconv.ir.codec import encode
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.source.yamlout import dump_json, dump_yaml

TOP_LEVEL_ORDER = ("name", "services", "networks", "volumes", "secrets", "configs", "models")


def _service_data(service: Service) -> dict[str, Any]:
    """compose prints a service's keys sorted, with env_file folded into environment."""
    data: dict[str, Any] = encode(service)
    if service.env_file:
        environment: dict[str, Any] = {}
        for env_file in service.env_file:
            environment.update(env_file.values)
        environment.update(service.environment)
        data["environment"] = {k: environment[k] for k in sorted(environment)}
        del data["env_file"]
    return {key: data[key] for key in sorted(data)}


def project_to_data(project: Project) -> dict[str, Any]:
    data = encode(project)
    data["name"] = project.name
    if project.services:
        data["services"] = {n: _service_data(project.services[n]) for n in sorted(project.services)}
    ordered = {key: data[key] for key in TOP_LEVEL_ORDER if key in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return ordered


def emit_compose(project: Project, fmt: str = "yaml") -> str:
    data = project_to_data(project)
    return dump_json(data) if fmt == "json" else dump_yaml(data)
