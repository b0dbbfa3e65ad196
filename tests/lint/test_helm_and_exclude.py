"""Files named on the command line obey `exclude`; Helm chart templates are skipped or rendered.

pre-commit names every staged YAML file, Helm templates among them: they
must not fail the hook.  No `helm` binary is assumed: the rendering path is
checked on `helm template` output written here (through a `helm` script on
PATH that prints it) and on the mapping functions directly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orchconv.lint.charts import chart_of
from orchconv.lint.helm import (
    document_starts,
    map_line,
    rendered_documents,
    template_line,
    template_path,
)
from tests.lint.helpers import run_lint, write

TEMPLATE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n"
CHART = {
    "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    "charts/web/values.yaml": "replicas: 1\n",
    "charts/web/templates/service.yaml": TEMPLATE,
    "charts/web/templates/deployment.yaml": "{{- if .Values.on }}\napiVersion: apps/v1\n"
                                            "kind: Deployment\n{{- end }}\n",
}
CONFIG = "lint:\n  select: [syntax, no-version-field]\n"
VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"

# what `helm template charts/web` prints for a chart named `web` (written for this test)
RENDERED = """---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: release-name
spec:
  ports: [{port: 80}]
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-name
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
"""


def test_exclude_applies_to_files_named_on_the_command_line(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": CONFIG + "  exclude: [\"vendor/\"]\n",
                     "vendor/compose.yaml": VERSIONED, "compose.yaml": VERSIONED})
    run = run_lint(tmp_path, "vendor/compose.yaml")
    assert (run.code, run.out, run.err) == (0, "", "")
    run = run_lint(tmp_path, "vendor/compose.yaml", "compose.yaml")
    assert run.code == 1
    assert [line.split(":")[0] for line in run.out.splitlines()[:-1]] == ["compose.yaml"]


def test_excluded_helm_templates_named_by_pre_commit_pass(tmp_path: Path) -> None:
    write(tmp_path, {**CHART, ".orchconv.yaml": CONFIG + "  exclude: [\"charts/\"]\n"})
    names = [name for name in CHART if name.endswith(".yaml")]
    run = run_lint(tmp_path, *names)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_helm_templates_are_skipped_with_one_info_line_per_chart(tmp_path: Path) -> None:
    write(tmp_path, {**CHART, ".orchconv.yaml": CONFIG})
    expected = "charts/web: info: Helm chart templates skipped (lint them rendered with --helm)\n"
    for args in (("charts/web/templates/service.yaml", "charts/web/templates/deployment.yaml"),
                 (".",)):
        run = run_lint(tmp_path, *args)
        assert (run.code, run.err) == (0, expected), args
    # Chart.yaml and values.yaml are ordinary files (not compose, not Kubernetes)
    assert run_lint(tmp_path, "--format", "json", ".").json()["files"][0]["skipped"]


def test_templates_folder_without_chart_yaml_is_linted(tmp_path: Path) -> None:
    write(tmp_path, {"templates/compose.yaml": VERSIONED, ".orchconv.yaml": CONFIG})
    assert run_lint(tmp_path, "templates/compose.yaml").code == 1


def test_helm_flag_without_helm_is_a_one_line_usage_error(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, CHART)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    run = run_lint(tmp_path, "--helm", "charts/web/templates/service.yaml")
    assert run.code == 2
    assert run.err == "error: --helm needs the `helm` binary on PATH (https://helm.sh)\n"


def test_rendered_documents_follow_the_source_comments() -> None:
    documents = rendered_documents(RENDERED)
    assert [(d.first_line, d.source, d.index) for d in documents] == [
        (1, "web/templates/service.yaml", 0), (9, "web/templates/deployment.yaml", 0)]
    assert map_line(documents, 5) == documents[0]
    assert map_line(documents, 24) == documents[1]
    assert template_path(Path("charts/web"), "web/charts/db/templates/x.yaml") == Path(
        "charts/web/charts/db/templates/x.yaml")


def test_template_line_is_the_start_of_the_matching_document() -> None:
    template = "# comment\n{{- range .Values.x }}\n---\n\napiVersion: v1\n---\nkind: B\n"
    assert document_starts(template) == [1, 5, 7]
    three = rendered_documents("---\n# Source: c/templates/t.yaml\na: 1\n" * 3)
    assert [template_line(template, d, 3) for d in three] == [1, 5, 7]
    # a range renders more documents than the template has: the file's first line
    assert template_line(template, three[1], 4) == 1


def test_helm_renders_the_chart_and_findings_land_in_the_templates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {**CHART, "rendered.txt": RENDERED})
    bin_folder = tmp_path / "bin"
    helm = bin_folder / "helm"
    write(tmp_path, {"bin/helm": f"#!/bin/sh\n[ \"$1\" = template ] || exit 3\n"
                                 f"cat {tmp_path / 'rendered.txt'}\n"})
    helm.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    run = run_lint(tmp_path, "--helm", "--format", "json", "--select",
                   "latest-or-untagged-image,run-as-non-root", ".")
    assert run.err == ""
    found = {(f["rule"], f["file"], f["line"]) for f in run.json()["findings"]}
    assert found == {("latest-or-untagged-image", "charts/web/templates/deployment.yaml", 1),
                     ("run-as-non-root", "charts/web/templates/deployment.yaml", 1)}
    assert run.code == 1


def test_a_chart_helm_refuses_is_a_syntax_finding(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {**CHART, "bin/helm": "#!/bin/sh\necho 'Error: bad chart' >&2\nexit 1\n"})
    (tmp_path / "bin" / "helm").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    run = run_lint(tmp_path, "--helm", "charts/web/templates/service.yaml")
    assert run.code == 2
    assert run.out.splitlines()[0] == (
        "charts/web/Chart.yaml:1:1: error syntax helm template failed: Error: bad chart")


def test_chart_of_finds_nested_templates(tmp_path: Path) -> None:
    write(tmp_path, {**CHART, "charts/web/templates/sub/x.yaml": "a: 1\n"})
    assert chart_of(tmp_path / "charts/web/templates/sub/x.yaml") == tmp_path / "charts/web"
    assert chart_of(tmp_path / "charts/web/values.yaml") is None
