"""compose -> Kubernetes on a real API server (kwok nodes): apply, wait, read back, compare;
and a swarm service exported as manifests that apply and become Available."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from orchconv.deploy.command import deploy, down, export
from orchconv.deploy.kubernetes import KubernetesBackend
from orchconv.deploy.swarm import wait_for_services
from orchconv.translate.convert import TargetOptions, emit
from tests.deploy.backends import unique_name
from tests.deploy.busybox import TEST_IMAGE
from tests.deploy.limits import apply_limits
from tests.deploy.sources import Source, deployable, example_sources, golden_sources
from tests.deploy.timeouts import TIMEOUT
from tests.roundtrip.oracle import unexplained

pytestmark = pytest.mark.backend

SOURCES = [*example_sources(), *golden_sources()]


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_compose_to_k8s_round_trip(source: Source, cluster: Path, tmp_path: Path,
                                   request: pytest.FixtureRequest) -> None:
    wait_timeout = apply_limits(request, "k8s", source.id, TIMEOUT)
    name = unique_name("k")
    project = deployable(source, name, tmp_path, "k8s")
    # The case's own files and the harness's placeholders are embedded (Secrets, ConfigMaps).
    conversion = emit("k8s", project, TargetOptions(namespace=name,
                                                    allow_read=(tmp_path, source.folder)))
    backend = KubernetesBackend(name, namespace=name, kubeconfig=cluster, bind_claims=True)
    try:
        backend.apply([d.data for d in conversion.documents])
        backend.wait(timeout=wait_timeout)
        found = backend.read_back()
        assert found.project is not None
        problems = unexplained(project, found.project, "k8s",
                               [*conversion.losses, *found.losses])
        assert not problems, "\n".join(str(p) for p in problems)
    finally:
        backend.teardown(timeout=TIMEOUT)


def test_swarm_service_exports_to_manifests_that_become_available(
        swarm_engine: None, cluster: Path, tmp_path: Path) -> None:
    """`docker service create --replicas 2` -> export --to k8s -> deploy -> Available."""
    name = unique_name("ex")
    runner = CliRunner()
    subprocess.run(["docker", "service", "create", "--detach", "--quiet", "--name", name,
                    "--replicas", "2", "--label", f"io.orchconv.owner={name}",
                    "--stop-grace-period", "1s", TEST_IMAGE,
                    "httpd", "-f", "-p", "8080", "-h", "/www"], check=True,
                   capture_output=True)
    try:
        wait_for_services(f"label=io.orchconv.owner={name}", TIMEOUT)
        out = tmp_path / "manifests"
        exported = runner.invoke(export, ["--from", "swarm", "--service", name, "--to", "k8s",
                                          "-o", f"{out}/"])
        assert exported.exit_code == 0, exported.output
        manifests = sorted(p for p in out.glob("*.yaml") if p.name != "kustomization.yaml")
        kinds = {p.read_text().split("kind: ", 1)[1].split()[0] for p in manifests}
        assert "Deployment" in kinds
        deployed = runner.invoke(deploy, ["--to", "k8s", *map(str, manifests), "--name", name,
                                          "--namespace", name, "--kubeconfig", str(cluster),
                                          "--timeout", str(TIMEOUT)])
        assert deployed.exit_code == 0, deployed.output
        backend = KubernetesBackend(name, namespace=name, kubeconfig=cluster)
        [workload] = backend.live_objects()[-1:]
        assert workload["kind"] == "Deployment"
        assert workload["spec"]["replicas"] == 2
        assert workload["status"]["availableReplicas"] == 2
        assert workload["spec"]["template"]["spec"]["containers"][0]["image"] == TEST_IMAGE
    finally:
        removed = runner.invoke(down, ["--to", "k8s", "--name", name, "--namespace", name,
                                       "--kubeconfig", str(cluster)])
        subprocess.run(["docker", "service", "rm", name], capture_output=True, check=False)
    assert removed.exit_code == 0, removed.output
