"""k8s-schema (validation itself is tested with orchconv.translate.k8s.load.validate)."""

from __future__ import annotations

import pytest

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import parse
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules.k8s_schema import K8sSchema
from orchconv.translate.k8s.load.validate import schemas_available
from tests.lint.rules.helpers import where
from tests.peers import skip_unless_ci

needs_schemas = skip_unless_ci(not schemas_available(),
                                   reason="kubernetes-validate is not installed")

SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: "80", targetport: 8080}]
"""


def lint(text: str, version: str | None = None) -> list[Finding]:
    context = LintContext("k.yaml", FileKind.KUBERNETES, text, parse(text, "k.yaml"),
                          k8s_version=version)
    return sorted(K8sSchema().check(context), key=lambda f: f.loc)


@needs_schemas
def test_problems_are_located_at_their_keys() -> None:
    found = lint(SERVICE)
    assert where(found) == [(6, 18), (6, 24)]
    assert [f.message for f in found] == [
        "Service 'web': spec.ports[0].port: must be an integer, not a string",
        "Service 'web': spec.ports[0].targetport: unknown field 'targetport'",
    ]
    assert {f.level for f in found} == {Level.ERROR}


@needs_schemas
def test_valid_objects_custom_resources_and_removed_apis_pass() -> None:
    assert lint(SERVICE.replace('"80", targetport', "80, targetPort")) == []
    widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {x: 1}\n"
    assert lint(widget) == []
    # deprecated-api-version reports a removed apiVersion; no second finding here
    assert lint("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n") == []


@needs_schemas
def test_chosen_release_is_used() -> None:
    found = lint("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
                 "1.31")
    assert found == []


def test_release_without_schemas_gives_one_info_finding() -> None:
    found = lint(SERVICE, "1.20")
    assert [(f.level, f.loc.line) for f in found] == [(Level.INFO, 1)]
    assert found[0].message.startswith("not checked: no schemas for Kubernetes 1.20")


def test_without_the_schemas_the_file_gets_one_info_finding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from orchconv.translate.k8s.load import validate

    monkeypatch.setattr(validate, "schemas_available", lambda: False)
    found = lint(SERVICE)
    assert [(f.level, f.loc.line) for f in found] == [(Level.INFO, 1)]
    assert "install the k8s extra" in found[0].message
