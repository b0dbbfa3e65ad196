"""Nothing is dropped silently, down to sub-fields.

A service sets every IR field, every field of the nested IR values (ports,
mounts, network attachments, deploy...), every Compose service and service
network key the IR does not type (as extras), and one unknown key in each
nested value.  Each of these leaves must show up in the stack file at its
place, or be named, with its position, by a loss at its path or at a key
above it.  The peer test then checks that docker's own loader keeps every key
the stack file holds: a key `docker stack deploy` reads and throws away is as
lost as one never written.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

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
from orchconv.ir.project import FileObject, Network, Project, Volume
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
from orchconv.location import NOWHERE, Loc
from orchconv.schemas import schema
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.emit.stack import emit_stack
from tests.peers import require_peer
from tests.swarm.docker_oracle import NO_DAEMON

MI = 1 << 20
KeyPath = tuple[str | int, ...]
FILE = "compose.yaml"
FIRST_LINE = 10
_next_line = [FIRST_LINE]


def at() -> Loc:
    """A fresh position for each value, so a loss's position says where it points."""
    _next_line[0] += 1
    return Loc(FILE, _next_line[0], 5)


UNKNOWN = "something_new"


def unknown() -> dict[str, Extra]:
    return {UNKNOWN: Extra("x", at())}


# Compose service keys the IR does not type, each with a plausible value.
SERVICE_EXTRAS: dict[str, Any] = {
    "attach": False, "blkio_config": {"weight": 300}, "cgroup": "host", "cpu_count": 2,
    "cpu_percent": 50, "cpu_period": 100000, "cpu_quota": 50000, "cpu_rt_period": "1400us",
    "cpu_rt_runtime": "400ms", "cpu_shares": 512, "cpuset": "0-1",
    "credential_spec": {"file": "spec.json"},
    "develop": {"watch": [{"path": "./src", "action": "sync", "target": "/src"}]},
    "device_cgroup_rules": ["c 1:3 mr"], "extends": {"service": "base"}, "gpus": "all",
    "isolation": "default", "label_file": ["./app.labels"], "mac_address": "02:42:ac:11:00:02",
    "mem_swappiness": 10, "memswap_limit": 2**31, "models": ["llm"], "oom_kill_disable": True,
    "oom_score_adj": -500, "post_start": [{"command": ["true"]}],
    "pre_stop": [{"command": ["true"]}], "provider": {"type": "model"},
    "pull_refresh_after": "1h", "runtime": "runc", "storage_opt": {"size": "1G"},
    "use_api_socket": True, "uts": "host", "x-team": "a",
}
# Compose service network keys the IR does not type.
NETWORK_EXTRAS: dict[str, Any] = {
    "driver_opts": {"com.example.opt": "1"}, "gw_priority": 1, "interface_name": "eth5",
    "link_local_ips": ["169.254.0.7"], "mac_address": "02:42:ac:11:00:03", "priority": 10,
}
# Leaves that say nothing once the project is loaded: the env file's values are what
# counts (they are folded into `environment`), profiles have been applied.
CONSUMED_BY_LOADING: frozenset[KeyPath] = frozenset({
    ("profiles",), ("env_file", 0, "path"), ("env_file", 0, "required"),
    ("env_file", 0, "format"),
})
# Where a leaf lives in the stack file when that is not where it lives in the IR.
_MOVED: dict[KeyPath, Callable[[dict[str, Any]], bool]] = {
    ("mem_limit",): lambda s: s["deploy"]["resources"]["limits"]["memory"] == "1g",
    ("mem_reservation",): lambda s: s["deploy"]["resources"]["reservations"]["memory"] == "512m",
    ("cpus",): lambda s: s["deploy"]["resources"]["limits"]["cpus"] == "0.5",
    ("pids_limit",): lambda s: s["deploy"]["resources"]["limits"]["pids"] == 50,
    ("restart",): lambda s: s["deploy"]["restart_policy"]["condition"] == "any",
    ("scale",): lambda s: s["deploy"]["replicas"] == 2,
    ("env_file", 0, "values"): lambda s: s["environment"]["FROM_FILE"] == "1",
    ("tmpfs",): lambda s: any(m.get("target") == "/run" for m in s["volumes"]),
    ("shm_size",): lambda s: any(m.get("target") == "/dev/shm" for m in s["volumes"]),
    ("cpu_quota",): lambda s: False,  # cpus is also set and wins: a loss
}


def _deploy() -> Deploy:
    def spec(**values: Any) -> ResourceSpec:
        return ResourceSpec(
            generic_resources=(GenericResource("ssd", 1, extras=unknown(), loc=at()),),
            devices=(Device(capabilities=("gpu",), driver="nvidia", count=1,
                            device_ids=("0",), options={"a": "b"}, loc=at()),),
            extras=unknown(), loc=at(), **values)

    def update() -> UpdateConfig:
        return UpdateConfig(parallelism=2, delay="10s", failure_action="rollback",
                            monitor="5s", max_failure_ratio=0.5, order="start-first",
                            extras=unknown(), loc=at())

    return Deploy(
        mode=DeployMode.REPLICATED, replicas=2, endpoint_mode="dnsrr", labels={"tier": "web"},
        resources=Resources(limits=spec(cpus=1.0, memory=2 * 1024 * MI, pids=100),
                            reservations=spec(cpus=0.25, memory=256 * MI, pids=10),
                            extras=unknown(), loc=at()),
        restart_policy=RestartPolicy(condition="on-failure", delay="5s", max_attempts=3,
                                     window="2m", extras=unknown(), loc=at()),
        update_config=update(), rollback_config=update(),
        placement=Placement(constraints=("node.role == manager",),
                            preferences=(PlacementPreference("node.labels.zone",
                                                             extras=unknown(), loc=at()),),
                            max_replicas_per_node=1, extras=unknown(), loc=at()),
        extras=unknown(), loc=at())


def _mounts() -> tuple[Mount, ...]:
    """One mount per type with its own options; the image mount, which swarm lacks, last."""
    def mount(kind: str, source: str | None, target: str, **options: Any) -> Mount:
        return Mount(type=kind, source=source, target=target, read_only=True,
                     consistency="cached", extras=unknown(), loc=at(), **options)

    return (
        mount("bind", "/srv/data", "/bind",
              bind={"propagation": "rslave", "create_host_path": True, "selinux": "z"}),
        mount("volume", "data", "/data", volume={"nocopy": True, "subpath": "sub"}),
        mount("tmpfs", None, "/scratch", tmpfs={"size": 4 * MI, "mode": 0o1777}),
        mount("image", "alpine:3", "/image", image={"subpath": "etc"}),
    )


def everything() -> Service:
    """The same service, with the same positions, on every call."""
    _next_line[0] = FIRST_LINE
    values: dict[str, Any] = {
        "profiles": ("web",), "annotations": {"a": "b"},
        "build": Build(context="/src", dockerfile="Dockerfile", dockerfile_inline="FROM x",
                       args={"A": "1"}, target="prod", extras=unknown(), loc=at()),
        "cap_add": ("NET_ADMIN",), "cap_drop": ("MKNOD",), "cgroup_parent": "parent",
        "command": ("run",),
        "configs": (FileRef(source="site", target="/etc/site", uid="1", gid="2", mode=0o440,
                            extras=unknown(), loc=at()),),
        "container_name": "web-1", "cpus": 0.5,
        "depends_on": {"db": Dependency(condition="service_healthy", required=False,
                                        restart=True, name="db", extras=unknown(),
                                        loc=at())},
        "deploy": _deploy(),
        "devices": (DeviceMapping(source="/dev/fuse", target="/dev/fuse", permissions="rwm",
                                  extras=unknown(), loc=at()),),
        "dns": ("1.1.1.1",), "dns_opt": ("use-vc",), "dns_search": ("example.com",),
        "domainname": "example.com", "entrypoint": ("/entry",),
        "env_file": (EnvFile(path="/p/a.env", required=False, format="raw",
                             values={"FROM_FILE": "1"}, loc=at()),),
        "environment": {"B": "2"}, "expose": ("3000",), "external_links": ("redis",),
        "extra_hosts": ["a=1.2.3.4"], "group_add": ("mail",), "hostname": "web",
        "healthcheck": Healthcheck(test=("CMD", "true"), timeout="3s", interval="10s",
                                   retries=3, start_period="5s", start_interval="1s",
                                   extras=unknown(), loc=at()),
        "image": "nginx:1.25", "init": True, "ipc": "host", "labels": {"role": "web"},
        "links": ("db",),
        "logging": Logging(driver="json-file", options={"max-size": "1m"}, extras=unknown(),
                           loc=at()),
        "mem_limit": 2**30, "mem_reservation": 2**29, "network_mode": "none",
        "networks": {
            "front": ServiceNetwork(aliases=("w",), ipv4_address="10.0.0.2",
                                    ipv6_address="fd00::2",
                                    extras={k: Extra(v, at()) for k, v in NETWORK_EXTRAS.items()},
                                    loc=at()),
            "back": None,
        },
        "pid": "host", "pids_limit": 50, "platform": "linux/amd64",
        "ports": (Port(name="http", mode="host", host_ip="127.0.0.1", target=80,
                       published="8080-8081", protocol="tcp", app_protocol="http",
                       extras=unknown(), loc=at()),),
        "privileged": True, "pull_policy": "always", "read_only": True, "restart": "always",
        "scale": 2,
        "secrets": (FileRef(source="token", target="tok", uid="1", gid="2", mode=0o400,
                            extras=unknown(), loc=at()),),
        "security_opt": ("label:disable",), "shm_size": 2**26, "stdin_open": True,
        "stop_grace_period": "20s", "stop_signal": "SIGINT",
        "sysctls": {"net.core.somaxconn": "1024"}, "tmpfs": ("/run:size=1m,mode=1777",),
        "tty": True,
        "ulimits": {"nofile": Ulimit(soft=1024, hard=2048, extras=unknown(), loc=at()),
                    "nproc": 10},
        "user": "1000", "userns_mode": "host", "volumes": _mounts(), "volumes_from": ("db",),
        "working_dir": "/app",
    }
    fields = [f.name for f in dataclasses.fields(Service)
              if f.name not in ("name", "extras", "locs", "loc")]
    assert set(values) == set(fields), "the test must set every Service field"
    return Service(name="web", extras={k: Extra(v, at()) for k, v in SERVICE_EXTRAS.items()},
                   locs={key: at() for key in fields}, loc=at(), **values)


def everything_project() -> Project:
    return Project(
        name="demo", loc=Loc(FILE, 1, 1),
        services={"web": everything(), "db": Service(name="db", image="postgres:16")},
        networks={"front": Network(key="front", name="demo_front"),
                  "back": Network(key="back", name="demo_back")},
        volumes={"data": Volume(key="data", name="demo_data")},
        secrets={"token": FileObject(key="token", name="demo_token", file="/p/token")},
        configs={"site": FileObject(key="site", name="demo_site", file="/p/site")})


def _is_default(owner: Any, field: dataclasses.Field[Any]) -> bool:
    value = getattr(owner, field.name)
    if field.default is not dataclasses.MISSING:
        return bool(value == field.default)
    if field.default_factory is not dataclasses.MISSING:
        return bool(value == field.default_factory())
    return False


def leaves(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every value the IR holds below `value`, by path; extras keys count as fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name in ("loc", "locs") or field.metadata.get("from_key") or _is_default(
                    value, field):
                continue
            held = getattr(value, field.name)
            if field.name == "extras":
                yield from (((*path, key), extra) for key, extra in held.items())
                continue
            yield from leaves(held, (*path, field.name))
    elif isinstance(value, Mapping) and any(
            dataclasses.is_dataclass(v) or v is None for v in value.values()):
        for key, item in value.items():
            if item is None:  # a network joined with no settings
                yield (*path, key), None
            else:
                yield from leaves(item, (*path, key))
    elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def _tokens(path: str) -> list[str]:
    """A stack-file path as IR path tokens (generic resources nest their fields in the
    stack file under discrete_resource_spec)."""
    return [t for t in path.replace("[", ".").replace("]", "").split(".")
            if t and t != "discrete_resource_spec"]


def _step(node: Any, step: str | int) -> Any:
    """One step down the stack file; generic resources keep their fields one level lower."""
    if isinstance(node, Mapping) and step not in node and "discrete_resource_spec" in node:
        node = node["discrete_resource_spec"]
    return node[step]


def _located_in_output(written: dict[str, Any], path: KeyPath) -> bool:
    try:
        if path in _MOVED:
            return _MOVED[path](written)
        node: Any = written
        for step in path:
            node = _step(node, step)
    except (KeyError, IndexError, TypeError):
        return False
    return True


@pytest.fixture(scope="module")
def conversion() -> Conversion:
    return emit_stack(everything_project())


def _written(conversion: Conversion) -> dict[str, Any]:
    service: dict[str, Any] = conversion.documents[0].data["services"]["web"]
    return service


LEAVES = [path for path, _ in leaves(everything()) if path not in CONSUMED_BY_LOADING]


def test_every_leaf_is_set() -> None:
    """The service sets every field of every nested value (a new IR field must be added
    here), apart from fields whose default is the only sensible value next to the others."""
    service = everything()
    unset: list[str] = []

    def walk(value: Any, where: str) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                if field.name in ("loc", "locs"):
                    continue
                if _is_default(value, field) and f"{type(value).__name__}.{field.name}" \
                        not in _DEFAULT_ON_PURPOSE:
                    unset.append(f"{where}.{field.name}")
                walk(getattr(value, field.name), f"{where}.{field.name}")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    walk(service, "web")
    assert unset == []


# a disabled check drops its other settings in Compose as in swarm (the healthchecks
# golden case has one); a mount sets only the option section of its own type, and a
# tmpfs mount has no source
_DEFAULT_ON_PURPOSE = frozenset({
    "Healthcheck.disable", "Mount.source", "Mount.bind", "Mount.volume", "Mount.tmpfs",
    "Mount.image",
})


def test_the_extras_cover_every_untyped_compose_key() -> None:
    compose = schema("compose")["definitions"]
    typed = {f.name for f in dataclasses.fields(Service)}
    assert set(compose["service"]["properties"]) - typed <= set(SERVICE_EXTRAS)
    network = compose["service"]["properties"]["networks"]["oneOf"][1]["patternProperties"]
    attachment = next(iter(network.values()))["oneOf"][0]["properties"]
    typed_attachment = {f.name for f in dataclasses.fields(ServiceNetwork)}
    assert set(attachment) - typed_attachment <= set(NETWORK_EXTRAS)


@pytest.mark.parametrize("path", LEAVES, ids=lambda p: ".".join(map(str, p)))
def test_every_leaf_is_written_or_lost(conversion: Conversion, path: KeyPath) -> None:
    if _located_in_output(_written(conversion), path):
        return
    mine = ["services", "web", *map(str, path)]
    covering = [loss for loss in conversion.losses
                if mine[:len(_tokens(loss.path))] == _tokens(loss.path)]
    assert covering, f"{'.'.join(map(str, path))} is neither in the stack file nor lost"


def test_every_loss_is_located_and_specific(conversion: Conversion) -> None:
    assert [loss.path for loss in conversion.losses if loss.loc == NOWHERE] == []
    generic = [loss.path for loss in conversion.losses
               if "orchconv does not carry" in loss.reason]
    assert generic == []


def test_losses_point_at_the_value_they_name(conversion: Conversion) -> None:
    """A loss for a nested key points at that key's value, not at the service."""
    by_path = {loss.path: loss for loss in conversion.losses}
    service = everything()
    assert by_path["services.web.network_mode"].loc == service.locs["network_mode"]
    assert by_path["services.web.oom_score_adj"].loc == service.extras["oom_score_adj"].loc
    front = service.networks["front"]
    assert front is not None
    assert by_path["services.web.networks.front.priority"].loc == front.extras["priority"].loc


# ---- docker's own loader keeps what the stack file holds ---------------------------


def _key_paths(value: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield (*path, key)
            yield from _key_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, Mapping):
                yield from _key_paths(item, (*path, index))


def _docker_config(document: dict[str, Any]) -> dict[str, Any]:
    docker = require_peer("docker", "install the docker CLI (client only)")
    with tempfile.TemporaryDirectory() as folder:
        stack = Path(folder) / "stack.yml"
        stack.write_text(dump_yaml(document))
        done = subprocess.run(
            [docker, "stack", "config", "-c", str(stack)], capture_output=True, text=True,
            timeout=60, check=False,
            env={"HOME": folder, "DOCKER_CONFIG": folder, "DOCKER_HOST": NO_DAEMON})
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    loaded: dict[str, Any] = yaml.safe_load(done.stdout)
    return loaded


def _has(data: Any, path: KeyPath) -> bool:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


@pytest.mark.peer
def test_docker_keeps_every_key_the_stack_file_holds(conversion: Conversion) -> None:
    """`docker stack config` prints what docker/cli's loader kept: every key written must
    be there (oom_score_adj, which the 3.13 schema takes, was not)."""
    document = conversion.documents[0].data
    loaded = _docker_config(document)
    dropped = [".".join(map(str, path)) for path in _key_paths(document)
               if not _has(loaded, path)]
    assert dropped == []
