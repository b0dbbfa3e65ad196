"""no-cap-drop-all: a service that keeps the engine's default capabilities (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._capabilities import capability_name
from orchconv.lint.rules._compose import (
    ServiceRef,
    ServiceRule,
    string_items,
)


class NoCapDropAll(ServiceRule):
    """A service that does not drop all capabilities (off by default).

    ## What it does
    Reports a service whose `cap_drop` does not include `ALL`.  It is a
    hardening check, off by default: it reports what a file leaves out, on
    nearly every service of a typical file.

    ## Why it matters
    Containers start with about fourteen capabilities, among them `NET_RAW`
    (forge packets on the network), `MKNOD`, `SETUID`/`SETGID` and `CHOWN`.
    Most services need none of them; each one left is room for an attacker
    who gets code running in the container.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.1
    ```

    ## Fix
    Drop them all and add back what the process needs:
    ```yaml
        cap_drop: [ALL]
        cap_add: [NET_BIND_SERVICE]
    ```
    """

    id = "no-cap-drop-all"
    level = Level.WARNING
    category = "security"
    enabled_by_default = False

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        dropped = {capability_name(text)
                   for _, text, _ in string_items(ref.service.get("cap_drop"))}
        if "ALL" in dropped:
            return
        yield self.finding(
            context,
            f"service {ref.name!r} keeps the default capabilities; drop ALL and add back"
            " only what it needs",
            ref.setting_loc("cap_drop"))
