"""docker-socket-mount-k8s."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.docker_socket_mount_k8s import DockerSocketMountK8s
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: runner}
spec:
  containers:
    - name: runner
      image: example/runner:3.1
      volumeMounts: [{name: sock, mountPath: /var/run/docker.sock, readOnly: true}]
  volumes:
    - name: sock
      hostPath: {path: PATH}
"""


def lint(path: str, text: str = POD) -> list[tuple[int, int]]:
    return where(run(DockerSocketMountK8s, text.replace("PATH", path), kind=FileKind.KUBERNETES))


def test_engine_sockets_are_reported_at_the_host_path() -> None:
    assert lint("/var/run/docker.sock") == [(11, 24)]
    assert lint("/run/containerd/containerd.sock") == [(11, 24)]
    found = run(DockerSocketMountK8s, POD.replace("PATH", "/var/run/docker.sock"),
                kind=FileKind.KUBERNETES)
    assert found[0].message.startswith("Pod 'runner' mounts the Docker API socket"
                                       " '/var/run/docker.sock' into runner")


def test_other_paths_and_unmounted_volumes_pass() -> None:
    assert lint("/var/log") == []
    unmounted = POD.replace("name: sock, mountPath", "name: other, mountPath")
    assert lint("/var/run/docker.sock", unmounted) == []
