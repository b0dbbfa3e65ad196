"""Credential-named variables go into the service's Secret; --plain-env keeps them plain.

And every ConfigMap or Secret key the emitter writes for the environment is
one the API server accepts, or the conversion stops at the compose key.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.ir.service import EnvFile
from orchconv.source.yamlout import dump_yaml_documents
from orchconv.translate.k8s.emit.keys import key_problem
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.validate import schemas_available, validate_documents
from orchconv.translate.k8s.vocabulary import COMPONENT
from orchconv.translate.result import Conversion
from tests.k8s.helpers import at, container, emit, find, objects, project, service

ENV = {"DB_HOST": "db", "DB_PASSWORD": "pa$$(w)rd-1", "DB_USER": "app",
       "API_TOKEN": "tok-123456"}


def _ref(secret: str, key: str) -> dict[str, Any]:
    return {"name": key, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}


def _data(obj: dict[str, Any]) -> dict[str, str]:
    return {k: base64.b64decode(v).decode() for k, v in obj["data"].items()}


def _texts(result: Conversion) -> str:
    return "\n".join([*result.warnings, *(loss.reason for loss in result.losses)])


def test_credentials_in_environment_are_read_from_the_service_secret() -> None:
    result = emit(project(service("app", environment=ENV)))
    assert container(find(result, "Deployment", "app"))["env"] == [
        {"name": "DB_HOST", "value": "db"}, _ref("app-env", "DB_PASSWORD"),
        {"name": "DB_USER", "value": "app"}, _ref("app-env", "API_TOKEN")]
    secret = find(result, "Secret", "app-env")
    assert secret["type"] == "Opaque"
    assert secret["metadata"]["labels"][COMPONENT] == "env"
    # a Secret's value is not expanded by Kubernetes: it keeps its `$(` as written
    assert _data(secret) == {"DB_PASSWORD": "pa$$(w)rd-1", "API_TOKEN": "tok-123456"}
    assert result.warnings == []


def test_look_alike_names_stay_plain() -> None:
    env = {"PASSWORD_FILE": "/run/secrets/pw", "DB_USER": "app", "COMPASS": "north",
           "PATH": "/bin"}
    result = emit(project(service("app", environment=env)))
    assert container(find(result, "Deployment", "app"))["env"] == [
        {"name": k, "value": v} for k, v in env.items()]
    assert objects(result, "Secret") == []


def test_a_service_without_credentials_gets_no_secret() -> None:
    result = emit(project(service("app", environment={"MODE": "prod"})))
    assert objects(result, "Secret") == []


def test_env_file_credentials_move_and_the_rest_stays_in_the_config_map() -> None:
    files = (EnvFile(path="/p/common.env", values={"A": "1", "DB_PASSWORD": "first-pw"}),
             EnvFile(path="/p/local.env", values={"DB_PASSWORD": "later-pw", "B": "2"}),
             EnvFile(path="/p/keys.env", required=False, values={"API_TOKEN": "tok-9999"}))
    result = emit(project(service("app", env_file=files)))
    assert find(result, "ConfigMap", "app-common.env")["data"] == {"A": "1"}
    assert find(result, "ConfigMap", "app-local.env")["data"] == {"B": "2"}
    # a file of credentials only needs no ConfigMap
    assert [o["metadata"]["name"] for o in objects(result, "ConfigMap")] == [
        "app-common.env", "app-local.env"]
    main = container(find(result, "Deployment", "app"))
    assert main["envFrom"] == [{"configMapRef": {"name": "app-common.env"}},
                               {"configMapRef": {"name": "app-local.env"}}]
    assert main["env"] == [_ref("app-env", "DB_PASSWORD"), _ref("app-env", "API_TOKEN")]
    # later env files win, as in compose
    assert _data(find(result, "Secret", "app-env")) == {"DB_PASSWORD": "later-pw",
                                                       "API_TOKEN": "tok-9999"}
    assert "first-pw" not in str(main) and "later-pw" not in str(main)


def test_environment_wins_over_an_env_file_credential() -> None:
    files = (EnvFile(path="/p/app.env", values={"DB_PASSWORD": "from-file"}),)
    result = emit(project(service("app", env_file=files,
                                  environment={"DB_PASSWORD": "from-env"})))
    assert container(find(result, "Deployment", "app"))["env"] == [
        _ref("app-env", "DB_PASSWORD")]
    assert _data(find(result, "Secret", "app-env")) == {"DB_PASSWORD": "from-env"}


def test_plain_env_keeps_values_plain_and_warns_by_key_only() -> None:
    files = (EnvFile(path="/p/app.env", values={"A": "1", "DB_PASSWORD": "file-secret"}),)
    result = emit(project(service("app", environment=ENV, env_file=files)), plain_env=True)
    main = container(find(result, "Deployment", "app"))
    assert main["env"][1] == {"name": "DB_PASSWORD", "value": "pa$$$$(w)rd-1"}
    assert find(result, "ConfigMap", "app-app.env")["data"] == {
        "A": "1", "DB_PASSWORD": "file-secret"}
    assert objects(result, "Secret") == []
    warned = _texts(result)
    for name in ("environment.DB_PASSWORD", "environment.API_TOKEN", "DB_PASSWORD of /p/app.env"):
        assert name in warned
    for value in ("pa$$(w)rd-1", "tok-123456", "file-secret"):
        assert value not in warned


def test_a_credential_whose_name_cannot_be_a_key_stays_plain_with_a_warning() -> None:
    result = emit(project(service("app", environment={"MOT_DE_PASSWORD_été": "geheim-1"})))
    assert container(find(result, "Deployment", "app"))["env"] == [
        {"name": "MOT_DE_PASSWORD_été", "value": "geheim-1"}]
    [warning] = result.warnings
    assert "MOT_DE_PASSWORD_été" in warning and "geheim-1" not in warning


@pytest.mark.parametrize("key", ["é", "", "A B", "..x", "x" * 254])
def test_an_env_file_key_the_api_server_refuses_is_a_located_error(key: str) -> None:
    files = (EnvFile(path="/p/app.env", values={"OK": "1", key: "v"}, loc=at(7, 9)),)
    with pytest.raises(InputError) as raised:
        emit(project(service("app", env_file=files)))
    assert raised.value.loc == at(7, 9)
    assert raised.value.message.startswith(f"services.app.env_file[0]: variable {key!r}")
    assert "'v'" not in raised.value.message


@pytest.mark.parametrize("key, ok", [
    ("DB_PASSWORD", True), ("a.b-c_d", True), ("x" * 253, True), ("é", False),
    ("", False), (".", False), ("..", False), ("..a", False), (".a", True),
    ("a\n", False), ("x" * 254, False)])
def test_key_rule_is_the_api_servers(key: str, ok: bool) -> None:
    assert (key_problem(key) is None) == ok


def _round_trip(tmp_path: Path, result: Conversion) -> Any:
    documents = [d.data for d in result.documents]
    if schemas_available():
        assert validate_documents(documents, "1.35") == []
    manifest = tmp_path / "m.yaml"
    manifest.write_text(dump_yaml_documents(documents))
    return load_kubernetes((manifest,), K8sLoadOptions())


def test_k8s2compose_reads_the_moved_credentials_back_as_plain_values(tmp_path: Path) -> None:
    files = (EnvFile(path="/p/app.env", values={"A": "1", "PGPASSWORD": "file-pw"}),)
    loaded = _round_trip(tmp_path, emit(project(service("app", environment=ENV,
                                                        env_file=files))))
    environment = loaded.project.services["app"].environment
    assert environment == {**ENV, "A": "1", "PGPASSWORD": "file-pw"}
    assert loaded.environ == {}  # nothing left for the caller's environment
    assert not [loss for loss in loaded.losses if "Secret/app-env" in loss.path]


def test_a_users_own_secret_still_stays_out_of_the_compose_file(tmp_path: Path) -> None:
    result = emit(project(service("app", environment={"DB_PASSWORD": "pw-123456"})))
    secret = find(result, "Secret", "app-env")
    del secret["metadata"]["labels"][COMPONENT]  # no longer the one orchconv wrote
    loaded = _round_trip(tmp_path, result)
    assert loaded.project.services["app"].environment == {"DB_PASSWORD": None}
    assert loaded.environ == {"DB_PASSWORD": "pw-123456"}


@pytest.mark.parametrize("raw", ["..data", ".", "..", "a b", "é", "x" * 300, "db_pass"])
def test_keys_made_from_file_names_are_always_valid(raw: str) -> None:
    from orchconv.translate.k8s.emit.names import config_key

    assert key_problem(config_key(raw)) is None
