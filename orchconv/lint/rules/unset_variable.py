"""unset-variable: a `$VAR` or `${VAR}` reads a variable that is not set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from orchconv.errors import InputError
from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.location import Loc
from orchconv.source.yamltree import YMap

# set by the loader itself before it interpolates a compose file
_LOADER_SET = frozenset({"COMPOSE_PROJECT_NAME", "PWD"})
_STDIN = "<stdin>"


class UnsetVariable(Rule):
    """A variable the file reads without a default is not set.

    ## What it does
    Interpolates the file as `docker compose config` (or, for a stack file,
    `docker stack deploy`) would, with the process environment and the `.env`
    file beside the Compose file, and reports each variable that a plain
    `$VAR` or `${VAR}` reads while it is unset, once per variable, at the
    first value that reads it.  References with a default (`${VAR:-x}`,
    `${VAR-x}`), required ones (`${VAR:?err}`, refused when unset) and `$$`
    are not reported.  `orchconv config` and the conversions print the same
    text as a warning.

    ## Why it matters
    docker compose warns `The "TAG" variable is not set. Defaulting to a
    blank string.` and carries on: `image: app:${TAG}` becomes `app:`, and a
    password becomes empty, silently in CI.

    ## Example
    ```yaml
    services:
      web:
        image: example/web:${TAG}
    ```

    ## Fix
    Set the variable (in the environment or in `.env`), or give it a default:
    `${TAG:-1.4}`; use `${TAG:?set TAG}` when it must be set.
    """

    id = "unset-variable"
    kinds = frozenset({FileKind.COMPOSE, FileKind.STACK})
    level = Level.WARNING
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        from orchconv.translate.compose.interpolate import interpolate_tree, unset_warning

        stack = context.kind is FileKind.STACK
        env = _environment(context.path, stack)
        unset: dict[str, Loc | None] = {}

        def remember(name: str, where: Loc | None) -> None:
            unset.setdefault(name, where)

        def lookup(name: str) -> str | None:
            return "" if name in _LOADER_SET and not stack else env.get(name)

        for document in context.documents:
            if not isinstance(document.data, YMap):
                continue
            try:
                interpolate_tree(document.data, lookup, dialect="stack" if stack else "compose",
                                 on_unset=remember)
            except InputError:
                continue  # compose-invalid / stack-invalid says why
        for name, where in unset.items():
            yield self.finding(context, unset_warning(name), where)


def _environment(display: str, stack: bool) -> dict[str, str]:
    """The variables the loader would see for this file."""
    from orchconv.translate.compose.environment import resolve_environment

    os_env = dict(os.environ)
    if stack or os_env.get("COMPOSE_DISABLE_ENV_FILE", "") in ("1", "t", "T", "TRUE", "true",
                                                                 "True"):
        return os_env  # `docker stack deploy` reads no .env file
    folder = Path.cwd() if display == _STDIN else Path(display).resolve().parent
    try:
        return resolve_environment(os_env, (), folder, explicit=False)
    except InputError:
        return os_env  # a broken .env is the loader's finding
