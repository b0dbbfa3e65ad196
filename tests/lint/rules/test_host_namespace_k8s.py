"""host-namespace-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.host_namespace_k8s import HostNamespaceK8s
from tests.lint.rules.helpers import run, where

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-agent}
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      hostNetwork: true
      hostPID: true
      hostIPC: VALUE
      containers: [{name: a, image: a:1}]
"""


def test_each_shared_namespace_is_reported_at_its_key() -> None:
    found = run(HostNamespaceK8s, DAEMONSET.replace("VALUE", "true"), kind=FileKind.KUBERNETES)
    assert where(found) == [(9, 7), (10, 7), (11, 7)]
    assert found[1].message == ("DaemonSet 'node-agent': `hostPID: true` shares the node's"
                                " namespace; the pod sees and can signal every process on the"
                                " node")


def test_false_passes() -> None:
    text = DAEMONSET.replace("true", "false").replace("VALUE", "false")
    assert run(HostNamespaceK8s, text, kind=FileKind.KUBERNETES) == []
