"""`docker stack deploy`'s reading of Compose files, as hooks of the Compose loader.

On top of docker/cli's template rules and casts (StackRules): the first file's
declared version picks the schema and every file must declare the same one;
forbidden keys are refused before interpolation; each file is validated on its
own after it; keys docker/cli never applies are left out with a loss
(ignored.py; `--keep-ignored-keys` carries them with a warning), what docker/cli
accepts and Compose refuses is left out with a loss (lenient.py), and short port
syntax means what docker/cli makes of it (published.py).  `version` is no
obsolete key here: it picks the schema, so no warning is given for it.
"""

from __future__ import annotations

from typing import Any

from orchconv.errors import InputError
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.dialect import StackRules
from orchconv.translate.swarm.checks import (
    check_forbidden,
    check_resources,
    check_schema,
    ignored_options,
    service_keys,
)
from orchconv.translate.swarm.ignored import IgnoredKeys
from orchconv.translate.swarm.lenient import Leniency, shared_targets
from orchconv.translate.swarm.properties import NEVER_APPLIED
from orchconv.translate.swarm.published import with_docker_ports
from orchconv.translate.swarm.version import checked_version, declared_version


class StackDialect(StackRules):
    """One load of stack files: it keeps what the hooks learn (version, losses)."""

    schema = None  # each file is validated against its version's schema (interpolated)
    version_obsolete = False
    empty_file = "top-level object must be a mapping"  # docker/cli's words for it

    def __init__(self, keep_ignored_keys: bool = False) -> None:
        self.version = ""  # the first file's, once read
        self._keys: set[str] = set()  # service keys the files set, as written
        self._shared: list[Loss] = []
        self._ignored = IgnoredKeys(keep=keep_ignored_keys)
        self._lenient = Leniency()

    def parsed(self, document: YMap, display: str) -> None:
        if not self.version:
            self.version = checked_version(document, display)
        elif declared_version(document) != self.version:
            raise InputError(
                f"version {declared_version(document)!r} differs from the first file's"
                f" {self.version!r}; every stack file must declare the same version",
                loc_of(document, "version") or Loc(display, 1, 1),
            )
        check_forbidden(document, display)
        self._keys |= service_keys(document)

    def interpolated(self, document: YMap, display: str) -> None:
        check_schema(document, self.version)
        check_resources(document)
        # before merging, which keeps only the last mount at a path
        self._shared.extend(shared_targets(document))

    def before_normalise(self, document: Any) -> None:
        self._ignored(document)
        self._lenient(document)

    def finish(self, project: Project, warnings: list[str]) -> Project:
        # docker/cli's own warning, for the keys not reported one by one (ignored.py)
        warnings.extend(ignored_options(self._keys, skip=NEVER_APPLIED.keys()))
        warnings.extend(self._ignored.warnings)
        return with_docker_ports(project, warnings)

    def losses(self) -> list[Loss]:
        return self._ignored.losses + self._lenient.losses + self._shared
