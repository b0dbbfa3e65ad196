"""Every form a secret value can take in a message or a report.

A message quotes a value its own way (raw, `{value!r}`, JSON, YAML, shell),
then a report format escapes the message (JSON, XML, GitHub's workflow
commands), so a value is known in each combination of the two; all of them
are per-character escapes, so the form of a value inside a longer value is
the same text.  Loaded only once a run knows a secret.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

from orchconv.redaction import MIN_SECRET_LENGTH, is_secret_value


def _json_ascii(text: str) -> str:
    return json.dumps(text)[1:-1]


def _json_unicode(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _repr(text: str) -> str:
    return repr(text)[1:-1]


def _repr_quote_escaped(text: str) -> str:
    # the form inside a longer repr that holds both quote characters: ' escaped
    return repr(text + '"')[1:-2]


_YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _yaml_double(text: str) -> str:
    return "".join(_YAML_ESCAPES.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 32 or c == "\x7f"
                                            else c) for c in text)


def _yaml_single(text: str) -> str:
    return text.replace("'", "''")


def _shell_inner(text: str) -> str:
    # shlex.quote(text) is this between two `'`, or text itself
    return text.replace("'", "'\"'\"'")


def _compose_escaped(text: str) -> str:
    return text.replace("$", "$$")  # as a compose file writes a literal `$`


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


_NOT_LABEL = re.compile(r"[^a-z0-9-]+")


def _k8s_name(text: str) -> str:
    # the object or container name an emitter makes of it (`x-${DB_PASSWORD}`)
    return _NOT_LABEL.sub("-", text.lower()).strip("-")


def _collapsed(text: str) -> str:
    return " ".join(text.split())  # error lines join a message's whitespace


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attribute(text: str) -> str:
    return (_xml_text(text).replace('"', "&quot;").replace("\n", "&#10;")
            .replace("\r", "&#13;").replace("\t", "&#09;"))


def _html(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;").replace("'", "&#x27;")


def _github(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _same(text: str) -> str:
    return text


# How a message quotes a value, then how a report format escapes the message.
_QUOTINGS: tuple[Callable[[str], str], ...] = (
    _same, _json_ascii, _json_unicode, _repr, _repr_quote_escaped, _yaml_double, _yaml_single,
    _shell_inner, _compose_escaped, _base64, _k8s_name, _collapsed,
)
_FORMATS: tuple[Callable[[str], str], ...] = (
    _same, _json_ascii, _json_unicode, _xml_text, _xml_attribute, _html, _github, _collapsed,
)


def _pieces(value: str) -> set[str]:
    """The value, trimmed, and each line of a multi-line one: each masked on its own."""
    pieces = {value, value.strip(), value.replace("\r\n", "\n")}
    if "\n" in value or "\r" in value:
        pieces.update(line for line in value.splitlines())
        pieces.update(line.strip() for line in value.splitlines())
    return {p for p in pieces if is_secret_value(p)}


def renderings(value: str) -> frozenset[str]:
    """Every text that shows `value` (or a line of it) in a diagnostic."""
    forms: set[str] = set()
    for piece in _pieces(value):
        for quoting in _QUOTINGS:
            quoted = quoting(piece)
            forms.update(outer(quoted) for outer in _FORMATS)
    return frozenset(f for f in forms if len(f.strip()) >= MIN_SECRET_LENGTH)


