"""privilege-escalation-allowed: a container whose processes may gain privileges."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import ContainerRef, LinuxContainerRule, key_loc

SETTING = "allowPrivilegeEscalation"


class PrivilegeEscalationAllowed(LinuxContainerRule):
    """A container that lets its processes gain more privileges than their parent.

    ## What it does
    Reports `securityContext.allowPrivilegeEscalation: true` on a container
    of a Linux pod.  With option `report_unset: true` it also reports
    containers that leave the setting out, since Kubernetes then allows
    escalation.  Privileged containers and those adding `SYS_ADMIN` always
    allow it; `privileged-container-k8s` and `dangerous-capability-k8s`
    report those.  The Compose counterpart is `no-new-privileges-missing`.

    ## Why it matters
    Allowing escalation leaves the kernel's `no_new_privs` flag off: a
    set-user-ID program in the image (`su`, `sudo`, a vulnerable helper)
    then runs as its owner, usually root, whatever user the container
    started as.  Pod Security's `restricted` level requires `false`.

    ## Example
    ```yaml
          containers:
            - name: api
              image: example/api:1.4
              securityContext: {allowPrivilegeEscalation: true}
    ```

    ## Fix
    Set `allowPrivilegeEscalation: false` in the container's
    `securityContext`.
    """

    id = "privilege-escalation-allowed"
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"report_unset": False}

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        value = ref.security.get(SETTING)
        if value is True:
            yield self.finding(
                context,
                f"{ref.label} sets {SETTING}: true; set-user-ID programs can make it root",
                key_loc(ref.security, SETTING))
        elif value is None and context.options.get("report_unset") is True:
            yield self.finding(
                context,
                f"{ref.label} leaves {SETTING} unset, which allows it; set it to false",
                ref.loc)
