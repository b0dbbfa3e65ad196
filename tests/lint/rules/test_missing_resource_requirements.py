"""missing-resource-requirements."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.missing_resource_requirements import MissingResourceRequirements
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: worker}
spec:
  initContainers: [{name: init, image: busybox:1.36}]
  containers:
    - name: worker
      image: example/worker:1.8
      RESOURCES
"""


def lint(resources: str, **options: object) -> list[Finding]:
    return run(MissingResourceRequirements, POD.replace("RESOURCES", resources),
               kind=FileKind.KUBERNETES, options=options)


def test_missing_settings_are_named_at_resources() -> None:
    found = lint("resources: {limits: {memory: 256Mi}}")
    assert where(found) == [(9, 7)]
    assert found[0].message == ("container 'worker' of Pod 'worker' sets no resources"
                                " requests.cpu, requests.memory")


def test_complete_resources_pass_and_init_containers_are_not_judged() -> None:
    assert lint("resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 256Mi}}") == []


def test_required_option() -> None:
    found = lint("imagePullPolicy: Always", required=["limits.cpu"])
    assert [f.message.rsplit(" ", 1)[-1] for f in found] == ["limits.cpu"]
    assert where(found) == [(7, 13)]
    assert MissingResourceRequirements.enabled_by_default is False
