"""What reading returns (a project and its losses) and what every conversion returns:
the documents it made and what it could not carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.ir.loss import WARNING, Loss
from orchconv.ir.project import Project
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


@dataclass
class Loaded:
    """A project read from any format, with the losses of reading it."""

    project: Project
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    project_dir: Path | None = None
    environ: dict[str, str] = field(default_factory=dict)  # secret values a k8s input held
    secret_values: frozenset[str] = frozenset()  # masked in every message of the conversion
