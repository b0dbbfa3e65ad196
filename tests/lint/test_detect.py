"""File kind detection: content first, the name only for compose vs stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.context import FileKind
from orchconv.lint.detect import detect_kind
from orchconv.source.yamltree import parse_documents
from tests.lint.helpers import only_engine_test_rules, run_lint, write

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def kind_of(text: str, name: str = "file.yml") -> FileKind | None:
    return detect_kind(name, [data for data, _ in parse_documents(text, name)])


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("services:\n  web:\n    image: nginx\n", "compose.yaml", FileKind.COMPOSE),
        ("include:\n  - other.yml\n", "compose.yaml", FileKind.COMPOSE),
        # version 3 alone does not make a stack: docker compose reads such files too
        ("version: '3'\nservices:\n  web:\n    image: nginx\n", "c.yml", FileKind.COMPOSE),
        # docker-compose v1 ignored `deploy`: a 3.x file with it was written for swarm
        ("version: '3.8'\nservices:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n",
         "docker-compose.yml", FileKind.STACK),
        ("version: 3.8\nservices:\n  web:\n    image: nginx\n    deploy: {}\n", "c.yml",
         FileKind.STACK),
        # the compose spec (no version) has `deploy` too: still compose
        ("services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n", "c.yml",
         FileKind.COMPOSE),
        ("version: '3.4'\nservices:\n  a: {image: x}\nnetworks:\n  net:\n    driver: overlay\n",
         "c.yml", FileKind.STACK),
        ("services:\n  web:\n    image: nginx\n", "stack.yml", FileKind.STACK),
        ("services:\n  web:\n    image: nginx\n", "docker-stack.yaml", FileKind.STACK),
        ("services:\n  web:\n    image: nginx\n", "web.stack.yml", FileKind.STACK),
        ("services:\n  web:\n    image: nginx\n", "stackoverflow.yml", FileKind.COMPOSE),
        ("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n", "svc.yaml", FileKind.KUBERNETES),
        ("# leading comment\n---\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: apps/v1\n"
         "kind: Deployment\n", "all.yaml", FileKind.KUBERNETES),
        ("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n",
         "kind.yaml", FileKind.TOPOLOGY),
        ("platform: swarm\nname: s\nnodes: []\n", "inventory.yaml", FileKind.TOPOLOGY),
        # a GitHub workflow, a Helm values file, an empty file: not ours
        ("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n", "ci.yml", None),
        ("replicaCount: 1\nimage:\n  repository: nginx\n", "values.yaml", None),
        ("", "empty.yml", None),
        ("- a\n- b\n", "list.yml", None),
    ],
)
def test_detects_kind(text: str, name: str, kind: FileKind | None) -> None:
    assert kind_of(text, name) is kind


@pytest.mark.parametrize(
    ("example", "kind"),
    [
        ("wordpress/docker-compose.yml", FileKind.COMPOSE),
        ("wordpress-stack/docker-compose.yml", FileKind.STACK),
        ("hello-k8s/deployment.yaml", FileKind.KUBERNETES),
        ("swarm-topology/inventory.yaml", FileKind.TOPOLOGY),
    ],
)
def test_seed_examples(example: str, kind: FileKind) -> None:
    path = EXAMPLES / example
    assert kind_of(path.read_text(), path.name) is kind


def test_kind_option_overrides_detection(tmp_path: Path) -> None:
    # a compose file read as a stack file: the stack-only rule now applies
    write(tmp_path, {"c.yml": "services:\n  web:\n    image: nginx\n    privileged: true\n"})
    assert run_lint(tmp_path, "c.yml").code == 0
    run = run_lint(tmp_path, "--kind", "stack", "--format", "json", "c.yml")
    assert run.json()["files"][0]["kind"] == "stack"
    assert run.rules() == ["stack-unsupported-key"]
