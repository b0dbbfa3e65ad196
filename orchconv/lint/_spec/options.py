"""What a lint run is asked to do, and the error for asking it wrongly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orchconv.errors import OrchconvError
from orchconv.lint.context import FileKind

if TYPE_CHECKING:
    from orchconv.ir.topology import Cluster


class UsageError(OrchconvError):
    """A bad option or configuration (exit 2): no file was linted."""


@dataclass(frozen=True, slots=True)
class LintOptions:
    """What the command line asks; None leaves the configuration's choice."""

    kind: FileKind | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    config: Path | None = None  # --config: this file instead of the upward search
    target: str | None = None
    k8s_version: str | None = None
    cluster: Cluster | None = None  # a live cluster (--docker, --kubeconfig)
    debug: bool = False  # let a crashing rule raise
    helm: bool = False  # render Helm charts with `helm template` instead of skipping them
    report_unused_suppressions: bool = False
