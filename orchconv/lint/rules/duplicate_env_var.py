"""duplicate-env-var: a container environment variable set twice."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    ContainerRef,
    ContainerRule,
    sequence,
)
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of


class DuplicateEnvVar(ContainerRule):
    """A container's `env` that sets the same variable twice.

    ## What it does
    Reports each entry of a container's `env` whose `name` an earlier entry
    of the same list already set, naming the line of the first one.

    ## Why it matters
    The kubelet applies the entries in order, so the last one wins and the
    first is dead text: a reader (or a later edit) changes the wrong one.
    Generated manifests and merged patches produce these silently.

    ## Example
    ```yaml
          containers:
            - name: api
              image: example/api:1.4
              env:
                - {name: LOG_LEVEL, value: info}
                - {name: LOG_LEVEL, value: debug}
    ```

    ## Fix
    Keep one entry per name.
    """

    id = "duplicate-env-var"
    level = Level.WARNING
    category = "correctness"

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        env = sequence(ref.container.get("env"))
        first: dict[str, Loc | None] = {}
        for item in env:
            if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
                continue
            name = item["name"]
            where = loc_of(item, "name")
            if name not in first:
                first[name] = where
                continue
            earlier = first[name]
            line = f" (first set on line {earlier.line})" if earlier else ""
            yield self.finding(
                context,
                f"{ref.label}: env var {name!r} is set again{line}; the last entry wins",
                where)
