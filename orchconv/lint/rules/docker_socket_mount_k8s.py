"""docker-socket-mount-k8s: a container engine's API socket mounted from the node."""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._host_paths import engine_of
from orchconv.lint.rules._k8s import PodRef, PodRule, host_path_volumes


class DockerSocketMountK8s(PodRule):
    """A container engine's API socket mounted into a pod from the node.

    ## What it does
    Reports a `hostPath` volume that a container mounts and whose path is a
    container engine's control socket: `docker.sock` (as in
    `/var/run/docker.sock`), `containerd.sock`, `podman.sock` or `crio.sock`.
    Folders that hold such sockets (`/run`, `/var/run`) are
    `sensitive-host-mount-k8s`'s.  The Compose rule for the same thing is
    `docker-socket-mount`.

    ## Why it matters
    The engine behind the socket runs every container of the node, as root:
    whoever talks to it can start a privileged container with the node's
    root file system mounted, or read every other pod's secrets.  A
    read-only mount does not help; it only protects the socket file.

    ## Example
    ```yaml
          containers:
            - name: ci-runner
              image: example/runner:3.1
              volumeMounts: [{name: docker, mountPath: /var/run/docker.sock}]
          volumes:
            - name: docker
              hostPath: {path: /var/run/docker.sock}
    ```

    ## Fix
    Build images without an engine (BuildKit rootless, kaniko-style
    builders) and read container metadata from the Kubernetes API instead.
    Where the mount is a deliberate trade-off, annotate the object with
    `orchconv.io/ignore: docker-socket-mount-k8s`.
    """

    id = "docker-socket-mount-k8s"
    level = Level.WARNING
    category = "security"

    def check_pod(self, context: LintContext, pod: PodRef) -> Iterator[Finding]:
        for volume in host_path_volumes(pod):
            engine = engine_of(volume.path)
            if engine is None:
                continue
            users = ", ".join(sorted({ref.name for ref, _ in volume.mounts}))
            yield self.finding(
                context,
                f"{pod.owner.label} mounts the {engine} API socket {volume.path!r} into"
                f" {users}: it can control the node's containers and take over the node",
                volume.path_loc)
