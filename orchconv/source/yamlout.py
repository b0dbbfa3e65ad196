"""Dump plain data as YAML: block style, through libyaml's emitter for speed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import yaml


class _BlockDumper(yaml.CSafeDumper):
    """libyaml's emitter; multi-line strings as literal blocks."""


def _str_presenter(dumper: _BlockDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.startswith((" ", "\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str_presenter)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_BlockDumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=10_000,
        indent=2,
    )


def dump_yaml_documents(documents: Iterable[Any]) -> str:
    return "".join("---\n" + dump_yaml(d) for d in documents)


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
