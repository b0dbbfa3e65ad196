"""Validate a compose document against our schema, reporting file:line:col."""

from __future__ import annotations

from typing import Any

from orchconv.errors import ValidationError
from orchconv.ir.location import Loc
from orchconv.schemas import validate
from orchconv.source.yamltree import loc_of


def locate(document: Any, path: tuple[str | int, ...]) -> Loc | None:
    """The position of the value at `path`, or of its deepest known ancestor."""
    node = document
    found = loc_of(document)
    for step in path:
        here = loc_of(node, step)
        if here is not None:
            found = here
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return found


def dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def validate_document(document: Any, name_or_dialect: str) -> None:
    """Validate against a schema name ("compose", "stack-3.8") or a dialect's default."""
    name = {"stack": "stack-3.13"}.get(name_or_dialect, name_or_dialect)
    problems = validate(document, name)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValidationError(first.message + more, locate(document, first.path))
