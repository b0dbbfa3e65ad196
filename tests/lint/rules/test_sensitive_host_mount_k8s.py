"""sensitive-host-mount-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules.sensitive_host_mount_k8s import SensitiveHostMountK8s
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: backup}
spec:
  containers:
    - name: backup
      image: example/backup:1.0
      volumeMounts: [{name: host, mountPath: /host, readOnly: RO}]
  volumes:
    - name: host
      hostPath: {path: PATH, type: Directory}
"""


def lint(path: str, read_only: str = "false", **options: object) -> list[Finding]:
    text = POD.replace("PATH", path).replace("RO", read_only)
    return run(SensitiveHostMountK8s, text, kind=FileKind.KUBERNETES, options=options)


def test_sensitive_folder_is_reported_at_the_path() -> None:
    found = lint("/etc")
    assert where(found) == [(11, 24)]
    assert found[0].message == "Pod 'backup' mounts the sensitive node path '/etc' read-write"


def test_inside_a_sensitive_folder_and_read_only() -> None:
    found = lint("/var/lib/kubelet/pods/", "true")
    assert found[0].message.endswith("(inside /var/lib/kubelet) read-only")


def test_harmless_and_ordinary_paths_pass() -> None:
    assert lint("/etc/localtime", "true") == []
    assert lint("/data/backups") == []
    assert lint("/var/run/docker.sock") == []  # docker-socket-mount-k8s's


def test_paths_option() -> None:
    assert lint("/data", paths=["/data"]) != []
    assert lint("/etc", paths=["/data"]) == []
