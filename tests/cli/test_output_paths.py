"""`-o` means one thing everywhere: a folder (existing, or ending in '/') or one file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orchconv.cli import main

COMPOSE = """\
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
  db:
    image: postgres:16
"""
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: 'nginx:1.27'}
"""
SHORTCUTS = ["compose2k8s", "compose2swarm", "swarm2k8s", "swarm2compose", "k8s2swarm",
             "k8s2compose"]
SINGLE_FILE = {"compose": "docker-compose", "swarm": "stack"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yml").write_text(COMPOSE)
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "web.yaml").write_text(DEPLOYMENT)
    return tmp_path


def _input(command: str) -> list[str]:
    return ["manifests"] if command.startswith("k8s") else ["-f", "compose.yml"]


@pytest.mark.parametrize("command", SHORTCUTS)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_path_without_a_slash_is_one_file(project: Path, command: str, fmt: str) -> None:
    done = run(command, *_input(command), "-o", "out.txt", "--format", fmt)
    assert done.exit_code == 0, done.stderr
    text = (project / "out.txt").read_text()
    if fmt == "json":
        data = json.loads(text)
        if command.endswith("k8s"):  # one JSON List, as kubectl get -o json writes
            assert (data["apiVersion"], data["kind"]) == ("v1", "List")
            assert {item["kind"] for item in data["items"]} >= {"Deployment"}
        else:
            assert "web" in data["services"]
    elif command.endswith("k8s"):  # a YAML stream, as kompose -o file.yaml writes
        assert text.startswith("---\n") and text.count("\nkind: ") + 1 >= 2
        assert "kind: Deployment" in text
    else:
        assert text.startswith(("services:", "version:", "name:"))


@pytest.mark.parametrize("command", SHORTCUTS)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("existing", [False, True])
def test_a_slash_or_an_existing_folder_is_a_folder(project: Path, command: str, fmt: str,
                                                    existing: bool) -> None:
    if existing:
        (project / "out").mkdir()
    done = run(command, *_input(command), "-o", "out" if existing else "out/", "--format", fmt)
    assert done.exit_code == 0, done.stderr
    names = {p.name for p in (project / "out").iterdir()}
    suffix = ".json" if fmt == "json" else (".yaml" if command.endswith("k8s") else ".yml")
    if command.endswith("k8s"):
        assert "kustomization.yaml" in names
        objects = names - {"kustomization.yaml", ".orchconv-manifest"}
        assert objects and all(name.endswith(suffix) for name in objects)
        for name in objects:
            text = (project / "out" / name).read_text()
            assert "kind" in (json.loads(text) if fmt == "json" else text)
    else:
        assert names == {SINGLE_FILE[command.split("2")[1]] + suffix, ".orchconv-manifest"}


def test_a_file_name_with_a_slash_that_is_a_file_is_refused(project: Path) -> None:
    (project / "taken").write_text("x")
    done = run("compose2k8s", "-f", "compose.yml", "-o", "taken/")
    assert done.exit_code == 2
    assert "taken: output is not a folder" in done.stderr
    assert (project / "taken").read_text() == "x"
