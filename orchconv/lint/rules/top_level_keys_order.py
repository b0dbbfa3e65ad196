"""top-level-keys-order: the sections of a Compose file in a fixed order (opt-in style)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, compose_documents
from orchconv.lint.rules._order import configured_order, out_of_order
from orchconv.source.yamltree import loc_of

EXTENSIONS = "x-*"
SECTION_ORDER = [
    "version", "name", "include", EXTENSIONS,
    "services", "networks", "volumes", "configs", "secrets",
]


class TopLevelKeysOrder(Rule):
    """The top-level sections out of the conventional order (off by default).

    ## What it does
    Reports a top-level key written after one that the order (option
    `order`) puts later.  The default order is `version`, `name`, `include`,
    the `x-` extension blocks, then `services`, `networks`, `volumes`,
    `configs`, `secrets`; `"x-*"` in the order stands for every extension
    block.  Keys the order does not name are not checked.  Off by default: a
    style rule.

    ## Why it matters
    Files that share a layout are faster to read.  Extension blocks come
    before `services` because the YAML anchors they define must be written
    before the aliases that use them.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
    name: shop
    ```

    ## Fix
    Move `name` to the top.
    """

    id = "top-level-keys-order"
    kinds = COMPOSE_KINDS
    level = Level.INFO
    category = "style"
    enabled_by_default = False
    options: ClassVar[Mapping[str, Any]] = {"order": SECTION_ORDER}

    def check(self, context: LintContext) -> Iterator[Finding]:
        rank, _ = configured_order(context, SECTION_ORDER)
        for _, document in compose_documents(context):
            # sections not in the order take no part
            ranked = ((key, rank.get(EXTENSIONS if key.startswith("x-") else key))
                      for key in document)
            for key, previous in out_of_order(ranked):
                yield self.finding(context, f"`{key}` should come before `{previous}`",
                                   loc_of(document, key, of_key=True))
