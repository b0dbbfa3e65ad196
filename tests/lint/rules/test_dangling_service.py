"""dangling-service."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.dangling_service import DanglingService
from tests.lint.rules.helpers import run, where

SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
"""
DEPLOYMENT = """\
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: LABEL}}
  template:
    metadata: {labels: {app: LABEL}}
    spec:
      containers: [{name: api, image: example/api:1.4}]
"""


def lint(text: str) -> list[Finding]:
    return run(DanglingService, text, kind=FileKind.KUBERNETES)


def test_service_selecting_no_pod_is_reported_at_its_selector() -> None:
    found = lint(SERVICE + DEPLOYMENT.replace("LABEL", "apl"))
    assert where(found) == [(5, 3)]
    assert found[0].message == ("Service 'api' selects no pod of this file (app=api): it has no"
                                " endpoints")


def test_service_selecting_a_workload_passes() -> None:
    assert lint(SERVICE + DEPLOYMENT.replace("LABEL", "api")) == []


def test_bare_pods_and_cronjobs_count() -> None:
    pod = ("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: api}\n"
           "spec: {containers: [{name: c, image: a:1}]}\n")
    assert lint(SERVICE + pod) == []
    cron = ("---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n"
            "  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n"
            "        metadata: {labels: {app: api}}\n"
            "        spec: {containers: [{name: c, image: a:1}], restartPolicy: Never}\n")
    assert lint(SERVICE + cron) == []


def test_other_namespace_does_not_count() -> None:
    text = SERVICE.replace("{name: api}", "{name: api, namespace: a}") + DEPLOYMENT.replace(
        "LABEL", "api").replace("{name: api}", "{name: api, namespace: b}")
    assert len(lint(text)) == 1


def test_file_without_workloads_is_not_judged() -> None:
    assert lint(SERVICE) == []


def test_external_name_and_selectorless_services_pass() -> None:
    external = SERVICE.replace("  selector:", "  type: ExternalName\n  externalName: x.org\n"
                               "  selector:")
    assert lint(external + DEPLOYMENT.replace("LABEL", "other")) == []
