"""compose -> docker compose on a real engine: up, healthy, answer, read back, compare;
and the seed Kubernetes example run with docker compose."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.deploy import docker_cli
from orchconv.deploy.compose import ComposeBackend
from orchconv.translate.convert import TargetOptions, emit
from orchconv.translate.k8s.load import load_kubernetes
from tests.deploy.backends import unique_name
from tests.deploy.busybox import PAGE, busybox_project
from tests.deploy.external import external_resources
from tests.deploy.limits import apply_limits
from tests.deploy.sources import (
    EXAMPLES,
    Source,
    deployable,
    example_sources,
    fetch_page,
    golden_sources,
    pages_answer,
)
from tests.deploy.subnets import own_subnets
from tests.deploy.timeouts import TIMEOUT
from tests.roundtrip.oracle import unexplained

pytestmark = pytest.mark.backend

SOURCES = [*example_sources(), *golden_sources()]


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_compose_round_trip(source: Source, compose_engine: None, tmp_path: Path,
                            request: pytest.FixtureRequest) -> None:
    wait_timeout = apply_limits(request, "compose", source.id, TIMEOUT)
    name = unique_name("co")
    # fixed subnets of its own: a subnet reused right after a teardown can fail to attach
    project = own_subnets(deployable(source, name, tmp_path, "compose"))
    conversion = emit("compose", project, TargetOptions())
    backend = ComposeBackend(name, pull="never")
    document = conversion.documents[0].data
    with external_resources(document, project, "compose", name):
        try:
            backend.apply([document])
            backend.wait(timeout=wait_timeout)
            assert pages_answer(project) == {}
            found = backend.read_back()
            assert found.project is not None
            problems = unexplained(project, found.project, "compose",
                                   [*conversion.losses, *found.losses])
            assert not problems, "\n".join(str(p) for p in problems)
        finally:
            backend.teardown(timeout=TIMEOUT)


def test_kubernetes_example_runs_with_compose(compose_engine: None, tmp_path: Path) -> None:
    """examples/hello-k8s (Deployment + NodePort Service) converted and run: it answers."""
    loaded = load_kubernetes((EXAMPLES / "hello-k8s",))
    name = unique_name("k2c")
    project = busybox_project(loaded.project, name, tmp_path)
    service = project.services["hello-world"]
    assert service.deploy is not None and service.deploy.replicas == 3
    conversion = emit("compose", project, TargetOptions())
    backend = ComposeBackend(name, pull="never")
    try:
        backend.apply([d.data for d in conversion.documents])
        backend.wait(timeout=TIMEOUT)
        containers = docker_cli.json_lines(docker_cli.compose(
            "-p", name, "ps", "--format", "json"))
        assert len(containers) == 3  # the Deployment's replicas
        for index in (1, 2, 3):
            bound = docker_cli.compose("-p", name, "port", "--index", str(index),
                                       "hello-world", "80").strip()
            assert PAGE in fetch_page(int(bound.rsplit(":", 1)[1]))
    finally:
        backend.teardown(timeout=TIMEOUT)
    assert docker_cli.ids_with_label("container", f"io.orchconv.owner={name}",
                                     all_states=True) == []
