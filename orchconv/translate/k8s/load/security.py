"""securityContext (the pod's, overridden by the container's) -> user, capabilities,
privileged, read_only, security_opt; the pod's groups and sysctls."""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.load.draft import Draft
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.vocabulary import FS_GROUP

_SELINUX = ("user", "role", "type", "level")


def _merged(pod: Node | None, container: Node | None, key: str) -> tuple[Any, Node | None]:
    """The container's setting, else the pod's, and the node it was read from."""
    for node in (container, pod):
        if node is not None and node.has(key):
            return node.raw(key), node
    return None, None


def _user(pod: Node | None, container: Node | None, draft: Draft) -> None:
    uid, uid_node = _merged(pod, container, "runAsUser")
    gid, gid_node = _merged(pod, container, "runAsGroup")
    if uid is not None and uid_node is not None:
        user = f"{uid}:{gid}" if gid is not None else str(uid)
        draft.set("user", user, uid_node.key_loc("runAsUser"))
    elif gid is not None and gid_node is not None:
        gid_node.lose("runAsGroup", "compose sets a group only together with a user")


def _profile(node: Node, key: str, option: str, draft: Draft, loc_key: str) -> None:
    profile = node.node(key)
    if profile is None:
        return
    kind = profile.text("type")
    if kind == "RuntimeDefault":
        return  # Docker's default profile
    if kind == "Unconfined":
        draft.append("security_opt", f"{option}:unconfined", node.key_loc(loc_key))
    elif kind == "Localhost" and option == "apparmor":
        name = profile.text("localhostProfile") or ""
        draft.append("security_opt", f"apparmor:{name}", node.key_loc(loc_key))
    else:
        profile.lose("localhostProfile", "a seccomp profile on the node has no compose "
                     "counterpart (compose takes a JSON file: seccomp=<path>)")


def _options(pod: Node | None, container: Node | None, draft: Draft) -> None:
    for key, option in (("seccompProfile", "seccomp"), ("appArmorProfile", "apparmor")):
        _, node = _merged(pod, container, key)
        if node is not None:
            _profile(node, key, option, draft, key)
    _, node = _merged(pod, container, "seLinuxOptions")
    if node is not None:
        selinux = node.node("seLinuxOptions")
        assert selinux is not None
        for field in _SELINUX:
            value = selinux.text(field)
            if value:
                draft.append("security_opt", f"label:{field}:{value}", selinux.key_loc(field))


_SHARED = ("seccompProfile", "appArmorProfile", "seLinuxOptions", "runAsUser", "runAsGroup",
           "runAsNonRoot")


def _superseded(pod: Node | None, container: Node | None) -> None:
    """The pod's settings that the container overrides are accounted for."""
    if pod is None or container is None:
        return
    for key in _SHARED:
        if container.has(key):
            pod.skip(key)


def container_security(pod: Node | None, container: Node, draft: Draft) -> None:
    context = container.node("securityContext")
    _superseded(pod, context)
    _user(pod, context, draft)
    _options(pod, context, draft)
    non_root, node = _merged(pod, context, "runAsNonRoot")
    if non_root and node is not None:
        node.lose("runAsNonRoot", "compose does not check that the image runs as non-root")
    if context is None:
        return
    capabilities = context.node("capabilities")
    if capabilities is not None:
        for key, target in (("add", "cap_add"), ("drop", "cap_drop")):
            for name in capabilities.strings(key):
                draft.append(target, name, capabilities.value_loc(key))
    if context.boolean("privileged"):
        draft.set("privileged", True, context.key_loc("privileged"))
    if context.boolean("readOnlyRootFilesystem"):
        draft.set("read_only", True, context.key_loc("readOnlyRootFilesystem"))
    escalation = context.boolean("allowPrivilegeEscalation")
    if escalation is False:
        draft.append("security_opt", "no-new-privileges:true",
                     context.key_loc("allowPrivilegeEscalation"))
    context.default("procMount", "Default")


def pod_security(pod: Node | None, owner: Draft) -> None:
    """The pod-wide part of the pod's securityContext, on the service owning the pod."""
    if pod is None:
        return
    group = pod.integer("fsGroup")
    if group is not None:
        owner.label(FS_GROUP[0], str(group), pod.key_loc("fsGroup"))
    for gid in pod.raw("supplementalGroups") or ():
        owner.append("group_add", str(gid), pod.key_loc("supplementalGroups"))
    for entry in pod.nodes("sysctls"):
        sysctls = owner.section("sysctls", pod.key_loc("sysctls"))
        sysctls.put(entry.text("name") or "", entry.text("value") or "", entry.loc, entry.loc)
    pod.default("fsGroupChangePolicy", "Always")
    pod.default("supplementalGroupsPolicy", "Merge")
