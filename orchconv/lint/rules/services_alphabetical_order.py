"""services-alphabetical-order: services sorted by name (opt-in style)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, services
from orchconv.lint.rules._order import out_of_order


def sort_key(name: str) -> tuple[str, str]:
    """Case-insensitive, with the exact name breaking ties."""
    return name.casefold(), name


class ServicesAlphabeticalOrder(Rule):
    """Services not sorted by name (off by default).

    ## What it does
    Reports a service whose name sorts (ignoring case) before the name of
    the service written just above it.  Off by default: a style rule.

    ## Why it matters
    In a file with many services, alphabetical order is the one a reader can
    search without tools, and it keeps merges of parallel additions simple.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
      api:
        image: example/api:2.1
    ```

    ## Fix
    Move `api` above `web`.
    """

    id = "services-alphabetical-order"
    kinds = COMPOSE_KINDS
    level = Level.INFO
    category = "style"
    enabled_by_default = False

    def check(self, context: LintContext) -> Iterator[Finding]:
        for _, in_document in groupby(services(context), key=lambda ref: ref.document):
            ranked = ((ref, sort_key(ref.name)) for ref in in_document)
            for ref, before in out_of_order(ranked):
                yield self.finding(
                    context, f"service {ref.name!r} should come before {before.name!r}", ref.loc)
