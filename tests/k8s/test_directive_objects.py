"""Ingress and HorizontalPodAutoscaler: made by directive labels, read back into them.

compose -> k8s -> compose gives the labels back in orchconv's spelling, and converting
that again gives the same objects; an object the labels cannot make stays a loss.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.ir.deploy import Deploy, Resources, ResourceSpec
from orchconv.ir.service import Port
from orchconv.source.yamlout import dump_yaml_documents
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.validate import schemas_available, validate_documents
from orchconv.translate.result import Conversion
from tests.k8s.helpers import emit, find, objects, project, service, workload

WEB = Port(target=80, published="80", protocol="tcp")
REQUESTS = Deploy(resources=Resources(reservations=ResourceSpec(cpus=0.5, memory=2**26)))
LABELS = {"kompose.service.expose": "a.example.com/api, b.example.com, true",
          "kompose.service.expose.tls-secret": "tls", "orchconv.io/ingress.class": "nginx",
          "kompose.hpa.replicas.min": "2", "kompose.hpa.replicas.max": "6",
          "kompose.hpa.memory": "60"}


def _load(tmp_path: Path, result: Conversion) -> Any:
    documents = [d.data for d in result.documents]
    if schemas_available():
        assert validate_documents(documents, "1.35") == []
    manifest = tmp_path / "m.yaml"
    manifest.write_text(dump_yaml_documents(documents))
    return load_kubernetes((manifest,), K8sLoadOptions(project_name="demo"))


def test_ingress_and_autoscaler_read_back_into_labels_and_are_made_again(
        tmp_path: Path) -> None:
    first = emit(project(service("web", ports=(WEB,), labels=LABELS, deploy=REQUESTS)))
    loaded = _load(tmp_path, first)
    labels = dict(loaded.project.services["web"].labels)
    assert labels == {
        "orchconv.io/ingress": "a.example.com/api,b.example.com,true",
        "orchconv.io/ingress.tls-secret": "tls", "orchconv.io/ingress.class": "nginx",
        "orchconv.io/hpa.min": "2", "orchconv.io/hpa.max": "6", "orchconv.io/hpa.memory": "60"}
    assert {loss.path for loss in loaded.losses} >= {"Ingress/web",
                                                     "HorizontalPodAutoscaler/web"}
    again = emit(loaded.project)
    for kind in ("Ingress", "HorizontalPodAutoscaler"):
        assert find(again, kind, "web")["spec"] == find(first, kind, "web")["spec"]


def test_an_ingress_the_labels_cannot_make_stays_a_described_loss(tmp_path: Path) -> None:
    result = emit(project(service("web", ports=(WEB,), labels=LABELS, deploy=REQUESTS)))
    ingress = find(result, "Ingress", "web")
    ingress["metadata"]["annotations"] = {"nginx.ingress.kubernetes.io/rewrite-target": "/"}
    loaded = _load(tmp_path, result)
    assert "orchconv.io/ingress" not in loaded.project.services["web"].labels
    [lost] = [loss for loss in loaded.losses if loss.path == "Ingress/web"]
    assert "a.example.com/api -> web:80" in lost.reason


def test_an_autoscaler_by_another_metric_stays_a_loss(tmp_path: Path) -> None:
    result = emit(project(service("web", ports=(WEB,), labels=LABELS, deploy=REQUESTS)))
    hpa = find(result, "HorizontalPodAutoscaler", "web")
    hpa["spec"]["metrics"][0]["resource"]["target"] = {"type": "AverageValue",
                                                      "averageValue": "100Mi"}
    loaded = _load(tmp_path, result)
    assert not any(k.startswith("orchconv.io/hpa") for k in loaded.project.services["web"].labels)


def test_the_autoscaler_owns_the_replica_count() -> None:
    result = emit(project(service("web", labels={"orchconv.io/hpa.cpu": "70"},
                                  deploy=REQUESTS)))
    assert "replicas" not in workload(result, "web")["spec"]
    spec = find(result, "HorizontalPodAutoscaler", "web")["spec"]
    assert (spec["minReplicas"], spec["maxReplicas"]) == (1, 3)
    assert [m["resource"]["name"] for m in spec["metrics"]] == ["cpu"]


@pytest.mark.parametrize("labels", [{"kompose.hpa.replicas.min": "0"},
                                    {"kompose.hpa.memory": "x"},
                                    {"kompose.service.expose": "a.example.com, b_c"},
                                    {"kompose.service.healthcheck.liveness.tcp_port": "70000"},
                                    {"kompose.service.healthcheck.readiness.interval": "soon"},
                                    {"kompose.controller.port.expose": "maybe"}])
def test_a_directive_with_a_bad_value_is_an_input_error(labels: dict[str, str]) -> None:
    with pytest.raises(InputError, match=r"services\.web\.labels"):
        emit(project(service("web", ports=(WEB,), labels=labels)))


def test_no_directive_label_becomes_a_pod_annotation() -> None:
    result = emit(project(service("web", ports=(WEB,), labels={**LABELS, "team": "a"},
                                  deploy=REQUESTS)))
    [deployment] = objects(result, "Deployment")
    assert deployment["spec"]["template"]["metadata"]["annotations"] == {"team": "a"}
