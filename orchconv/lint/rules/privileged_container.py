"""privileged-container: a service running with `privileged: true`."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
    is_true,
)


class PrivilegedContainer(EngineServiceRule):
    """A service that runs privileged.

    ## What it does
    Reports `privileged: true` on a service.  Not reported for swarm, which
    ignores the key (`stack-unsupported-key` says so).

    ## Why it matters
    A privileged container gets every capability, every host device, and no
    seccomp or AppArmor confinement: a process in it can mount the host's
    disks or load kernel modules.  Escaping it to root on the host is a
    matter of a few commands.

    ## Example
    ```yaml
    services:
      monitor:
        image: example/monitor:1.0
        privileged: true
    ```

    ## Fix
    Grant only what the process needs: a device with `devices:`, one
    capability with `cap_add:`.  Most software that asks for privileged mode
    needs much less.
    """

    id = "privileged-container"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        if is_true(ref.service.get("privileged")):
            yield self.finding(
                context,
                f"service {ref.name!r} runs privileged: it has every capability and host"
                " device, and can take over the host",
                ref.key_loc("privileged"))
