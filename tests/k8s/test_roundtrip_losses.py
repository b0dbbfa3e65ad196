"""Round trips that lost something without a word (issue 12, item 18): each is exact
now, or the conversion reports a located loss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.convert import TargetOptions, convert
from orchconv.translate.result import Conversion
from tests.goldens import inside

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: %(container)s
          image: nginx:1.27
          ports:
            - {containerPort: 80, name: http}
%(extra)s"""
HOOKS = """\
          lifecycle:
            preStop:
              exec:
                command: ["/bin/sh", "-c", "sleep 5"]
            postStart:
              exec:
                command: ["touch", "/tmp/started"]
"""
SERVICE = """\
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - {port: %(port)s, targetPort: %(target)s}
"""
BARE_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers:
    - {name: solo, image: 'busybox:1.36', command: [sleep, '3600']}
"""
REPLICATION_CONTROLLER = """\
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  selector: {app: legacy}
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
        - {name: legacy, image: 'busybox:1.36', command: [sleep, '3600']}
"""


def deployment(container: str = "web", extra: str = "") -> str:
    return DEPLOYMENT % {"container": container, "extra": extra}


def k8s2compose(folder: Path, manifests: str) -> Conversion:
    (folder / "app.yaml").write_text(manifests)
    with inside(folder):
        return convert("k8s", "compose", LoadOptions(project_name="rt", os_environ={}),
                       TargetOptions(), k8s_inputs=(Path("app.yaml"),))


def compose2k8s(folder: Path, compose: Conversion) -> Conversion:
    (folder / "compose.yaml").write_text(dump_yaml(compose.documents[0].data))
    options = LoadOptions(files=(folder / "compose.yaml",), working_dir=folder, os_environ={})
    return convert("compose", "k8s", options, TargetOptions())


def objects(conversion: Conversion, kind: str) -> dict[str, dict[str, Any]]:
    return {d.data["metadata"]["name"]: d.data for d in conversion.documents
            if d.data.get("kind") == kind}


def lost(conversion: Conversion) -> dict[str, str]:
    return {loss.path: loss.reason for loss in conversion.losses}


def test_lifecycle_hooks_come_back(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, deployment(extra=HOOKS))
    back = compose2k8s(tmp_path, compose)
    container = objects(back, "Deployment")["web"]["spec"]["template"]["spec"]["containers"][0]
    assert container["lifecycle"] == {
        "postStart": {"exec": {"command": ["touch", "/tmp/started"]}},
        "preStop": {"exec": {"command": ["/bin/sh", "-c", "sleep 5"]}},
    }
    assert not [p for p in lost(back) if "pre_stop" in p or "post_start" in p]


def test_a_hook_with_settings_kubernetes_lacks_is_a_loss(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    pre_stop:\n"
        "      - command: [nginx, -s, quit]\n        user: root\n"
        "      - command: [sleep, '1']\n")
    options = LoadOptions(files=(tmp_path / "compose.yaml",), working_dir=tmp_path,
                          os_environ={})
    back = convert("compose", "k8s", options, TargetOptions())
    container = objects(back, "Deployment")["web"]["spec"]["template"]["spec"]["containers"][0]
    assert container["lifecycle"] == {"preStop": {"exec": {"command": ["nginx", "-s", "quit"]}}}
    assert sorted(p for p in lost(back) if "pre_stop" in p) == [
        "services.web.pre_stop[0].user", "services.web.pre_stop[1]"]


def test_a_cluster_ip_port_is_not_published_on_the_host(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, deployment() + SERVICE % {"port": 8080, "target": 80})
    web = compose.documents[0].data["services"]["web"]
    # the named container port stays a port entry, which keeps its name; none is published
    assert web["ports"] == [{"name": "http", "mode": "ingress", "target": 80, "protocol": "tcp"}]
    reason = lost(compose)["Service/web.spec.ports[0].port"]
    assert "8080" in reason and "80" in reason


def test_a_named_target_port_is_kept_by_name(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, deployment() + SERVICE % {"port": 80, "target": "http"})
    back = compose2k8s(tmp_path, compose)
    [port] = objects(back, "Service")["web"]["spec"]["ports"]
    assert (port["port"], port["targetPort"]) == (80, "http")
    container = objects(back, "Deployment")["web"]["spec"]["template"]["spec"]["containers"][0]
    assert container["ports"][0]["name"] == "http"


def test_a_container_named_other_than_its_workload_is_a_loss(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, deployment(container="nginx"))
    reason = lost(compose)["Deployment/web.spec.template.spec.containers[0].name"]
    assert "'nginx'" in reason and "'web'" in reason


def test_a_container_named_as_its_workload_is_no_loss(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, deployment(container="web"))
    assert not [p for p in lost(compose) if p.endswith(".name")]


def test_a_bare_pod_and_a_replication_controller_are_losses(tmp_path: Path) -> None:
    compose = k8s2compose(tmp_path, BARE_POD + "---\n" + REPLICATION_CONTROLLER)
    losses = lost(compose)
    assert "Deployment" in losses["Pod/solo"] and "Deployment" in losses[
        "ReplicationController/legacy"]
    back = compose2k8s(tmp_path, compose)
    assert set(objects(back, "Deployment")) == {"solo", "legacy"}
