"""writable-root-filesystem: a container whose image files can be changed (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import ServiceRef, ServiceRule, is_true


class WritableRootFilesystem(ServiceRule):
    """A service whose root file system is writable (off by default).

    ## What it does
    Reports a service without `read_only: true`.  A hardening check, off by
    default: many images write to their own file system and need their
    writable paths mounted first.

    ## Why it matters
    An attacker who gets code running in a writable container can replace
    its programs and libraries, plant tools, and persist across process
    restarts.  A read-only root file system leaves only the paths you mount
    writable.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.1
    ```

    ## Fix
    ```yaml
        read_only: true
        tmpfs: [/tmp]
        volumes: [api-cache:/var/cache/api]
    ```
    """

    id = "writable-root-filesystem"
    level = Level.WARNING
    category = "security"
    enabled_by_default = False

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        if is_true(ref.service.get("read_only")):
            return
        yield self.finding(
            context,
            f"service {ref.name!r} has a writable root file system; set `read_only: true`"
            " and mount what it writes",
            ref.setting_loc("read_only"))
