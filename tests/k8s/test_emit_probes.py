"""healthcheck -> livenessProbe, and readinessProbe by option."""

from __future__ import annotations

import pytest

from orchconv.ir.service import Healthcheck
from orchconv.ir.values import Extra
from tests.k8s.helpers import at, container, emit, find, loss_text, losses, project, service


def probe_of(check: Healthcheck, **options: object) -> dict[str, object]:
    result = emit(project(service("web", healthcheck=check)), **options)
    found: dict[str, object] = container(find(result, "Deployment", "web"))
    return found


def test_cmd_runs_its_argv() -> None:
    probe = probe_of(Healthcheck(test=("CMD", "pg_isready", "-U", "postgres")))["livenessProbe"]
    assert probe["exec"] == {"command": ["pg_isready", "-U", "postgres"]}  # type: ignore[index]


def test_cmd_shell_runs_in_a_shell_unlike_kompose() -> None:
    # kompose drops "CMD-SHELL" and execs "curl -f http://localhost || exit 1" as one
    # program name, which cannot start; Docker runs the line with /bin/sh -c.
    check = Healthcheck(test=("CMD-SHELL", "curl -f http://localhost || exit 1"))
    probe = probe_of(check)["livenessProbe"]
    assert probe["exec"] == {  # type: ignore[index]
        "command": ["sh", "-c", "curl -f http://localhost || exit 1"]}


@pytest.mark.parametrize("check", [Healthcheck(test=("NONE",)),
                                   Healthcheck(test=("CMD", "true"), disable=True)])
def test_disabled_checks_give_no_probe(check: Healthcheck) -> None:
    result = emit(project(service("web", healthcheck=check)))
    assert "livenessProbe" not in container(find(result, "Deployment", "web"))
    assert losses(result, "services.web.healthcheck") == []


def test_timings_map_to_probe_fields() -> None:
    check = Healthcheck(test=("CMD", "true"), interval="1m30s", timeout="10s", retries=5,
                        start_period="40s")
    assert probe_of(check)["livenessProbe"] == {
        "exec": {"command": ["true"]}, "periodSeconds": 90, "timeoutSeconds": 10,
        "initialDelaySeconds": 40, "failureThreshold": 5}


def test_unset_timings_take_dockers_defaults() -> None:
    probe = probe_of(Healthcheck(test=("CMD", "true")))["livenessProbe"]
    assert probe == {"exec": {"command": ["true"]}, "periodSeconds": 30,
                     "timeoutSeconds": 30, "failureThreshold": 3}


def test_sub_second_timings_round_up_with_a_loss() -> None:
    check = Healthcheck(test=("CMD", "true"), interval="500ms", timeout="1.5s", loc=at(20))
    result = emit(project(service("web", healthcheck=check)))
    probe = container(find(result, "Deployment", "web"))["livenessProbe"]
    assert probe["periodSeconds"] == 1
    assert probe["timeoutSeconds"] == 2
    lost = losses(result, "services.web.healthcheck")
    assert {x.path for x in lost} == {"services.web.healthcheck.interval",
                                      "services.web.healthcheck.timeout"}
    assert all(x.loc == at(20) for x in lost)


def test_start_interval_is_a_loss() -> None:
    check = Healthcheck(test=("CMD", "true"), start_interval="2s")
    result = emit(project(service("web", healthcheck=check)))
    assert "start_interval" in loss_text(result, "services.web.healthcheck.start_interval")


def test_a_test_from_the_image_cannot_be_carried() -> None:
    result = emit(project(service("web", healthcheck=Healthcheck(interval="5s", loc=at(7)))))
    assert "livenessProbe" not in container(find(result, "Deployment", "web"))
    [lost] = losses(result, "services.web.healthcheck")
    assert (lost.path, lost.loc) == ("services.web.healthcheck", at(7))  # timings included
    assert "HEALTHCHECK" in lost.reason


def test_readiness_probe_by_option() -> None:
    found = probe_of(Healthcheck(test=("CMD", "true")), readiness_probe=True)
    assert found["readinessProbe"] == found["livenessProbe"]
    assert "readinessProbe" not in probe_of(Healthcheck(test=("CMD", "true")))


def test_unknown_healthcheck_keys_are_lost_where_written() -> None:
    check = Healthcheck(test=("CMD", "true"), extras={"hint": Extra("x", at(33, 9))})
    result = emit(project(service("web", healthcheck=check)))
    [lost] = losses(result, "services.web.healthcheck.hint")
    assert lost.loc == at(33, 9)
