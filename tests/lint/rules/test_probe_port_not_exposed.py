"""probe-port-not-exposed."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.probe_port_not_exposed import ProbePortNotExposed
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports: [{name: http, containerPort: 80}]
      livenessProbe:
        httpGet: {path: /, port: PORT}
      readinessProbe:
        tcpSocket: {port: 80}
"""


def lint(port: str, text: str = POD) -> list[Finding]:
    return run(ProbePortNotExposed, text.replace("PORT", port), kind=FileKind.KUBERNETES)


def test_unknown_port_name_is_reported_at_the_port() -> None:
    found = lint("web")
    assert where(found) == [(10, 34)]
    assert found[0].message == ("container 'web' of Pod 'web': livenessProbe httpGet port 'web'"
                                " names none of the container's ports: the probe always fails")


def test_declared_name_and_number_pass() -> None:
    assert lint("http") == []
    assert lint("80") == []


def test_undeclared_number_is_reported_when_ports_are_declared() -> None:
    found = lint("8080")
    assert len(found) == 1
    assert "8080 is not a declared container port (80)" in found[0].message


def test_container_without_ports_only_checks_names() -> None:
    bare = POD.replace("      ports: [{name: http, containerPort: 80}]\n", "")
    assert lint("8080", bare) == []
    assert len(lint("http", bare)) == 1


def test_grpc_probe_is_checked() -> None:
    text = POD.replace("httpGet: {path: /, port: PORT}", "grpc: {port: 9000}")
    assert len(lint("", text)) == 1
