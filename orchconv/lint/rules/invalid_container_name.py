"""invalid-container-name: a `container_name` the engine refuses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
    has_reference,
)

# The engine's rule for container names (the Compose schema's pattern is the
# same but unanchored, so it lets any name with two good characters through).
VALID_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


class InvalidContainerName(EngineServiceRule):
    """A `container_name` with characters the engine does not allow.

    ## What it does
    Reports a `container_name` that is not a letter or digit followed by at
    least one letter, digit, `_`, `.` or `-`.  Names written with a variable
    are not checked, nor stack files (swarm ignores `container_name`).

    ## Why it matters
    The file loads, but `docker compose up` fails when it creates the
    container: the engine answers "Invalid container name".  The Compose
    schema does not catch it, because its pattern is not anchored.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27
        container_name: "shop web"
    ```

    ## Fix
    Use letters, digits, `_`, `.` and `-` only (`shop-web`), or drop the key
    and let Compose name the container.
    """

    id = "invalid-container-name"
    level = Level.ERROR
    category = "correctness"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        name = ref.service.get("container_name")
        if not isinstance(name, str) or has_reference(name) or VALID_NAME.fullmatch(name):
            return
        yield self.finding(
            context,
            f"service {ref.name!r}: container name {name!r} is refused by the engine; use"
            " letters, digits, `_`, `.` and `-`, starting with a letter or digit",
            ref.value_loc("container_name"))
