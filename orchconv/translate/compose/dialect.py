"""Who reads a Compose file: `docker compose`, or `docker stack deploy` (docker/cli).

The loader runs the same stages for both and asks its Dialect wherever they
differ: the template rules and casts table, whether .env files and the project
name reach the environment, the schema, which consistency checks run, whether
`version` is obsolete.  The hooks let a reader add its own checks, take keys out
and fix the loaded project up; the base class is `docker compose`, whose hooks
do nothing.  `docker stack deploy`'s full dialect lives in translate/swarm.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.source.yamltree import YMap
from orchconv.translate.compose.interpolate import Lookup, OnUnsetAt, interpolate_tree
from orchconv.translate.compose.typecast import Dialect as Rules
from orchconv.translate.compose.typecast import cast_in_place


class Dialect:
    """`docker compose`'s reading; subclasses override what their reader does differently."""

    rules: Rules = "compose"  # template syntax and casts table (interpolate.py, typecast.py)
    env_files = True  # .env / --env-file, COMPOSE_FILE, PWD are read
    # the variable the final project name is interpolated as (None: none)
    project_name_variable: str | None = "COMPOSE_PROJECT_NAME"
    # the merged files are validated against it unless LoadOptions names another
    # (None: never; the dialect's hooks validate each file)
    schema: str | None = "compose"
    compose_consistency = True  # compose-go's own consistency checks run too
    version_obsolete = True  # `version` is dropped with docker compose's warning
    empty_file = "empty compose file"

    def interpolate(self, document: YMap, lookup: Lookup, on_unset: OnUnsetAt) -> YMap:
        """A copy of `document` interpolated and cast as this reader does."""
        # compose-go casts every string at a typed path, interpolated or not
        interpolated = interpolate_tree(document, lookup, dialect=self.rules, on_unset=on_unset)
        result: YMap = cast_in_place(interpolated, dialect=self.rules)  # a fresh copy
        return result

    def parsed(self, document: YMap, display: str) -> None:
        """Checks of one file as written, before it is interpolated."""

    def interpolated(self, document: YMap, display: str) -> None:
        """Checks of one file once interpolated, before it is merged."""

    def before_normalise(self, document: Any) -> None:
        """The merged document, before paths and defaults are filled in."""

    def finish(self, project: Project, warnings: list[str]) -> Project:
        """The loaded project as this reader applies it; may add warnings."""
        return project

    def losses(self) -> list[Loss]:
        """What the reader never applies and the hooks left out, each located."""
        return []


class StackRules(Dialect):
    """docker/cli's template rules and casts, without a stack's own checks
    (what `lint` loads a stack file with; translate/swarm adds the rest)."""

    rules: Rules = "stack"
    env_files = False  # `docker stack deploy` reads no .env file
    project_name_variable = None
    schema: str | None = "stack-3.13"
    compose_consistency = False

    def interpolate(self, document: YMap, lookup: Lookup, on_unset: OnUnsetAt) -> YMap:
        # docker/cli casts only the strings interpolation produced
        stacked: YMap = interpolate_tree(document, lookup, dialect=self.rules, cast=True,
                                         on_unset=on_unset)
        return stacked


COMPOSE = Dialect()
STACK_RULES = StackRules()
_NAMED = {"compose": COMPOSE, "stack": STACK_RULES}


def dialect_of(name_or_dialect: str | Dialect) -> Dialect:
    """The dialect a LoadOptions names ("compose", "stack") or carries."""
    if isinstance(name_or_dialect, Dialect):
        return name_or_dialect
    if name_or_dialect not in _NAMED:
        raise ValueError(f"unknown dialect {name_or_dialect!r}")
    return _NAMED[name_or_dialect]
