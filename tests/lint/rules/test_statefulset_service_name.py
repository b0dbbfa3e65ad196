"""statefulset-service-name."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.statefulset_service_name import StatefulSetServiceName
from tests.lint.rules.helpers import run, where

TEXT = """\
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: CLUSTER_IP
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: NAME
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:17.2}]
"""


def lint(name: str = "db", cluster_ip: str = "None") -> list[Finding]:
    text = TEXT.replace("NAME", name).replace("CLUSTER_IP", cluster_ip)
    return run(StatefulSetServiceName, text, kind=FileKind.KUBERNETES)


def test_headless_governing_service_passes() -> None:
    assert lint() == []


def test_unknown_service_is_reported_at_service_name() -> None:
    found = lint("postgres")
    assert where(found) == [(13, 16)]
    assert found[0].message == ("StatefulSet 'db': serviceName 'postgres' names no Service of this"
                                " file; its pods get no stable DNS names")


def test_service_with_a_cluster_ip_is_reported() -> None:
    found = lint(cluster_ip="10.0.0.12")
    assert len(found) == 1
    assert "is not headless" in found[0].message


def test_file_without_services_is_not_judged() -> None:
    text = TEXT.split("---\n", 1)[1].replace("NAME", "db")
    assert run(StatefulSetServiceName, text, kind=FileKind.KUBERNETES) == []
