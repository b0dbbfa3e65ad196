"""Make a finished stack document fit the schema of its version.

Emit steps write every key swarm has in some version; here each key the
chosen version does not admit is removed with a loss (naming the newest
version when that one has it), then any value the schema still refuses is
removed too, so the output always validates.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

from orchconv.errors import ConversionError
from orchconv.location import Loc
from orchconv.schemas import format_path, schema, stack_versions, validate
from orchconv.translate.swarm.emit.context import Data, StackContext

Path = tuple[str | int, ...]
Locate = Callable[[Path], Loc]
Schema = Mapping[str, Any]

# a value the schema refuses is removed and the document checked again; a
# document needing more rounds than this has a bug behind it, not bad input
MAX_REPAIRS = 1000

_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
    (dict, "object"), (list, "array"), (type(None), "null"),
)


def _json_type(value: Any) -> str:
    return next(name for kind, name in _JSON_TYPES if isinstance(value, kind))


def _resolve(node: Schema, root: Schema) -> Schema:
    while "$ref" in node:
        node = root["definitions"][str(node["$ref"]).rsplit("/", 1)[-1]]
    return node


def _admits_type(node: Schema, value: Any) -> bool:
    declared = node.get("type")
    if declared is None:
        return True
    kinds = [declared] if isinstance(declared, str) else list(declared)
    kind = _json_type(value)
    return kind in kinds or (kind == "integer" and "number" in kinds)


def _branch(node: Schema, value: Any, root: Schema) -> Schema | None:
    """The alternative of a oneOf/anyOf that fits the value's type."""
    for key in ("oneOf", "anyOf"):
        if key in node:
            for option in node[key]:
                resolved = _resolve(option, root)
                if _admits_type(resolved, value):
                    return resolved
            return None
    return node


def _child_schema(node: Schema, key: str) -> tuple[Schema | None, bool]:
    """The schema of `node[key]`, and whether `key` is a fixed key (not a user's name)."""
    properties = node.get("properties", {})
    if key in properties:
        return properties[key], True
    for pattern, child in node.get("patternProperties", {}).items():
        if re.search(pattern, key):
            return child, False
    additional = node.get("additionalProperties", True)
    return (additional if isinstance(additional, Mapping) else None), False


def prune(value: Any, node: Schema, root: Schema, path: Path,
          drop: Callable[[Path], None]) -> None:
    """Remove, in place, every mapping key the schema does not admit.

    An option mapping left empty by that goes too (`placement: {}`); a
    user-named entry (a service, a network) stays even when emptied.
    """
    branch = _branch(_resolve(node, root), value, root)
    if branch is None:
        return
    if isinstance(value, dict):
        for key in list(value):
            child, fixed = _child_schema(branch, key)
            if child is not None:
                child_value = value[key]
                was_filled = isinstance(child_value, dict) and bool(child_value)
                prune(child_value, child, root, (*path, key), drop)
                if fixed and was_filled and not child_value:
                    del value[key]
            elif branch.get("additionalProperties", True) is False:
                drop((*path, key))
                del value[key]
    elif isinstance(value, list) and isinstance(branch.get("items"), Mapping):
        for index, item in enumerate(value):
            prune(item, branch["items"], root, (*path, index), drop)


# Keys our schemas admit (after docker/cli's schema files of those versions)
# but docker 28's own copies of the 3.4 and 3.7 schemas refuse.
STRICTER_IN_DOCKER: Mapping[str, tuple[Path, ...]] = {
    "3.4": (("services", "*", "x-*"), ("services", "*", "volumes", "*", "tmpfs"),
            ("services", "*", "credential_spec", "config")),
    "3.7": (("secrets", "*", "template_driver"), ("configs", "*", "template_driver"),
            ("services", "*", "credential_spec", "config")),
}


def _matches(pattern: str | int, step: str | int) -> bool:
    if pattern == "*":
        return True
    if isinstance(pattern, str) and pattern.endswith("*") and isinstance(step, str):
        return step.startswith(pattern[:-1])
    return pattern == step


def _drop_matching(value: Any, pattern: Path, path: Path,
                   drop: Callable[[Path], None]) -> None:
    if not pattern:
        return
    steps = list(value) if isinstance(value, dict) else (
        list(range(len(value))) if isinstance(value, list) else [])
    for step in steps:
        if not _matches(pattern[0], step):
            continue
        if len(pattern) == 1:
            drop((*path, step))
            del value[step]
        else:
            _drop_matching(value[step], pattern[1:], (*path, step), drop)


def prune_for_docker(document: Data, version: str, drop: Callable[[Path], None]) -> None:
    """Remove the keys docker refuses although our schema of `version` admits them."""
    for pattern in STRICTER_IN_DOCKER.get(version, ()):
        _drop_matching(document, pattern, (), drop)


def _dropped_paths(document: Data, version: str) -> set[Path]:
    dropped: set[Path] = set()
    root = schema(f"stack-{version}")
    prune(copy.deepcopy(document), root, root, (), dropped.add)
    return dropped


def _remove(document: Data, path: Path) -> None:
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]


def fit_to_version(document: Data, ctx: StackContext, locate: Locate) -> None:
    version = ctx.options.stack_version
    latest = stack_versions()[-1]
    in_latest = _dropped_paths(document, latest) if version != latest else set()

    def drop(path: Path) -> None:
        if version != latest and path not in in_latest:
            reason = f"stack file version {version} has no such key; version {latest} has"
        else:
            reason = "stack files have no such key"
        ctx.lose(locate(path), format_path(path), reason)

    root = schema(f"stack-{version}")
    prune(document, root, root, (), drop)
    prune_for_docker(document, version, drop)
    for _ in range(MAX_REPAIRS):
        problems = validate(document, f"stack-{version}")
        if not problems:
            return
        first = problems[0]
        if not first.path:
            break
        ctx.lose(locate(first.path), format_path(first.path),
                 f"not valid in stack file version {version}: {first.message}")
        _remove(document, first.path)
    raise ConversionError(f"the stack file does not fit stack file version {version}")
