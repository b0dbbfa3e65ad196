"""The whole emitter: every IR key reaches the stack file or the losses."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from orchconv.errors import ConversionError
from orchconv.ir.deploy import Deploy, DeployMode, UpdateConfig
from orchconv.ir.project import Project
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
)
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.schemas import stack_versions, validate
from orchconv.translate.swarm.emit.schema_fit import prune
from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack, locate

# a non-default value for every Service field
EVERY_FIELD: dict[str, Any] = {
    "profiles": ("web",),
    "annotations": {"a": "b"},
    "build": Build(context="/src"),
    "cap_add": ("NET_ADMIN",),
    "cap_drop": ("ALL",),
    "cgroup_parent": "parent",
    "command": ("run",),
    "configs": (FileRef(source="site"),),
    "container_name": "web-1",
    "cpus": 0.5,
    "depends_on": {"db": Dependency(condition="service_healthy")},
    "deploy": Deploy(mode=DeployMode.REPLICATED, replicas=2),
    "devices": (DeviceMapping(source="/dev/fuse"),),
    "dns": ("1.1.1.1",),
    "dns_opt": ("use-vc",),
    "dns_search": ("example.com",),
    "domainname": "example.com",
    "entrypoint": ("/entry",),
    "env_file": (EnvFile(path="/p/a.env", values={"A": "1"}),),
    "environment": {"B": "2"},
    "expose": ("3000",),
    "external_links": ("redis",),
    "extra_hosts": ["a=1.2.3.4"],
    "group_add": ("mail",),
    "hostname": "web",
    "healthcheck": Healthcheck(test=("CMD", "true"), interval="10s"),
    "image": "nginx:1.25",
    "init": True,
    "ipc": "host",
    "labels": {"role": "web"},
    "links": ("db",),
    "logging": Logging(driver="json-file"),
    "mem_limit": 2**30,
    "mem_reservation": 2**29,
    "network_mode": "host",
    "networks": {"front": ServiceNetwork(aliases=("w",), ipv4_address="10.0.0.2")},
    "pid": "host",
    "pids_limit": 50,
    "platform": "linux/amd64",
    "ports": (Port(target=80, published="8080", host_ip="127.0.0.1"),),
    "privileged": True,
    "pull_policy": "always",
    "read_only": True,
    "restart": "always",
    "scale": 2,
    "secrets": (FileRef(source="token"),),
    "security_opt": ("label:disable",),
    "shm_size": 2**26,
    "stdin_open": True,
    "stop_grace_period": "20s",
    "stop_signal": "SIGINT",
    "sysctls": {"net.core.somaxconn": "1024"},
    "tmpfs": ("/run",),
    "tty": True,
    "ulimits": {"nproc": 10},
    "user": "1000",
    "userns_mode": "host",
    "volumes": (Mount(type="volume", source="data", target="/data"),),
    "volumes_from": ("db",),
    "working_dir": "/app",
    "extras": {"x-team": Extra("a"), "oom_score_adj": Extra(5), "uts": Extra("host"),
               "cpu_shares": Extra(512), "mac_address": Extra("02:42:ac:11:00:02"),
               "cpu_quota": Extra(50000), "cpu_period": Extra(100000),
               "isolation": Extra("default"),
               "credential_spec": Extra({"file": "spec.json"}), "cgroupns_mode": Extra("host"),
               "post_start": Extra([{"command": "x"}]), "memswap_limit": Extra(1)},
}
NOT_KEYS = {"name", "locs", "loc"}
# keys written somewhere else in the stack file
MOVED = {
    "mem_limit": ("deploy", "resources", "limits", "memory"),
    "mem_reservation": ("deploy", "resources", "reservations", "memory"),
    "cpus": ("deploy", "resources", "limits", "cpus"),
    "pids_limit": ("deploy", "resources", "limits", "pids"),
    "restart": ("deploy", "restart_policy"),
    "scale": ("deploy", "replicas"),
    "env_file": ("environment", "A"),
    "tmpfs": ("volumes", 1),
    "shm_size": ("volumes", 2),
}


def _has_path(data: Any, path: tuple[str | int, ...]) -> bool:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _every_field_service() -> Service:
    return Service(name="web", **EVERY_FIELD)


def test_the_table_sets_every_service_field() -> None:
    fields = {f.name for f in dataclasses.fields(Service)} - NOT_KEYS
    assert set(EVERY_FIELD) == fields
    for name in fields - {"extras"}:
        default = Service(name="web")
        assert getattr(_every_field_service(), name) != getattr(default, name), name


def test_every_service_key_is_written_or_lost() -> None:
    project = Project(name="demo", services={"web": _every_field_service()})
    conversion = emit_stack(project)
    written = conversion.documents[0].data["services"]["web"]
    lost = {loss.path for loss in conversion.losses}
    keys = [k for k in EVERY_FIELD if k != "extras"] + list(EVERY_FIELD["extras"])
    for key in keys:
        carried = key in written or (key in MOVED and _has_path(written, MOVED[key]))
        reported = any(p == f"services.web.{key}" or p.startswith(f"services.web.{key}.")
                       or p.startswith(f"services.web.{key}[") for p in lost)
        assert carried or reported, key


@pytest.mark.parametrize("version", stack_versions())
def test_output_validates_for_every_version(version: str) -> None:
    project = Project(name="demo", services={"web": _every_field_service()})
    data = emit_stack(project, SwarmEmitOptions(stack_version=version)).documents[0].data
    assert data["version"] == version
    assert validate(data, f"stack-{version}") == []


def test_the_project_name_is_a_loss() -> None:
    conversion = emit_stack(Project(name="shop", services={"web": Service(name="web",
                                                                          image="x")}))
    assert "name" not in conversion.documents[0].data
    assert [loss.path for loss in conversion.losses] == ["name"]
    assert "shop" in conversion.losses[0].reason


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ConversionError, match=r"unknown stack file version '3\.99'"):
        emit_stack(Project(name="p"), SwarmEmitOptions(stack_version="3.99"))


def test_prune_keeps_user_named_entries_and_drops_emptied_options() -> None:
    schema = {"type": "object", "additionalProperties": False, "properties": {
        "services": {"type": "object", "patternProperties": {".": {
            "type": "object", "additionalProperties": False, "properties": {
                "deploy": {"type": "object", "additionalProperties": False,
                           "properties": {"mode": {"type": "string"}}}}}}}}}
    document = {"services": {"a": {"init": True}, "b": {"deploy": {"pids": 1}}}, "name": "x"}
    dropped: list[tuple[str | int, ...]] = []
    prune(document, schema, schema, (), dropped.append)
    assert document == {"services": {"a": {}, "b": {}}}
    assert dropped == [("services", "a", "init"), ("services", "b", "deploy", "pids"),
                       ("name",)]


def test_locate_finds_the_nearest_ir_position() -> None:
    here, there = Loc("c.yml", 4, 5), Loc("c.yml", 9, 7)
    deploy = Deploy(replicas=2, loc=there)
    service = Service(name="web", deploy=deploy, locs={"deploy": here}, loc=Loc("c.yml", 3, 3))
    project = Project(name="p", services={"web": service})
    assert locate(project, ("services", "web", "deploy", "rollback_config")) == there
    assert locate(project, ("services", "web", "init")) == Loc("c.yml", 3, 3)


def test_the_mapping_page_names_every_handled_key() -> None:
    from pathlib import Path

    from orchconv.translate.swarm.emit.service import HANDLED

    page = (Path(__file__).resolve().parents[2] / "docs" / "swarm-mapping.md").read_text()
    assert [key for key in sorted(HANDLED) if f"`{key}" not in page] == []


def test_values_the_schema_refuses_are_removed_with_a_loss() -> None:
    service = Service(name="web", image="x", healthcheck=Healthcheck(test=("CMD", "true"),
                                                                     interval="1d"),
                      deploy=Deploy(update_config=UpdateConfig(order="sideways")))
    conversion = emit_stack(Project(name="p", services={"web": service}))
    data = conversion.documents[0].data["services"]["web"]
    assert "interval" not in data["healthcheck"]
    assert "order" not in data["deploy"].get("update_config", {})
    repaired = [loss.path for loss in conversion.losses if "not valid" in loss.reason]
    assert repaired == ["services.web.deploy.update_config.order",
                        "services.web.healthcheck.interval"]


def test_the_emitter_imports_no_other_format() -> None:
    import subprocess
    import sys

    code = ("import sys, orchconv.translate.swarm.emit.stack as s; "
            "print([m for m in sys.modules if m.startswith('orchconv.translate.')"
            " and not m.startswith(('orchconv.translate.swarm', 'orchconv.translate.result',"
            " 'orchconv.translate.built_image', 'orchconv.translate.ledger'))])")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]"
