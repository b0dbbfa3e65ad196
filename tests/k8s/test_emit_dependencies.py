"""depends_on -> initContainers that wait (by option), or a loss."""

from __future__ import annotations

from typing import Any

from orchconv.ir.service import Dependency, Healthcheck, Port, Service
from tests.k8s.helpers import at, emit, find, loss_text, losses, pod_spec, project, service


def db(**fields: Any) -> Service:
    return service("db", ports=(Port(target=5432, protocol="tcp"),), **fields)


def app(condition: str = "service_started", **fields: Any) -> Service:
    return service("app", depends_on={"db": Dependency(name="db", condition=condition,
                                                       loc=at(6))}, **fields)


def test_waiting_polls_the_first_service_port() -> None:
    result = emit(project(app(), db()), wait_for_dependencies=True, wait_image="alpine:3.20")
    [init] = pod_spec(find(result, "Deployment", "app"))["initContainers"]
    assert init == {"name": "wait-for-db", "image": "alpine:3.20", "command": [
        "sh", "-c", "until nc -z db 5432; do echo waiting for db; sleep 2; done"]}


def test_without_the_option_the_start_order_is_lost() -> None:
    result = emit(project(app(locs={"depends_on": at(5)}), db()))
    [lost] = losses(result, "services.app.depends_on")
    assert lost.loc == at(5)
    assert "--wait-for-dependencies" in lost.reason


def test_healthy_needs_a_readiness_probe_to_mean_healthy() -> None:
    loose = emit(project(app("service_healthy"), db()), wait_for_dependencies=True)
    assert "readinessProbe" in loss_text(loose, "services.app.depends_on.db")
    probed = db(healthcheck=Healthcheck(test=("CMD", "pg_isready")))
    exact = emit(project(app("service_healthy"), probed), wait_for_dependencies=True,
                 readiness_probe=True)
    assert losses(exact, "services.app.depends_on") == []
    assert pod_spec(find(exact, "Deployment", "app"))["initContainers"]


def test_completed_successfully_cannot_be_waited_for() -> None:
    result = emit(project(app("service_completed_successfully"), db(restart="no")),
                  wait_for_dependencies=True)
    [lost] = losses(result, "services.app.depends_on.db")
    assert lost.loc == at(6)
    assert "initContainers" not in pod_spec(find(result, "Deployment", "app"))


def test_restarting_with_the_dependency_is_lost() -> None:
    dependent = service("app", depends_on={"db": Dependency(name="db", restart=True)})
    result = emit(project(dependent, db()), wait_for_dependencies=True)
    assert losses(result, "services.app.depends_on.db.restart")


def test_a_dependency_in_another_pod_of_a_joined_service_waits_for_its_owner() -> None:
    sidecar = service("sidecar", network_mode="service:db")
    result = emit(project(app(), db(), sidecar), wait_for_dependencies=True)
    app_two = service("app", depends_on={"sidecar": Dependency(name="sidecar")})
    joined = emit(project(app_two, db(), sidecar), wait_for_dependencies=True)
    first = pod_spec(find(result, "Deployment", "app"))["initContainers"]
    assert pod_spec(find(joined, "Deployment", "app"))["initContainers"] == first
