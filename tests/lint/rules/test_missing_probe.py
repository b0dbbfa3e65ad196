"""missing-probe."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.missing_probe import MissingProbe
from tests.lint.rules.helpers import run, where

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          readinessProbe: {httpGet: {path: /, port: 80}}
"""
JOB = """\
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: example/migrate:1.0}]
"""


def test_each_missing_probe_is_reported_at_the_container() -> None:
    found = run(MissingProbe, DEPLOYMENT, kind=FileKind.KUBERNETES)
    assert where(found) == [(10, 17)]
    assert found[0].message == "container 'web' of Deployment 'web' has no liveness probe"
    found = run(MissingProbe, DEPLOYMENT, kind=FileKind.KUBERNETES,
                options={"probes": ["startup"]})
    assert found[0].message.endswith("has no startup probe")


def test_jobs_are_skipped_and_the_rule_is_opt_in() -> None:
    assert run(MissingProbe, JOB, kind=FileKind.KUBERNETES) == []
    assert MissingProbe.enabled_by_default is False
