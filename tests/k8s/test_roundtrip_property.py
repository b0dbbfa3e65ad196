"""compose2k8s then k8s2compose gives the project back, for every project inside the
subset Kubernetes can represent.

The subset, in the loader's canonical form: long-running services restart
"always"; ClusterIP ports are `expose`, and published ones need a NodePort
Service (whose every port is published); replicas
other than 1; healthcheck timings other than Docker's defaults; secrets read
from an environment variable named after them; labels on services (pods
carry them as annotations).  The emitted objects must also pass the
Kubernetes 1.35 schemas, strictly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Placement,
    PlacementPreference,
    Resources,
    ResourceSpec,
    UpdateConfig,
)
from orchconv.ir.project import FileObject, Network, Project, Volume
from orchconv.ir.service import Dependency, FileRef, Healthcheck, Mount, Port, Service
from orchconv.source.yamlout import dump_yaml_documents
from orchconv.translate.compose.emitter import project_to_data
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.emit.project import emit_kubernetes
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.config import variable_name
from orchconv.translate.k8s.load.validate import schemas_available, validate_documents
from orchconv.translate.k8s.vocabulary import SERVICE_TYPE_LABEL
from tests.peers import skip_unless_ci

NAMES = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=8)
WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10).filter(
    lambda s: s[0].isalnum() and s[-1].isalnum())
VARIABLES = st.from_regex(r"[A-Z][A-Z0-9_]{0,8}", fullmatch=True)
# names that move into the service's Secret (and must read back as plain values)
CREDENTIALS = st.sampled_from(["DB_PASSWORD", "API_TOKEN", "PGPASSWORD", "SECRET_KEY"])
TEXT = st.text("abcdefghijklmnopqrstuvwxyz0123456789 ./:=-", min_size=0, max_size=20)
IMAGES = st.sampled_from(["nginx:1.27", "redis:7", "app:1", "registry.example.com/x/y:2"])
DURATIONS = st.sampled_from(["5s", "10s", "1m0s", "1m30s", "2h0m0s"])


def _tuple(values: Any, **kwargs: Any) -> Any:
    return st.lists(values, **kwargs).map(tuple)


def _some(keys: list[str]) -> Any:
    """Some of `keys`, each at most once."""
    return st.lists(st.sampled_from(keys), unique=True) if keys else st.just([])


@st.composite
def healthchecks(draw: st.DrawFn) -> Healthcheck:
    test = draw(st.one_of(
        TEXT.filter(str.strip).map(lambda t: ("CMD-SHELL", t)),
        _tuple(WORDS, min_size=1, max_size=3).filter(lambda a: a[0] != "sh").map(
            lambda a: ("CMD", *a))))
    return Healthcheck(test=test, interval=draw(st.none() | DURATIONS),
                       timeout=draw(st.none() | DURATIONS),
                       retries=draw(st.none() | st.sampled_from([1, 2, 5])),
                       start_period=draw(st.none() | DURATIONS))


@st.composite
def resources(draw: st.DrawFn) -> Resources:
    def side() -> ResourceSpec | None:
        cpus = draw(st.none() | st.sampled_from([0.25, 0.5, 1.0, 2.0]))
        memory = draw(st.none() | st.integers(1, 64).map(lambda m: m << 20))
        return None if cpus is None and memory is None else ResourceSpec(cpus=cpus,
                                                                          memory=memory)
    limits, reservations = side(), side()
    return Resources(limits=limits, reservations=reservations)


@st.composite
def placements(draw: st.DrawFn) -> Placement:
    constraints = draw(_tuple(st.sampled_from([
        "node.labels.zone == a", "node.hostname != n1", "node.role == manager",
        "node.platform.os == linux", "node.labels.disk != hdd"]), unique=True, max_size=3))
    spreads = draw(st.lists(st.sampled_from(["node.labels.zone", "node.hostname"]), max_size=1))
    preferences = tuple(PlacementPreference(spread=s) for s in spreads)
    return Placement(constraints=constraints, preferences=preferences,
                     max_replicas_per_node=draw(st.none() | st.just(1)))


@st.composite
def projects(draw: st.DrawFn) -> tuple[Project, dict[str, str]]:
    name = draw(NAMES)
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    volume_keys = draw(st.lists(NAMES.map(lambda n: f"v{n}"), max_size=2, unique=True))
    secret_keys = draw(st.lists(NAMES.map(lambda n: f"s{n}"), max_size=2, unique=True))
    config_keys = draw(st.lists(NAMES.map(lambda n: f"c{n}"), max_size=2, unique=True))
    ports = iter(range(8000, 8100))
    services: dict[str, Service] = {}
    used_volumes: set[str] = set()
    environ = {variable_name(k): draw(TEXT) for k in secret_keys}
    for index, service_name in enumerate(names):
        kind = draw(st.sampled_from(["deployment", "deployment", "global", "job"]))
        fields: dict[str, Any] = {
            "image": draw(IMAGES), "networks": {"default": None},
            "restart": "always",
            "environment": draw(st.dictionaries(VARIABLES | CREDENTIALS, TEXT, max_size=3)),
            "labels": draw(st.dictionaries(NAMES.map(lambda n: f"com.example/{n}"), WORDS,
                                           max_size=2)),
        }
        deploy: dict[str, Any] = {}
        if kind == "deployment":
            replicas = draw(st.none() | st.integers(2, 5))
            if replicas:
                deploy["replicas"] = replicas
        elif kind == "global":
            deploy["mode"] = DeployMode.GLOBAL
        else:
            count = draw(st.none() | st.integers(2, 4))
            fields["restart"] = draw(st.sampled_from(["no", "on-failure:2", "on-failure:0"]))
            if count is not None:
                fields["restart"] = "on-failure:3"
                deploy.update(mode=DeployMode.REPLICATED_JOB, replicas=count)
        if kind != "job" and draw(st.booleans()):
            deploy["update_config"] = UpdateConfig(
                parallelism=draw(st.integers(1, 3)),
                order=draw(st.sampled_from([None, "start-first"])))
        if draw(st.booleans()):
            deploy["resources"] = draw(resources())
        placement = draw(placements())
        if placement != Placement() and draw(st.booleans()):
            deploy["placement"] = placement
        if draw(st.booleans()):
            deploy["labels"] = {"tier": draw(WORDS)}
        deploy = {k: v for k, v in deploy.items() if v != Resources()}
        if deploy:
            fields["deploy"] = Deploy(**deploy)
        if draw(st.booleans()):
            fields["entrypoint"] = draw(_tuple(WORDS, min_size=1, max_size=2))
        if draw(st.booleans()):
            fields["command"] = draw(_tuple(TEXT, min_size=1, max_size=3))
        if draw(st.booleans()):
            fields["healthcheck"] = draw(healthchecks())
        published = draw(st.lists(st.integers(9000, 9099), max_size=2, unique=True))
        fields["ports"] = tuple(Port(mode="ingress", target=next(ports), published=str(p),
                                     protocol="tcp") for p in published)
        if published:  # a ClusterIP Service publishes nothing: a NodePort one publishes all
            fields["labels"] = {**fields["labels"], SERVICE_TYPE_LABEL: "NodePort"}
        else:
            fields["expose"] = tuple(str(next(ports)) for _ in range(draw(st.integers(0, 2))))
        mounts = []
        for key in draw(_some(volume_keys)):
            used_volumes.add(key)
            mounts.append(Mount(type="volume", source=key, target=f"/data/{key}"))
        if draw(st.booleans()):
            mounts.append(Mount(type="volume", target="/scratch", volume={}))
        if draw(st.booleans()):
            mounts.append(Mount(type="tmpfs", target="/tmp/ram", tmpfs={"size": 1 << 20}))
        fields["volumes"] = tuple(mounts)
        fields["secrets"] = tuple(FileRef(source=k, target=f"/run/secrets/{k}")
                                  for k in draw(_some(secret_keys)))
        fields["configs"] = tuple(
            FileRef(source=k, target=draw(st.sampled_from([None, f"/etc/{k}.conf"])),
                    mode=draw(st.sampled_from([None, 0o440])))
            for k in draw(_some(config_keys)))
        optional: list[tuple[str, st.SearchStrategy[Any]]] = [
                           ("user", st.sampled_from(["1000", "1000:1000"])),
                           ("working_dir", st.just("/srv")),
                           ("hostname", NAMES),
                           ("stop_grace_period", DURATIONS),
                           ("cap_add", st.just(("NET_ADMIN",))),
                           ("cap_drop", st.just(("ALL",))),
                           ("read_only", st.just(True)),
                           ("security_opt", st.just(("no-new-privileges:true",))),
                           ("dns", st.just(("1.1.1.1",))),
                           ("extra_hosts", st.just(["db=10.0.0.2", "gw=10.0.0.1"])),
                           ("tty", st.just(True)), ("init", st.just(True)),
                           ("platform", st.just("linux/amd64"))]
        for key, value in optional:
            if draw(st.integers(0, 4)) == 0:
                fields[key] = draw(value)
        if index > 0 and draw(st.integers(0, 3)) == 0:
            fields["depends_on"] = {names[0]: Dependency(condition="service_started",
                                                         name=names[0])}
        services[service_name] = Service(name=service_name, **fields)
    roots = [n for n, s in services.items()
             if s.restart == "always" and (s.deploy is None or s.deploy.mode is None)]
    with_sidecar = draw(st.booleans())
    if roots and with_sidecar:
        owner = roots[0]
        sidecar = f"{owner}side"
        joined: dict[str, Any] = {}
        if services[owner].init:
            joined["pid"] = f"service:{owner}"
        services[sidecar] = Service(
            name=sidecar, image=draw(IMAGES), network_mode=f"service:{owner}", restart="always",
            depends_on={owner: Dependency(condition="service_started", restart=True,
                                              name=owner)},
            # the owner's NodePort Service would publish the sidecar's ports too
            expose=() if services[owner].ports else
            tuple(str(next(ports)) for _ in range(draw(st.integers(0, 1)))), **joined)
    project = Project(
        name=name, services=services,
        networks={"default": Network(key="default", name=f"{name}_default")},
        volumes={k: Volume(key=k, name=f"{name}_{k}") for k in sorted(used_volumes)},
        secrets={k: FileObject(key=k, name=f"{name}_{k}", environment=variable_name(k))
                 for k in secret_keys if any(r.source == k for s in services.values()
                                             for r in s.secrets)},
        configs={k: FileObject(key=k, name=f"{name}_{k}", content=draw(TEXT))
                 for k in config_keys if any(r.source == k for s in services.values()
                                             for r in s.configs)})
    used_secrets = {k: v for k, v in environ.items()
                    if any(variable_name(s) == k for s in project.secrets)}
    return project, used_secrets


@skip_unless_ci(not schemas_available(), "needs the k8s extra (kubernetes-validate)")
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(projects())
def test_k8s2compose_inverts_compose2k8s(tmp_path: Path,
                                         case: tuple[Project, dict[str, str]]) -> None:
    project, environ = case
    emitted = emit_kubernetes(project, K8sEmitOptions(wait_for_dependencies=True,
                                                      environ=environ))
    documents = [d.data for d in emitted.documents]
    assert validate_documents(documents, "1.35") == []
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(dump_yaml_documents(documents))
    loaded = load_kubernetes((manifest,), K8sLoadOptions())
    assert project_to_data(loaded.project) == project_to_data(project)  # a readable diff first
    assert loaded.project == project
    assert loaded.environ == environ
