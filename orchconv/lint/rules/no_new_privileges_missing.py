"""no-new-privileges-missing: setuid programs can still raise privileges (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
    security_option,
    string_items,
)

OPTION = "no-new-privileges"
ENABLING_VALUES = frozenset({"", "true"})


def no_new_privileges(entry: str) -> bool | None:
    """True/False for a `no-new-privileges[:=]value` entry, None for other entries."""
    name, value = security_option(entry)
    if name != OPTION:
        return None
    return value.lower() in ENABLING_VALUES


class NoNewPrivilegesMissing(EngineServiceRule):
    """A service without `no-new-privileges` (off by default).

    ## What it does
    Reports a service whose `security_opt` does not set
    `no-new-privileges` (or `no-new-privileges:true`), and an entry that
    sets it to false.  A hardening check, off by default; not checked for
    swarm, which ignores `security_opt`.

    ## Why it matters
    Without the flag, a process can gain privileges by running a setuid or
    setgid program (`su`, `sudo`, a planted binary), so an attacker with a
    foothold as an unprivileged user can climb to root in the container.
    The flag makes the kernel refuse every such privilege gain.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.1
    ```

    ## Fix
    ```yaml
        security_opt:
          - no-new-privileges:true
    ```
    Images whose entrypoint switches user with `gosu` or `su-exec` may need
    testing: they keep working, but only if they drop privileges rather than
    gain them.
    """

    id = "no-new-privileges-missing"
    level = Level.WARNING
    category = "security"
    enabled_by_default = False

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        settings = [(no_new_privileges(text), loc)
                    for _, text, loc in string_items(ref.service.get("security_opt"))]
        if any(enabled for enabled, _ in settings):
            return
        disabled = [loc for enabled, loc in settings if enabled is False]
        if disabled:
            yield self.finding(
                context, f"service {ref.name!r} turns `no-new-privileges` off", disabled[0])
            return
        yield self.finding(
            context,
            f"service {ref.name!r} does not set `no-new-privileges:true` in `security_opt`",
            ref.setting_loc("security_opt"))
