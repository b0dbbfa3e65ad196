"""Projects that between them reach every kind and most fields the emitter writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orchconv.ir.deploy import Deploy, DeployMode, Placement, UpdateConfig
from orchconv.ir.project import FileObject, Project
from orchconv.ir.service import FileRef, Healthcheck, Mount, Port, ServiceNetwork
from orchconv.translate.result import Conversion
from tests.k8s.helpers import emit, project, service
from tests.k8s.test_emit_coverage import everything_project
from tests.k8s.test_emit_wordpress import wordpress_project


class MemoryFiles:
    """FileAccess over a dict of path -> bytes (directories are path prefixes)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def read_file(self, path: str) -> bytes | None:
        return self.files.get(path)

    def list_dir(self, path: str) -> Sequence[str] | None:
        prefix = path.rstrip("/") + "/"
        names = [p[len(prefix):] for p in self.files if p.startswith(prefix)]
        return [n for n in names if "/" not in n] if names else None

    def kind(self, path: str) -> str | None:
        if path in self.files:
            return "file"
        return "folder" if self.list_dir(path) is not None or self.subfolders(path) else None

    def subfolders(self, path: str) -> Sequence[str]:
        prefix = path.rstrip("/") + "/"
        return sorted({p[len(prefix):].split("/")[0] for p in self.files
                       if p.startswith(prefix) and "/" in p[len(prefix):]})


def workloads_project() -> Project:
    return project(
        service("db", image="postgres:16", labels={"orchconv.io/controller": "statefulset"},
                volumes=(Mount(type="volume", source="pgdata", target="/var/lib/postgresql"),),
                expose=("5432",)),
        service("agent", deploy=Deploy(mode=DeployMode.GLOBAL,
                                       update_config=UpdateConfig(parallelism=1))),
        service("migrate", restart="on-failure:3", depends_on={}),
        service("report", restart="no", labels={"kompose.cronjob.schedule": "*/5 * * * *"}),
        service("batch", deploy=Deploy(mode=DeployMode.REPLICATED_JOB, replicas=4)),
        service("web", ports=(Port(target=8080, published="80", protocol="tcp"),
                              Port(target=53, published="53", protocol="udp"),
                              Port(target=53, published="53", protocol="tcp")),
                labels={"kompose.service.type": "LoadBalancer",
                        "kompose.service.external-traffic-policy": "local"},
                healthcheck=Healthcheck(test=("CMD", "wget", "-q", "-O-", "localhost:8080"),
                                        timeout="5s", retries=5, start_period="20s"),
                deploy=Deploy(replicas=2, placement=Placement(
                    constraints=("node.labels.disk == ssd", "node.hostname != n1"),
                    max_replicas_per_node=2))),
        service("sidecar", network_mode="service:web", expose=("9100",)),
        volumes={"pgdata": None})


def config_project() -> Project:
    return project(
        service("app", secrets=(FileRef(source="api_key", mode=0o400),),
                configs=(FileRef(source="nginx", target="/etc/nginx/nginx.conf"),),
                volumes=(Mount(type="bind", source="/proj/static", target="/srv/static",
                               read_only=True),
                         Mount(type="bind", source="/proj/app.ini", target="/etc/app.ini",
                               read_only=True),
                         Mount(type="bind", source="/var/log", target="/host/log",
                               bind={"create_host_path": True}),
                         Mount(type="tmpfs", target="/scratch", tmpfs={"size": 1 << 20})),
                networks={"front": None, "back": ServiceNetwork()}),
        service("api", networks={"back": None},
                ports=(Port(target=9000, published="9000", protocol="tcp"),)),
        secrets={"api_key": FileObject(key="api_key", environment="API_KEY")},
        configs={"nginx": FileObject(key="nginx", file="/proj/nginx.conf")},
        networks={"front": None, "back": None})


def sample_results() -> dict[str, Conversion]:
    files = MemoryFiles({"/proj/static/index.html": b"<h1>hi</h1>",
                         "/proj/static/logo.png": b"\x89PNG\x00\xff",
                         "/proj/app.ini": b"[app]\n", "/proj/nginx.conf": b"events {}\n"})
    options: dict[str, Any] = {"project_dir": "/proj", "bind_as_configmap": True, "host_path": True,
                                   "files": files, "environ": {"API_KEY": "s3cret"},
                                   "network_policies": True, "wait_for_dependencies": True,
                                   "readiness_probe": True}
    return {
        "wordpress": emit(wordpress_project(), wait_for_dependencies=True),
        "everything": emit(everything_project(), wait_for_dependencies=True,
                           network_policies=True),
        "workloads": emit(workloads_project(), readiness_probe=True),
        "config": emit(config_project(), **options),
    }
