"""Losses people can read: a level on each, a grouped summary on stderr, the located
lines with -v/--verbose and in --loss-report, and --strict[=info] choosing what fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orchconv.cli import main
from orchconv.ir.loss import INFO, WARNING, Loss
from orchconv.location import Loc
from orchconv.translate.loss_report import failing, path_pattern

TIMES = "\N{MULTIPLICATION SIGN}"
KEPT = ("it only names the container inside its pod: the runtime names the container"
        " itself, and the Service of the same name keeps the name resolving")
CHANGED = ("it only names the container inside its pod: the runtime names the container"
           " itself, and other pods reach it through its Service, not by this name")
INIT = "no init is what a pod has anyway; an explicit false is not written"

# web and api keep their names as Service names; shop-db is not db's Service name
MIXED = """\
services:
  web:
    image: nginx:1.27
    container_name: web
  api:
    image: nginx:1.27
    container_name: api
  db:
    image: postgres:16
    container_name: shop-db
    init: false
"""
ONLY_INFO = """\
services:
  web:
    image: nginx:1.27
    container_name: web
    init: false
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"KUBECONFIG": None})


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed.yml").write_text(MIXED)
    (tmp_path / "info.yml").write_text(ONLY_INFO)
    return tmp_path


def test_stderr_shows_one_line_per_group_warnings_first(project: Path) -> None:
    done = run("compose2k8s", "-f", "mixed.yml")
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"warning: 1{TIMES} services.*.container_name -> k8s: {CHANGED}",
        f"info: 2{TIMES} services.*.container_name -> k8s: {KEPT}",
        f"info: 1{TIMES} services.*.init -> k8s: {INIT}",
        "4 loss(es): 1 warning(s), 3 info; -v/--verbose shows where each was written",
    ]


def test_verbose_adds_the_located_lines_with_their_level(project: Path) -> None:
    done = run("compose2k8s", "-f", "mixed.yml", "--verbose")
    assert done.exit_code == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:4] == [
        f"mixed.yml:4:5: info: loss: services.web.container_name -> k8s: {KEPT}",
        f"mixed.yml:7:5: info: loss: services.api.container_name -> k8s: {KEPT}",
        f"mixed.yml:10:5: warning: loss: services.db.container_name -> k8s: {CHANGED}",
        f"mixed.yml:11:5: info: loss: services.db.init -> k8s: {INIT}",
    ]
    assert lines[4].startswith(f"warning: 1{TIMES} services.*.container_name")
    assert lines[-1] == "4 loss(es): 1 warning(s), 3 info"
    assert run("compose2k8s", "-f", "mixed.yml", "-v").stderr == done.stderr


def test_the_loss_report_lists_every_loss_with_its_level(project: Path) -> None:
    done = run("compose2k8s", "-f", "mixed.yml", "--loss-report", "losses.json")
    assert done.exit_code == 0, done.stderr
    entries = json.loads((project / "losses.json").read_text())["losses"]
    assert [(e["line"], e["path"], e["level"]) for e in entries] == [
        (4, "services.web.container_name", "info"),
        (7, "services.api.container_name", "info"),
        (10, "services.db.container_name", "warning"),
        (11, "services.db.init", "info"),
    ]


@pytest.mark.parametrize(("file", "strict", "code"), [
    ("mixed.yml", "--strict", 1),
    ("mixed.yml", "--strict=warning", 1),
    ("mixed.yml", "--strict=info", 1),
    ("info.yml", "--strict", 0),
    ("info.yml", "--strict=warning", 0),
    ("info.yml", "--strict=info", 1),
])
def test_strict_fails_on_warnings_and_strict_info_on_every_loss(
        project: Path, file: str, strict: str, code: int) -> None:
    done = run("compose2k8s", "-f", file, strict, "-o", "out.yaml")
    assert done.exit_code == code, done.stderr
    assert (project / "out.yaml").exists() == (code == 0)  # nothing written on failure
    if code:
        level = strict.partition("=")[2] or "warning"
        assert done.stderr.splitlines()[-1].startswith("error: ")
        assert f"at level {level} or above in strict mode; nothing written" in done.stderr


def test_without_strict_losses_never_fail(project: Path) -> None:
    assert run("compose2k8s", "-f", "mixed.yml").exit_code == 0


def test_a_bare_strict_never_takes_the_next_argument_as_its_level(project: Path) -> None:
    done = run("compose2k8s", "--strict", "info.yml")  # the file is an input, not a level
    assert done.exit_code == 0, done.stderr
    assert "kind: Deployment" in done.stdout
    assert run("compose2k8s", "--strict", "mixed.yml").exit_code == 1
    # with a space, `info` is an input file: only `--strict=info` sets the level
    assert run("compose2k8s", "-f", "info.yml", "--strict", "info").exit_code == 2


def test_strict_rejects_an_unknown_level(project: Path) -> None:
    done = run("compose2k8s", "-f", "info.yml", "--strict=error")
    assert done.exit_code == 2
    assert "'error' is not one of 'warning', 'info'" in done.stderr


def test_deploy_prints_the_same_summary_and_honours_strict(project: Path) -> None:
    done = run("deploy", "--to", "k8s", "--strict", "mixed.yml")
    assert done.exit_code == 1
    assert done.stderr.splitlines()[0] == (
        f"warning: 1{TIMES} services.*.container_name -> k8s: {CHANGED}")
    assert done.stderr.endswith("at level warning or above in strict mode; nothing deployed\n")
    verbose = run("deploy", "--to", "k8s", "--strict=info", "-v", "info.yml")
    assert verbose.exit_code == 1
    assert f"info.yml:4:5: info: loss: services.web.container_name -> k8s: {KEPT}" \
        in verbose.stderr


def test_container_name_is_a_warning_when_no_service_keeps_the_name(project: Path) -> None:
    (project / "joined.yml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n  sidecar:\n    image: busybox:1.36\n"
        "    container_name: sidecar\n    network_mode: service:web\n")
    done = run("compose2k8s", "-f", "joined.yml", "--loss-report", "losses.json")
    assert done.exit_code == 0, done.stderr
    entries = json.loads((project / "losses.json").read_text())["losses"]
    [entry] = [e for e in entries if e["path"] == "services.sidecar.container_name"]
    assert entry["level"] == "warning"  # it shares web's pod: no Service named sidecar


def test_compose2swarm_keeps_a_container_name_equal_to_the_service_name(project: Path) -> None:
    done = run("compose2swarm", "-f", "mixed.yml", "--loss-report", "losses.json")
    assert done.exit_code == 0, done.stderr
    levels = {e["path"]: e["level"] for e in json.loads(
        (project / "losses.json").read_text())["losses"] if e["path"].endswith("container_name")}
    assert levels == {"services.web.container_name": "info",
                      "services.api.container_name": "info",
                      "services.db.container_name": "warning"}


@pytest.mark.parametrize(("path", "pattern"), [
    ("services.web.container_name", "services.*.container_name"),
    ("services.web.ports[0].published", "services.*.ports[*].published"),
    ("services.web", "services.*"),
    ("volumes.data.driver_opts.type", "volumes.*.driver_opts.type"),
    ("secrets.token", "secrets.*"),
    ("Deployment/web.spec.template.spec.containers[1].name",
     "Deployment/*.spec.template.spec.containers[*].name"),
    ("ConfigMap/app-settings", "ConfigMap/*"),
    ("name", "name"),
    ("x-tooling", "x-tooling"),
])
def test_path_patterns_hide_the_names_users_chose(path: str, pattern: str) -> None:
    assert path_pattern(path) == pattern


def test_failing_losses_by_strict_level() -> None:
    kept = Loss(Loc("c.yml", 1, 1), "services.a.init", "k8s", "why", INFO)
    changed = Loss(Loc("c.yml", 2, 1), "services.a.pid", "k8s", "why")
    assert changed.level == WARNING  # the default where a call site says nothing
    assert failing([kept, changed], None) == []
    assert failing([kept, changed], "warning") == [changed]
    assert failing([kept, changed], "info") == [kept, changed]


@pytest.mark.parametrize(("command", "lines", "path", "level"), [
    ("compose2k8s", "ipc: private", "services.web.ipc", "info"),
    ("compose2k8s", "ipc: shareable", "services.web.ipc", "info"),
    ("compose2k8s", "userns_mode: host", "services.web.userns_mode", "info"),
    ("compose2k8s", "logging: {driver: json-file}", "services.web.logging", "info"),
    ("compose2k8s", "logging: {driver: json-file, options: {max-size: 10m}}",
     "services.web.logging", "warning"),
    ("compose2k8s", "logging: {driver: syslog}", "services.web.logging", "warning"),
    ("compose2k8s", "pull_policy: build", "services.web.pull_policy", "warning"),
    ("compose2swarm", "expose: ['8080']", "services.web.expose", "info"),
    ("compose2swarm", "ipc: host", "services.web.ipc", "warning"),
])
def test_each_call_site_decides_the_level(project: Path, command: str, lines: str, path: str,
                                          level: str) -> None:
    (project / "one.yml").write_text(
        f"services:\n  web:\n    image: nginx:1.27\n    {lines}\n")
    done = run(command, "-f", "one.yml", "--loss-report", "losses.json")
    assert done.exit_code == 0, done.stderr
    entries = json.loads((project / "losses.json").read_text())["losses"]
    assert [(e["path"], e["level"]) for e in entries if e["path"] == path] == [(path, level)]
