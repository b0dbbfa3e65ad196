"""The deploy package's pure parts, on engine and API output shapes (no backend needed)."""

from __future__ import annotations

import io
from typing import Any

import pytest

from orchconv.deploy.compose_readback import compose_document
from orchconv.deploy.k8s_manifests import manifest_from_live
from orchconv.deploy.k8s_status import deployment, job, service
from orchconv.deploy.ownership import label_document
from orchconv.deploy.progress import LogProgress, UnitStatus
from orchconv.deploy.swarm_readback import service_from_spec
from orchconv.errors import InputError
from orchconv.ir.loss import Loss
from orchconv.location import NOWHERE
from orchconv.translate.compose.syntax.durations import format_duration, parse_duration
from tests.roundtrip.canonical import compose as compose_rules
from tests.roundtrip.canonical import kubernetes as k8s_rules
from tests.roundtrip.canonical import swarm as swarm_rules
from tests.roundtrip.canonical.common import service as common_rules
from tests.roundtrip.oracle import Difference, is_explained

SECOND = 1_000_000_000


# Go's time.Duration.String(), which `docker inspect` durations follow.
@pytest.mark.parametrize(("ns", "text"), [
    (0, "0s"), (1, "1ns"), (1_500, "1.5µs"), (5_000_000, "5ms"), (1_500_000_000, "1.5s"),
    (90 * SECOND, "1m30s"), (3723 * SECOND, "1h2m3s"), (3600 * SECOND, "1h0m0s"),
])
def test_durations_print_like_go(ns: int, text: str) -> None:
    assert format_duration(ns) == text
    assert parse_duration(text, None) == ns


def test_durations_parse_compose_spellings() -> None:
    assert parse_duration("1m30s", None) == parse_duration("90s", None) == 90 * SECOND
    assert parse_duration("1.5h", None) == 5400 * SECOND
    for malformed in ("10", "1x"):
        with pytest.raises(InputError):
            parse_duration(malformed, None)


def test_owner_label_goes_on_what_the_engine_creates() -> None:
    document: dict[str, Any] = {"services": {"web": {"image": "x", "labels": ["a=b"]}},
                "networks": {"front": None, "ext": {"external": True}},
                "volumes": {"data": {}}, "secrets": {"s": {"file": "./s"}}}
    stack = label_document(document, "demo", swarm=True)
    assert stack["services"]["web"]["deploy"]["labels"] == {"io.orchconv.owner": "demo"}
    assert stack["networks"]["front"]["labels"] == {"io.orchconv.owner": "demo"}
    assert "labels" not in stack["networks"]["ext"]  # external: not ours
    assert stack["secrets"]["s"]["labels"] == {"io.orchconv.owner": "demo"}
    plain = label_document(document, "demo", swarm=False)
    assert plain["services"]["web"]["labels"] == ["a=b", "io.orchconv.owner=demo"]
    assert "labels" not in plain["secrets"]["s"]  # compose makes no secret object
    assert document["services"]["web"]["labels"] == ["a=b"]  # the input is untouched


# A service spec as the engine (API 1.41) returns it for a stack service.
SPEC: dict[str, Any] = {
    "Name": "demo_web",
    "Labels": {"com.docker.stack.image": "busybox:1.36", "com.docker.stack.namespace": "demo",
               "io.orchconv.owner": "demo", "tier": "front"},
    "TaskTemplate": {
        "ContainerSpec": {
            "Image": "busybox:1.36@sha256:abc", "Labels": {"com.docker.stack.namespace": "demo"},
            "Command": ["httpd"], "Args": ["-f"], "Env": ["A=1", "FROM_SHELL"],
            "Init": True, "StopGracePeriod": 10 * SECOND, "Hosts": ["10.1.2.3 somehost"],
            "Mounts": [{"Type": "volume", "Source": "demo_data", "Target": "/data",
                        "VolumeOptions": {"Labels": {"com.docker.stack.namespace": "demo"}}}],
            "Healthcheck": {"Test": ["CMD", "true"], "Interval": 2 * SECOND, "Retries": 3},
        },
        "Resources": {"Limits": {"NanoCPUs": 500_000_000, "MemoryBytes": 67108864}},
        "RestartPolicy": {"Condition": "on-failure", "Delay": 5 * SECOND, "MaxAttempts": 3},
        "Networks": [{"Target": "n1", "Aliases": ["web", "www"]}],
    },
    "Mode": {"Replicated": {"Replicas": 2}},
    "UpdateConfig": {"Parallelism": 2, "FailureAction": "pause", "Monitor": 5 * SECOND,
                     "MaxFailureRatio": 0, "Order": "start-first"},
    "EndpointSpec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 80,
                                               "PublishedPort": 8080, "PublishMode": "host"}]},
}


def test_a_swarm_service_spec_reads_back_as_a_stack_service() -> None:
    service_data = service_from_spec(SPEC, "demo", {"n1": "demo_front"})
    assert service_data == {
        "image": "busybox:1.36",  # as written, not the pinned digest
        "entrypoint": ["httpd"], "command": ["-f"],  # docker/cli: Command/Args
        "init": True,  # no stop_grace_period: 10s is the engine's default
        "environment": {"A": "1", "FROM_SHELL": None},
        "extra_hosts": ["somehost:10.1.2.3"],
        "healthcheck": {"test": ["CMD", "true"], "interval": "2s", "retries": 3},
        "volumes": [{"type": "volume", "target": "/data", "source": "data"}],
        "ports": [{"target": 80, "protocol": "tcp", "mode": "host", "published": "8080"}],
        "networks": {"front": {"aliases": ["www"]}},
        "deploy": {
            "replicas": 2, "labels": {"tier": "front"},
            "resources": {"limits": {"cpus": "0.5", "memory": "67108864"}},
            "restart_policy": {"condition": "on-failure", "max_attempts": 3},
            "update_config": {"parallelism": 2, "order": "start-first"},
        },
    }


def test_a_network_attachment_reads_back_with_its_driver_options() -> None:
    spec = {**SPEC, "TaskTemplate": {**SPEC["TaskTemplate"], "Networks": [
        {"Target": "n1", "Aliases": ["web"], "DriverOpts": {"com.example.opt": "1"}}]}}
    service_data = service_from_spec(spec, "demo", {"n1": "demo_front"})
    assert service_data["networks"] == {"front": {"driver_opts": {"com.example.opt": "1"}}}


def test_swarm_network_mode_host_is_the_node_host_network() -> None:
    written: dict[str, Any] = {"services": {"web": {"network_mode": "host"}}}
    running: dict[str, Any] = {"services": {"web": {"networks": {"host": None}}},
                               "networks": {"host": {"name": "host", "external": True}}}
    swarm_rules.project(written)
    assert written == running


def _container(**host: Any) -> dict[str, Any]:
    return {
        "Id": "c" * 64, "Name": "/demo-web-1", "Image": "sha256:img",
        "Config": {"Image": "busybox:1.36", "Cmd": ["httpd"], "Env": ["PATH=/bin", "A=1"],
                   "Hostname": "cccccccccccc", "WorkingDir": "/",
                   "Labels": {"com.docker.compose.project": "demo",
                              "com.docker.compose.service": "web",
                              "com.docker.compose.container-number": "1",
                              "com.docker.compose.depends_on": "db:service_healthy:true",
                              "io.orchconv.owner": "demo", "team": "a"}},
        "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 2},
                       "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
                       "NetworkMode": "demo_default", "ShmSize": 67108864,
                       "LogConfig": {"Type": "json-file", "Config": {}}, **host},
        "Mounts": [], "NetworkSettings": {"Networks": {"demo_default": {
            "Aliases": ["demo-web-1", "web", "cccccccccccc"]}}},
    }


def test_a_compose_container_reads_back_as_its_service(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from orchconv.deploy import docker_cli

    # recorded on an engine with Docker's built-in address pools
    monkeypatch.setattr(docker_cli, "local_address_pools", lambda: ())
    image = {"Cmd": ["sh"], "Env": ["PATH=/bin"], "WorkingDir": "/"}
    network = {"Name": "demo_default", "Driver": "bridge", "Scope": "local",
               "IPAM": {"Driver": "default", "Config": [{"Subnet": "172.18.0.0/16"}]},
               "Labels": {"com.docker.compose.network": "default"}}
    document = compose_document("demo", [_container(Memory=1024, MemorySwap=2048)],
                                {"sha256:img": image}, [network], [])
    assert document["services"]["web"] == {
        "image": "busybox:1.36", "command": ["httpd"], "mem_limit": 1024,
        "environment": {"A": "1"}, "labels": {"team": "a"},
        "ports": [{"target": 80, "protocol": "tcp", "published": "8080"}],
        "networks": {"default": None}, "restart": "on-failure:2",
        "depends_on": {"db": {"condition": "service_healthy", "restart": True}},
    }
    assert document["networks"] == {"default": {"name": "demo_default"}}  # pool subnet


def test_managed_fields_keep_exactly_what_orchconv_applied() -> None:
    live: dict[str, Any] = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {
            "name": "web", "namespace": "ns", "uid": "u", "resourceVersion": "9",
            "labels": {"app": "web", "io.orchconv.owner": "demo"},
            "annotations": {"deployment.kubernetes.io/revision": "1"},
            "managedFields": [
                {"manager": "orchconv", "operation": "Apply", "fieldsType": "FieldsV1",
                 "fieldsV1": {"f:metadata": {"f:labels": {"f:app": {}, "f:io.orchconv.owner": {}}},
                              "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {
                                  "f:containers": {'k:{"name":"web"}': {
                                      ".": {}, "f:image": {}, "f:name": {},
                                      "f:ports": {'k:{"containerPort":80,"protocol":"TCP"}': {
                                          ".": {}, "f:containerPort": {}}}}}}}}}},
                {"manager": "kube-controller-manager", "operation": "Update",
                 "subresource": "status", "fieldsType": "FieldsV1",
                 "fieldsV1": {"f:status": {"f:replicas": {}}}},
            ]},
        "spec": {"replicas": 2, "revisionHistoryLimit": 10, "template": {"spec": {
            "dnsPolicy": "ClusterFirst", "containers": [{
                "name": "web", "image": "busybox:1.36", "imagePullPolicy": "IfNotPresent",
                "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}}},
        "status": {"replicas": 2},
    }
    assert manifest_from_live(live, "orchconv") == {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {"replicas": 2, "template": {"spec": {"containers": [{
            "name": "web", "image": "busybox:1.36", "ports": [{"containerPort": 80}]}]}}},
    }
    # Not applied by us: the API server's defaults are dropped instead.
    del live["metadata"]["managedFields"]
    exported = manifest_from_live(live, "orchconv")
    container = exported["spec"]["template"]["spec"]["containers"][0]
    assert container == {"name": "web", "image": "busybox:1.36",
                         "ports": [{"containerPort": 80}]}
    assert "revisionHistoryLimit" not in exported["spec"]


def test_readiness_follows_kubectl_rollout_rules() -> None:
    fresh: dict[str, Any] = {"kind": "Deployment", "metadata": {"name": "web", "generation": 2},
             "spec": {"replicas": 2},
             "status": {"observedGeneration": 1, "readyReplicas": 2, "updatedReplicas": 2,
                        "availableReplicas": 2,
                        "conditions": [{"type": "Available", "status": "True"}]}}
    assert not deployment(fresh).ready  # the controller has not seen generation 2 yet
    fresh["status"]["observedGeneration"] = 2
    assert deployment(fresh).ready
    failed = {"kind": "Job", "metadata": {"name": "once"}, "status": {"conditions": [
        {"type": "Failed", "status": "True", "message": "BackoffLimitExceeded"}]}}
    assert job(failed).failure == "BackoffLimitExceeded"
    svc = {"kind": "Service", "metadata": {"name": "web"}, "spec": {"selector": {"a": "b"}}}
    assert not service(svc, [], has_long_running_pods=True).ready
    ready_slice = {"endpoints": [{"conditions": {"ready": True}}]}
    assert service(svc, [ready_slice], has_long_running_pods=True).ready
    assert service(svc, [], has_long_running_pods=False).ready  # only a Job's pods


def test_compose_reads_restart_policy_over_restart() -> None:
    """compose's getRestartPolicy: deploy.restart_policy wins; no condition: no restart."""
    data: dict[str, Any] = {"restart": "always", "deploy": {"restart_policy": {
        "condition": "on-failure", "max_attempts": 3}}}
    compose_rules.service(data)
    assert data["restart"] == "on-failure:3"
    bare: dict[str, Any] = {"restart": "always", "deploy": {"restart_policy": {
        "max_attempts": 3}}}
    compose_rules.service(bare)
    assert "restart" not in bare


def test_swarm_and_kubernetes_restart_forms() -> None:
    stack: dict[str, Any] = {"restart": "unless-stopped"}
    common_rules(stack)
    swarm_rules.service(stack)
    assert stack["deploy"]["restart_policy"] == {}  # "any" is the engine's default
    pod: dict[str, Any] = {"restart": "on-failure", "deploy": {"mode": "replicated-job"}}
    common_rules(pod)
    k8s_rules.service(pod)
    assert pod["restart"] == "on-failure"
    assert k8s_rules.k8s_name("mysql_data") == "mysql-data"


def test_a_loss_explains_differences_at_or_below_its_path() -> None:
    loss = [Loss(NOWHERE, "services.web.ports[0].host_ip", "swarm", "no host ip")]
    assert is_explained(Difference("services.web.ports[0].host_ip", "1.2.3.4", None), loss)
    assert is_explained(Difference("services.web.ports[0]", {}, None), loss)
    assert not is_explained(Difference("services.web", {}, None), loss)
    assert not is_explained(Difference("services.web.image", "a", "b"), loss)


@pytest.mark.parametrize(("lost", "moved_to"), [
    ("pids_limit", "deploy.resources.limits.pids"),
    ("mem_limit", "deploy.resources.limits.memory"),
    ("mem_reservation", "deploy.resources.reservations.memory"),
    ("cpus", "deploy.resources.limits.cpus"),
    ("cpu_quota", "cpus"), ("cpu_period", "deploy.resources.limits.cpus"),
    ("deploy.restart_policy.condition", "restart"),
])
def test_a_loss_explains_the_key_the_canonical_form_moved_it_to(lost: str,
                                                                 moved_to: str) -> None:
    loss = [Loss(NOWHERE, f"services.db.{lost}", "k8s", "no counterpart")]
    assert is_explained(Difference(f"services.db.{moved_to}", 1, None), loss)
    assert not is_explained(Difference(f"services.other.{moved_to}", 1, None), loss)
    assert not is_explained(Difference("services.db.image", "a", "b"), loss)


def test_kubernetes_endpoint_mode_vip_is_the_default() -> None:
    data: dict[str, Any] = {"deploy": {"endpoint_mode": "vip"}}
    common_rules(data)
    k8s_rules.service(data)
    assert "endpoint_mode" not in data["deploy"]
    dnsrr: dict[str, Any] = {"deploy": {"endpoint_mode": "dnsrr"}}
    common_rules(dnsrr)
    k8s_rules.service(dnsrr)
    assert dnsrr["deploy"]["endpoint_mode"] == "dnsrr"


def test_log_progress_prints_each_change_once() -> None:
    out = io.StringIO()
    progress = LogProgress(out)
    progress.show([UnitStatus("web", "0/1", False)])
    progress.show([UnitStatus("web", "0/1", False)])
    progress.show([UnitStatus("web", "1/1", True)])
    assert out.getvalue() == "[..] web: 0/1\n[ok] web: 1/1\n"
