"""`.env` files as compose-go's dotenv parser reads them.

One statement per `KEY=value` (or `KEY: value`), optionally after `export `;
`#` starts a comment line; blank lines are skipped.  Values:

- unquoted: up to the end of the line, cut at the first ` #`, trailing
  whitespace dropped, then interpolated;
- single-quoted: literal, may span lines; only `\\'` is unescaped;
- double-quoted: may span lines; `\\a \\b \\f \\n \\r \\t \\v \\\\ \\" \\$` and
  `\\0ooo` (octal) are unescaped, other backslashes stay; then interpolated.

Interpolation uses compose's syntax; a name resolves first through `lookup`
(the environment wins), then through the keys set earlier in the same file.
A bare `KEY` statement takes the value from `lookup` (None when unset).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.files import read_text
from orchconv.translate.compose.interpolate import (
    InvalidTemplate,
    Lookup,
    MissingRequired,
    TemplateError,
    substitute,
)

# dotenv's "space": whitespace that is not a line break.
_INLINE_SPACE = frozenset("\t\v\f\r \x85\xa0")
_LATIN1_SPACE = frozenset("\t\n\v\f\r \x85\xa0")
_KEY_PUNCTUATION = frozenset("_.-[]")


@cache
def _export() -> re.Pattern[str]:
    return re.compile(r"export[\t\n\f\r ]+")


@cache
def _escape() -> re.Pattern[str]:
    return re.compile(r"\\(?:[abcfnrtv$\"\\]|0[0-9]{0,3})")


_SIMPLE_ESCAPES = {
    # Go has no \c escape: it stays as written.
    "a": "\a", "b": "\b", "c": "\\c", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
    '"': '"', "\\": "\\", "$": "$$",
}


def parse_dotenv(text: str, file: str, lookup: Lookup) -> dict[str, str | None]:
    """The variables `text` (the contents of `file`) sets, in file order."""
    return _Parser(text.removeprefix("\ufeff"), file, lookup).run()


def parse_env_file(text: str, file: str, lookup: Lookup) -> dict[str, str | None]:
    """An `env_file:` of a service: as `parse_dotenv`, but a statement with no name
    (`=x`) is refused.  compose-go's parser takes it, and then the engine refuses
    to create the container ("invalid environment variable"); a `.env` file only
    feeds interpolation, where such a line is harmless, and keeps compose's leniency."""
    return _Parser(text.removeprefix("\ufeff"), file, lookup, names_required=True).run()


def load_env_files(paths: Sequence[Path], lookup: Lookup) -> dict[str, str]:
    """Several env files as compose reads `--env-file`s: later files win.

    While a file is parsed, names resolve through `lookup` first and then
    through what the earlier files set.  Unset bare keys are left out.
    """
    merged: dict[str, str] = {}

    def chained(name: str) -> str | None:
        value = lookup(name)
        return value if value is not None else merged.get(name)

    for path in paths:
        for key, value in parse_dotenv(read_text(path), str(path), chained).items():
            if value is not None:
                merged[key] = value
    return merged


def _is_go_space(char: str) -> bool:
    """Go's unicode.IsSpace (Python's isspace also counts \\x1c-\\x1f)."""
    return char in _LATIN1_SPACE or (char > "\xff" and char.isspace())


def _rstrip_go_space(text: str) -> str:
    end = len(text)
    while end and _is_go_space(text[end - 1]):
        end -= 1
    return text[:end]


def _is_key_char(char: str) -> bool:
    if char.isascii():
        return char in _KEY_PUNCTUATION or char.isalnum()
    import unicodedata  # non-ASCII keys are rare

    return unicodedata.category(char)[0] in "LN"


class _Parser:
    def __init__(self, text: str, file: str, lookup: Lookup, *,
                 names_required: bool = False) -> None:
        self.text = text
        self.file = file
        self.lookup = lookup
        self.names_required = names_required
        self.values: dict[str, str | None] = {}

    def loc(self, offset: int) -> Loc:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return Loc(self.file, line, column)

    def run(self) -> dict[str, str | None]:
        pos = self.next_statement(0)
        while pos < len(self.text):
            pos = self.next_statement(self.statement(pos))
        return self.values

    def next_statement(self, pos: int) -> int:
        """Skip whitespace and comment lines; len(text) at the end."""
        text = self.text
        while pos < len(text):
            if _is_go_space(text[pos]):
                pos += 1
            elif text[pos] == "#":
                newline = text.find("\n", pos)
                pos = len(text) if newline < 0 else newline
            else:
                break
        return pos

    def skip_inline_space(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in _INLINE_SPACE:
            pos += 1
        return pos

    def statement(self, start: int) -> int:
        """Parse one statement at `start`; return where the next search begins."""
        text = self.text
        export = _export().match(text, start)
        key_start = self.skip_inline_space(start + len("export")) if export else start
        if key_start >= len(text):
            raise InputError("expected a variable name after 'export'", self.loc(start))
        pos = key_start
        while pos < len(text) and text[pos] not in "=:\n":
            char = text[pos]
            if char not in _INLINE_SPACE and not _is_key_char(char):
                name = text[key_start:pos].strip()
                raise InputError(
                    f"unexpected character {char!r} in variable name {name!r}", self.loc(pos)
                )
            pos += 1
        key = _rstrip_go_space(text[key_start:pos])
        if " " in key:
            raise InputError(f"variable name {key!r} cannot contain a space", self.loc(key_start))
        if not key and self.names_required:
            raise InputError("invalid environment variable: the name is empty",
                             self.loc(key_start))
        # A bare name (no "=" before the end of the line or file) is inherited.
        if pos >= len(text) or text[pos] == "\n":
            inherited = self.lookup(key)
            if inherited is not None or (key and key not in self.values):
                self.values[key] = inherited
            return pos + 1
        value_start = self.skip_inline_space(pos + 1)
        if value_start < len(text) and text[value_start] in "'\"":
            value, resume = self.quoted(value_start)
        else:
            value, resume = self.unquoted(value_start)
        self.values[key] = value
        return resume

    def unquoted(self, start: int) -> tuple[str, int]:
        newline = self.text.find("\n", start)
        end = len(self.text) if newline < 0 else newline
        raw = _rstrip_go_space(self.text[start:end].split(" #", 1)[0])
        return self.expand(raw, start), end + 1

    def quoted(self, start: int) -> tuple[str, int]:
        """The value between quotes at `start`; an escaped quote loses its backslash."""
        text = self.text
        quote = text[start]
        chars: list[str] = []
        escaped = False
        for pos in range(start + 1, len(text)):
            char = text[pos]
            if escaped:
                escaped = False
                if char != quote:
                    chars.append("\\")
                chars.append(char)
            elif char == "\\":
                escaped = True
            elif char == quote:
                raw = "".join(chars)
                if quote == "'":
                    return raw, pos + 1
                return self.expand(_unescape(raw), start + 1), pos + 1
            else:
                chars.append(char)
        raise InputError("unterminated quoted value", self.loc(start))

    def expand(self, raw: str, offset: int) -> str:
        def resolve(name: str) -> str | None:
            value = self.lookup(name)
            return value if value is not None else self.values.get(name)

        try:
            return substitute(raw, resolve)
        except TemplateError as error:
            raise self.template_error(error, offset) from None

    def template_error(self, error: TemplateError, offset: int) -> InputError:
        """Located at the value; the value itself is never quoted (it may be a secret)."""
        if isinstance(error, MissingRequired):
            return InputError(error.describe(), self.loc(offset))
        assert isinstance(error, InvalidTemplate)
        return InputError(
            f"invalid interpolation format: {error.reason} at character {error.position}"
            " of the value; you may need to escape any $ with another $",
            self.loc(offset),
        )


def _unescape(raw: str) -> str:
    """Double-quote escapes; `\\$` becomes `$$` so interpolation keeps a literal `$`."""
    return _escape().sub(_escape_replacement, raw)


def _escape_replacement(match: re.Match[str]) -> str:
    sequence = match.group()
    if sequence[1] != "0":
        return _SIMPLE_ESCAPES[sequence[1]]
    digits = sequence[2:]
    # Go's octal escape wants exactly three octal digits, at most 0o377.
    if len(digits) == 3 and all(d in "01234567" for d in digits) and int(digits, 8) <= 0o377:
        return chr(int(digits, 8))
    return sequence

