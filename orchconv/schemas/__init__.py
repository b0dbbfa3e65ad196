"""orchconv's JSON Schemas (package data) and a validator that explains failures.

Names are "compose" and "stack-3.0" ... "stack-3.13" (written by
`scripts/gen_schemas.py`; do not edit them by hand), plus any other
`<name>.schema.json` shipped here, such as "lint-config".

`validate` first asks fastjsonschema (compiled once per schema; the Compose one
ships precompiled) whether the document is valid at all, and only when it is
not runs jsonschema to collect every problem with its path.  Importing this
module stays cheap: both libraries load on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from orchconv.schemas.paths import PathPart, format_path
from orchconv.schemas.problem import SchemaProblem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = [
    "SchemaProblem",
    "fast_validator_code",
    "format_path",
    "json_type",
    "schema",
    "schema_text",
    "stack_versions",
    "validate",
]

# Values under these keys may be credentials; problems describe them, never quote them.
SENSITIVE_KEYS = frozenset({"environment", "args", "content", "ssh", "driver_opts", "options"})
QUOTE_LIMIT = 60


# fastjsonschema builds each nested value's name as `"...{var}".format(**locals())`
# even when nothing fails; in the large service function that copy of locals()
# dominated the run time, and an f-string says the same thing.
@cache
def _locals_format() -> re.Pattern[str]:
    return re.compile(
        r'"((?:[^"\\{}]|\{[A-Za-z_][A-Za-z0-9_]*\})*)"'  # a literal whose fields are plain names
        r"\.format\(\*\*locals\(\)\)"
    )


SUFFIX = ".schema.json"


def _file_name(name: str) -> str:
    if name in _shipped_names():
        return f"{name}{SUFFIX}"
    raise ValueError(f"unknown schema {name!r}; known: {', '.join(sorted(_shipped_names()))}")


def schema_text(name: str) -> str:
    """The schema's JSON text as shipped."""
    return _package_dir().joinpath(_file_name(name)).read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """The schema as a fresh dict (callers may change it)."""
    import json  # a plain run validates with the shipped compiled checks, not the schema

    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def _package_dir() -> Traversable:
    from importlib import resources

    return resources.files(__name__)


@cache
def _shipped_names() -> frozenset[str]:
    return frozenset(
        entry.name.removesuffix(SUFFIX)
        for entry in _package_dir().iterdir()
        if entry.name.endswith(SUFFIX)
    )


@cache
def _stack_versions() -> tuple[str, ...]:
    found = [name.removeprefix("stack-") for name in _shipped_names() if name.startswith("stack-")]
    return tuple(sorted(found, key=lambda v: tuple(int(p) for p in v.split("."))))


def stack_versions() -> list[str]:
    """The docker/cli stack schema versions we ship, oldest first ("3.0", ..., "3.13")."""
    return list(_stack_versions())


def validate(document: Any, name: str) -> list[SchemaProblem]:
    """Every problem of `document` against schema `name`, sorted by path; [] when valid."""
    fast = _fast(name)
    if _passes(fast.document, document):
        return []
    try:
        return _sorted(_collect_problems(document, name, fast))
    except TypeError:  # patterns are matched against keys, which must be strings
        return _sorted(_non_string_keys(document, ()))


def _collect_problems(document: Any, name: str, fast: _FastValidators) -> Iterator[SchemaProblem]:
    """jsonschema's findings, checking in full only the services fastjsonschema refuses.

    jsonschema is several times slower than the compiled check, so a big file
    with one bad service is checked as: the file with every service emptied,
    then each failing service on its own against the service definition.
    """
    services = document.get("services") if isinstance(document, Mapping) else None
    if not isinstance(services, Mapping) or fast.service is None:
        yield from _problems(_full_validator(name), document, ())
        return
    shell = {**document, "services": {key: {} for key in services}}
    yield from _problems(_full_validator(name), shell, ())
    name_pattern = re.compile(_service_name_pattern(name))
    for key, service in services.items():
        if name_pattern.search(key) and not _passes(fast.service, service):
            yield from _problems(_service_validator(name), service, ("services", key))


def _problems(
    validator: Validator, instance: Any, prefix: tuple[PathPart, ...]
) -> Iterator[SchemaProblem]:
    for error in validator.iter_errors(instance):
        yield from _explain(error, prefix)


# --- the fast yes/no -------------------------------------------------------


def fast_validator_code(schema_doc: Mapping[str, Any]) -> str:
    """Python source of a module whose `validate(data)` raises on any violation.

    Pass/fail is all the fast path needs (jsonschema explains failures), and the
    code must never write schema defaults into the caller's document.
    """
    import fastjsonschema

    # fastjsonschema names its entry function after `$id`; without it the entry is
    # `validate`.  Our references are all local (`#/definitions/...`), so nothing
    # else depends on the id.
    anonymous = {key: value for key, value in schema_doc.items() if key != "$id"}
    code: str = fastjsonschema.compile_to_code(
        anonymous, detailed_exceptions=False, use_default=False
    )
    return _locals_format().sub(r'f"\1"', code)


# fastjsonschema names the function for `#/definitions/service` like this
_SERVICE_FUNCTION = "validate___definitions_service"
Check = Callable[[Any], Any]


class _FastValidators:
    """The precompiled checks of one schema."""

    __slots__ = ("document", "service")

    def __init__(self, document: Check, service: Check | None) -> None:
        self.document = document
        self.service = service  # None when the generated code has no separate service function


@cache
def _fast(name: str) -> _FastValidators:
    namespace: Mapping[str, Any]
    if name == "compose":  # compiling it takes longer than validating, so it ships compiled
        from orchconv.schemas import _compiled_compose

        namespace = vars(_compiled_compose)
    else:
        namespace = {}
        exec(fast_validator_code(schema(name)), namespace)  # our own generated code
    return _FastValidators(namespace["validate"], namespace.get(_SERVICE_FUNCTION))


def _passes(check: Check, value: Any) -> bool:
    try:
        check(value)
    except (ValueError, TypeError):  # fastjsonschema's exceptions and the compiled module's
        return False
    return True


@cache
def _full_validator(name: str) -> Validator:
    from jsonschema import Draft7Validator

    return Draft7Validator(schema(name))


@cache
def _service_validator(name: str) -> Validator:
    from jsonschema import Draft7Validator

    whole = schema(name)
    return Draft7Validator({**whole, "$ref": "#/definitions/service"})


def _service_name_pattern(name: str) -> str:
    services = schema(name)["properties"]["services"]
    pattern: str = next(iter(services["patternProperties"]))
    return pattern


# --- turning jsonschema errors into problems -------------------------------


def _sorted(problems: Iterable[SchemaProblem]) -> list[SchemaProblem]:
    def key(problem: SchemaProblem) -> tuple[tuple[tuple[int, int, str], ...], str]:
        parts = tuple((1, 0, p) if isinstance(p, str) else (0, p, "") for p in problem.path)
        return parts, problem.message

    return sorted(set(problems), key=key)


def _explain(error: ValidationError, prefix: tuple[PathPart, ...]) -> Iterator[SchemaProblem]:
    path = (*prefix, *error.absolute_path)
    sensitive = not SENSITIVE_KEYS.isdisjoint(p for p in path if isinstance(p, str))
    if error.validator == "additionalProperties":
        yield from _unexpected_keys(error, path)
    elif error.validator in ("oneOf", "anyOf") and error.context:
        yield from _explain_alternatives(error, prefix, path, sensitive)
    else:
        yield SchemaProblem(path, _message(error, sensitive), str(error.validator),
                            _expected(error), json_type(error.instance))


def json_type(value: Any) -> str:
    """The JSON Schema type name of a value ("object", "array", "integer", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object" if isinstance(value, Mapping) else "array"


def _expected(error: ValidationError) -> tuple[Any, ...]:
    """What the broken keyword allows, as a tuple (see SchemaProblem)."""
    rule, value = error.validator, cast(Any, error.validator_value)
    if rule == "type":
        return tuple(_listed(value))
    if rule == "enum":
        return tuple(value)
    if rule == "required":
        present = error.instance if isinstance(error.instance, Mapping) else {}
        return tuple(key for key in value if key not in present)
    if rule == "pattern":
        rules = error.schema if isinstance(error.schema, Mapping) else {}
        return (rules.get("description") or value,)
    if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                "minLength", "maxLength", "minItems", "maxItems", "minProperties"):
        return (value,)
    return ()


def _unexpected_keys(error: ValidationError, path: tuple[PathPart, ...]) -> Iterator[SchemaProblem]:
    """One problem per unknown key, placed on that key."""
    rules = error.schema if isinstance(error.schema, Mapping) else {}
    known, patterns = rules.get("properties", {}), rules.get("patternProperties", {})
    for key in error.instance if isinstance(error.instance, Mapping) else ():
        if key in known or any(re.search(p, key) for p in patterns):
            continue
        if not known and patterns:  # a map of user-chosen names, e.g. `services`
            message = f"{key!r} is not a valid name (use letters, digits, '.', '_' and '-')"
            yield SchemaProblem((*path, key), message, "name", (), "string", on_key=True)
        else:
            message = f"additional property {key!r} is not allowed"
            yield SchemaProblem((*path, key), message, "additionalProperties",
                                tuple(known), "", on_key=True)


def _explain_alternatives(
    error: ValidationError,
    prefix: tuple[PathPart, ...],
    path: tuple[PathPart, ...],
    sensitive: bool,
) -> Iterator[SchemaProblem]:
    """A failed oneOf/anyOf: follow the alternative whose type fitted, else list the types."""
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        branch = sub.relative_schema_path[0]
        if isinstance(branch, int):
            by_branch.setdefault(branch, []).append(sub)
    near_misses = [
        subs for subs in by_branch.values()
        if not any(s.validator == "type" and not s.relative_path for s in subs)
    ]
    if len(near_misses) == 1:
        for sub in near_misses[0]:
            yield from _explain(sub, prefix)
        return
    subs = [s for branch in by_branch.values() for s in branch]
    if subs and all(s.validator == "required" and not s.relative_path for s in subs):
        keys = tuple(k for s in subs for k in _listed(s.validator_value))
        needed = " or ".join(repr(k) for k in keys)
        yield SchemaProblem(path, f"{needed} is required", "anyOfRequired", keys,
                            json_type(error.instance))
        return
    expected = [
        t
        for subs in by_branch.values()
        for s in subs
        if s.validator == "type" and not s.relative_path
        for t in _listed(s.validator_value)
    ]
    found = json_type(error.instance)
    if expected and not near_misses:
        types = tuple(dict.fromkeys(expected))
        shown = ", ".join(repr(t) for t in types)
        yield SchemaProblem(path, f"{_show(error.instance, sensitive)} is not of type {shown}",
                            "type", types, found)
    else:
        yield SchemaProblem(path, f"{_show(error.instance, sensitive)} is not valid here",
                            str(error.validator), (), found)


def _listed(value: object) -> list[Any]:
    """A keyword value that is one string or a list of them, as a list."""
    return [value] if isinstance(value, str) else list(cast(Iterable[Any], value))


def _message(error: ValidationError, sensitive: bool) -> str:
    value = _show(error.instance, sensitive)
    rule, expected = error.validator, cast(Any, error.validator_value)
    if rule == "type":
        return f"{value} is not of type {', '.join(repr(t) for t in _listed(expected))}"
    if rule == "enum":
        return f"{value} is not one of {', '.join(repr(v) for v in expected)}"
    if rule == "pattern":
        # our schemas describe each pattern in words; a regex is no help to a user
        rules = error.schema if isinstance(error.schema, Mapping) else {}
        if described := rules.get("description"):
            return f"{value} is not {described}"
        return f"{value} does not match {expected!r}"
    if rule == "minimum":
        return f"{value} is less than the minimum of {expected}"
    if rule == "maximum":
        return f"{value} is greater than the maximum of {expected}"
    if rule == "required":  # names the missing key, never a value
        return error.message
    if rule == "uniqueItems":
        return "list items must be unique"
    if rule == "oneOf":
        return f"{value} matches more than one allowed form"
    if sensitive:
        return f"value breaks the schema's {rule!r} rule"
    return error.message


def _show(value: Any, sensitive: bool) -> str:
    """A short rendering of a value that never quotes what may be a secret."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return "a string" if sensitive or len(value) > QUOTE_LIMIT else repr(value)
    return repr(value)


def _non_string_keys(value: Any, path: tuple[PathPart, ...]) -> Iterator[SchemaProblem]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                yield SchemaProblem((*path, str(key)), f"key {key!r} must be a string",
                                    "keyType", ("string",), json_type(key), on_key=True)
            else:
                yield from _non_string_keys(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_string_keys(item, (*path, index))
