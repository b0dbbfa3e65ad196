"""Nothing is dropped silently: with every key set, each shows up in the output or
in the losses, with the key's position and a specific reason.

Setting each field once is not enough: what the emitter does often depends on the
value (`ipc: host` is mapped, `ipc: shareable` is not), on a sub-field
(`deploy.resources.limits.pids`) or on another key (`endpoint_mode: dnsrr` without
ports).  And a key can be written out and still not come back: a pod annotation
read back as a label is dropped all the same.  So the second half sets one value at a
time, from a table with a value for each branch, and checks that the manifests read
back (the k8s loader, no cluster) give the project again, except where a loss says
why, with the round-trip harness's own rules; and that every label and annotation
key is one the API server accepts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orchconv.deploy.kubernetes import load_manifests
from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Device,
    GenericResource,
    Placement,
    PlacementPreference,
    Resources,
    ResourceSpec,
    RestartPolicy,
    UpdateConfig,
)
from orchconv.ir.project import FileObject, Project
from orchconv.ir.service import (
    Build,
    Dependency,
    DeviceMapping,
    EnvFile,
    FileRef,
    Healthcheck,
    Logging,
    Mount,
    Port,
    Service,
    ServiceNetwork,
    Ulimit,
)
from orchconv.ir.values import Extra
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.k8s.emit.unmapped import GENERIC
from orchconv.translate.result import Conversion
from tests.k8s.helpers import (
    at,
    container,
    emit,
    find,
    losses,
    metadata_keys,
    pod_spec,
    service,
)
from tests.roundtrip.oracle import unexplained

MI = 1 << 20
FIELDS = [f.name for f in dataclasses.fields(Service)
          if f.name not in ("name", "extras", "locs", "loc")]
# The loader has already applied profiles: an emitted service is an active one.
CONSUMED_BY_LOADING = {"profiles"}


def everything() -> Service:
    deploy = Deploy(
        mode=DeployMode.REPLICATED, replicas=3, endpoint_mode="dnsrr", labels={"tier": "web"},
        resources=Resources(
            limits=ResourceSpec(memory=512 * MI, pids=100),
            reservations=ResourceSpec(cpus=0.25, memory=256 * MI,
                                      devices=(Device(capabilities=("gpu",)),),
                                      generic_resources=(GenericResource("ssd", 1),))),
        restart_policy=RestartPolicy(condition="any", delay="5s"),
        update_config=UpdateConfig(parallelism=2, order="start-first", delay="10s"),
        rollback_config=UpdateConfig(parallelism=1),
        placement=Placement(constraints=("node.role == manager",),
                            preferences=(PlacementPreference("node.labels.zone"),),
                            max_replicas_per_node=1),
        extras={"x-tooling": Extra(1), "something_new": Extra(2, at(99, 7))},
        loc=at(60, 7))
    values: dict[str, Any] = {
        "profiles": ("debug",), "annotations": {"com.example/note": "a"},
        "build": Build(context="."),
        "cap_add": ("NET_ADMIN",), "cap_drop": ("CAP_MKNOD",), "cgroup_parent": "/custom",
        "command": ("serve", "--port", "$(PORT)"),
        "configs": (FileRef(source="app_config", target="/etc/app.conf", mode=0o440),),
        "container_name": "main", "cpus": 0.5, "depends_on": {"db": Dependency(name="db")},
        "deploy": deploy, "devices": (DeviceMapping(source="/dev/sda"),), "dns": ("8.8.8.8",),
        "dns_opt": ("ndots:2",), "dns_search": ("example.com",), "domainname": "example.com",
        "entrypoint": ("/entry",), "env_file": (EnvFile(path="/p/app.env", values={"A": "1"}),),
        "environment": {"B": "2"}, "expose": ("9000",), "external_links": ("other:x",),
        "extra_hosts": ["gateway=10.0.0.1"], "group_add": ("1000",), "hostname": "box",
        "healthcheck": Healthcheck(test=("CMD-SHELL", "curl -f localhost"), interval="10s"),
        "image": "app:1", "init": True, "ipc": "host", "labels": {"com.example.team": "x y"},
        "links": ("db:database",), "logging": Logging(driver="syslog"), "mem_limit": 512 * MI,
        "mem_reservation": 256 * MI, "network_mode": "host",
        "networks": {"back": ServiceNetwork(aliases=("api",))}, "pid": "host", "pids_limit": 100,
        "platform": "linux/arm64/v8",
        "ports": (Port(mode="ingress", target=80, published="8080", protocol="tcp"),),
        "privileged": True, "pull_policy": "always", "read_only": True, "restart": "always",
        "scale": 3,
        "secrets": (FileRef(source="token"),), "security_opt": ("no-new-privileges:true",),
        "shm_size": 64 * MI, "stdin_open": True, "stop_grace_period": "1m30s",
        "stop_signal": "SIGINT",
        "sysctls": {"net.core.somaxconn": "1024"}, "tmpfs": ("/run:size=64m",), "tty": True,
        "ulimits": {"nofile": Ulimit(soft=1024, hard=2048)}, "user": "1000:1000",
        "userns_mode": "keep-id",
        "volumes": (Mount(type="volume", source="data", target="/data"),),
        "volumes_from": ("db",), "working_dir": "/srv",
    }
    assert set(values) == set(FIELDS), "the test must set every Service field"
    locs = {key: at(10 + index, 5) for index, key in enumerate(FIELDS)}
    return Service(name="all", extras={"mac_address": Extra("02:42:ac:11:00:02", at(98, 5))},
                   locs=locs, loc=at(9, 3), **values)


def everything_project() -> Project:
    return Project(
        name="kitchen", services={"all": everything(), "db": service("db")},
        secrets={"token": FileObject(key="token", file="/p/token")},
        configs={"app_config": FileObject(key="app_config", content="x=1")})


def _web(result: Conversion) -> dict[str, Any]:
    return find(result, "Deployment", "all")


OUTPUT: dict[str, Callable[[Conversion], bool]] = {
    "annotations": lambda r: "com.example/note" in _web(r)["spec"]["template"]["metadata"][
        "annotations"],
    "cap_add": lambda r: container(_web(r))["securityContext"]["capabilities"]["add"] == [
        "NET_ADMIN"],
    "cap_drop": lambda r: container(_web(r))["securityContext"]["capabilities"]["drop"] == [
        "MKNOD"],
    "command": lambda r: container(_web(r))["args"] == ["serve", "--port", "$$(PORT)"],
    "configs": lambda r: any(m["mountPath"] == "/etc/app.conf"
                             for m in container(_web(r))["volumeMounts"]),
    "container_name": lambda r: container(_web(r))["name"] == "main",
    "cpus": lambda r: container(_web(r))["resources"]["limits"]["cpu"] == "500m",
    "depends_on": lambda r: pod_spec(_web(r))["initContainers"][0]["name"] == "wait-for-db",
    "deploy": lambda r: _web(r)["spec"]["replicas"] == 3,
    "dns": lambda r: pod_spec(_web(r))["dnsConfig"]["nameservers"] == ["8.8.8.8"],
    "dns_opt": lambda r: pod_spec(_web(r))["dnsConfig"]["options"] == [
        {"name": "ndots", "value": "2"}],
    "dns_search": lambda r: pod_spec(_web(r))["dnsConfig"]["searches"] == ["example.com"],
    "entrypoint": lambda r: container(_web(r))["command"] == ["/entry"],
    "env_file": lambda r: container(_web(r))["envFrom"] == [
        {"configMapRef": {"name": "all-app.env"}}],
    "environment": lambda r: container(_web(r))["env"] == [{"name": "B", "value": "2"}],
    "expose": lambda r: {"containerPort": 9000, "protocol": "TCP"} in container(_web(r))[
        "ports"],
    "extra_hosts": lambda r: pod_spec(_web(r))["hostAliases"] == [
        {"ip": "10.0.0.1", "hostnames": ["gateway"]}],
    "group_add": lambda r: pod_spec(_web(r))["securityContext"]["supplementalGroups"] == [1000],
    "hostname": lambda r: pod_spec(_web(r))["hostname"] == "box",
    "healthcheck": lambda r: container(_web(r))["livenessProbe"]["exec"]["command"] == [
        "sh", "-c", "curl -f localhost"],
    "image": lambda r: container(_web(r))["image"] == "app:1",
    "init": lambda r: pod_spec(_web(r))["shareProcessNamespace"] is True,
    "ipc": lambda r: pod_spec(_web(r))["hostIPC"] is True,
    "labels": lambda r: _web(r)["spec"]["template"]["metadata"]["annotations"][
        "com.example.team"] == "x y",
    "mem_limit": lambda r: container(_web(r))["resources"]["limits"]["memory"] == "512Mi",
    "mem_reservation": lambda r: container(_web(r))["resources"]["requests"]["memory"] ==
    "256Mi",
    "network_mode": lambda r: pod_spec(_web(r))["hostNetwork"] is True,
    "pid": lambda r: pod_spec(_web(r))["hostPID"] is True,
    "platform": lambda r: pod_spec(_web(r))["nodeSelector"] == {
        "kubernetes.io/os": "linux", "kubernetes.io/arch": "arm64"},
    "ports": lambda r: find(r, "Service", "all")["spec"]["ports"][0]["port"] == 8080,
    "privileged": lambda r: container(_web(r))["securityContext"]["privileged"] is True,
    "pull_policy": lambda r: container(_web(r))["imagePullPolicy"] == "Always",
    "read_only": lambda r: container(_web(r))["securityContext"][
        "readOnlyRootFilesystem"] is True,
    "restart": lambda r: _web(r)["kind"] == "Deployment",
    "scale": lambda r: _web(r)["spec"]["replicas"] == 3,
    "secrets": lambda r: any(m["mountPath"] == "/run/secrets/token"
                             for m in container(_web(r))["volumeMounts"]),
    "shm_size": lambda r: any(m["mountPath"] == "/dev/shm"
                              for m in container(_web(r))["volumeMounts"]),
    "stdin_open": lambda r: container(_web(r))["stdin"] is True,
    "stop_grace_period": lambda r: pod_spec(_web(r))["terminationGracePeriodSeconds"] == 90,
    "sysctls": lambda r: pod_spec(_web(r))["securityContext"]["sysctls"] == [
        {"name": "net.core.somaxconn", "value": "1024"}],
    "tmpfs": lambda r: any(m["mountPath"] == "/run" for m in container(_web(r))["volumeMounts"]),
    "tty": lambda r: container(_web(r))["tty"] is True,
    "user": lambda r: container(_web(r))["securityContext"]["runAsUser"] == 1000,
    "volumes": lambda r: any(m["mountPath"] == "/data" for m in container(_web(r))[
        "volumeMounts"]),
    "working_dir": lambda r: container(_web(r))["workingDir"] == "/srv",
}


@pytest.fixture(scope="module")
def result() -> Conversion:
    return emit(everything_project(), wait_for_dependencies=True)


@pytest.mark.parametrize("key", FIELDS)
def test_every_key_is_carried_or_lost(result: Conversion, key: str) -> None:
    if key in CONSUMED_BY_LOADING:
        return
    try:
        shown = key in OUTPUT and OUTPUT[key](result)
    except (KeyError, IndexError):
        shown = False
    lost = losses(result, f"services.all.{key}")
    assert shown or lost, f"{key} is neither in the output nor in the losses"


@pytest.mark.parametrize("key", [k for k in FIELDS if k not in OUTPUT
                                 and k not in CONSUMED_BY_LOADING])
def test_unmappable_keys_are_located_losses(result: Conversion, key: str) -> None:
    found = losses(result, f"services.all.{key}")
    assert found, key
    assert all(x.target == "k8s" for x in found)
    assert any(x.loc == everything().locs[key] for x in found) or all(
        x.loc.line > 0 for x in found), key


def test_no_loss_falls_back_to_the_generic_reason(result: Conversion) -> None:
    generic = [x for x in result.losses if x.reason == GENERIC]
    assert [x.path for x in generic] == ["services.all.deploy.something_new"]


def test_extras_are_lost_with_their_own_position(result: Conversion) -> None:
    [mac] = losses(result, "services.all.mac_address")
    assert mac.loc == at(98, 5)
    assert "network plugin" in mac.reason
    [new] = losses(result, "services.all.deploy.something_new")
    assert new.loc == at(99, 7)
    assert losses(result, "services.all.deploy.x-tooling") == []  # x-* is ignored, as compose does


@pytest.mark.parametrize(("key", "check"), [
    ("deploy.mode", lambda r: _web(r)["kind"] == "Deployment"),
    ("deploy.replicas", lambda r: _web(r)["spec"]["replicas"] == 3),
    ("deploy.endpoint_mode", lambda r: find(r, "Service", "all")["spec"]["clusterIP"] == "None"),
    ("deploy.labels", lambda r: _web(r)["metadata"]["labels"]["tier"] == "web"),
    ("deploy.resources", lambda r: container(_web(r))["resources"]["requests"]["cpu"] == "250m"),
    ("deploy.update_config", lambda r: _web(r)["spec"]["strategy"]["rollingUpdate"] == {
        "maxSurge": 2, "maxUnavailable": 0}),
    ("deploy.placement", lambda r: "nodeAffinity" in pod_spec(_web(r))["affinity"]),
])
def test_deploy_keys_show_up(result: Conversion, key: str,
                             check: Callable[[Conversion], bool]) -> None:
    assert check(result), key


@pytest.mark.parametrize("path", [
    "services.all.deploy.resources.limits.pids",
    "services.all.deploy.resources.reservations.devices[0]",
    "services.all.deploy.resources.reservations.generic_resources[0]",
    "services.all.deploy.restart_policy.delay",
    "services.all.deploy.update_config.delay",
    "services.all.deploy.rollback_config",
])
def test_deploy_parts_without_a_counterpart_are_lost(result: Conversion, path: str) -> None:
    assert losses(result, path), path


def test_the_output_is_deterministic() -> None:
    first = emit(everything_project(), wait_for_dependencies=True)
    second = emit(everything_project(), wait_for_dependencies=True)
    assert [d.data for d in first.documents] == [d.data for d in second.documents]
    assert first.losses == second.losses


# -- one value at a time, read back ----------------------------------------------------

# Values for `app`, one per branch the emitter takes.  `db` is there to be referred to.
VARIANTS: list[dict[str, Any]] = [
    {"annotations": {"com.example/note": "a"}}, {"annotations": {"bad key": "a"}},
    {"labels": {"com.example.team": "x y"}}, {"labels": {"${X}": "v"}},
    {"labels": {"com.example.k": "label"}, "annotations": {"com.example.k": "annotation"}},
    {"labels": {"kompose.service.type": "nodeport"}},
    {"build": "."}, {"cap_add": ["NET_ADMIN"]}, {"cap_drop": ["MKNOD"]},
    {"cgroup_parent": "/custom"}, {"command": ["a", "b"]}, {"command": []},
    {"entrypoint": ["/entry"]}, {"entrypoint": []}, {"entrypoint": [], "command": ["a"]},
    {"container_name": "main"}, {"container_name": "app"}, {"container_name": "My_App"},
    {"cpus": 0.5}, {"cpus": 0.0001}, {"mem_limit": "512m"}, {"mem_reservation": "256m"},
    {"pids_limit": 100}, {"cpu_quota": 50000, "cpu_period": 100000},
    {"depends_on": ["db"]}, {"depends_on": {"db": {"condition": "service_healthy"}}},
    {"depends_on": {"db": {"condition": "service_completed_successfully"}}},
    {"depends_on": {"db": {"condition": "service_started", "restart": True}}},
    {"deploy": {"mode": "replicated"}}, {"deploy": {"mode": "global"}},
    {"deploy": {"mode": "replicated-job"}}, {"deploy": {"mode": "global-job"}},
    {"deploy": {"replicas": 3}}, {"deploy": {"replicas": 1}}, {"scale": 2},
    {"deploy": {"endpoint_mode": "dnsrr"}}, {"deploy": {"endpoint_mode": "vip"}},
    {"deploy": {"endpoint_mode": "dnsrr"}, "ports": ["8080:80"]},
    {"deploy": {"endpoint_mode": "vip"}, "ports": ["8080:80"]},
    {"deploy": {"endpoint_mode": "dnsrr"}, "ports": ["8080:80"],
     "labels": {"kompose.service.type": "nodeport"}},
    {"deploy": {"labels": {"tier": "web"}}}, {"deploy": {"labels": {"tier": "a b"}}},
    {"deploy": {"labels": {"t=": "x"}}},
    {"deploy": {"resources": {"limits": {"cpus": "0.5", "memory": "64M", "pids": 100}}}},
    {"deploy": {"resources": {"reservations": {"cpus": "0.25", "memory": "32M"}}}},
    {"deploy": {"resources": {"reservations": {"devices": [{"capabilities": ["gpu"]}]}}}},
    {"deploy": {"resources": {"reservations": {"generic_resources": [
        {"discrete_resource_spec": {"kind": "ssd", "value": 1}}]}}}},
    {"deploy": {"restart_policy": {"condition": "none"}}},
    {"deploy": {"restart_policy": {"condition": "on-failure", "max_attempts": 3}}},
    {"deploy": {"restart_policy": {"condition": "any"}}},
    {"deploy": {"restart_policy": {"delay": "5s", "window": "1m"}}},
    {"deploy": {"update_config": {"parallelism": 2, "order": "start-first"}}},
    {"deploy": {"update_config": {"parallelism": 0}}},
    {"deploy": {"update_config": {"delay": "10s", "failure_action": "rollback",
                                  "monitor": "1m", "max_failure_ratio": 0.5}}},
    {"deploy": {"rollback_config": {"parallelism": 1}}},
    {"deploy": {"placement": {"constraints": ["node.role == manager"]}}},
    {"deploy": {"placement": {"constraints": ["node.labels.zone == a"]}}},
    {"deploy": {"placement": {"preferences": [{"spread": "node.labels.zone"}]}}},
    {"deploy": {"placement": {"max_replicas_per_node": 1}}},
    {"deploy": {"placement": {"max_replicas_per_node": 2}}},
    {"devices": ["/dev/sda:/dev/sda"]}, {"dns": "8.8.8.8"}, {"dns_opt": ["ndots:2"]},
    {"dns_search": "example.com"}, {"domainname": "example.com"},
    {"env_file": ["app.env"]}, {"environment": {"A": "1"}}, {"environment": ["A"]},
    {"expose": ["9000"]}, {"expose": ["9000-9001/udp"]}, {"external_links": ["x:y"]},
    {"extra_hosts": ["gw=10.0.0.1"]}, {"extra_hosts": ["gw=host-gateway"]},
    {"group_add": ["1000"]}, {"group_add": ["audio"]},
    {"healthcheck": {"test": ["CMD-SHELL", "true"], "interval": "10s"}},
    {"healthcheck": {"disable": True}}, {"healthcheck": {"interval": "5s"}},
    {"healthcheck": {"test": ["CMD", "true"], "start_interval": "1s"}},
    {"hostname": "box"}, {"hostname": "Box.example"}, {"image": "nginx:1.27"},
    {"init": True}, {"init": False},
    {"ipc": "host"}, {"ipc": "private"}, {"ipc": "shareable"}, {"ipc": "service:db"},
    {"pid": "host"}, {"pid": "service:db"},
    {"links": ["db"]}, {"links": ["db:database"]}, {"logging": {"driver": "syslog"}},
    {"network_mode": "host"}, {"network_mode": "none"}, {"network_mode": "bridge"},
    {"network_mode": "service:db"},
    {"networks": ["back"]}, {"networks": {"back": {"aliases": ["api"]}}},
    {"networks": {"back": {"ipv4_address": "10.0.0.5"}}},
    {"platform": "linux/amd64"}, {"platform": "linux/arm64/v8"},
    {"ports": ["8080:80"]}, {"ports": ["80"]}, {"ports": ["127.0.0.1:8080:80"]},
    {"ports": ["53:53/udp"]}, {"ports": ["8000-8001:8000-8001"]}, {"ports": ["8000-8005:80"]},
    {"ports": [{"target": 80, "published": "8080", "app_protocol": "http", "name": "web"}]},
    {"ports": [{"target": 80, "app_protocol": "http"}]},
    {"ports": [{"target": 80, "published": "8080", "mode": "host", "app_protocol": "http"}]},
    {"ports": [{"target": 80, "mode": "host"}]},
    {"privileged": True}, {"profiles": ["debug"]},
    {"pull_policy": "always"}, {"pull_policy": "never"}, {"pull_policy": "missing"},
    {"pull_policy": "if_not_present"}, {"pull_policy": "build", "build": "."},
    {"read_only": True},
    {"restart": "always"}, {"restart": "no"}, {"restart": "on-failure"},
    {"restart": "on-failure:3"}, {"restart": "unless-stopped"},
    {"secrets": ["token"]}, {"secrets": [{"source": "token", "target": "/x", "mode": 0o400}]},
    {"secrets": [{"source": "token", "uid": "1"}]},
    {"configs": ["conf"]}, {"configs": [{"source": "conf", "target": "/etc/c"}]},
    {"security_opt": ["no-new-privileges:true"]}, {"security_opt": ["seccomp:unconfined"]},
    {"security_opt": ["label=disable"]}, {"security_opt": ["apparmor=x"]},
    {"shm_size": "64m"}, {"stdin_open": True}, {"stop_grace_period": "1m30s"},
    {"stop_grace_period": "1500ms"}, {"stop_signal": "SIGINT"},
    {"sysctls": {"net.core.somaxconn": 1024}}, {"tmpfs": ["/run:size=64m"]},
    {"tmpfs": ["/run:mode=1777"]}, {"tty": True}, {"ulimits": {"nofile": 1024}},
    {"user": "1000:1000"}, {"user": "nobody"}, {"userns_mode": "host"},
    {"userns_mode": "keep-id"},
    {"volumes": ["data:/data"]}, {"volumes": ["data:/data:ro"]}, {"volumes": ["/scratch"]},
    {"volumes": ["./x:/x"]}, {"volumes": [{"type": "tmpfs", "target": "/t",
                                           "tmpfs": {"size": "1m"}}]},
    {"volumes": [{"type": "volume", "source": "data", "target": "/d",
                  "volume": {"subpath": "a"}}]},
    {"volumes_from": ["db"]}, {"working_dir": "/srv"},
    # keys the IR keeps untyped (extras)
    {"uts": "host"}, {"mac_address": "02:42:ac:11:00:02"}, {"oom_score_adj": 5},
    {"runtime": "runc"},
]

# Found by this table and not fixed yet: each must fail, so a fix shows up here.
KNOWN: dict[str, str] = {}


def _variant_id(variant: dict[str, Any]) -> str:
    if set(variant) == {"deploy"} and len(variant["deploy"]) == 1:
        [(key, value)] = variant["deploy"].items()
        if isinstance(value, dict) and len(value) > 1:
            return f"deploy={key}." + "+".join(value)
    return "+".join(f"{k}={v!r}" if not isinstance(v, str) else f"{k}={v}"
                    for k, v in variant.items())


def _variant_params() -> list[Any]:
    params = []
    for variant in VARIANTS:
        name = _variant_id(variant)
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
        params.append(pytest.param(variant, id=name, marks=marks))
    return params


def _top_keys(variants: list[dict[str, Any]], *path: str) -> set[str]:
    found: set[str] = set()
    for variant in variants:
        value: Any = variant
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, dict):
            found.update(value)
    return found


def test_the_table_has_a_value_for_every_field() -> None:
    assert set(FIELDS) <= _top_keys(VARIANTS)
    deploy_fields = {f.name for f in dataclasses.fields(Deploy)} - {"extras", "loc"}
    assert deploy_fields <= _top_keys(VARIANTS, "deploy")
    spec_fields = {f.name for f in dataclasses.fields(ResourceSpec)} - {"extras", "loc"}
    assert {"cpus", "memory"} <= _top_keys(VARIANTS, "deploy", "resources", "reservations")
    assert spec_fields <= (_top_keys(VARIANTS, "deploy", "resources", "limits")
                           | _top_keys(VARIANTS, "deploy", "resources", "reservations"))
    assert set(KNOWN) <= {_variant_id(v) for v in VARIANTS}, "a KNOWN entry matches nothing"


_QUALIFIED = re.compile(r"(([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                        r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")


def _compose_project(folder: Path, variant: dict[str, Any]) -> Any:
    (folder / "app.env").write_text("A=1\n")
    (folder / "x").mkdir()
    data = {"services": {"app": {"image": "busybox:1.36", **variant},
                         "db": {"image": "busybox:1.36"}},
            "volumes": {"data": {}}, "networks": {"back": {}},
            "secrets": {"token": {"environment": "TOKEN"}},
            "configs": {"conf": {"content": "x=1"}}}
    path = folder / "compose.yaml"
    path.write_text(dump_yaml(data))
    options = LoadOptions(files=(path,), project_name="demo", os_environ={"TOKEN": "t"},
                          working_dir=folder)
    return load_project(options).project


@pytest.mark.parametrize("variant", _variant_params())
def test_each_value_reads_back_or_is_lost(tmp_path: Path, variant: dict[str, Any]) -> None:
    project = _compose_project(tmp_path, variant)
    result = emit(project, environ={"TOKEN": "t"}, wait_for_dependencies=True)
    for document in result.documents:
        bad = [k for k in metadata_keys(document.data) if not _QUALIFIED.fullmatch(k.lower())]
        assert not bad, f"{document.name}: the API server refuses the keys {bad}"
    found = load_manifests([d.data for d in result.documents])
    assert found.project is not None
    problems = unexplained(project, found.project, "k8s", [*result.losses, *found.losses])
    assert not problems, "\n".join(str(p) for p in problems)
