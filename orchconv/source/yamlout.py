"""Dump plain data (dict, list, str, int, float, bool, None) as block YAML.

A small emitter of our own, not PyYAML's: PyYAML builds a node graph and an
event stream in Python before libyaml writes a byte, and that costs more than
the whole load on large projects.  The output is the go-yaml style compose and
kubectl print: two-space indents, lists indented under their key.  A string is
written plain only when no YAML 1.1 or 1.2 reader could take it for anything
else; otherwise it is double-quoted with JSON escapes, which YAML accepts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import ScalarNode

from orchconv.source.scalars import resolve_plain

_PLAIN = re.compile(r"[A-Za-z0-9_./~(][A-Za-z0-9_./~()@+=,;:$%^*&!?<>' -]*")
# Characters a YAML stream may not hold raw: JSON's \u escapes write them instead.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _is_plain_safe(text: str) -> bool:
    if not _PLAIN.fullmatch(text):
        return False
    if text.endswith((" ", ":")) or ": " in text or " #" in text:
        return False
    if isinstance(resolve_plain(text), str) is False:
        return False  # YAML 1.2 would read a number, a bool or null
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")  # YAML 1.1 readers need the dot: 5e-324 -> 5.0e-324
        return text
    return _string(str(value))


@lru_cache(maxsize=1 << 16)
def _string(text: str) -> str:
    """Projects repeat their strings (keys above all): decide each one once."""
    if _is_plain_safe(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _emit(value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{indent}{_string(key) if type(key) is str else _scalar(key)}:"
            if type(item) is str:  # the common case, without _inline's type tests
                out.append(f"{head} {_string(item)}")
            elif isinstance(item, (dict, list)) and item:
                out.append(head)
                _emit(item, indent + "  ", out)
            else:
                out.append(f"{head} {_inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if type(item) is str:
                out.append(f"{indent}- {_string(item)}")
            elif isinstance(item, (dict, list)) and item:
                nested: list[str] = []
                _emit(item, indent + "  ", nested)
                first = nested[0]
                out.append(f"{indent}- {first[len(indent) + 2:]}")
                out.extend(nested[1:])
            else:
                out.append(f"{indent}- {_inline(item)}")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dump_yaml(data: Any) -> str:
    if not isinstance(data, (dict, list)) or not data:
        return _inline(data) + "\n"
    out: list[str] = []
    _emit(data, "", out)
    out.append("")
    return "\n".join(out)


def yaml_documents(documents: Iterable[Any]) -> Iterator[str]:
    """A YAML stream one document at a time: a writer holds one document's text, not all."""
    for document in documents:
        yield "---\n" + dump_yaml(document)


def dump_yaml_documents(documents: Iterable[Any]) -> str:
    return "".join(yaml_documents(documents))


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
