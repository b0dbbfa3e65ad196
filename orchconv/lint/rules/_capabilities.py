"""Linux capabilities, as both Compose (`cap_add`) and Kubernetes (`capabilities.add`) name them."""

from __future__ import annotations

from orchconv.lint.context import LintContext

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


def capability_name(text: str) -> str:
    """`cap_sys_admin` and `SYS_ADMIN` name the same capability."""
    return text.strip().upper().removeprefix("CAP_")


def allowed_capabilities(context: LintContext) -> frozenset[str]:
    """The rule's `allow` option: dangerous capabilities the project accepts."""
    return frozenset(capability_name(str(c)) for c in context.options.get("allow", []))


def danger(name: str, allowed: frozenset[str]) -> str | None:
    """What an added capability (already named by `capability_name`) lets a process do,
    or None when it is harmless or allowed."""
    return None if name in allowed else DANGEROUS_CAPABILITIES.get(name)
