"""writable-root-filesystem-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.writable_root_filesystem_k8s import WritableRootFilesystemK8s
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: example/api:2.1
      securityContext: {readOnlyRootFilesystem: VALUE}
    - name: side
      image: example/side:1.0
"""


def test_writable_containers_are_reported() -> None:
    found = run(WritableRootFilesystemK8s, POD.replace("VALUE", "false"),
                kind=FileKind.KUBERNETES)
    assert where(found) == [(8, 25), (9, 13)]
    assert found[1].message.startswith("container 'side' of Pod 'api' has a writable root file"
                                       " system")


def test_read_only_passes_and_rule_is_opt_in() -> None:
    found = run(WritableRootFilesystemK8s, POD.replace("VALUE", "true"), kind=FileKind.KUBERNETES)
    assert where(found) == [(9, 13)]
    assert WritableRootFilesystemK8s.enabled_by_default is False
