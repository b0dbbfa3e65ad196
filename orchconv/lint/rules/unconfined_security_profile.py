"""unconfined-security-profile: seccomp, AppArmor or SELinux turned off for a service."""

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

# security_opt entry (`:` or `=` between name and value) -> what it removes
UNCONFINED = {
    "seccomp:unconfined": "the seccomp filter that blocks dangerous system calls",
    "apparmor:unconfined": "the AppArmor profile that confines the container",
    "label:disable": "SELinux labelling, which keeps the container off host files",
    "systempaths:unconfined": "the masking of sensitive /proc and /sys paths",
}


def normal_option(entry: str) -> str:
    """`seccomp=unconfined` and `seccomp:unconfined` are the same option."""
    name, value = security_option(entry)
    return f"{name.lower()}:{value.lower()}"


class UnconfinedSecurityProfile(EngineServiceRule):
    """A `security_opt` entry that turns a kernel protection off.

    ## What it does
    Reports `seccomp:unconfined`, `apparmor:unconfined`, `label:disable`
    and `systempaths=unconfined` (written with `:` or `=`) in a service's
    `security_opt`.  Not checked for swarm, which ignores `security_opt`.

    ## Why it matters
    The engine confines every container with a seccomp filter (about forty
    dangerous system calls blocked), an AppArmor or SELinux profile, and
    masked `/proc` and `/sys` paths.  Each one turned off is a known escape
    route reopened, for every process in the container.

    ## Example
    ```yaml
    services:
      app:
        image: example/app:1.0
        security_opt:
          - seccomp:unconfined
    ```

    ## Fix
    Remove the entry.  If the program needs one blocked system call, give it
    a custom seccomp profile that allows just that call
    (`seccomp:./seccomp.json`).
    """

    id = "unconfined-security-profile"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for _, text, loc in string_items(ref.service.get("security_opt")):
            removed = UNCONFINED.get(normal_option(text))
            if removed is not None:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: `{text.strip()}` turns off {removed}", loc)
