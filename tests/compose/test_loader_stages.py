"""extends across files, include, unset zeros and the printed form.

Rules from compose-go v2.6.0 (loader/extends.go, loader/include.go, the
`omitempty` fields of types/types.go) and docker compose v2.35.1's `config`
command (`escapeDollarSign`); each is also a golden case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orchconv.errors import InputError
from orchconv.ir.project import Project
from orchconv.translate.compose.emitter import emit_compose
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def load(folder: Path, env: dict[str, str] | None = None) -> Project:
    return load_project(LoadOptions(working_dir=folder, os_environ=env or {})).project


# -- extends (golden: extends-*) ---------------------------------------------------------

def test_paths_of_an_extended_file_start_at_its_folder(tmp_path: Path) -> None:
    write(tmp_path, {
        "compose.yaml": "services:\n  api:\n    extends: {file: common/base.yml, service: b}\n"
                        "    volumes: ['./mine:/mine']\n",
        "common/base.yml": "services:\n  b:\n    image: x\n    build: ./app\n"
                           "    env_file: base.env\n    volumes: ['./shared:/shared']\n",
        "common/base.env": "FROM_BASE=1\n",
    })
    api = load(tmp_path).services["api"]
    assert api.build is not None and api.build.context == f"{tmp_path}/common/app"
    assert [m.source for m in api.volumes] == [f"{tmp_path}/common/shared", f"{tmp_path}/mine"]
    assert api.env_file[0].values == {"FROM_BASE": "1"}


def test_extends_chain_through_files(tmp_path: Path) -> None:
    write(tmp_path, {
        "compose.yaml": "services:\n  a:\n    extends: {file: one/b.yml, service: b}\n",
        "one/b.yml": "services:\n  b:\n    extends: {file: ../two/c.yml, service: c}\n"
                     "    environment: {B: '1'}\n",
        "two/c.yml": "services:\n  c:\n    image: x\n    environment: {C: '1'}\n",
    })
    assert dict(load(tmp_path).services["a"].environment) == {"B": "1", "C": "1"}


def test_a_cycle_across_files_is_an_error_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, {
        "compose.yaml": "services:\n  web:\n    extends: {file: other.yml, service: web}\n",
        "other.yml": "services:\n  web:\n    image: x\n"
                     "    extends: {file: compose.yaml, service: web}\n",
    })
    with pytest.raises(InputError, match="circular reference with extends"):
        load(tmp_path)


# -- include (golden: include-*) ----------------------------------------------------------

@pytest.mark.parametrize(("folder_exists", "base"), [(True, "mod/work"), (False, "mod")])
def test_include_project_directory(tmp_path: Path, folder_exists: bool, base: str) -> None:
    """Paths resolve from project_directory, or from its parent when it is no folder."""
    write(tmp_path, {
        "compose.yaml": "include:\n  - path: mod/c.yml\n    project_directory: mod/work\n",
        "mod/c.yml": "services:\n  c:\n    image: x\n    volumes: ['./conf:/conf']\n",
    })
    if folder_exists:
        (tmp_path / "mod" / "work").mkdir()
    assert load(tmp_path).services["c"].volumes[0].source == f"{tmp_path}/{base}/conf"


def test_include_env_file_and_parent_variables_win(tmp_path: Path) -> None:
    write(tmp_path, {
        "compose.yaml": "include:\n  - path: sub/c.yml\n    env_file: inc.env\n",
        "inc.env": "TAG=included\nONLY=inc\n",
        "sub/c.yml": "services:\n  c:\n    image: x:$TAG\n    environment: {O: $ONLY}\n",
    })
    project = load(tmp_path, {"TAG": "parent"})
    assert project.services["c"].image == "x:parent"
    assert dict(project.services["c"].environment) == {"O": "inc"}


def test_include_env_file_must_exist(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "include:\n  - path: c.yml\n    env_file: nope.env\n",
                     "c.yml": "services:\n  c: {image: x}\n"})
    with pytest.raises(InputError, match=r"nope\.env"):
        load(tmp_path)


# -- zeros compose treats as unset (golden: zero-values, explicit-false-values) -------------

def test_unset_zeros_are_dropped_and_kept_zeros_stay(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": (
        "services:\n  app:\n    image: x\n    pids_limit: 0\n    cpus: 0\n    init: false\n"
        "    deploy:\n      replicas: 0\n      update_config: {delay: 0s, parallelism: 0}\n"
    )})
    app = load(tmp_path).services["app"]
    assert (app.pids_limit, app.cpus, app.init) == (None, None, False)
    assert app.deploy is not None and app.deploy.replicas == 0
    assert app.deploy.update_config is not None
    assert (app.deploy.update_config.delay, app.deploy.update_config.parallelism) == (None, 0)


# -- the printed form (golden: interp-escaped-dollar, deploy-everything...) -----------------

def printed(folder: Path, text: str) -> dict[str, object]:
    write(folder, {"compose.yaml": text})
    data = yaml.safe_load(emit_compose(load(folder)))
    assert isinstance(data, dict)
    return data


def test_dollars_of_values_are_doubled_keys_are_not(tmp_path: Path) -> None:
    data = printed(tmp_path, "services:\n  app:\n    image: x\n"
                             "    labels: {'$$key': 'a $$b $$$${c}'}\n")
    assert data["services"]["app"]["labels"] == {"$$key": "a $$b $$$${c}"}  # type: ignore[index]


def test_compose_value_forms(tmp_path: Path) -> None:
    data = printed(tmp_path, (
        "services:\n  app:\n    image: x\n    memswap_limit: 1g\n    secrets:\n"
        "      - {source: s, mode: 0440}\n    gpus: all\n    entrypoint: []\n"
        "    volumes: [{type: tmpfs, target: /t, tmpfs: {size: 1m}}]\n"
        "secrets:\n  s: {environment: TOKEN}\n"
    ))
    app = data["services"]["app"]  # type: ignore[index]
    assert app["memswap_limit"] == "1073741824"
    assert app["secrets"][0]["mode"] == "0440"
    assert app["gpus"][0]["count"] == -1
    assert app["entrypoint"] == []
    assert app["volumes"][0]["tmpfs"] == {"size": "1048576"}


def test_empty_services_are_printed(tmp_path: Path) -> None:
    assert printed(tmp_path, "name: x\nservices: {}\n") == {"name": "x", "services": {}}


def test_generic_resources_keep_their_compose_shape(tmp_path: Path) -> None:
    text = ("services:\n  app:\n    image: x\n    deploy:\n      resources:\n"
            "        reservations:\n          generic_resources:\n"
            "            - discrete_resource_spec: {kind: gpu, value: 2}\n")
    write(tmp_path, {"compose.yaml": text})
    deploy = load(tmp_path).services["app"].deploy
    assert deploy is not None and deploy.resources is not None
    assert deploy.resources.reservations is not None
    generic = deploy.resources.reservations.generic_resources[0]
    assert (generic.kind, generic.value) == ("gpu", 2)
    reservations = printed(tmp_path, text)["services"]["app"]["deploy"][  # type: ignore[index]
        "resources"]["reservations"]
    assert reservations["generic_resources"] == [
        {"discrete_resource_spec": {"kind": "gpu", "value": 2}}]
