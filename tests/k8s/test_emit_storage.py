"""volumes, tmpfs and shm_size -> PVCs, ConfigMaps, hostPath and emptyDir volumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.ir.deploy import Deploy
from orchconv.ir.project import Volume
from orchconv.ir.service import Mount
from orchconv.source.boundary import ReadBoundary
from orchconv.translate.k8s.emit.files import LocalFiles
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
from tests.k8s.samples import MemoryFiles


def mounted(*mounts: Mount, **fields: object) -> tuple[list[dict[str, object]],
                                                         list[dict[str, object]]]:
    result = emit(project(service("app", volumes=mounts, **fields)))
    deployment = find(result, "Deployment", "app")
    return container(deployment).get("volumeMounts", []), pod_spec(deployment).get(
        "volumes", [])


def test_a_named_volume_is_a_claim_mounted_read_only_when_asked() -> None:
    mount = Mount(type="volume", source="data", target="/data", read_only=True,
                  volume={"subpath": "sub", "nocopy": True})
    result = emit(project(service("app", volumes=(mount,)), volumes={"data": None}))
    assert find(result, "PersistentVolumeClaim", "data")["spec"]["accessModes"] == [
        "ReadWriteOnce"]
    assert container(find(result, "Deployment", "app"))["volumeMounts"] == [
        {"name": "data", "mountPath": "/data", "readOnly": True, "subPath": "sub"}]
    assert losses(result, "services.app.volumes") == []


@pytest.mark.parametrize(("volume_labels", "service_labels", "options", "size", "storage"), [
    ({}, {}, {}, "1Gi", None),
    ({}, {}, {"pvc_size": "5Gi", "storage_class": "fast"}, "5Gi", "fast"),
    ({}, {"kompose.volume.size": "2Gi", "kompose.volume.storage-class-name": "std"}, {},
     "2Gi", "std"),
    ({"kompose.volume.size": "3Gi"}, {"kompose.volume.size": "2Gi"}, {}, "3Gi", None),
    ({"orchconv.io/volume-size": "4Gi", "orchconv.io/storage-class": "ssd"}, {},
     {"pvc_size": "9Gi"}, "4Gi", "ssd"),
])
def test_claim_size_and_storage_class(volume_labels: dict[str, str],
                                      service_labels: dict[str, str],
                                      options: dict[str, object], size: str,
                                      storage: str | None) -> None:
    app = service("app", labels=service_labels,
                  volumes=(Mount(type="volume", source="data", target="/d"),))
    result = emit(project(app, volumes={"data": Volume(key="data", labels=volume_labels)}),
                  **options)
    spec = find(result, "PersistentVolumeClaim", "data")["spec"]
    assert spec["resources"] == {"requests": {"storage": size}}
    assert spec.get("storageClassName") == storage


def test_a_volume_shared_by_pods_asks_for_read_write_many() -> None:
    mount = (Mount(type="volume", source="logs", target="/logs"),)
    result = emit(project(service("a", volumes=mount), service("b", volumes=mount),
                          volumes={"logs": None}))
    [claim] = objects(result, "PersistentVolumeClaim")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert any("ReadWriteMany" in w for w in result.warnings)
    replicated = emit(project(service("a", volumes=mount, deploy=Deploy(replicas=2)),
                              volumes={"logs": None}))
    assert objects(replicated, "PersistentVolumeClaim")[0]["spec"]["accessModes"] == [
        "ReadWriteMany"]


def test_external_volumes_are_claimed_by_name_not_created() -> None:
    app = service("app", volumes=(Mount(type="volume", source="data", target="/d"),))
    volume = Volume(key="data", name="prod-data", external=True)
    result = emit(project(app, volumes={"data": volume}))
    assert objects(result, "PersistentVolumeClaim") == []
    assert pod_spec(find(result, "Deployment", "app"))["volumes"] == [
        {"name": "data", "persistentVolumeClaim": {"claimName": "prod-data"}}]


def test_volume_drivers_are_losses() -> None:
    volume = Volume(key="nfs", driver="rexray", driver_opts={"size": "1"}, loc=at(40))
    app = service("app", volumes=(Mount(type="volume", source="nfs", target="/n"),))
    result = emit(project(app, volumes={"nfs": volume}))
    assert {x.path for x in losses(result, "volumes.nfs")} == {
        "volumes.nfs.driver", "volumes.nfs.driver_opts.size"}


def test_an_anonymous_volume_is_an_empty_dir() -> None:
    mounts, volumes = mounted(Mount(type="volume", target="/cache"))
    assert volumes == [{"name": "anonymous-0", "emptyDir": {}}]
    assert mounts == [{"name": "anonymous-0", "mountPath": "/cache"}]


def test_tmpfs_mounts_and_entries_are_memory_empty_dirs() -> None:
    mounts, volumes = mounted(Mount(type="tmpfs", target="/scratch",
                                    tmpfs={"size": 64 << 20}), tmpfs=("/run:size=1g,ro",))
    assert volumes == [
        {"name": "tmpfs-0", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
        {"name": "tmpfs-run", "emptyDir": {"medium": "Memory", "sizeLimit": "1Gi"}}]
    assert mounts[1] == {"name": "tmpfs-run", "mountPath": "/run", "readOnly": True}


def test_tmpfs_options_beyond_size_are_lost() -> None:
    result = emit(project(service("app", tmpfs=("/run:noexec,mode=1777",),
                                  volumes=(Mount(type="tmpfs", target="/t",
                                                 tmpfs={"mode": 0o1777}),))))
    assert len(losses(result, "services.app.tmpfs")) == 2
    assert losses(result, "services.app.volumes[0].tmpfs.mode")


def test_shm_size_is_a_memory_volume_on_dev_shm() -> None:
    mounts, volumes = mounted(shm_size=256 << 20)
    assert mounts == [{"name": "dshm", "mountPath": "/dev/shm"}]
    assert volumes == [{"name": "dshm", "emptyDir": {"medium": "Memory", "sizeLimit": "256Mi"}}]


def test_binds_are_losses_by_default() -> None:
    bind = Mount(type="bind", source="/srv/data", target="/data", loc=at(14))
    result = emit(project(service("app", volumes=(bind,))))
    [lost] = losses(result, "services.app.volumes[0]")
    assert lost.loc == at(14)
    assert "--host-path" in lost.reason  # the CLI flag, as the user types it
    assert "volumes" not in pod_spec(find(result, "Deployment", "app"))


def test_binds_become_host_paths_by_option() -> None:
    bind = Mount(type="bind", source="/var/run/docker.sock", target="/var/run/docker.sock",
                 bind={"propagation": "rslave"})
    result = emit(project(service("app", volumes=(bind,))), host_path=True)
    deployment = find(result, "Deployment", "app")
    assert pod_spec(deployment)["volumes"] == [
        {"name": "host-0", "hostPath": {"path": "/var/run/docker.sock"}}]
    assert container(deployment)["volumeMounts"] == [
        {"name": "host-0", "mountPath": "/var/run/docker.sock",
         "mountPropagation": "HostToContainer"}]
    assert any("every node" in w for w in result.warnings)


def test_bidirectional_propagation_needs_privilege() -> None:
    bind = Mount(type="bind", source="/mnt", target="/mnt", bind={"propagation": "rshared"})
    result = emit(project(service("app", volumes=(bind,))), host_path=True)
    assert "privileged" in loss_text(result, "services.app.volumes[0].bind.propagation")
    privileged = emit(project(service("app", volumes=(bind,), privileged=True)),
                      host_path=True)
    assert container(find(privileged, "Deployment", "app"))["volumeMounts"][0][
        "mountPropagation"] == "Bidirectional"


def test_project_files_become_config_maps_by_option() -> None:
    files = MemoryFiles({"/proj/conf/nginx.conf": b"events {}\n",
                         "/proj/conf/mime.types": b"types {}\n", "/proj/index.html": b"hi"})
    binds = (Mount(type="bind", source="/proj/conf", target="/etc/nginx", read_only=True),
             Mount(type="bind", source="/proj/index.html", target="/srv/index.html",
                   read_only=True))
    result = emit(project(service("web", volumes=binds)), bind_as_configmap=True,
                  project_dir="/proj", files=files)
    assert find(result, "ConfigMap", "web-conf")["data"] == {
        "mime.types": "types {}\n", "nginx.conf": "events {}\n"}
    assert find(result, "ConfigMap", "web-index.html")["data"] == {"index.html": "hi"}
    assert container(find(result, "Deployment", "web"))["volumeMounts"] == [
        {"name": "web-conf", "mountPath": "/etc/nginx", "readOnly": True},
        {"name": "web-index-html", "mountPath": "/srv/index.html", "readOnly": True,
         "subPath": "index.html"}]
    # a ConfigMap is a copy: that the host file's later edits are not seen is all they lose
    assert {(x.level, x.reason.split(":")[0]) for x in losses(result, "services.web.volumes")
            } == {("info", "copied into ConfigMap web-conf"),
                  ("info", "copied into ConfigMap web-index.html")}


def test_a_writable_project_bind_as_config_map_is_a_loss() -> None:
    bind = Mount(type="bind", source="./data", target="/data")
    result = emit(project(service("app", volumes=(bind,))), bind_as_configmap=True)
    assert "read-only" in loss_text(result, "services.app.volumes[0].read_only")
    assert "fill in" in loss_text(result, "services.app.volumes[0]")  # no file access given


def test_binds_outside_the_project_are_not_config_maps() -> None:
    bind = Mount(type="bind", source="/etc/hosts", target="/h", read_only=True)
    result = emit(project(service("app", volumes=(bind,))), bind_as_configmap=True,
                  project_dir="/proj")
    assert objects(result, "ConfigMap") == []
    assert losses(result, "services.app.volumes[0]")


@pytest.mark.parametrize("kind", ["npipe", "cluster", "image"])
def test_other_mount_types_are_losses(kind: str) -> None:
    result = emit(project(service("app", volumes=(Mount(type=kind, source="s", target="/t"),))))
    assert f"{kind} mounts" in loss_text(result, "services.app.volumes[0]")


def test_local_files_feed_config_maps_from_disk(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "a.conf").write_text("a=1\n")
    (tmp_path / "conf" / "nested").mkdir()  # directories inside are not files of the map
    bind = Mount(type="bind", source=str(tmp_path / "conf"), target="/etc/a", read_only=True)
    missing = Mount(type="bind", source=str(tmp_path / "gone.txt"), target="/g", read_only=True)
    result = emit(project(service("app", volumes=(bind, missing))), bind_as_configmap=True,
                  project_dir=str(tmp_path), files=LocalFiles(ReadBoundary.around(tmp_path)))
    assert find(result, "ConfigMap", "app-conf")["data"] == {"a.conf": "a=1\n"}
    assert "could not be read" in loss_text(result, "services.app.volumes[1]")
