"""no-version-field: the top-level `version` of a Compose file is obsolete."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rule import Rule
from orchconv.source.yamltree import YMap


class NoVersionField(Rule):
    """The top-level `version` key is obsolete in Compose files.

    ## What it does
    Reports a top-level `version` in a Compose file.

    ## Why it matters
    The Compose Specification dropped `version`: `docker compose` ignores it
    and warns "the attribute `version` is obsolete".  It suggests a schema
    that is not the one used, and a `version: "2"` file does not get version 2
    semantics.  (Swarm stack files still need it: `docker stack deploy` reads
    the version to pick its schema, so this rule leaves stack files alone.)

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx:1.27
    ```

    ## Fix
    Delete the line.  `orchconv lint --fix` removes it, keeping the comments
    around it.
    """

    id = "no-version-field"
    kinds = frozenset({FileKind.COMPOSE})
    level = Level.WARNING
    category = "style"
    fixable = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        for index, document in enumerate(context.documents):
            data = document.data
            if not isinstance(data, dict) or "version" not in data:
                continue
            where = data.key_locs.get("version") if isinstance(data, YMap) else None
            fix = Fix("remove the obsolete `version` key", ("version",), "remove-key",
                      document=index)
            yield self.finding(context, "the top-level `version` is obsolete and ignored by"
                               " docker compose", where, fix=fix)
