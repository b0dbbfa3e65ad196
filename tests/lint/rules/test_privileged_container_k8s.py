"""privileged-container-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.privileged_container_k8s import PrivilegedContainerK8s
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: agent}
spec:
  initContainers:
    - name: setup
      image: a:1
      securityContext: {privileged: VALUE}
  containers:
    - name: agent
      image: a:1
"""


def test_privileged_init_container_is_reported_at_the_key() -> None:
    found = run(PrivilegedContainerK8s, POD.replace("VALUE", "true"), kind=FileKind.KUBERNETES)
    assert where(found) == [(8, 25)]
    assert found[0].message.startswith("init container 'setup' of Pod 'agent' runs privileged")


def test_false_passes() -> None:
    assert run(PrivilegedContainerK8s, POD.replace("VALUE", "false"),
               kind=FileKind.KUBERNETES) == []
