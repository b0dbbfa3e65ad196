"""A lint configuration as read: the settings of one file, and of each rule in it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.lint.finding import Level
from orchconv.location import Loc


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """What the configuration says about one rule; None leaves the default."""

    enabled: bool | None = None
    level: Level | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class LintConfig:
    """One configuration file, read and checked."""

    path: Path | None = None  # the file it came from; None: no configuration
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_level: Level | None = None
    target: str | None = None
    k8s_version: str | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)
    # where each setting was written, for errors found after loading (unknown rule ids)
    locs: Mapping[str, Loc] = field(default_factory=dict, compare=False)

    @property
    def base_dir(self) -> Path:
        """Globs in the configuration are relative to its folder."""
        return self.path.parent if self.path else Path.cwd()
