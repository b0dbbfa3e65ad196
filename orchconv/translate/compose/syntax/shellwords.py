"""Command strings: go-shellwords with its default options, as compose-go splits them."""

from __future__ import annotations

from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YSeq
from orchconv.translate.compose.syntax.lists import strings
from orchconv.translate.compose.syntax.located import new_seq

_SHELL_SPACES = frozenset(" \t\r\n")
_NO_WORD, _PLAIN_WORD, _QUOTED_WORD = 0, 1, 2


def split_command(line: str, loc: Loc | None) -> list[str]:
    """Split a command string into words as compose-go does (go-shellwords).

    This is not POSIX `shlex`: a backslash escapes any character even inside
    double quotes, and an unquoted `;`, `&`, `|`, `<` or `>` ends the command
    (the rest of the string is ignored, as docker compose ignores it; a word
    of digits right before `>` is dropped too).  An unquoted `(` not preceded
    by `$` is an error; `$(...)` and backquotes are kept verbatim as part of
    a word.  Variables are not expanded.
    """
    words: list[str] = []
    word: list[str] = []
    got = _NO_WORD
    escaped = single = double = backquote = dollar = False
    for char in line:
        if escaped:
            word.append(char)
            escaped = False
            got = _PLAIN_WORD
            continue
        if char == "\\":
            if single:
                word.append(char)
            else:
                escaped = True
            continue
        if char in _SHELL_SPACES:
            if single or double or backquote or dollar:
                word.append(char)
            elif got != _NO_WORD:
                words.append("".join(word))
                word = []
                got = _NO_WORD
            continue
        quoted = single or double
        if char == "`" and not quoted and not dollar:
            backquote = not backquote
        elif char == ")" and not quoted and not backquote:
            dollar = not dollar
        elif char == "(" and not quoted and not backquote:
            if dollar or not word or word[-1] != "$":
                raise InputError(f"invalid command string {line!r}: unexpected '('", loc)
            dollar = True
            word.append(char)
            continue
        elif char == '"' and not single and not dollar:
            if double:
                got = _QUOTED_WORD
            double = not double
            continue
        elif char == "'" and not double and not dollar:
            if single:
                got = _QUOTED_WORD
            single = not single
            continue
        elif char in ";&|<>" and not (quoted or backquote or dollar):
            if char == ">" and word and word[0] in "0123456789":
                got = _NO_WORD
            break
        got = _PLAIN_WORD
        word.append(char)
    if got != _NO_WORD:
        words.append("".join(word))
    if escaped or single or double or backquote or dollar:
        raise InputError(
            f"invalid command string {line!r}: unclosed quote, escape or parenthesis", loc)
    return words


def command(value: Any, loc: Loc | None, what: str = "command") -> YSeq | None:
    """command / entrypoint: a string is split into words; null stays null."""
    if value is None:
        return None
    if isinstance(value, str):
        seq = new_seq(loc)
        for word in split_command(value, loc):
            seq.add(word, seq.loc)
        return seq
    if isinstance(value, list):
        return strings(value, loc, what)
    raise InputError(f"{what} must be a string or a list of strings", loc)


def healthcheck_test(value: Any, loc: Loc | None) -> YSeq:
    """A test string runs in a shell: ["CMD-SHELL", s]."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add("CMD-SHELL", seq.loc)
        seq.add(value, seq.loc)
        return seq
    result = command(value, loc, "healthcheck.test")
    if result is None:
        raise InputError("healthcheck.test must be a string or a list of strings", loc)
    return result
