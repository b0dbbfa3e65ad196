"""sensitive-host-mount-k8s: a node system folder mounted into a pod with hostPath."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._host_paths import SENSITIVE_PATHS, sensitive_mount, sensitive_roots
from orchconv.lint.rules._k8s import PodRef, PodRule, host_path_volumes

# hostPath paths are absolute on the node: `~/...` folders have no meaning here.
NODE_PATHS = [path for path in SENSITIVE_PATHS if path.startswith("/")]


class SensitiveHostMountK8s(PodRule):
    """A node system folder mounted into a pod with a hostPath volume.

    ## What it does
    Reports a `hostPath` volume that a container mounts when its path is, or
    is inside, a sensitive node folder (option `paths`): the node's root `/`,
    `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/root`, `/home`, `/usr`,
    `/lib/modules`, `/run`, `/var/run`, and the engines' and kubelet's state
    (`/var/lib/docker`, `/var/lib/containerd`, `/var/lib/kubelet`).  The
    message says whether every mount of it is read-only.  Read-only
    `/etc/localtime` and `/etc/timezone` pass; engine sockets are
    `docker-socket-mount-k8s`'s.  The Compose rule for the same thing is
    `sensitive-host-mount`.

    ## Why it matters
    These folders hold the node's configuration and password hashes, kernel
    interfaces, the kubelet's credentials and every pod's volumes and
    secrets (`/var/lib/kubelet/pods`).  Reading them leaks the cluster's
    keys; writing them takes over the node.

    ## Example
    ```yaml
          containers:
            - name: backup
              image: example/backup:1.0
              volumeMounts: [{name: etc, mountPath: /host/etc}]
          volumes:
            - name: etc
              hostPath: {path: /etc}
    ```

    ## Fix
    Mount the one file the pod needs, read-only, or hand the data over as a
    ConfigMap or Secret.  Node agents that need these paths belong in a
    namespace whose Pod Security level allows hostPath volumes.
    """

    id = "sensitive-host-mount-k8s"
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {"paths": NODE_PATHS}

    def check_pod(self, context: LintContext, pod: PodRef) -> Iterator[Finding]:
        for volume in host_path_volumes(pod):
            roots = sensitive_roots(context, NODE_PATHS)
            how = sensitive_mount(volume.path, volume.read_only, roots)
            if how is not None:
                yield self.finding(
                    context,
                    f"{pod.owner.label} mounts the sensitive node path {volume.path!r}{how}",
                    volume.path_loc)
