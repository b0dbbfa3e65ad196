"""dangerous-capability-k8s: a container capability that breaks container isolation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._capabilities import allowed_capabilities, capability_name, danger
from orchconv.lint.rules._k8s import ContainerRef, ContainerRule, at, sequence
from orchconv.source.yamltree import loc_of


class DangerousCapabilityK8s(ContainerRule):
    """A capability in `securityContext.capabilities.add` that breaks container isolation.

    ## What it does
    Reports each entry of a container's `capabilities.add` that grants a
    capability able to reach past the container: `ALL`, `SYS_ADMIN`,
    `SYS_MODULE`, `SYS_PTRACE`, `SYS_RAWIO`, `SYS_BOOT`, `SYS_TIME`,
    `NET_ADMIN`, `DAC_READ_SEARCH`, `DAC_OVERRIDE`, `BPF`, `PERFMON`,
    `MAC_ADMIN`, `MAC_OVERRIDE` (with or without `CAP_`, in any case),
    unless option `allow` lists it.  The Compose rule for the same thing is
    `dangerous-cap-add`.

    ## Why it matters
    The container runtime withholds these capabilities because each one is
    a known road out of a container: `SYS_ADMIN` alone allows mounting file
    systems and most of what root can do, `SYS_MODULE` loads code into the
    node's kernel, `SYS_PTRACE` reads secrets out of other processes.  Pod
    Security's `baseline` level refuses all of them.

    ## Example
    ```yaml
          containers:
            - name: vpn
              image: example/vpn:2.0
              securityContext:
                capabilities: {add: [NET_ADMIN, SYS_ADMIN]}
    ```

    ## Fix
    Add only the narrow capability the process needs (`NET_BIND_SERVICE` to
    bind port 80).  Where a wide one is required, allow it in the
    configuration (`rules: {dangerous-capability-k8s: {options: {allow:
    [NET_ADMIN]}}}`) or annotate the object with
    `orchconv.io/ignore: dangerous-capability-k8s`.
    """

    id = "dangerous-capability-k8s"
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"allow": []}

    def check_container(self, context: LintContext, ref: ContainerRef) -> Iterator[Finding]:
        added = at(ref.security, "capabilities", "add")
        for index, item in enumerate(sequence(added)):
            if not isinstance(item, str):
                continue
            name = capability_name(item)
            effect = danger(name, allowed_capabilities(context))
            if effect is not None:
                yield self.finding(context, f"{ref.label} adds capability {name}: {effect}",
                                   loc_of(added, index))
