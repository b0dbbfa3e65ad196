"""run-as-non-root: a container that may run as root."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._k8s import (
    ContainerRef,
    LinuxContainerRule,
    key_loc_or,
)

ROOT = 0


def _uid(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class RunAsNonRoot(LinuxContainerRule):
    """A container that is not kept from running as root.

    ## What it does
    Reports a container (init, app or ephemeral) of a Linux pod unless its
    effective security context (the container's `securityContext`, else
    the pod's) sets `runAsNonRoot: true` or a `runAsUser` above 0.  A
    container with `runAsNonRoot: true` and `runAsUser: 0` is reported too:
    the kubelet refuses to start it.  Pods with `os.name: windows` are
    skipped.

    ## Why it matters
    Most images still default to root.  Root in a container is the node's
    root as far as the kernel's checks go: one kernel bug or one
    over-generous mount or capability away from the node.  With
    `runAsNonRoot: true` the kubelet refuses to start an image that would
    run as root, so a rebuilt image cannot quietly regress.  Pod Security's
    `restricted` level requires it.

    ## Example
    ```yaml
          containers:
            - name: api
              image: example/api:1.4
    ```

    ## Fix
    ```yaml
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
    ```
    in the pod spec (for every container) or in the container.
    """

    id = "run-as-non-root"
    level = Level.WARNING
    category = "security"

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        problem = _problem(ref)
        if problem is not None:
            where = key_loc_or(ref.security, "runAsUser",
                               key_loc_or(ref.pod_security, "runAsUser", ref.loc))
            yield self.finding(context, f"{ref.label} {problem}", where)


def _problem(ref: ContainerRef) -> str | None:
    non_root = ref.effective("runAsNonRoot") is True
    user = _uid(ref.effective("runAsUser"))
    if non_root and user == ROOT:
        return ("sets runAsNonRoot with runAsUser 0: the kubelet refuses to start it")
    if non_root or (user is not None and user > ROOT):
        return None
    if user == ROOT:
        return "runs as root (runAsUser: 0)"
    return "may run as root: set runAsNonRoot: true (and a runAsUser above 0)"
