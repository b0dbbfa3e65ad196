"""Validate a compose document against our schema, reporting every problem at file:line:col.

Problems are listed in file order, each on its own line at the offending key
(an unknown key) or value (a wrong type), in the compose-spec's words
(schema_messages.py), up to MAX_SHOWN of them and a count of the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from orchconv.errors import ValidationErrors
from orchconv.location import Loc
from orchconv.schemas import SchemaProblem, validate
from orchconv.source.yamltree import loc_of

MAX_SHOWN = 20  # past this, one line counts the rest


def locate(document: Any, path: tuple[str | int, ...], *, on_key: bool = False) -> Loc | None:
    """The position of the value at `path` (of its key with `on_key`), or of its
    deepest known ancestor."""
    node = document
    found = loc_of(document)
    for index, step in enumerate(path):
        last = index == len(path) - 1
        here = loc_of(node, step, of_key=on_key and last)
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


def _file_order(document: Any, problems: list[SchemaProblem],
                ) -> list[tuple[Loc | None, SchemaProblem]]:
    """Each problem with its position, sorted as the files read (files in the order
    their first problem comes in the path order; then line and column)."""
    located = [(locate(document, p.path, on_key=p.on_key), p) for p in problems]
    files: dict[str, int] = {}
    for where, _ in located:
        files.setdefault(where.file if where else "", len(files))

    def key(item: tuple[Loc | None, SchemaProblem]) -> tuple[int, int, int]:
        where = item[0]
        if where is None:
            return (files[""], 0, 0)
        return (files[where.file], where.line, where.col)

    return sorted(located, key=key)  # stable: equal positions keep the path order


def problems_error(document: Any, problems: list[SchemaProblem],
                   explain: Callable[[SchemaProblem], str] | None = None) -> ValidationErrors:
    """One error listing `problems` (at least one) in file order, one line each;
    `explain` words each one (default: schema_messages.describe)."""
    if explain is None:  # only a file with problems pays for the messages (and difflib)
        from orchconv.translate.compose.schema_messages import describe

        explain = describe
    ordered = _file_order(document, problems)
    shown = ordered[:MAX_SHOWN]
    texts = [explain(problem) for _, problem in shown]
    locs: list[Loc | None] = [where for where, _ in shown]
    if len(ordered) > MAX_SHOWN:
        last = shown[-1][0]
        texts.append(f"and {len(ordered) - MAX_SHOWN} more schema errors")
        locs.append(Loc(last.file) if last is not None else None)
    return ValidationErrors("\n".join(texts), locs[0], tuple(locs))


def validate_document(document: Any, name: str) -> None:
    """Validate against a schema name ("compose", "stack-3.8")."""
    problems = validate(document, name)
    if problems:
        raise problems_error(document, problems)
