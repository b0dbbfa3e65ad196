"""`helm install` of a chart on the test cluster (kwok nodes) reaches Available, and
`orchconv export` reads the release back."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from orchconv.deploy.command import deploy, down, export
from orchconv.deploy.kubernetes import KubernetesBackend
from tests.deploy.backends import kubeconfig, kubernetes_problem, missing, unique_name
from tests.deploy.timeouts import TIMEOUT
from tests.helm.support import helm_run, run

pytestmark = [pytest.mark.backend, pytest.mark.peer]

TOKEN = "tok-12345678-install"
COMPOSE = f"""\
name: helmrt
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    deploy: {{replicas: 2}}
    environment:
      MODE: prod
      API_TOKEN: {TOKEN}
  api:
    image: busybox:1.36
    command: ["httpd", "-f", "-p", "8080"]
"""


@pytest.fixture
def cluster() -> Path:
    problem = kubernetes_problem()
    if problem:
        missing(problem)
    path = kubeconfig()
    assert path is not None
    return path


def test_a_chart_installs_and_exports_back(cluster: Path, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(COMPOSE)
    chart = tmp_path / "chart"
    made = run("compose2k8s", "-f", str(tmp_path / "compose.yaml"), "--chart", str(chart))
    assert made.exit_code == 0, made.stderr
    name, runner = unique_name("helm"), CliRunner()
    where = ["--namespace", name, "--kubeconfig", str(cluster)]
    try:
        # the Secrets the chart refers to, first: orchconv wrote them beside the chart
        secrets = runner.invoke(deploy, ["--to", "k8s", *map(str, (chart / "secrets").glob(
            "*.yaml")), "--name", name, *where, "--timeout", str(TIMEOUT)])
        assert secrets.exit_code == 0, secrets.output
        installed = helm_run("install", "release", str(chart), *where, "--wait",
                             "--timeout", f"{int(TIMEOUT)}s", "--set", "web.replicas=3")
        assert installed.returncode == 0, installed.stderr
        status = helm_run("status", "release", *where, "-o", "json")
        assert '"status":"deployed"' in status.stdout.replace(" ", "")
        live = KubernetesBackend(name, namespace=name, kubeconfig=cluster).live_objects(
            owned_only=False)
        available = {o["metadata"]["name"]: o["status"].get("availableReplicas")
                     for o in live if o["kind"] == "Deployment"}
        assert available == {"web": 3, "api": 1}
        exported = runner.invoke(export, ["--from", "k8s", *where, "--to", "compose"])
        assert exported.exit_code == 0, exported.output
        services = yaml.safe_load(exported.stdout)["services"]
        assert services["web"]["image"] == "nginx:1.27"
        assert services["web"]["deploy"]["replicas"] == 3  # the value set at install
        assert services["web"]["environment"] == {"MODE": "prod", "API_TOKEN": TOKEN}
        assert services["api"]["command"] == ["httpd", "-f", "-p", "8080"]
    finally:
        helm_run("uninstall", "release", *where, "--wait", "--timeout", f"{int(TIMEOUT)}s")
        runner.invoke(down, ["--to", "k8s", "--name", name, *where])
