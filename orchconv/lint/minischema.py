"""A small JSON Schema (draft-07) checker for our own hand-written schemas.

The lint config is read on every `orchconv lint`, where importing jsonschema
or compiling with fastjsonschema would cost more than the whole lint of a
small file.  This walks the schema directly, supports the keywords our
schemas use (anything else raises, so a schema cannot silently outgrow it),
and reports each problem with the path of the offending value, which the
caller turns into a file:line:col.  tests/lint/test_config.py checks that it
agrees with jsonschema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

PathPart = str | int


@dataclass(frozen=True, slots=True)
class Problem:
    """One place where a document breaks the schema."""

    path: tuple[PathPart, ...]
    message: str
    about_key: bool = False  # the key at the end of `path` is wrong, not its value



SUPPORTED = frozenset({
    "$schema", "$id", "$ref", "title", "description", "definitions", "default", "examples",
    "type", "enum", "const", "properties", "patternProperties", "additionalProperties",
    "propertyNames", "required", "items", "uniqueItems", "minItems", "pattern", "minLength",
    "minimum", "maximum", "oneOf", "anyOf",
})
_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,),
    "integer": (int,), "number": (int, float), "null": (type(None),),
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of orchconv's schema files (orchconv/schemas/<name>.schema.json)."""
    from importlib import resources

    text = resources.files("orchconv.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def problems(instance: Any, schema: Mapping[str, Any]) -> list[Problem]:
    """Every problem of `instance`, in document order; [] when it is valid."""
    return list(_check(instance, schema, schema, ()))


def _check(value: Any, rules: Mapping[str, Any], root: Mapping[str, Any],
           path: tuple[PathPart, ...]) -> Iterator[Problem]:
    unknown = set(rules) - SUPPORTED
    if unknown:
        raise ValueError(f"schema keyword(s) not supported: {', '.join(sorted(unknown))}")
    if "$ref" in rules:
        yield from _check(value, _resolve(rules["$ref"], root), root, path)
    if "type" in rules and not _is_type(value, rules["type"]):
        yield Problem(path, f"must be {_describe(rules)}")
        return
    if "enum" in rules and value not in rules["enum"]:
        yield Problem(path, f"must be {_describe(rules)}")
    if "const" in rules and value != rules["const"]:
        yield Problem(path, f"must be {rules['const']!r}")
    for keyword in ("oneOf", "anyOf"):
        if keyword in rules:
            yield from _alternatives(value, rules, keyword, root, path)
    if isinstance(value, dict):
        yield from _check_object(value, rules, root, path)
    elif isinstance(value, list):
        yield from _check_array(value, rules, root, path)
    elif isinstance(value, str):
        if "pattern" in rules and not re.search(rules["pattern"], value):
            yield Problem(path, f"{value!r} is not {rules.get('description', 'valid here')}")
        if "minLength" in rules and len(value) < rules["minLength"]:
            yield Problem(path, "must not be empty" if rules["minLength"] == 1 else "is too short")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in rules and value < rules["minimum"]:
            yield Problem(path, f"must be at least {rules['minimum']}")
        if "maximum" in rules and value > rules["maximum"]:
            yield Problem(path, f"must be at most {rules['maximum']}")


def _alternatives(value: Any, rules: Mapping[str, Any], keyword: str,
                  root: Mapping[str, Any], path: tuple[PathPart, ...]) -> Iterator[Problem]:
    results = [list(_check(value, option, root, path)) for option in rules[keyword]]
    matched = sum(1 for found in results if not found)
    if keyword == "oneOf" and matched > 1:
        yield Problem(path, "matches more than one allowed form")
    if matched:
        return
    # a value of the right type that failed inside: explain that branch
    typed = [found for option, found in zip(rules[keyword], results, strict=True)
             if _is_type(value, _resolve_type(option, root))]
    if len(typed) == 1:
        yield from typed[0]
    else:
        yield Problem(path, f"must be {rules.get('description') or 'one of the allowed forms'}")


def _check_object(value: dict[Any, Any], rules: Mapping[str, Any], root: Mapping[str, Any],
                  path: tuple[PathPart, ...]) -> Iterator[Problem]:
    for key in rules.get("required", ()):
        if key not in value:
            yield Problem(path, f"{key!r} is required")
    properties = rules.get("properties", {})
    patterns = rules.get("patternProperties", {})
    extra = rules.get("additionalProperties", True)
    names = rules.get("propertyNames")
    for key, item in value.items():
        where = (*path, key)
        if names is not None:
            for found in _check(key, names, root, where):
                yield Problem(where, f"key {found.message}", about_key=True)
        matched = False
        if key in properties:
            matched = True
            yield from _check(item, properties[key], root, where)
        for pattern, sub in patterns.items():
            if re.search(pattern, key):
                matched = True
                yield from _check(item, sub, root, where)
        if matched:
            continue
        if extra is False:
            yield Problem(where, f"unknown key {key!r}", about_key=True)
        elif isinstance(extra, Mapping):
            yield from _check(item, extra, root, where)


def _check_array(value: list[Any], rules: Mapping[str, Any], root: Mapping[str, Any],
                 path: tuple[PathPart, ...]) -> Iterator[Problem]:
    if "minItems" in rules and len(value) < rules["minItems"]:
        yield Problem(path, f"needs at least {rules['minItems']} item(s)")
    if rules.get("uniqueItems"):
        seen: list[Any] = []
        for index, item in enumerate(value):
            if item in seen:
                yield Problem((*path, index), f"{item!r} is listed twice")
            seen.append(item)
    if "items" in rules:
        for index, item in enumerate(value):
            yield from _check(item, rules["items"], root, (*path, index))


def _resolve(reference: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    if not reference.startswith("#/"):
        raise ValueError(f"only local references are supported, not {reference!r}")
    target: Any = root
    for part in reference[2:].split("/"):
        target = target[part]
    resolved: Mapping[str, Any] = target
    return resolved


def _resolve_type(rules: Mapping[str, Any], root: Mapping[str, Any]) -> Any:
    while "type" not in rules and "$ref" in rules:
        rules = _resolve(rules["$ref"], root)
    return rules.get("type")


def _is_type(value: Any, expected: Any) -> bool:
    if expected is None:
        return True
    names = [expected] if isinstance(expected, str) else list(expected)
    for name in names:
        if isinstance(value, bool) and name not in ("boolean",):
            continue
        if isinstance(value, _TYPES[name]):
            return True
    return False


def _describe(rules: Mapping[str, Any]) -> str:
    if "enum" in rules:
        return "one of " + ", ".join(repr(v) for v in rules["enum"])
    expected = rules["type"]
    names = [expected] if isinstance(expected, str) else list(expected)
    article = {"object": "a mapping", "array": "a list", "string": "a string",
               "boolean": "true or false", "integer": "an integer", "number": "a number",
               "null": "null"}
    return " or ".join(article[n] for n in names)
