"""`orchconv schema` prints schemas an editor can use: `$schema`, `$id`, a description per key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from orchconv.cli import main
from orchconv.schemas import stack_versions

SCHEMA_ARGS = [[], *(["--stack-version", v] for v in stack_versions())]


def printed(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def properties(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, schema) of a named property, anywhere in the document."""
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            yield f"{path}.{key}", sub
        for key, sub in node.items():
            yield from properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from properties(sub, f"{path}/{index}")


@pytest.mark.parametrize("args", SCHEMA_ARGS, ids=["compose", *stack_versions()])
def test_every_key_has_a_description(args: list[str]) -> None:
    schema = printed(args)
    found = list(properties(schema))
    assert len(found) > 100
    undescribed = [path for path, sub in found
                   if not (isinstance(sub, dict) and str(sub.get("description", "")).strip())]
    assert undescribed == []


@pytest.mark.parametrize("args", SCHEMA_ARGS, ids=["compose", *stack_versions()])
def test_top_names_the_draft_and_its_own_address(args: list[str]) -> None:
    schema = printed(args)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    name = f"stack-{args[1]}" if args else "compose"
    assert schema["$id"].startswith("https://")
    assert schema["$id"].endswith(f"/orchconv/schemas/{name}.schema.json")


def test_descriptions_say_what_the_key_does() -> None:
    definitions = printed([])["definitions"]
    service = definitions["service"]["properties"]
    assert "ENTRYPOINT" in service["entrypoint"]["description"]
    assert "10s" in service["stop_grace_period"]["description"]
    # a shared shape is described where it is used: stack files inline deploy
    stack = printed(["--stack-version", "3.8"])["definitions"]["service"]["properties"]
    assert stack["deploy"]["properties"]["replicas"]["description"] == \
        definitions["deployment"]["properties"]["replicas"]["description"]


def test_editor_docs_point_at_the_schemas_addresses() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "editors.md").read_text()
    compose_id = printed([])["$id"]
    assert f"# yaml-language-server: $schema={compose_id}\n" in doc
    settings = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    assert "compose.yaml" in settings["yaml.schemas"]["./.vscode/compose.schema.json"]
