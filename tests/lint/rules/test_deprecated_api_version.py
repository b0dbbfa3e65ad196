"""deprecated-api-version."""

from __future__ import annotations

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import parse
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules.deprecated_api_version import (
    DeprecatedApiVersion,
    parse_version,
    removal_of,
)
from tests.lint.rules.helpers import fixed, where

CRONJOB = """\
apiVersion: batch/v1beta1  # keep this comment
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
"""
INGRESS = """\
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: web}
"""


def lint(text: str, version: str | None = None) -> list[Finding]:
    context = LintContext("k.yaml", FileKind.KUBERNETES, text, parse(text, "k.yaml"),
                          k8s_version=version)
    return list(DeprecatedApiVersion().check(context))


def test_removed_api_is_an_error_at_api_version() -> None:
    found = lint(CRONJOB)
    assert where(found) == [(1, 13)]
    assert found[0].level is Level.ERROR
    assert found[0].message == ("CronJob 'report': batch/v1beta1 CronJob was removed in"
                                " Kubernetes 1.25; use batch/v1")


def test_chosen_version_decides_error_or_warning() -> None:
    after = lint(CRONJOB, "1.29")
    assert after[0].level is Level.ERROR
    assert "Kubernetes 1.29 does not serve batch/v1beta1 CronJob (removed in 1.25)" in (
        after[0].message)
    before = lint(CRONJOB, "1.24")
    assert before[0].level is Level.WARNING
    assert "is deprecated and removed in Kubernetes 1.25" in before[0].message


def test_same_schema_moves_are_fixed_others_are_not() -> None:
    found = lint(CRONJOB)
    assert fixed(CRONJOB, found).splitlines()[0] == "apiVersion: batch/v1  # keep this comment"
    ingress = lint(INGRESS)
    assert ingress[0].fix is None
    assert ingress[0].message.endswith("removed in Kubernetes 1.22; use networking.k8s.io/v1")


def test_items_of_a_list_are_checked_and_fixed_in_place() -> None:
    text = ("apiVersion: v1\nkind: List\nitems:\n"
            "  - apiVersion: rbac.authorization.k8s.io/v1beta1\n    kind: Role\n"
            "    metadata: {name: r}\n")
    found = lint(text)
    assert where(found) == [(4, 17)]
    assert "apiVersion: rbac.authorization.k8s.io/v1\n" in fixed(text, found)


def test_current_apis_pass() -> None:
    assert lint(CRONJOB.replace("batch/v1beta1", "batch/v1")) == []
    assert lint("apiVersion: example.com/v1beta1\nkind: Widget\nmetadata: {name: w}\n") == []


def test_table_facts() -> None:
    removal = removal_of("policy/v1beta1", "PodSecurityPolicy")
    assert removal is not None
    assert (removal.removed_in, removal.replacement) == ((1, 25), None)
    flow = removal_of("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")
    assert flow is not None and flow.removed_in == (1, 32)
    assert parse_version("1.29") == (1, 29)
    assert parse_version("latest") is None
