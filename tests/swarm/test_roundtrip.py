"""swarm -> IR -> swarm is the identity on stack files.

Projects are generated within what swarm represents (every key has a stack
form, values in the canonical form the loader gives back, e.g. durations as
Go prints them); each is emitted, the stack file loaded with load_stack and
emitted again: both stack files must be the same, and neither lost anything
but the project name.  Resources no service uses are not generated: the
loader drops them, as `docker compose config` does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Placement,
    Resources,
    ResourceSpec,
    RestartPolicy,
    UpdateConfig,
)
from orchconv.ir.project import Network, Project, Volume
from orchconv.ir.service import Healthcheck, Mount, Port, Service, ServiceNetwork
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack
from orchconv.translate.swarm.loader import load_stack
from tests.swarm.docker_oracle import check_stack_file

NAMES = st.sampled_from(["web", "api", "db", "worker-1", "cache_2"])
KEYS = st.from_regex(r"[A-Z][A-Z0-9_]{0,7}", fullmatch=True)
WORDS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
                max_size=12)
DURATIONS = st.sampled_from(["5s", "1m0s", "1m30s", "500ms", "2h0m0s"])
IMAGES = st.sampled_from(["nginx:1.25", "busybox:1.36", "registry.example.com/app:2"])


def _ports() -> st.SearchStrategy[tuple[Port, ...]]:
    port = st.builds(
        Port, mode=st.sampled_from(["ingress", "host"]), target=st.integers(1, 65535),
        published=st.one_of(st.none(), st.integers(1, 65535).map(str)),
        protocol=st.sampled_from(["tcp", "udp"]))
    # the loader, like compose, keeps one port per published/target/protocol
    return st.lists(port, max_size=3,
                    unique_by=lambda p: (p.target, p.published, p.protocol)).map(tuple)


def _mounts(volume_keys: list[str]) -> st.SearchStrategy[tuple[Mount, ...]]:
    options: list[st.SearchStrategy[Mount]] = [
        st.builds(Mount, type=st.just("bind"), source=st.sampled_from(["/srv", "/var/log"]),
                  target=st.sampled_from(["/a", "/b"]), read_only=st.booleans()),
        st.builds(Mount, type=st.just("tmpfs"), target=st.sampled_from(["/c", "/d"]),
                  tmpfs=st.one_of(st.none(), st.integers(1, 2**20).map(lambda n: {"size": n}))),
    ]
    if volume_keys:
        options.append(st.builds(Mount, type=st.just("volume"),
                                 source=st.sampled_from(volume_keys),
                                 target=st.sampled_from(["/e", "/f"]),
                                 volume=st.one_of(st.none(), st.just({"nocopy": True}))))
    return st.lists(st.one_of(options), max_size=3,
                    unique_by=lambda m: m.target).map(tuple)


def _deploy() -> st.SearchStrategy[Deploy]:
    limits = st.builds(ResourceSpec, cpus=st.one_of(st.none(), st.sampled_from([0.25, 0.5, 2.0])),
                       memory=st.one_of(st.none(), st.integers(1, 4096).map(lambda n: n << 20)),
                       pids=st.one_of(st.none(), st.integers(1, 500)))
    policy = st.builds(RestartPolicy, condition=st.sampled_from(["none", "any", "on-failure"]),
                       delay=st.one_of(st.none(), DURATIONS),
                       max_attempts=st.one_of(st.none(), st.integers(1, 9)))
    update = st.builds(UpdateConfig, parallelism=st.one_of(st.none(), st.integers(1, 4)),
                       delay=st.one_of(st.none(), DURATIONS),
                       order=st.one_of(st.none(), st.sampled_from(["start-first", "stop-first"])))

    def build(mode: DeployMode | None, replicas: int | None, **rest: Any) -> Deploy:
        if mode is DeployMode.GLOBAL:
            replicas = None
        return Deploy(mode=mode, replicas=replicas, **rest)

    return st.builds(
        build, mode=st.sampled_from([None, DeployMode.REPLICATED, DeployMode.GLOBAL]),
        replicas=st.one_of(st.none(), st.integers(0, 5)),
        labels=st.dictionaries(KEYS, WORDS, max_size=2),
        resources=st.one_of(st.none(), st.builds(Resources, limits=limits)),
        restart_policy=st.one_of(st.none(), policy),
        update_config=st.one_of(st.none(), update),
        placement=st.one_of(st.none(), st.builds(
            Placement, constraints=st.lists(st.sampled_from(
                ["node.role == worker", "node.labels.zone == a"]), max_size=2, unique=True
            ).map(tuple))),
    )


@st.composite
def projects(draw: st.DrawFn) -> Project:
    network_keys = draw(st.lists(st.sampled_from(["front", "back", "edge"]), unique=True,
                                 max_size=2))
    volume_keys = draw(st.lists(st.sampled_from(["data", "logs"]), unique=True, max_size=2))
    networks = {key: Network(key=key, name=draw(st.sampled_from([None, f"{key}-net"])),
                             driver=draw(st.sampled_from([None, "overlay"])),
                             attachable=draw(st.booleans()), internal=draw(st.booleans()),
                             labels=draw(st.dictionaries(KEYS, WORDS, max_size=1)))
                for key in network_keys}
    volumes = {key: Volume(key=key, driver=draw(st.sampled_from([None, "local"])),
                           labels=draw(st.dictionaries(KEYS, WORDS, max_size=1)))
               for key in volume_keys}
    services: dict[str, Service] = {}
    for name in draw(st.lists(NAMES, min_size=1, max_size=3, unique=True)):
        joined = draw(st.lists(st.sampled_from(network_keys), unique=True)) if network_keys \
            else []
        services[name] = Service(
            name=name,
            image=draw(IMAGES),
            command=draw(st.one_of(st.none(), st.lists(WORDS, max_size=3).map(tuple))),
            environment=draw(st.dictionaries(KEYS, st.one_of(WORDS, st.none()), max_size=3)),
            labels=draw(st.dictionaries(KEYS, WORDS, max_size=2)),
            ports=draw(_ports()),
            volumes=draw(_mounts(volume_keys)),
            deploy=draw(st.one_of(st.none(), _deploy())),
            healthcheck=draw(st.one_of(st.none(), st.builds(
                Healthcheck, test=st.just(("CMD", "true")),
                interval=st.one_of(st.none(), DURATIONS),
                retries=st.one_of(st.none(), st.integers(1, 5))))),
            networks={key: draw(st.one_of(st.none(), st.builds(
                ServiceNetwork, aliases=st.lists(st.sampled_from(["a1", "a2"]), min_size=1,
                                                 unique=True).map(tuple))))
                for key in joined},
            user=draw(st.one_of(st.none(), st.sampled_from(["1000", "nobody"]))),
            working_dir=draw(st.one_of(st.none(), st.just("/app"))),
            read_only=draw(st.booleans()), tty=draw(st.booleans()),
            init=draw(st.one_of(st.none(), st.booleans())),
            stop_grace_period=draw(st.one_of(st.none(), DURATIONS)),
        )
    # like docker compose, the loader drops resources no service uses
    used_networks = {key for s in services.values() for key in s.networks}
    used_volumes = {m.source for s in services.values() for m in s.volumes if m.type == "volume"}
    return Project(name="generated", services=services,
                   networks={k: v for k, v in networks.items() if k in used_networks},
                   volumes={k: v for k, v in volumes.items() if k in used_volumes})


def _emit(project: Project) -> dict[str, Any]:
    conversion = emit_stack(project, SwarmEmitOptions())
    assert [loss.path for loss in conversion.losses] == ["name"]
    return conversion.documents[0].data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_stack_to_ir_to_stack_is_the_identity(project: Project) -> None:
    first = _emit(project)
    with tempfile.TemporaryDirectory() as folder:
        stack = Path(folder) / "stack.yml"
        stack.write_text(dump_yaml(first))
        loaded = load_stack(LoadOptions(files=(stack,), working_dir=Path(folder),
                                        os_environ={}))
    assert _emit(loaded.project) == first


@pytest.mark.peer
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_generated_stack_files_pass_docker(project: Project) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stack = Path(folder) / "stack.yml"
        stack.write_text(dump_yaml(_emit(project)))
        verdict = check_stack_file(stack)
    assert verdict.accepted, "\n".join(verdict.problems)
