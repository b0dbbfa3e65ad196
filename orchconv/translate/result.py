"""What every conversion returns: the documents it made and what it could not carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchconv.ir.loss import WARNING, Loss
from orchconv.location import Loc


@dataclass
class Document:
    """One output document; `name` is a file-name stem for `-o DIR` output."""

    name: str
    data: dict[str, Any]


@dataclass
class Conversion:
    """What a conversion wrote and what it could not carry."""

    documents: list[Document] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Variables the output refers to whose values came from the input (k8s Secrets):
    # written only to a 0600 .env beside `-o DIR` output, never printed.
    environ: dict[str, str] = field(default_factory=dict)

    def lose(self, loc: Loc, path: str, target: str, reason: str, *,
             level: str = WARNING) -> None:
        self.losses.append(Loss(loc, path, target, reason, level))
