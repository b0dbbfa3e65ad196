"""lossy-for-target: the conversion's own losses, as findings."""

from __future__ import annotations

from pathlib import Path

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import LintOptions, lint_paths, load_project, parse
from orchconv.lint.finding import Finding
from orchconv.lint.rules.lossy_for_target import LossyForTarget, source_loc
from tests.lint.rules.helpers import where

FILE = "compose.yaml"
COMPOSE = """\
services:
  app:
    image: example/app:1.0
    pid: host
    restart: always
    devices: ["/dev/fuse:/dev/fuse"]
    cgroup_parent: custom
"""


def lint(text: str, target: str | None, kind: FileKind = FileKind.COMPOSE) -> list[Finding]:
    project = load_project(None, text, FILE, kind)
    context = LintContext(FILE, kind, text, parse(text, FILE), project=project, target=target)
    return sorted(LossyForTarget().check(context), key=lambda f: f.loc)


def paths(found: list[Finding]) -> list[str]:
    return [f.message.split(" ", 1)[0] for f in found]


def test_swarm_losses_are_located_at_their_keys() -> None:
    found = lint(COMPOSE, "swarm")
    assert paths(found) == ["services.app.pid", "services.app.devices",
                            "services.app.cgroup_parent"]
    assert where(found) == [(4, 5), (6, 5), (7, 5)]
    assert found[0].message.startswith("services.app.pid is lost converting to a swarm stack: ")


def test_kubernetes_losses_differ_from_swarm_ones() -> None:
    found = lint(COMPOSE, "k8s")
    # pid: host becomes hostPID and restart: always the pod's restart policy: neither is lost
    assert paths(found) == ["services.app.devices", "services.app.cgroup_parent"]
    assert found[0].message.startswith("services.app.devices is lost converting to Kubernetes: ")


def test_no_target_no_findings() -> None:
    assert lint(COMPOSE, None) == []


def test_values_the_file_does_not_write_are_not_reported() -> None:
    # the project name comes from the folder: a stack has none, but the file wrote none either
    assert lint("services:\n  app:\n    image: example/app:1.0\n", "swarm") == []
    named = lint("name: shop\nservices:\n  app:\n    image: example/app:1.0\n", "swarm")
    assert paths(named) == ["name"]


def test_stack_file_linted_for_kubernetes() -> None:
    stack = ('version: "3.8"\nservices:\n  app:\n    image: example/app:1.0\n'
             "    ulimits: {nofile: 1024}\n    deploy: {replicas: 2}\n")
    found = lint(stack, "k8s", FileKind.STACK)
    assert paths(found) == ["services.app.ulimits"]
    assert where(found) == [(5, 5)]


def test_source_loc_walks_the_ir_path() -> None:
    documents = parse(COMPOSE, FILE)
    loc = source_loc(documents, "services.app.devices.0")
    assert loc is not None and (loc.line, loc.col) == (6, 5)
    assert source_loc(documents, "networks.default") is None


def test_through_the_engine_alone_and_on_a_file_that_does_not_load(tmp_path: Path) -> None:
    """Selected alone, the rule loads the project itself; a broken file gives nothing here
    (compose-invalid reports it)."""
    (tmp_path / "compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        "services:\n  app:\n    image: a:1\n    depends_on: [db]\n", encoding="utf-8")
    options = LintOptions(select=("lossy-for-target",), target="k8s")
    report = lint_paths([tmp_path / "compose.yaml", tmp_path / "broken.yaml"], options)
    assert [(f.loc.line, f.rule) for f in report.findings] == [
        (6, "lossy-for-target"), (7, "lossy-for-target")]
