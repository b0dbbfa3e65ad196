"""Write the IR as canonical compose, like `docker compose config` prints it."""

from __future__ import annotations

import json
from typing import Any

import yaml

from orchconv.ir.codec import encode
from orchconv.ir.project import Project

TOP_LEVEL_ORDER = ("name", "services", "networks", "volumes", "secrets", "configs", "models")


def project_to_data(project: Project) -> dict[str, Any]:
    data = encode(project)
    data["name"] = project.name
    ordered = {key: data[key] for key in TOP_LEVEL_ORDER if key in data}
    ordered.update((k, v) for k, v in data.items() if k not in ordered)
    return ordered


class _ComposeDumper(yaml.SafeDumper):
    """Block style with indented sequences, as go-yaml writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ComposeDumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_ComposeDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=10_000,
        indent=2,
    )


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def emit_compose(project: Project, fmt: str = "yaml") -> str:
    data = project_to_data(project)
    return dump_json(data) if fmt == "json" else dump_yaml(data)
