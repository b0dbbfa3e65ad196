"""writable-root-filesystem-k8s: a container whose image files can be changed (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    ContainerRef,
    LinuxContainerRule,
    key_loc_or,
)


class WritableRootFilesystemK8s(LinuxContainerRule):
    """A container whose root file system is writable (off by default).

    ## What it does
    Reports an init or app container without
    `securityContext.readOnlyRootFilesystem: true` (Windows pods are
    skipped).  A hardening check, off by default: many images write to their
    own file system and need those paths mounted first.  The Compose rule
    for the same thing is `writable-root-filesystem`.

    ## Why it matters
    An attacker who gets code running in a writable container can replace
    its programs and libraries and plant tools that survive a process
    restart.  With a read-only root, only the volumes you mount can change.

    ## Example
    ```yaml
          containers:
            - name: api
              image: example/api:2.1
    ```

    ## Fix
    ```yaml
              securityContext: {readOnlyRootFilesystem: true}
              volumeMounts: [{name: tmp, mountPath: /tmp}]
    ```
    with an `emptyDir` volume for each path the process writes.
    """

    id = "writable-root-filesystem-k8s"
    level = Level.WARNING
    category = "security"
    sections = ("initContainers", "containers")
    enabled_by_default = False

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        if ref.security.get("readOnlyRootFilesystem") is True:
            return
        yield self.finding(
            context,
            f"{ref.label} has a writable root file system; set"
            " securityContext.readOnlyRootFilesystem: true and mount what it writes",
            key_loc_or(ref.security, "readOnlyRootFilesystem", ref.loc))
