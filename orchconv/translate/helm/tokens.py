"""Placeholders put into an object before it is dumped, replaced by Go template text after.

Dumping the object with the project's YAML writer and replacing plain-scalar markers
keeps the templates byte-for-byte in the style of compose2k8s output, without a YAML
writer of our own for half-templated documents.  An inline marker stands for a scalar
(`replicas: {{ ... }}`); a block marker is a key whose whole line becomes template
lines at that line's indentation (`{{- if ... }}` around a `toYaml`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any

BlockBuilder = Callable[[str], list[str]]  # the line's indentation -> its replacement lines


class Tokens:
    """Markers of one object at a time: unique in it, and in no input."""

    def __init__(self) -> None:
        # 64 random bits: no input can hold the markers, and none needs to be searched
        prefix = self._prefix = f"zz{secrets.token_hex(8)}h"
        self._inline: dict[str, str] = {}
        self._blocks: dict[str, BlockBuilder] = {}
        self._inline_re = re.compile(prefix + r"\d+i")
        self._block_re = re.compile(r"^( *)(" + prefix + r"\d+b): null$", re.MULTILINE)

    def inline(self, expression: str) -> str:
        """A scalar that becomes `expression` (Go template text) in the template."""
        token = f"{self._prefix}{len(self._inline)}i"
        self._inline[token] = expression
        return token

    def block(self, builder: BlockBuilder) -> str:
        """A key (with value None) whose line becomes `builder(indentation)`."""
        token = f"{self._prefix}{len(self._blocks)}b"
        self._blocks[token] = builder
        return token

    def apply(self, text: str) -> str:
        """Replace the markers in one dumped object; the next object reuses their names
        (the YAML writer decides how to write a string once: few names are fast)."""
        def block(match: re.Match[str]) -> str:
            return "\n".join(self._blocks[match.group(2)](match.group(1)))

        text = self._block_re.sub(block, text)
        text = self._inline_re.sub(lambda m: self._inline[m.group()], text)
        self._inline.clear()
        self._blocks.clear()
        return text


def replace_key(mapping: dict[str, Any], old: str, new: str, value: Any) -> None:
    """Put `new: value` where `old` was (or at the end), keeping the order of the rest."""
    items = list(mapping.items())
    mapping.clear()
    placed = False
    for key, item in items:
        if key == old:
            mapping[new] = value
            placed = True
        else:
            mapping[key] = item
    if not placed:
        mapping[new] = value
