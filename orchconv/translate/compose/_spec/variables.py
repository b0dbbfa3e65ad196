"""What `config --variables` reports of one variable."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Variable:
    """What the model says about one variable: required, its default, its alternate value."""

    name: str
    required: bool = False
    default: str = ""
    alternate: str = ""

    def merge(self, other: Variable) -> None:
        """A later use of the same variable: required if any use is, first values kept."""
        self.required = self.required or other.required
        self.default = self.default or other.default
        self.alternate = self.alternate or other.alternate
