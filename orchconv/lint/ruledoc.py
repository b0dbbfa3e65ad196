"""A rule's documentation, read from its docstring.

The docstring is a one-line summary, a blank line, then Markdown sections
`## What it does`, `## Why it matters`, `## Example` and `## Fix`.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

from orchconv.lint.rule import Rule

SECTIONS = ("What it does", "Why it matters", "Example", "Fix")
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's summary line and its titled sections."""

    summary: str
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """What it does and why it matters, as plain paragraphs."""
        parts = [self.sections.get(name, "") for name in SECTIONS[:2]]
        return "\n\n".join(p for p in parts if p) or self.summary

    def missing_sections(self) -> list[str]:
        return [name for name in SECTIONS if not self.sections.get(name)]


def rule_doc(rule: type[Rule]) -> RuleDoc:
    text = inspect.cleandoc(rule.__doc__ or "")
    summary, _, body = text.partition("\n")
    sections: dict[str, str] = {}
    headings = list(_HEADING.finditer(body))
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        sections[heading.group(1)] = body[heading.end():end].strip()
    return RuleDoc(summary.strip(), sections)
