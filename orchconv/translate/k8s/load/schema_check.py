"""A quick yes or no for the strict Kubernetes schemas, before jsonschema explains a no.

jsonschema walks a Deployment through thousands of keyword calls, and most
manifests are valid: for them only the yes matters.  The OpenAPI-derived
schemas use a handful of keywords (type, properties, additionalProperties,
items, required, enum, a oneOf of types, $ref), which compile here into
closures, once per definition.  A schema with any other keyword compiles to
"no", so the caller asks jsonschema: a yes from here is always jsonschema's yes
(Draft 2020-12, formats not asserted).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_DEFS = "#/$defs/"
_APPLIED = frozenset({"$ref", "type", "properties", "additionalProperties", "items",
                      "required", "enum", "oneOf"})
# Annotations: they never make an instance invalid.
_ANNOTATIONS = frozenset({"description", "format", "title", "default", "example",
                          "examples", "deprecated", "readOnly", "writeOnly", "$comment"})


def _never(_: Any) -> bool:
    return False


def _always(_: Any) -> bool:
    return True


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPE_CHECKS: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


def _json_equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema's `enum` sees it: true is not 1."""
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    return bool(one == two)


def _type_check(declared: Any) -> Check | None:
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list) or not all(n in _TYPE_CHECKS for n in names):
        return None
    checks = [_TYPE_CHECKS[n] for n in names]
    return checks[0] if len(checks) == 1 else (lambda v: any(c(v) for c in checks))


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(check(v) for check in checks)


class FastSchemas:
    """The definitions of one release, compiled on first use."""

    def __init__(self, definitions: Mapping[str, Any]) -> None:
        self._definitions = definitions
        self._compiled: dict[str, Check] = {}

    def is_valid(self, definition: str, value: Any) -> bool:
        """True only when the value is valid; False when it is not, or when unsure."""
        return self._reference(definition)(value)

    def _reference(self, name: str) -> Check:
        found = self._compiled.get(name)
        if found is not None:
            return found
        schema = self._definitions.get(name)
        if schema is None:
            return _never
        compiled: list[Check] = []

        def later(value: Any) -> bool:  # a definition may refer to itself
            return compiled[0](value)

        self._compiled[name] = later
        check = self._compile(schema)
        compiled.append(check)
        self._compiled[name] = check
        return check

    def _compile(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if not isinstance(schema, dict):
            return _never
        if any(k not in _APPLIED and k not in _ANNOTATIONS and not k.startswith("x-")
               for k in schema):
            return _never  # a keyword this module does not apply: let jsonschema decide
        checks: list[Check] = []
        if "$ref" in schema:
            reference = schema["$ref"]
            if not isinstance(reference, str) or not reference.startswith(_DEFS):
                return _never
            checks.append(self._reference(reference[len(_DEFS):]))
        if "type" in schema:
            type_check = _type_check(schema["type"])
            if type_check is None:
                return _never
            checks.append(type_check)
        if "enum" in schema:
            allowed = schema["enum"]
            if not isinstance(allowed, list):
                return _never
            checks.append(lambda v: any(_json_equal(v, a) for a in allowed))
        if "oneOf" in schema:
            one_of = self._one_of(schema["oneOf"])
            if one_of is None:
                return _never
            checks.append(one_of)
        if any(k in schema for k in ("properties", "additionalProperties", "required")):
            checks.append(self._object(schema))
        if "items" in schema:
            items = self._compile(schema["items"])
            checks.append(lambda v: not isinstance(v, list) or all(items(i) for i in v))
        return _all_of(checks)

    def _one_of(self, options: Any) -> Check | None:
        """Only alternatives of plain types, whose yes and no are both exact here."""
        if not isinstance(options, list):
            return None
        checks: list[Check] = []
        for option in options:
            if not isinstance(option, dict) or set(option) - {"type"} - _ANNOTATIONS:
                return None
            type_check = _type_check(option.get("type"))
            if type_check is None:
                return None
            checks.append(type_check)
        return lambda v: sum(1 for check in checks if check(v)) == 1

    def _object(self, schema: dict[str, Any]) -> Check:
        declared = schema.get("properties", {})
        properties = {k: self._compile(s) for k, s in declared.items()} \
            if isinstance(declared, dict) else None
        required = schema.get("required", [])
        extra = schema.get("additionalProperties", True)
        if properties is None or not isinstance(required, list):
            return _never
        others: Check | None = None if extra is False else (
            None if extra is True else self._compile(extra))
        closed = extra is False

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True  # object keywords say nothing about other types
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                known = properties.get(key)
                if known is not None:
                    if not known(item):
                        return False
                elif closed or (others is not None and not others(item)):
                    return False
            return True

        return check
