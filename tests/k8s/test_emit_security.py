"""user, capabilities, privileged, read_only, security_opt, group_add, sysctls."""

from __future__ import annotations

import pytest

from tests.k8s.helpers import container, emit, find, loss_text, losses, pod_spec, project, service


def security(**fields: object) -> dict[str, object]:
    result = emit(project(service("app", **fields)))
    found: dict[str, object] = container(find(result, "Deployment", "app")).get(
        "securityContext", {})
    return found


def test_numeric_user_and_group() -> None:
    assert security(user="1000") == {"runAsUser": 1000}
    assert security(user="1000:2000") == {"runAsUser": 1000, "runAsGroup": 2000}


@pytest.mark.parametrize(("user", "kept"), [("nginx", {}), ("1000:staff", {"runAsUser": 1000}),
                                            ("www:33", {"runAsGroup": 33})])
def test_user_names_are_losses(user: str, kept: dict[str, int]) -> None:
    result = emit(project(service("app", user=user)))
    assert container(find(result, "Deployment", "app")).get("securityContext", {}) == kept
    assert "numeric" in loss_text(result, "services.app.user")


def test_capabilities_lose_the_cap_prefix() -> None:
    assert security(cap_add=("CAP_NET_ADMIN", "SYS_TIME"), cap_drop=("ALL",)) == {
        "capabilities": {"add": ["NET_ADMIN", "SYS_TIME"], "drop": ["ALL"]}}


def test_privileged_and_read_only() -> None:
    assert security(privileged=True, read_only=True) == {"privileged": True,
                                                         "readOnlyRootFilesystem": True}


@pytest.mark.parametrize("option", ["no-new-privileges", "no-new-privileges:true",
                                    "no-new-privileges=true"])
def test_no_new_privileges(option: str) -> None:
    assert security(security_opt=(option,)) == {"allowPrivilegeEscalation": False}


def test_security_profiles() -> None:
    assert security(security_opt=("seccomp=unconfined", "apparmor:unconfined")) == {
        "seccompProfile": {"type": "Unconfined"}, "appArmorProfile": {"type": "Unconfined"}}
    assert security(security_opt=("label=type:svirt_apache_t", "label:level:s0:c1")) == {
        "seLinuxOptions": {"type": "svirt_apache_t", "level": "s0:c1"}}


@pytest.mark.parametrize("option", ["seccomp=/etc/profile.json", "label=disable",
                                    "systempaths=unconfined"])
def test_other_security_options_are_losses(option: str) -> None:
    result = emit(project(service("app", security_opt=(option,))))
    assert losses(result, "services.app.security_opt[0]")


def test_group_add_and_sysctls_are_pod_level() -> None:
    result = emit(project(service("app", group_add=("27", "docker"),
                                  sysctls={"net.ipv4.tcp_syncookies": "1",
                                           "kernel.msgmax": "65536"})))
    spec = pod_spec(find(result, "Deployment", "app"))
    assert spec["securityContext"] == {
        "supplementalGroups": [27],
        "sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"},
                    {"name": "kernel.msgmax", "value": "65536"}]}
    assert losses(result, "services.app.group_add[1]")
    assert [w for w in result.warnings if "sysctls" in w] == [
        "services.app.sysctls.kernel.msgmax is not a safe sysctl: the kubelet must allow it "
        "with --allowed-unsafe-sysctls"]


def test_which_sysctls_are_safe_depends_on_the_release() -> None:
    app = service("app", sysctls={"net.ipv4.tcp_rmem": "4096 87380 6291456"})
    assert any("tcp_rmem" in w for w in emit(project(app), k8s_version="1.31").warnings)
    assert not any("tcp_rmem" in w for w in emit(project(app), k8s_version="1.32").warnings)


def test_fs_group_label() -> None:
    result = emit(project(service("app", labels={"kompose.security-context.fsgroup": "2000"})))
    assert pod_spec(find(result, "Deployment", "app"))["securityContext"] == {"fsGroup": 2000}


def test_userns_host_is_the_default_and_so_not_written() -> None:
    result = emit(project(service("app", userns_mode="host")))
    assert "hostUsers" not in pod_spec(find(result, "Deployment", "app"))
    assert "not written" in loss_text(result, "services.app.userns_mode")
