"""net-raw-not-dropped: a container that keeps the NET_RAW capability (opt-in)."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._capabilities import capability_name
from orchconv.lint.rules._k8s import (
    ContainerRef,
    LinuxContainerRule,
    at,
    key_loc_or,
    sequence,
)

DROPPING = frozenset({"NET_RAW", "ALL"})


class NetRawNotDropped(LinuxContainerRule):
    """A container that keeps the `NET_RAW` capability (off by default).

    ## What it does
    Reports an init or app container of a Linux pod whose
    `securityContext.capabilities.drop` names neither `NET_RAW` nor `ALL`.
    Privileged containers are `privileged-container-k8s`'s.  A hardening
    check, off by default, like the Compose rule `no-cap-drop-all`.

    ## Why it matters
    containerd (the usual runtime) and Docker give containers `NET_RAW`
    unless told otherwise.  With it a process can craft any packet: spoof
    addresses, poison ARP and DNS answers for its neighbours on the node's
    network.  Almost no application needs it.  Pod Security's `restricted`
    level requires dropping everything.

    ## Example
    ```yaml
          containers:
            - name: web
              image: nginx:1.27
    ```

    ## Fix
    ```yaml
              securityContext:
                capabilities: {drop: [ALL]}
    ```
    adding back only what the process needs.
    """

    id = "net-raw-not-dropped"
    level = Level.WARNING
    category = "security"
    sections = ("initContainers", "containers")
    enabled_by_default = False

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        if ref.security.get("privileged") is True:
            return
        dropped = {capability_name(item)
                   for item in sequence(at(ref.security, "capabilities", "drop"))
                   if isinstance(item, str)}
        if dropped & DROPPING:
            return
        yield self.finding(
            context, f"{ref.label} keeps NET_RAW; drop it (capabilities.drop: [ALL])",
            key_loc_or(at(ref.security, "capabilities"), "drop", ref.loc))
