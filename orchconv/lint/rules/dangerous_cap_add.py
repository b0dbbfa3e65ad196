"""dangerous-cap-add: a capability that breaks container isolation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import (
    COMPOSE_KINDS,
    capability_name,
    services,
    string_items,
)

# capability -> what it lets a process in the container do
DANGEROUS_CAPABILITIES = {
    "ALL": "every capability: as good as privileged",
    "SYS_ADMIN": "mount file systems, create namespaces, use BPF: near root on the host",
    "SYS_MODULE": "load kernel modules",
    "SYS_PTRACE": "trace processes and read their memory",
    "SYS_RAWIO": "raw I/O on devices and ports",
    "SYS_BOOT": "reboot the host",
    "SYS_TIME": "set the host's clock",
    "NET_ADMIN": "reconfigure interfaces, routes and firewall rules",
    "DAC_READ_SEARCH": "read any file, and open host files by handle",
    "DAC_OVERRIDE": "ignore file permissions",
    "BPF": "load BPF programs into the kernel",
    "PERFMON": "observe the kernel and other processes",
    "MAC_ADMIN": "change the mandatory access control (AppArmor, SELinux) policy",
    "MAC_OVERRIDE": "bypass the mandatory access control policy",
}


class DangerousCapAdd(Rule):
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
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"allow": []}

    def check(self, context: LintContext) -> Iterator[Finding]:
        allowed = {capability_name(str(c)) for c in context.options.get("allow", [])}
        for ref in services(context):
            for _, text, loc in string_items(ref.service.get("cap_add")):
                name = capability_name(text)
                effect = DANGEROUS_CAPABILITIES.get(name)
                if effect is None or name in allowed:
                    continue
                yield self.finding(
                    context, f"service {ref.name!r} adds capability {name}: {effect}", loc)
