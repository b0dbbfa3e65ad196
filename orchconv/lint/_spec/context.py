"""What a rule sees: one input file, its parsed documents and, when it loaded, its IR."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from orchconv.location import Loc

if TYPE_CHECKING:  # the IR modules are slow to import; only rules that use them pay
    from orchconv.ir.project import Project
    from orchconv.ir.topology import Cluster


class FileKind(StrEnum):
    COMPOSE = "compose"
    STACK = "stack"
    KUBERNETES = "k8s"
    TOPOLOGY = "topology"


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A parsed document: located YMap/YSeq values (see orchconv.source.yamltree)."""

    data: Any
    loc: Loc


@dataclass
class LintContext:
    """What a rule sees of the file it checks."""

    path: str
    kind: FileKind
    text: str
    documents: list[SourceDocument]
    project: Project | None = None  # compose/stack: the loaded IR, when loading succeeded
    cluster: Cluster | None = None  # topology inputs
    options: Mapping[str, Any] = field(default_factory=dict)  # this rule's options
    # What the file will be deployed to: "swarm" or "k8s" (--target); None when
    # the kind says it (a stack goes to swarm, manifests to Kubernetes).
    target: str | None = None
    k8s_version: str | None = None  # "1.29" from --k8s-version, for API removal checks

    @property
    def effective_target(self) -> str | None:
        """--target, else the target the file kind implies."""
        if self.target:
            return self.target
        if self.kind is FileKind.STACK:
            return "swarm"
        if self.kind is FileKind.KUBERNETES:
            return "k8s"
        return None
