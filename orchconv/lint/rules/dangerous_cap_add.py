"""dangerous-cap-add: a capability that breaks container isolation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._capabilities import allowed_capabilities, capability_name, danger
from orchconv.lint.rules._compose import ServiceRef, ServiceRule, string_items


class DangerousCapAdd(ServiceRule):
    """A capability in `cap_add` that breaks container isolation.

    ## What it does
    Reports each `cap_add` entry that grants a capability able to reach past
    the container: `ALL`, `SYS_ADMIN`, `SYS_MODULE`, `SYS_PTRACE`,
    `SYS_RAWIO`, `SYS_BOOT`, `SYS_TIME`, `NET_ADMIN`, `DAC_READ_SEARCH`,
    `DAC_OVERRIDE`, `BPF`, `PERFMON`, `MAC_ADMIN`, `MAC_OVERRIDE` (with or
    without the `CAP_` prefix, in any case).  Capabilities listed in the
    option `allow` are not reported.

    ## Why it matters
    The engine drops these capabilities by default because each one is a
    known road out of a container: `SYS_ADMIN` alone allows mounting the
    host's file systems, `SYS_MODULE` loading code into the kernel,
    `SYS_PTRACE` reading secrets out of other processes.

    ## Example
    ```yaml
    services:
      vpn:
        image: example/vpn:2.0
        cap_add: [NET_ADMIN, SYS_ADMIN]
    ```

    ## Fix
    Add only the narrow capability the process needs (`NET_BIND_SERVICE` to
    bind port 80, not `SYS_ADMIN`); where a wide one is required (a VPN needs
    `NET_ADMIN`), allow it in the configuration
    (`rules: {dangerous-cap-add: {options: {allow: [NET_ADMIN]}}}`).
    """

    id = "dangerous-cap-add"
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"allow": []}

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for _, text, loc in string_items(ref.service.get("cap_add")):
            name = capability_name(text)
            effect = danger(name, allowed_capabilities(context))
            if effect is not None:
                yield self.finding(
                    context, f"service {ref.name!r} adds capability {name}: {effect}", loc)
