"""Files holding secret material are created 0600, folders made for them 0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orchconv.cli import main
from orchconv.source.output import write_atomic
from orchconv.translate.secret_material import holds_secret

WITH_SECRET = """\
services:
  app:
    image: nginx
    secrets: [db]
secrets:
  db:
    file: ./db.txt
"""
WITH_PASSWORD = """\
services:
  app:
    image: nginx
    environment:
      DB_PASSWORD: not-a-real-password
"""
PLAIN = "services:\n  app:\n    image: nginx\n"
SECRET_MANIFEST = """\
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData: {password: not-a-real-password}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
        - name: app
          image: nginx
          env:
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder under the usual umask 022, so 0644 is what 'not private' means."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "db.txt").write_text("not-a-real-password\n")
    previous = os.umask(0o022)
    yield tmp_path
    os.umask(previous)


def test_secret_manifest_is_0600_in_a_new_0700_folder(project: Path) -> None:
    (project / "compose.yml").write_text(WITH_SECRET)
    result = run("compose2k8s", "-f", "compose.yml", "-o", "out/")
    assert result.exit_code == 0, result.output
    out = project / "out"
    secrets = [p for p in out.iterdir() if "kind: Secret" in p.read_text()]
    assert secrets, sorted(p.name for p in out.iterdir())
    assert all(mode(p) == 0o600 for p in secrets)
    assert mode(out) == 0o700
    assert mode(out / "kustomization.yaml") == 0o644  # holds no secret


def test_a_folder_without_secrets_keeps_the_usual_modes(project: Path) -> None:
    (project / "compose.yml").write_text(PLAIN)
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    assert mode(project / "out") == 0o755
    assert {mode(p) for p in (project / "out").iterdir()} == {0o644}


def test_one_file_holding_a_secret_is_0600(project: Path) -> None:
    (project / "compose.yml").write_text(WITH_SECRET)
    result = run("compose2k8s", "-f", "compose.yml", "-o", "new/all.yaml")
    assert result.exit_code == 0, result.output
    assert mode(project / "new" / "all.yaml") == 0o600
    assert mode(project / "new") == 0o700


def test_a_converted_file_with_a_plain_password_is_0600(project: Path) -> None:
    (project / "compose.yml").write_text(WITH_PASSWORD)
    result = run("compose2swarm", "-f", "compose.yml", "-o", "stack.yml")
    assert result.exit_code == 0, result.output
    assert mode(project / "stack.yml") == 0o600


def test_a_converted_file_without_secrets_is_0644(project: Path) -> None:
    (project / "compose.yml").write_text(PLAIN)
    assert run("compose2swarm", "-f", "compose.yml", "-o", "stack.yml").exit_code == 0
    assert mode(project / "stack.yml") == 0o644


def test_an_overwritten_secret_file_becomes_0600(project: Path) -> None:
    (project / "compose.yml").write_text(WITH_PASSWORD)
    (project / "stack.yml").write_text("old\n")
    (project / "stack.yml").chmod(0o644)
    assert run("compose2swarm", "-f", "compose.yml", "-o", "stack.yml").exit_code == 0
    assert mode(project / "stack.yml") == 0o600


def test_the_env_file_of_secret_values_is_0600(project: Path) -> None:
    (project / "manifests.yaml").write_text(SECRET_MANIFEST)
    result = run("k8s2compose", "manifests.yaml", "-o", "out/")
    assert result.exit_code == 0, result.output
    assert mode(project / "out" / ".env") == 0o600
    assert mode(project / "out") == 0o700


# --- write_atomic ----------------------------------------------------------------------


def test_write_atomic_private_makes_every_missing_folder_0700(project: Path) -> None:
    target = project / "a" / "b" / "secret.yaml"
    write_atomic(target, "x\n", private=True)
    assert mode(target) == 0o600
    assert mode(project / "a") == 0o700
    assert mode(project / "a" / "b") == 0o700


def test_write_atomic_private_leaves_an_existing_folder_alone(project: Path) -> None:
    (project / "shared").mkdir(mode=0o755)
    write_atomic(project / "shared" / "secret.yaml", "x\n", private=True)
    assert mode(project / "shared") == 0o755
    assert mode(project / "shared" / "secret.yaml") == 0o600


def test_write_atomic_keeps_the_mode_of_a_public_file(project: Path) -> None:
    target = project / "plain.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert mode(target) == 0o640
    write_atomic(project / "fresh.yaml", "new\n")
    assert mode(project / "fresh.yaml") == 0o644


# --- what holds secret material ---------------------------------------------------------


@pytest.mark.parametrize("data", [
    {"apiVersion": "v1", "kind": "Secret", "data": {}},
    {"kind": "List", "items": [{"kind": "ConfigMap"}, {"kind": "Secret"}]},
    {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [
        {"env": [{"name": "API_TOKEN", "value": "abcd"}]}]}}}},
    {"kind": "ConfigMap", "data": {"DB_PASSWORD": "abcd"}},
    {"services": {"app": {"environment": {"DB_PASSWORD": "abcd"}}}},
    {"services": {"app": {"environment": ["DB_PASSWORD=abcd"]}}},
])
def test_documents_holding_secrets(data: dict[str, object]) -> None:
    assert holds_secret(data)


@pytest.mark.parametrize("data", [
    {"kind": "ConfigMap", "data": {"LOG_LEVEL": "debug"}},
    {"kind": "Deployment", "spec": {"template": {"spec": {"containers": [
        {"env": [{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db"}}}]}]}}}},
    {"services": {"app": {"environment": {"DB_PASSWORD": None, "DB_PASSWORD_FILE": "/run/x"}}}},
    {"services": {"app": {"environment": ["DB_PASSWORD", "MODE=dev"]}}},
])
def test_documents_without_secrets(data: dict[str, object]) -> None:
    assert not holds_secret(data)
