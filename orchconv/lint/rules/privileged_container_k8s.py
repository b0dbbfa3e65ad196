"""privileged-container-k8s: a container with `securityContext.privileged: true`."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    ContainerRef,
    ContainerRule,
    key_loc,
)


class PrivilegedContainerK8s(ContainerRule):
    """A container that runs privileged.

    ## What it does
    Reports `securityContext.privileged: true` on any container of a pod
    template (init, app and ephemeral containers).  The Compose rule for the
    same thing is `privileged-container`.

    ## Why it matters
    A privileged container gets every capability and every host device, and
    leaves seccomp and AppArmor behind: root in it is root on the node, and
    from the node the rest of the cluster (its kubelet credentials, the other
    pods' secrets) is within reach.  Pod Security's `baseline` level already
    forbids it.

    ## Example
    ```yaml
          containers:
            - name: agent
              image: example/agent:2.0
              securityContext: {privileged: true}
    ```

    ## Fix
    Grant the one capability the process needs in
    `securityContext.capabilities.add`; reach a device through a device
    plugin.  A node agent that truly needs it belongs in a namespace whose
    Pod Security level allows it.
    """

    id = "privileged-container-k8s"
    level = Level.WARNING
    category = "security"

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        if ref.security.get("privileged") is True:
            yield self.finding(
                context,
                f"{ref.label} runs privileged: it has every capability and host device,"
                " and can take over the node",
                key_loc(ref.security, "privileged"))
