"""stack-long-depends-on: `depends_on` written as a mapping, which stack files refuse."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
)
from orchconv.source.yamltree import resolve_plain


def flow_list(names: list[str]) -> str:
    """A YAML flow list of strings, quoting the names YAML would read as something else."""
    items = [name if name and isinstance(resolve_plain(name), str) and _plain_safe(name)
             else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
             for name in names]
    return "[" + ", ".join(items) + "]"


def _plain_safe(name: str) -> bool:
    # service names are [a-zA-Z0-9._-]+; anything else is quoted to stay one scalar
    return all(c.isalnum() or c in "._-" for c in name) and name[0] not in "-."


class StackLongDependsOn(SwarmServiceRule):
    """`depends_on` with conditions, in a file deployed to a swarm.

    ## What it does
    Reports a service whose `depends_on` is a mapping (the long syntax with
    `condition:`, `restart:` or `required:`) in a stack file, or in a Compose
    file linted with `--target swarm`.

    ## Why it matters
    The version 3 stack format only has the list form: docker/cli refuses the
    file with "depends_on must be a list".  The conditions would not help
    anyway: a swarm starts services in no particular order and ignores
    `depends_on` altogether.

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: example/web:1.4
        depends_on:
          db:
            condition: service_healthy
      db:
        image: postgres:16
    ```

    ## Fix
    `--fix` rewrites the mapping as the list of its service names
    (`depends_on: [db]`).  Make the service itself wait for what it needs
    (retry its connections), since the swarm will not order the start.
    """

    id = "stack-long-depends-on"
    level = Level.ERROR
    category = "portability"
    fixable = True

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        depends_on = ref.service.get("depends_on")
        if not isinstance(depends_on, Mapping):
            return
        names = [str(name) for name in depends_on]
        fix = Fix("write `depends_on` as a list of service names", ref.path("depends_on"),
                  "set-key", (("value", flow_list(names)),), document=ref.document)
        yield self.finding(
            context,
            f"service {ref.name!r}: `depends_on` must be a list in a stack file; swarm"
            " ignores start conditions",
            ref.key_loc("depends_on"), fix=fix)
