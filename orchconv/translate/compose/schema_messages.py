"""Schema problems in the compose-spec's words, for people rather than for jsonschema.

`services.web.enviroment: additional property 'enviroment' is not allowed`
becomes `unknown key 'enviroment' in service 'web'; did you mean 'environment'?`
and `None is not of type 'object'` becomes `service 'web' must be a mapping, not
null`.  Messages name keys and types, never a value (values may be secrets).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import cache
from typing import Any

from orchconv.schemas import SchemaProblem, format_path, schema

PathPart = str | int

# top-level sections whose keys are names the user chose, and what one entry is called
SECTION_NOUNS = {
    "services": "service",
    "networks": "network",
    "volumes": "volume",
    "secrets": "secret",
    "configs": "config",
    "models": "model",
}
_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "greater than",
    "exclusiveMaximum": "less than",
}


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`; did you mean 'x'?` for the closest choice, or "" when none is close."""
    close = difflib.get_close_matches(word, [c for c in choices if isinstance(c, str)], 1, 0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _owner(path: Sequence[PathPart]) -> tuple[str, Sequence[PathPart]]:
    """("services", "web", "ports") -> ("service 'web'", ("ports",))."""
    if len(path) >= 2 and isinstance(path[0], str) and path[0] in SECTION_NOUNS:
        return f"{SECTION_NOUNS[path[0]]} {path[1]!r}", path[2:]
    return "", path


def subject(path: Sequence[PathPart]) -> str:
    """What a message is about: `service 'web': 'ports'`, `service 'web'`, `'name'`."""
    owner, rest = _owner(path)
    if owner and rest:
        return f"{owner}: {format_path(rest)!r}"
    if owner:
        return owner
    return f"{format_path(rest)!r}" if rest else "the file"


def _types(names: Sequence[Any]) -> str:
    # null only ever means "not set": naming it beside real types adds nothing
    named = [n for n in dict.fromkeys(names) if n != "null"] or list(names)
    words = [_TYPE_WORDS.get(str(n), str(n)) for n in named]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _found(problem: SchemaProblem) -> str:
    return f", not {_TYPE_WORDS[problem.found]}" if problem.found in _TYPE_WORDS else ""


# service keys whose own keys are often written one level too high
_SERVICE_SUBSECTIONS = ("deploy", "build", "healthcheck", "logging")


@cache
def _subsection_keys() -> dict[str, str]:
    """key -> the service subsection it belongs to (`restart_policy` -> `deploy`)."""
    whole = schema("compose")
    service = whole["definitions"]["service"]["properties"]
    found: dict[str, str] = {}
    for section in _SERVICE_SUBSECTIONS:
        rules = service.get(section, {})
        ref = rules.get("$ref", "")
        if ref.startswith("#/definitions/"):
            rules = whole["definitions"][ref.rsplit("/", 1)[1]]
        for branch in [rules, *rules.get("oneOf", []), *rules.get("anyOf", [])]:
            for key in branch.get("properties", {}) if isinstance(branch, dict) else ():
                if key not in service:
                    found.setdefault(key, section)
    return found


def _hint(key: str, parent: Sequence[PathPart], known: Sequence[str]) -> str:
    """Where the key belongs (a service key written one level too high), else the
    closest known key."""
    if len(parent) == 2 and parent[0] == "services":
        section = _subsection_keys().get(key)
        if section:
            return f"; it belongs under {section!r}"
    return did_you_mean(key, known)


def _unknown_key(path: Sequence[PathPart], known: Sequence[str]) -> str:
    key, parent = str(path[-1]), path[:-1]
    hint = _hint(key, parent, known)
    if not parent:
        return f"unknown top-level key {key!r}{hint}"
    owner, rest = _owner(parent)
    if owner and rest:
        where = f"{format_path(rest)!r} of {owner}"
    elif owner:
        where = owner
    else:
        where = repr(format_path(parent))
    return f"unknown key {key!r} in {where}{hint}"


def _invalid_name(path: Sequence[PathPart]) -> str:
    section = path[0] if path else ""
    noun = SECTION_NOUNS.get(str(section), "name")
    what = f"{noun} name" if noun != "name" else "name"
    return (f"invalid {what} {str(path[-1])!r}: use only letters, digits, '.', '_' and '-',"
            " starting with a letter or digit")


def describe(problem: SchemaProblem) -> str:
    """One sentence for one problem."""
    path, rule, expected = problem.path, problem.rule, problem.expected
    if rule == "additionalProperties" and path:
        return _unknown_key(path, [str(k) for k in expected])
    if rule == "name" and path:
        return _invalid_name(path)
    what = subject(path)
    if rule == "type" and expected:
        return f"{what} must be {_types(expected)}{_found(problem)}"
    if rule == "enum" and expected:
        return f"{what} must be one of {', '.join(repr(v) for v in expected)}"
    if rule == "pattern" and expected:
        return f"{what} must be {expected[0]}"
    if rule in _BOUNDS and expected:
        return f"{what} must be {_BOUNDS[rule]} {expected[0]}"
    if rule in ("minLength", "minItems", "minProperties") and expected == (1,):
        return f"{what} must not be empty"
    if rule == "required" and expected:
        return f"{what} is missing {' and '.join(repr(k) for k in expected)}"
    if rule == "anyOfRequired" and expected:
        return f"{what} needs {' or '.join(repr(k) for k in expected)}"
    if rule == "uniqueItems":
        return f"{what} must not list the same item twice"
    if rule in ("oneOf", "anyOf"):
        if problem.message.endswith("more than one allowed form"):
            return f"{what} matches more than one allowed form"
        return f"{what} is not in any form the compose specification allows"
    if rule == "keyType" and path:
        return f"key {path[-1]} in {subject(path[:-1])} must be a string{_found(problem)}"
    return f"{what}: {problem.message}" if path else problem.message
