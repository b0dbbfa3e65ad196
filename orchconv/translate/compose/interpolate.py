"""Variable interpolation in Compose files, in two dialects.

``compose`` is what `docker compose config` does (compose-go's template
package): ``$VAR``, ``${VAR}``, ``${VAR:-d}``, ``${VAR-d}``, ``${VAR:?e}``,
``${VAR?e}``, ``${VAR:+r}``, ``${VAR+r}``, with interpolation nested inside
the operand, which is always evaluated, even when it is not used (so a
``${A:-${B:?e}}`` fails on an unset B although A is set).  ``$$`` is a literal
``$``; a ``$`` that starts nothing (``$ ``, ``$1``, ``$}``) stays as written;
a ``${`` that is not a valid expression is an error.

``stack`` is what `docker stack deploy` does (docker/cli's older template):
only ``:-``, ``-``, ``:?`` and ``?``, no nesting (an operand ends at the
first ``}``), the operators also apply to unbraced ``$VAR-default``, and any
``$`` that starts nothing valid is an error.  docker/cli keeps only the
outcome of the *last* ``$`` expression of a value, so an error followed by a
valid expression is forgotten; that is mirrored here.

Mapping keys are never interpolated, only values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.tree import map_strings
from orchconv.translate.compose.typecast import (
    Dialect,
    PathPart,
    Warn,
    cast_scalar_at,
    format_path,
)

Lookup = Callable[[str], str | None]
OnUnset = Callable[[str], None]
# told of each unset variable a plain `$VAR`/`${VAR}` reads, with the value's position
OnUnsetAt = Callable[[str, Loc | None], None]

# Operands can nest ${...}; past this depth the value is refused, not recursed.
MAX_NESTING = 64

_NAME = r"[_A-Za-z][_A-Za-z0-9]*"


# compose-go: a braced operand runs greedily to the last "}" of the line; the
# expression itself ends at the first balanced "}" (see _closing_brace).
@cache
def _compose_token() -> re.Pattern[str]:
    return re.compile(
        rf"\$(?:(?P<escaped>\$)|(?P<named>{_NAME})"
        rf"|\{{(?:(?P<braced>{_NAME}(?::?[-+?].*)?)\}}|(?P<invalid>)))"
    )


# docker/cli: the same operand syntax braced or not, ending at the first "}".
_STACK_SUBSTITUTION = rf"{_NAME}(?::?[-?][^}}]*)?"


@cache
def _stack_token() -> re.Pattern[str]:
    return re.compile(
        rf"\$(?:(?P<escaped>\$)|(?P<named>{_STACK_SUBSTITUTION})"
        rf"|\{{(?P<braced>{_STACK_SUBSTITUTION})\}}|(?P<invalid>))"
    )


@cache
def _name_prefix() -> re.Pattern[str]:
    return re.compile(_NAME)


class TemplateError(Exception):
    """Interpolation failed; callers turn this into a located InputError."""


class InvalidTemplate(TemplateError):
    """Bad syntax at 1-based character `position` of the value."""

    def __init__(self, position: int, reason: str = "bad substitution") -> None:
        super().__init__(position, reason)
        self.position = position
        self.reason = reason


class MissingRequired(TemplateError):
    """A ``${VAR:?reason}`` (or ``?``) whose variable is missing."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)
        self.name = name
        self.reason = reason

    def describe(self) -> str:
        suffix = f": {self.reason}" if self.reason else ""
        return f"required variable {self.name} is missing a value{suffix}"


def substitute(
    text: str,
    lookup: Lookup,
    *,
    dialect: Dialect = "compose",
    on_unset: OnUnset | None = None,
) -> str:
    """`text` with its variables replaced; raises TemplateError on failure."""
    if dialect == "stack":
        return _StackSubstitution(lookup, on_unset).run(text)
    return _ComposeSubstitution(lookup, on_unset).run(text, 0, 0)


def interpolate_text(
    text: str,
    lookup: Lookup,
    *,
    loc: Loc | None = None,
    dialect: Dialect = "compose",
    on_unset: OnUnset | None = None,
    path: str | None = None,
) -> str:
    """`text` interpolated; errors are InputErrors at `loc` naming `path`."""
    try:
        return substitute(text, lookup, dialect=dialect, on_unset=on_unset)
    except TemplateError as error:
        raise template_input_error(error, loc, path) from None


def template_input_error(error: TemplateError, loc: Loc | None, path: str | None) -> InputError:
    """The user-facing message; it never repeats the value, which may hold a secret."""
    where = f" for {path}" if path else ""
    if isinstance(error, MissingRequired):
        prefix = f"error while interpolating {path}: " if path else ""
        return InputError(prefix + error.describe(), loc)
    assert isinstance(error, InvalidTemplate)
    return InputError(
        f"invalid interpolation format{where}: {error.reason} at character {error.position};"
        " you may need to escape any $ with another $",
        loc,
    )


def interpolate_tree(
    value: Any,
    lookup: Lookup,
    *,
    dialect: Dialect = "compose",
    cast: bool = False,
    on_unset: OnUnsetAt | None = None,
    warn: Warn | None = None,
) -> Any:
    """A copy of `value` with every string value (not key) interpolated.

    YMap/YSeq come back as new YMap/YSeq with the same locations; errors point
    at the scalar, and so does `on_unset`.  With `cast`, strings at the typed
    paths of the dialect are converted as compose-go (every string there) or
    docker/cli (only strings that interpolation changed) do; see typecast.py.
    """

    def visit(text: str, path: Sequence[PathPart], loc: Loc | None) -> Any:
        result = interpolate_text(
            text, lookup, loc=loc, dialect=dialect, on_unset=_at(on_unset, loc),
            path=format_path(path) if path else None,
        ) if "$" in text else text
        if not cast or (dialect == "stack" and result == text):
            return result
        return cast_scalar_at(path, result, loc, dialect=dialect, warn=warn)

    # without a cast only a string holding "$" can change
    return map_strings(value, visit, containing="" if cast else "$")


def _at(on_unset: OnUnsetAt | None, loc: Loc | None) -> OnUnset | None:
    return None if on_unset is None else (lambda name: on_unset(name, loc))


def unset_warning(name: str) -> str:
    """docker compose's words for a variable read while unset."""
    return f'The "{name}" variable is not set. Defaulting to a blank string.'


class _Substitution:
    """What both dialects share: the lookup, and a plain variable's value."""

    def __init__(self, lookup: Lookup, on_unset: OnUnset | None) -> None:
        self.lookup = lookup
        self.on_unset = on_unset

    def plain(self, name: str) -> str:
        """`$NAME` or `${NAME}`: its value, or "" (and the unset callback) when it is unset."""
        value = self.lookup(name)
        if value is None:
            if self.on_unset is not None:
                self.on_unset(name)
            return ""
        return value


class _ComposeSubstitution(_Substitution):
    def run(self, text: str, base: int, depth: int) -> str:
        """`base` is where `text` starts in the outermost value, for positions."""
        if depth > MAX_NESTING:
            raise InvalidTemplate(base + 1, f"nesting deeper than {MAX_NESTING} levels")
        out: list[str] = []
        pos = 0
        while (dollar := text.find("$", pos)) >= 0:
            match = _compose_token().match(text, dollar)
            if match is None:  # "$" before anything else is literal
                out.append(text[pos : dollar + 1])
                pos = dollar + 1
                continue
            out.append(text[pos:dollar])
            if match["escaped"]:
                out.append("$")
                pos = match.end()
            elif match["named"]:
                out.append(self.plain(match["named"]))
                pos = match.end()
            elif match["braced"] is None:
                raise InvalidTemplate(base + dollar + 1)
            else:
                closing = _closing_brace(text, dollar, match.end())
                out.append(self.braced(text[dollar + 2 : closing], base + dollar + 2, depth))
                pos = closing + 1
        out.append(text[pos:])
        return "".join(out)

    def braced(self, inner: str, base: int, depth: int) -> str:
        name_match = _name_prefix().match(inner)
        assert name_match is not None  # the token pattern guarantees a name
        name = name_match.group()
        rest = inner[len(name) :]
        if not rest:
            return self.plain(name)
        operator = rest[:2] if rest[0] == ":" else rest[0]
        operand_start = len(name) + len(operator)
        operand = inner[operand_start:]
        # compose-go expands the operand before it looks at the variable, so an
        # error inside an operand counts even when the operand is not used.
        expanded = self.run(operand, base + operand_start, depth + 1)
        value = self.lookup(name)
        empty_counts = operator.startswith(":")
        if operator in (":-", "-"):
            missing = value is None or (empty_counts and value == "")
            return expanded if missing else (value or "")
        if operator in (":+", "+"):
            present = value is not None and (not empty_counts or value != "")
            return expanded if present else (value or "")
        missing = value is None or (empty_counts and value == "")
        if missing:
            raise MissingRequired(name, expanded)
        return value or ""


def _closing_brace(text: str, dollar: int, match_end: int) -> int:
    """Index in `text` of the "}" that closes the expression starting at `dollar`.

    compose-go counts every "{" as an opening (and skips the character after
    it) and stops at the "}" that balances the first one; when nothing
    balances, the whole greedy match is the expression.
    """
    depth = 0
    index = dollar
    while index < match_end:
        char = text[index]
        if char == "}":
            depth -= 1
            if depth == 0:
                return index
        if char == "{":
            depth += 1
            index += 1
        index += 1
    return match_end - 1


class _StackSubstitution(_Substitution):
    def run(self, text: str) -> str:
        out: list[str] = []
        outcome: TemplateError | None = None
        pos = 0
        while (dollar := text.find("$", pos)) >= 0:
            match = _stack_token().match(text, dollar)
            assert match is not None  # the empty "invalid" branch always matches
            out.append(text[pos:dollar])
            pos = match.end()
            if match["escaped"]:
                out.append("$")
                continue
            expression = match["named"] or match["braced"]
            if not expression:
                outcome = InvalidTemplate(dollar + 1)
                continue
            try:
                out.append(self.expand(expression))
                outcome = None  # docker/cli forgets earlier errors here
            except MissingRequired as error:
                outcome = error
        out.append(text[pos:])
        if outcome is not None:
            raise outcome
        return "".join(out)

    def expand(self, expression: str) -> str:
        """docker/cli tries ":-", "-", ":?", "?" in that order on the raw text."""
        for operator in (":-", "-", ":?", "?"):
            if operator not in expression:
                continue
            name, _, operand = expression.partition(operator)
            value = self.lookup(name)
            empty_counts = operator.startswith(":")
            missing = value is None or (empty_counts and value == "")
            if operator.endswith("-"):
                return operand if missing else (value or "")
            if missing:
                raise MissingRequired(name, operand)
            return value or ""
        return self.plain(expression)
