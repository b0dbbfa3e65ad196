"""run-as-non-root."""

from __future__ import annotations

import pytest

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.run_as_non_root import RunAsNonRoot
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  securityContext: POD
  containers:
    - name: api
      image: example/api:1.4
      securityContext: CONTAINER
"""


def lint(pod: str = "{}", container: str = "{}") -> list[Finding]:
    text = POD.replace("POD", pod).replace("CONTAINER", container)
    return run(RunAsNonRoot, text, kind=FileKind.KUBERNETES)


def test_unset_is_reported_at_the_container() -> None:
    found = lint()
    assert where(found) == [(7, 13)]
    assert found[0].message == ("container 'api' of Pod 'api' may run as root: set runAsNonRoot:"
                                " true (and a runAsUser above 0)")


@pytest.mark.parametrize(("pod", "container"), [
    ("{runAsNonRoot: true}", "{}"),
    ("{runAsUser: 1000}", "{}"),
    ("{}", "{runAsNonRoot: true, runAsUser: 10001}"),
    ("{runAsUser: 0}", "{runAsUser: 1000}"),  # the container's context wins
])
def test_non_root_settings_pass(pod: str, container: str) -> None:
    assert lint(pod, container) == []


def test_root_user_is_reported_at_run_as_user() -> None:
    found = lint("{runAsUser: 0}")
    assert where(found) == [(5, 21)]
    assert found[0].message.endswith("runs as root (runAsUser: 0)")


def test_container_overriding_non_root_to_false_is_reported() -> None:
    assert len(lint("{runAsNonRoot: true}", "{runAsNonRoot: false}")) == 1


def test_non_root_with_uid_zero_cannot_start() -> None:
    found = lint("{runAsNonRoot: true}", "{runAsUser: 0}")
    assert "the kubelet refuses to start it" in found[0].message


def test_windows_pods_are_skipped() -> None:
    text = POD.replace("POD", "{}").replace("CONTAINER", "{}").replace(
        "spec:\n", "spec:\n  os: {name: windows}\n")
    assert run(RunAsNonRoot, text, kind=FileKind.KUBERNETES) == []
