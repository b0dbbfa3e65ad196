"""What loading a compose project returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orchconv.ir.loss import Loss
from orchconv.ir.project import Project


@dataclass
class LoadResult:
    """The loaded project and what the loader learnt on the way."""

    project: Project
    warnings: list[str] = field(default_factory=list)
    files: tuple[Path, ...] = ()
    project_dir: Path | None = None
    # values of the variables that hold secrets: emitters' messages must mask them
    secret_values: frozenset[str] = frozenset()
    # keys the source never applied, left out of the project (a stack's; target unset)
    losses: list[Loss] = field(default_factory=list)
