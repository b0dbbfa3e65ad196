"""Bind mounts by default (--binds=auto): configuration becomes a ConfigMap, data a claim,
host paths outside the project a located loss; every other behaviour by option; the
objects read back into the binds they were made from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.service import Mount
from orchconv.source.boundary import ReadBoundary
from orchconv.source.yamlout import dump_yaml_documents
from orchconv.translate.k8s.emit.files import LocalFiles
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.validate import schemas_available, validate_documents
from orchconv.translate.k8s.vocabulary import BIND_SOURCE
from orchconv.translate.result import Conversion
from tests.k8s.helpers import (
    at,
    container,
    emit,
    find,
    loss_text,
    losses,
    objects,
    pod_spec,
    project,
    service,
)


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "nginx").mkdir(parents=True)
    (root / "nginx" / "nginx.conf").write_text("events {}\n")
    (root / "conf.d").mkdir()
    (root / "conf.d" / "a.conf").write_text("server {}\n")
    (root / "conf.d" / "b.conf").write_text("upstream x {}\n")
    (root / "html").mkdir()
    (root / "html" / "index.html").write_text("<h1>hi</h1>")
    (root / "data").mkdir()
    (root / "data" / "app.db").write_bytes(b"SQLite format 3\x00\xff")
    return root


def bind(source: str | Path, target: str, read_only: bool = False, line: int = 9) -> Mount:
    return Mount(type="bind", source=str(source), target=target, read_only=read_only,
                 bind={"create_host_path": True}, loc=at(line))


def run(root: Path, *mounts: Mount, labels: dict[str, str] | None = None,
        **options: Any) -> Conversion:
    options.setdefault("files", LocalFiles(ReadBoundary.around(root)))
    result = emit(project(service("web", volumes=mounts, labels=labels or {})),
                  project_dir=str(root), **options)
    if schemas_available():
        assert validate_documents([d.data for d in result.documents], "1.35") == []
    return result


def mounts_of(result: Conversion) -> list[dict[str, Any]]:
    mounts: list[dict[str, Any]] = container(find(result, "Deployment", "web")).get(
        "volumeMounts", [])
    return mounts


def levels(result: Conversion, path: str) -> set[str]:
    return {x.level for x in losses(result, path)}


def test_a_config_file_is_a_config_map_mounted_with_sub_path(proj: Path) -> None:
    result = run(proj, bind(proj / "nginx" / "nginx.conf", "/etc/nginx/nginx.conf"))
    config = find(result, "ConfigMap", "web-nginx.conf")
    assert config["data"] == {"nginx.conf": "events {}\n"}
    assert config["metadata"]["annotations"] == {BIND_SOURCE: "./nginx/nginx.conf"}
    assert mounts_of(result) == [{"name": "web-nginx-conf", "mountPath": "/etc/nginx/nginx.conf",
                                  "readOnly": True, "subPath": "nginx.conf"}]
    # writable in compose, but its name says configuration: an info entry, kept behaviour
    assert levels(result, "services.web.volumes[0]") == {INFO}
    assert "read-only" in loss_text(result, "services.web.volumes[0].read_only")


def test_a_folder_of_config_files_or_a_read_only_folder_is_a_config_map(proj: Path) -> None:
    result = run(proj, bind(proj / "conf.d", "/etc/nginx/conf.d"),
                 bind(proj / "html", "/usr/share/nginx/html", read_only=True))
    assert find(result, "ConfigMap", "web-conf.d")["data"] == {
        "a.conf": "server {}\n", "b.conf": "upstream x {}\n"}
    assert find(result, "ConfigMap", "web-html")["data"] == {"index.html": "<h1>hi</h1>"}
    assert [m.get("subPath") for m in mounts_of(result)] == [None, None]
    assert objects(result, "PersistentVolumeClaim") == []
    assert levels(result, "services.web.volumes") == {INFO}  # conf.d was writable


def test_a_data_folder_is_a_claim_and_a_loss_saying_how_to_copy_the_data(proj: Path) -> None:
    result = run(proj, bind(proj / "data", "/var/lib/app", line=12),
                 labels={"kompose.volume.size": "5Gi"}, storage_class="fast")
    [claim] = objects(result, "PersistentVolumeClaim")
    assert claim["metadata"]["name"] == "web-data"
    assert claim["metadata"]["annotations"] == {BIND_SOURCE: "./data"}
    assert claim["spec"] == {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
                             "resources": {"requests": {"storage": "5Gi"}}}
    assert mounts_of(result) == [{"name": "web-data", "mountPath": "/var/lib/app"}]
    assert pod_spec(find(result, "Deployment", "web"))["volumes"] == [
        {"name": "web-data", "persistentVolumeClaim": {"claimName": "web-data"}}]
    [lost] = losses(result, "services.web.volumes[0]")
    assert (lost.loc, lost.level) == (at(12), WARNING)
    assert "not copied" in lost.reason and "kubectl cp ./data/. <pod>:/var/lib/app" in lost.reason
    assert find(result, "Deployment", "web")["spec"]["strategy"] == {"type": "Recreate"}


def test_writable_binds_of_folders_that_hold_more_than_config_are_claims(proj: Path) -> None:
    (proj / "nested").mkdir()
    (proj / "nested" / "sub").mkdir()
    (proj / "nested" / "x.conf").write_text("x")
    result = run(proj, bind(proj / "html", "/html"), bind(proj / "nested", "/n", True),
                 bind(proj / "cache", "/cache"), pvc_size="2Gi")
    claims = {c["metadata"]["name"]: c for c in objects(result, "PersistentVolumeClaim")}
    assert set(claims) == {"web-html", "web-nested", "web-cache"}
    assert claims["web-cache"]["spec"]["resources"] == {"requests": {"storage": "2Gi"}}
    assert levels(result, "services.web.volumes[2]") == {INFO}  # missing: starts empty anyway
    assert "a pod that mounts it writable" in loss_text(result, "services.web.volumes[1]")


def test_a_read_only_folder_of_more_than_100_files_is_data(proj: Path) -> None:
    (proj / "many").mkdir()
    for number in range(101):
        (proj / "many" / f"{number}.conf").write_text("x")
    result = run(proj, bind(proj / "many", "/m", read_only=True))
    assert objects(result, "ConfigMap") == []
    assert [c["metadata"]["name"] for c in objects(result, "PersistentVolumeClaim")] == [
        "web-many"]


def test_a_folder_bound_by_two_services_is_one_shared_claim(proj: Path) -> None:
    data = bind(proj / "data", "/d")
    result = emit(project(service("a", volumes=(data,)), service("b", volumes=(data,))),
                  project_dir=str(proj), files=LocalFiles(ReadBoundary.around(proj)))
    [claim] = objects(result, "PersistentVolumeClaim")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


def test_host_paths_outside_the_project_stay_located_losses(proj: Path) -> None:
    sock = bind("/var/run/docker.sock", "/var/run/docker.sock", line=20)
    result = run(proj, sock, bind("/etc/localtime", "/etc/localtime", True))
    [lost] = losses(result, "services.web.volumes[0]")
    assert lost.loc == at(20) and "pass --host-path" in lost.reason
    assert losses(result, "services.web.volumes[1]")
    assert "volumes" not in pod_spec(find(result, "Deployment", "web"))
    with_host = run(proj, sock, bind(proj / "data", "/d"), host_path=True, binds="auto")
    volumes = pod_spec(find(with_host, "Deployment", "web"))["volumes"]
    assert volumes[0] == {"name": "host-0", "hostPath": {"path": "/var/run/docker.sock",
                                                         "type": "DirectoryOrCreate"}}
    assert "persistentVolumeClaim" in volumes[1]  # --binds=auto still decides inside


@pytest.mark.parametrize(("options", "kinds"), [
    ({"binds": "configmap"}, ["configMap", "configMap"]),
    ({"bind_as_configmap": True}, ["configMap", "configMap"]),  # the old flag, an alias
    ({"binds": "pvc"}, ["persistentVolumeClaim", "persistentVolumeClaim"]),
    ({"binds": "hostpath"}, ["hostPath", "hostPath"]),
    ({"host_path": True}, ["hostPath", "hostPath"]),  # alone, as before: every bind
    ({"binds": "drop"}, []),
    ({}, ["configMap", "persistentVolumeClaim"]),
])
def test_options_reach_every_behaviour(proj: Path, options: dict[str, Any],
                                       kinds: list[str]) -> None:
    result = run(proj, bind(proj / "nginx" / "nginx.conf", "/etc/nginx/nginx.conf"),
                 bind(proj / "data", "/var/lib/app"), **options)
    volumes = pod_spec(find(result, "Deployment", "web")).get("volumes", [])
    assert [next(k for k in v if k != "name") for v in volumes] == kinds
    if options.get("binds") == "drop":
        assert "--binds=auto" in loss_text(result, "services.web.volumes[1]")


def test_a_volume_type_label_overrides_the_default(proj: Path) -> None:
    conf = bind(proj / "nginx" / "nginx.conf", "/etc/nginx/nginx.conf")
    claimed = run(proj, conf, labels={"kompose.volume.type": "persistentVolumeClaim"})
    assert [c["metadata"]["name"] for c in objects(claimed, "PersistentVolumeClaim")] == [
        "web-nginx-nginx.conf"]
    data = run(proj, bind(proj / "data", "/d"), labels={"orchconv.io/volume-type": "configMap"})
    assert find(data, "ConfigMap", "web-data")["binaryData"]


def test_conflicting_bind_options_are_refused() -> None:
    with pytest.raises(InputError, match="--bind-as-configmap is --binds=configmap"):
        emit(project(service("web")), bind_as_configmap=True, binds="pvc")
    with pytest.raises(InputError, match="unknown bind mode"):
        emit(project(service("web")), binds="nfs")


def test_the_read_boundary_still_refuses_files_outside_the_project(
        proj: Path, tmp_path: Path) -> None:
    (tmp_path / "host.conf").write_text("secret=1\n")
    (proj / "linked.conf").symlink_to(tmp_path / "host.conf")
    conf = bind(proj / "linked.conf", "/etc/app.conf", line=30)
    result = run(proj, conf)  # auto: not embedded, a located loss, the conversion goes on
    assert objects(result, "ConfigMap") == []
    [lost] = losses(result, "services.web.volumes[0]")
    assert lost.loc == at(30) and "--allow-read" in lost.reason
    with pytest.raises(InputError, match="--allow-read") as refused:
        run(proj, conf, binds="configmap")  # asked for: an error, as before
    assert refused.value.loc == at(30)
    allowed = run(proj, conf, files=LocalFiles(ReadBoundary.around(proj, [tmp_path])))
    assert find(allowed, "ConfigMap", "web-linked.conf")["data"] == {
        "linked.conf": "secret=1\n"}


def test_a_socket_in_the_project_is_a_loss(proj: Path) -> None:
    import socket

    path = proj / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = run(proj, bind(path, "/s.sock"))
    assert "socket" in loss_text(result, "services.web.volumes[0]")


def test_without_file_access_the_mount_and_the_name_decide() -> None:
    mounts = (bind("/proj/app.ini", "/etc/app.ini"), bind("/proj/state", "/state"),
              bind("/proj/site", "/site", read_only=True))
    result = emit(project(service("web", volumes=mounts)), project_dir="/proj")
    assert [c["metadata"]["name"] for c in objects(result, "ConfigMap")] == [
        "web-app.ini", "web-site"]
    assert [c["metadata"]["name"] for c in objects(result, "PersistentVolumeClaim")] == [
        "web-state"]
    assert "fill in" in loss_text(result, "services.web.volumes[0]")


def test_the_objects_read_back_into_the_binds_they_were_made_from(
        proj: Path, tmp_path: Path) -> None:
    result = run(proj, bind(proj / "nginx" / "nginx.conf", "/etc/nginx/nginx.conf"),
                 bind(proj / "conf.d", "/etc/nginx/conf.d", True),
                 bind(proj / "data", "/var/lib/app"), labels={"kompose.volume.size": "3Gi"})
    manifest = tmp_path / "out.yaml"
    manifest.write_text(dump_yaml_documents([d.data for d in result.documents]))
    loaded = load_kubernetes((manifest,), K8sLoadOptions(project_name="demo"))
    web = loaded.project.services["web"]
    assert [(m.type, m.source, m.target, m.read_only) for m in web.volumes] == [
        ("bind", "./nginx/nginx.conf", "/etc/nginx/nginx.conf", True),
        ("bind", "./conf.d", "/etc/nginx/conf.d", True),
        ("bind", "./data", "/var/lib/app", False)]
    assert loaded.project.volumes == {} and loaded.project.configs == {}
    paths = {x.path for x in loaded.losses}
    assert {"ConfigMap/web-nginx.conf", "ConfigMap/web-conf.d",
            "PersistentVolumeClaim/web-data"} <= paths
    sized = next(x for x in loaded.losses if x.path == "PersistentVolumeClaim/web-data")
    assert "volume-size" in sized.reason
