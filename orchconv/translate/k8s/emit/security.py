"""user, cap_add/cap_drop, privileged, read_only, security_opt, group_add, sysctls
-> the container's and the pod's securityContext."""

from __future__ import annotations

from typing import Any

from orchconv.ir.loss import INFO
from orchconv.translate.fields import put
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.requests import Directives

# Sysctls the kubelet allows without --allowed-unsafe-sysctls, by the release that made them safe.
_SAFE_SYSCTLS = {
    "kernel.shm_rmid_forced": 0, "net.ipv4.ip_local_port_range": 0,
    "net.ipv4.tcp_syncookies": 0, "net.ipv4.ping_group_range": 0,
    "net.ipv4.ip_unprivileged_port_start": 0, "net.ipv4.ip_local_reserved_ports": 0,
    "net.ipv4.tcp_keepalive_time": 0, "net.ipv4.tcp_fin_timeout": 0,
    "net.ipv4.tcp_keepalive_intvl": 0, "net.ipv4.tcp_keepalive_probes": 0,
    "net.ipv4.tcp_rmem": 32, "net.ipv4.tcp_wmem": 32,
}
_SELINUX_FIELDS = {"user": "user", "role": "role", "type": "type", "level": "level"}


def _capability(name: str) -> str:
    return name[4:] if name.upper().startswith("CAP_") else name


def _user(ctx: ServiceContext, context: dict[str, Any]) -> None:
    user = ctx.service.user
    ctx.done("user")
    if user is None:
        return
    uid, _, gid = user.partition(":")
    if uid.isdigit():
        context["runAsUser"] = int(uid)
    else:
        ctx.lose("user", f"runAsUser takes a numeric uid; look up {uid!r} in the image")
    if gid.isdigit():
        context["runAsGroup"] = int(gid)
    elif gid:
        ctx.lose("user", f"runAsGroup takes a numeric gid; look up {gid!r} in the image")


def _split_option(option: str) -> tuple[str, str]:
    for separator in ("=", ":"):
        key, found, value = option.partition(separator)
        if found:
            return key, value
    return option, ""


def _security_opt(ctx: ServiceContext, context: dict[str, Any], index: int, option: str) -> None:
    key, value = _split_option(option)
    sub = f"[{index}]"
    if key == "no-new-privileges":
        if value in ("", "true"):
            if ctx.service.privileged:
                ctx.lose("security_opt", "a privileged container can always escalate",
                         sub=sub)
            else:
                context["allowPrivilegeEscalation"] = False
        return
    if key == "seccomp" and value == "unconfined":
        context["seccompProfile"] = {"type": "Unconfined"}
    elif key == "apparmor" and value == "unconfined":
        context["appArmorProfile"] = {"type": "Unconfined"}
    elif key == "apparmor" and value:
        context["appArmorProfile"] = {"type": "Localhost", "localhostProfile": value}
        ctx.emit.warn(f"{ctx.path}.security_opt: AppArmor profile {value!r} must be loaded "
                      "on every node")
    elif key == "label" and value.partition(":")[0] in _SELINUX_FIELDS:
        field, _, setting = value.partition(":")
        context.setdefault("seLinuxOptions", {})[_SELINUX_FIELDS[field]] = setting
    else:
        ctx.lose("security_opt", f"{option!r} has no securityContext counterpart", sub=sub)


def container_security(ctx: ServiceContext) -> dict[str, Any]:
    service = ctx.service
    context: dict[str, Any] = {}
    _user(ctx, context)
    capabilities: dict[str, list[str]] = {}
    if service.cap_add:
        capabilities["add"] = [_capability(c) for c in service.cap_add]
    if service.cap_drop:
        capabilities["drop"] = [_capability(c) for c in service.cap_drop]
    put(context, "capabilities", capabilities)
    put(context, "privileged", service.privileged)
    put(context, "readOnlyRootFilesystem", service.read_only)
    ctx.done("cap_add", "cap_drop", "privileged", "read_only", "security_opt")
    for index, option in enumerate(service.security_opt):
        _security_opt(ctx, context, index, option)
    return context


def pod_security(ctx: ServiceContext, directives: Directives) -> dict[str, Any]:
    service = ctx.service
    context: dict[str, Any] = {}
    if directives.fs_group is not None:
        context["fsGroup"] = directives.fs_group
    groups = []
    for index, group in enumerate(service.group_add):
        if group.isdigit():
            groups.append(int(group))
        else:
            ctx.lose("group_add", f"supplementalGroups take numeric gids; look up {group!r} "
                                  "in the image", sub=f"[{index}]")
    if groups:
        context["supplementalGroups"] = groups
    sysctls = _sysctls(ctx)
    if sysctls:
        context["sysctls"] = sysctls
    ctx.done("group_add", "sysctls")
    _userns(ctx)
    return context


def _sysctls(ctx: ServiceContext) -> list[dict[str, str]]:
    minor = ctx.options.minor_version
    host_network = ctx.service.network_mode == "host"
    kept = []
    for name, value in ctx.service.sysctls.items():
        dotted = name.replace("/", ".")
        if host_network and dotted.startswith("net."):
            ctx.lose("sysctls", "a pod on the host network cannot set network sysctls",
                     sub=name)
            continue
        since = _SAFE_SYSCTLS.get(dotted)
        if since is None or minor < since:
            ctx.emit.warn(f"{ctx.path}.sysctls.{name} is not a safe sysctl: the kubelet must "
                          "allow it with --allowed-unsafe-sysctls")
        kept.append({"name": name, "value": value})
    return kept


def _userns(ctx: ServiceContext) -> None:
    mode = ctx.service.userns_mode
    if mode is None:
        return
    if mode == "host":
        ctx.lose("userns_mode", "the host user namespace is what a pod has anyway "
                                "(hostUsers: true); it is not written", level=INFO)
        return
    ctx.lose("userns_mode", f"user namespace mode {mode!r} has no pod counterpart "
                            "(hostUsers: false gives a private one)")
