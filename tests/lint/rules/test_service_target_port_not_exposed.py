"""service-target-port-not-exposed."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.service_target_port_not_exposed import ServiceTargetPortNotExposed
from tests.lint.rules.helpers import run, where

TEXT = """\
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
    - {port: 80, targetPort: TARGET}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          PORTS
"""
NAMED = "ports: [{name: http, containerPort: 8080}]"


def lint(target: str, ports: str = NAMED) -> list[Finding]:
    text = TEXT.replace("TARGET", target).replace("PORTS", ports)
    return run(ServiceTargetPortNotExposed, text, kind=FileKind.KUBERNETES)


def test_named_target_port_missing_is_reported_at_the_target() -> None:
    found = lint("web")
    assert where(found) == [(7, 30)]
    assert found[0].message == ("Service 'web' port 80: targetPort 'web' names no TCP container"
                                " port of Deployment 'web': the Service has no endpoint there")


def test_named_and_numbered_targets_that_exist_pass() -> None:
    assert lint("http") == []
    assert lint("8080") == []


def test_number_not_declared_is_reported() -> None:
    found = lint("9090")
    assert len(found) == 1
    assert "target port 9090/TCP is not a declared container port" in found[0].message
    assert "(8080/TCP)" in found[0].message


def test_number_is_not_judged_when_the_pod_declares_no_ports() -> None:
    assert lint("9090", ports="env: []") == []
    assert len(lint("http", ports="env: []")) == 1  # a name needs a declared port


def test_protocol_must_match() -> None:
    udp = "ports: [{name: http, containerPort: 8080, protocol: UDP}]"
    assert len(lint("http", ports=udp)) == 1


def test_port_is_the_target_without_target_port() -> None:
    text = TEXT.replace(", targetPort: TARGET", "").replace("PORTS", NAMED)
    found = run(ServiceTargetPortNotExposed, text, kind=FileKind.KUBERNETES)
    assert where(found) == [(7, 14)]
