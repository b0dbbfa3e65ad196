"""environment, env_file, secrets and configs -> env, ConfigMaps, Secrets and their mounts."""

from __future__ import annotations

import base64

from orchconv.ir.project import FileObject
from orchconv.ir.service import EnvFile, FileRef
from tests.k8s.helpers import at, container, emit, find, losses, pod_spec, project, service
from tests.k8s.samples import MemoryFiles


def test_environment_keeps_order_and_escapes_kubernetes_expansion() -> None:
    env = {"A": "plain", "B": "$(not a var)", "C": "$$HOME", "D": "$PATH"}
    result = emit(project(service("app", environment=env)))
    assert container(find(result, "Deployment", "app"))["env"] == [
        {"name": "A", "value": "plain"}, {"name": "B", "value": "$$(not a var)"},
        {"name": "C", "value": "$$$HOME"}, {"name": "D", "value": "$PATH"}]


def test_a_variable_without_a_value_is_left_out_as_compose_does() -> None:
    result = emit(project(service("app", environment={"UNSET": None, "SET": "1"})))
    assert container(find(result, "Deployment", "app"))["env"] == [{"name": "SET", "value": "1"}]
    assert any("UNSET" in w for w in result.warnings)


def test_env_files_become_config_maps_read_with_env_from() -> None:
    files = (EnvFile(path="/p/common.env", values={"A": "1", "B": "2"}),
             EnvFile(path="/p/local.env", required=False, values={"B": "3", "NONE": None}))
    result = emit(project(service("app", env_file=files)))
    assert find(result, "ConfigMap", "app-common.env")["data"] == {"A": "1", "B": "2"}
    assert find(result, "ConfigMap", "app-local.env")["data"] == {"B": "3"}
    # Later sources win in envFrom, as later env files win in compose; env wins over both.
    assert container(find(result, "Deployment", "app"))["envFrom"] == [
        {"configMapRef": {"name": "app-common.env"}},
        {"configMapRef": {"name": "app-local.env", "optional": True}}]


def test_an_empty_env_file_still_gets_its_config_map() -> None:
    result = emit(project(service("app", env_file=(EnvFile(path="/p/empty.env"),))))
    assert find(result, "ConfigMap", "app-empty.env")["data"] == {}


def test_a_secret_with_inline_content_is_mounted_where_compose_puts_it() -> None:
    proj = project(service("app", secrets=(FileRef(source="db_pass"),)),
                   secrets={"db_pass": FileObject(key="db_pass", content="hunter2")})
    result = emit(proj)
    secret = find(result, "Secret", "db-pass")
    assert secret["type"] == "Opaque"
    assert base64.b64decode(secret["data"]["db_pass"]) == b"hunter2"
    assert container(find(result, "Deployment", "app"))["volumeMounts"] == [
        {"name": "secret-db-pass", "mountPath": "/run/secrets/db_pass", "subPath": "db_pass",
         "readOnly": True}]
    assert pod_spec(find(result, "Deployment", "app"))["volumes"] == [
        {"name": "secret-db-pass", "secret": {"secretName": "db-pass"}}]


def test_secret_targets_mode_and_owner() -> None:
    ref = FileRef(source="key", target="tls.key", mode=0o400, uid="100", gid="101", loc=at(8))
    proj = project(service("app", secrets=(ref,)),
                   secrets={"key": FileObject(key="key", content="k")})
    result = emit(proj)
    mount = container(find(result, "Deployment", "app"))["volumeMounts"][0]
    assert mount["mountPath"] == "/run/secrets/tls.key"  # a relative target is under /run/secrets
    volume = pod_spec(find(result, "Deployment", "app"))["volumes"][0]
    assert volume["secret"]["defaultMode"] == 0o400
    owners = losses(result, "services.app.secrets[0]")
    assert {x.path for x in owners} == {"services.app.secrets[0].uid",
                                        "services.app.secrets[0].gid"}
    assert all(x.loc == at(8) for x in owners)


def test_a_secret_from_the_environment_uses_the_callers_environ() -> None:
    proj = project(service("app", secrets=(FileRef(source="token"),)),
                   secrets={"token": FileObject(key="token", environment="TOKEN")})
    with_env = emit(proj, environ={"TOKEN": "t0k3n"})
    assert base64.b64decode(find(with_env, "Secret", "token")["data"]["token"]) == b"t0k3n"
    without = emit(proj)
    assert find(without, "Secret", "token")["data"] == {"token": ""}
    [missing] = losses(without, "secrets.token")
    assert "$TOKEN" in missing.reason and "fill in" in missing.reason
    assert "t0k3n" not in missing.reason


def test_file_contents_come_from_the_callers_file_access() -> None:
    proj = project(service("app", configs=(FileRef(source="site"),)),
                   configs={"site": FileObject(key="site", file="/p/site.conf", loc=at(50))})
    read = emit(proj, files=MemoryFiles({"/p/site.conf": b"listen 80;\n"}))
    assert find(read, "ConfigMap", "site")["data"] == {"site": "listen 80;\n"}
    assert container(find(read, "Deployment", "app"))["volumeMounts"][0]["mountPath"] == "/site"
    unread = emit(proj)
    assert find(unread, "ConfigMap", "site")["data"] == {"site": ""}
    [missing] = losses(unread, "configs.site")
    assert missing.loc == at(50)


def test_binary_config_content_goes_to_binary_data() -> None:
    proj = project(service("app", configs=(FileRef(source="logo", target="/img/logo.png"),)),
                   configs={"logo": FileObject(key="logo", file="/p/logo.png")})
    result = emit(proj, files=MemoryFiles({"/p/logo.png": b"\x89PNG\xff"}))
    config_map = find(result, "ConfigMap", "logo")
    assert config_map["data"] == {}
    assert base64.b64decode(config_map["binaryData"]["logo"]) == b"\x89PNG\xff"


def test_external_secrets_are_referenced_not_emitted() -> None:
    proj = project(service("app", secrets=(FileRef(source="cert"),)),
                   secrets={"cert": FileObject(key="cert", name="site-cert", external=True)})
    result = emit(proj)
    assert [d for d in result.documents if d.data["kind"] == "Secret"] == []
    assert pod_spec(find(result, "Deployment", "app"))["volumes"][0]["secret"] == {
        "secretName": "site-cert"}
    assert any("external" in w for w in result.warnings)


def test_secret_labels_label_the_object() -> None:
    proj = project(service("app", secrets=(FileRef(source="s"),)),
                   secrets={"s": FileObject(key="s", content="x", labels={"team": "db"})})
    assert find(emit(proj), "Secret", "s")["metadata"]["labels"]["team"] == "db"


def test_an_undefined_secret_is_a_loss() -> None:
    result = emit(project(service("app", secrets=(FileRef(source="ghost", loc=at(9)),))))
    [lost] = losses(result, "services.app.secrets[0]")
    assert lost.loc == at(9)


def test_two_services_share_one_secret_object() -> None:
    ref = (FileRef(source="s"),)
    proj = project(service("a", secrets=ref), service("b", secrets=ref),
                   secrets={"s": FileObject(key="s", content="x")})
    result = emit(proj)
    assert len([d for d in result.documents if d.data["kind"] == "Secret"]) == 1
