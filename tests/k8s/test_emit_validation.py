"""The emitted manifests are valid Kubernetes objects: against the OpenAPI schemas
(kubeconform, strict: no unknown fields) and against a real API server
(server-side dry run, which also runs the validation the schemas cannot express)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from orchconv.translate.result import Conversion
from tests.k8s.samples import sample_results
from tests.peers import missing

CACHE = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache" / "orchconv"))
KUBECONFORM = CACHE / "bin" / "kubeconform"
SCHEMAS = CACHE / "kubeconform-schemas"
KUBECONFIG = CACHE / "k8s" / "kubeconfig"
SAMPLES = sample_results()


def _manifest(result: Conversion) -> str:
    return yaml.safe_dump_all([d.data for d in result.documents], sort_keys=False)


@pytest.mark.peer
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_kubeconform_accepts_the_output(name: str, tmp_path: Path) -> None:
    if not KUBECONFORM.is_file() or not SCHEMAS.is_dir():
        missing("kubeconform and its schemas are built by scripts/peers")
    manifest = tmp_path / f"{name}.yaml"
    manifest.write_text(_manifest(SAMPLES[name]))
    location = f"{SCHEMAS}/{{{{.NormalizedKubernetesVersion}}}}-standalone{{{{.StrictSuffix}}}}/" \
               "{{.ResourceKind}}{{.KindSuffix}}.json"
    run = subprocess.run([str(KUBECONFORM), "-strict", "-summary", "-schema-location", location,
                          str(manifest)], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Invalid: 0, Errors: 0, Skipped: 0" in run.stdout


def _kubectl(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = ["kubectl", "--kubeconfig", str(KUBECONFIG), "--request-timeout=20s", *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def namespace() -> Iterator[str]:
    """A namespace of our own, so dry runs never meet objects other tests made."""
    if shutil.which("kubectl") is None or not KUBECONFIG.is_file():
        missing("no Kubernetes backend (scripts/k8s/up.sh)")
    if _kubectl("get", "--raw=/readyz").stdout.strip() != "ok":
        missing("the Kubernetes backend is not ready")
    name = f"orchconv-emit-{uuid.uuid4().hex[:8]}"
    created = _kubectl("create", "namespace", name)
    assert created.returncode == 0, created.stderr
    try:
        yield name
    finally:
        _kubectl("delete", "namespace", name, "--wait=false")


@pytest.mark.backend
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_api_server_accepts_the_output(name: str, namespace: str) -> None:
    run = _kubectl("apply", "--dry-run=server", "-n", namespace, "-f", "-",
                   stdin=_manifest(SAMPLES[name]))
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("(server dry run)") == len(SAMPLES[name].documents)
