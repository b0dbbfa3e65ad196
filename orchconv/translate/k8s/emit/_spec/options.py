"""What the caller can choose about the Kubernetes output.

The emitter never touches the file system or the process environment: data
that lives in files (secrets, configs, bind mounts turned into ConfigMaps)
comes through `files`, and environment-sourced secrets through `environ`.
Without them the objects are still emitted, with empty data and a loss entry
saying what must be filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orchconv.translate.k8s.versions import DEFAULT_VERSION

if TYPE_CHECKING:
    from orchconv.translate.k8s.emit.choices import FileAccess


@dataclass(frozen=True)
class K8sEmitOptions:
    """The choices a caller makes about the manifests written."""

    namespace: str | None = None  # emit a Namespace and put every object in it
    k8s_version: str = DEFAULT_VERSION
    controller: str = "default"  # for long-running services without a label
    service_type: str = "ClusterIP"  # ClusterIP | NodePort | LoadBalancer | Headless
    readiness_probe: bool = False  # also use the healthcheck as readinessProbe
    network_policies: bool = False  # one NetworkPolicy per compose network
    wait_for_dependencies: bool = False  # initContainers that wait for depends_on
    wait_image: str = "busybox:1.36"  # image of those initContainers
    binds: str | None = None  # a BIND_MODES entry; None: "auto" unless an alias says
    bind_as_configmap: bool = False  # alias of binds="configmap"
    host_path: bool = False  # binds outside the project (alone: every bind) become hostPath
    pvc_size: str = "1Gi"
    storage_class: str | None = None
    image_prefix: str = ""  # prefix for images of services that are only built
    project_dir: str | None = None  # what "inside the project" means for binds
    plain_env: bool = False  # keep credential-named variables as plain env values
    files: FileAccess | None = None
    environ: Mapping[str, str] | None = field(default=None, repr=False)

    @property
    def bind_mode(self) -> str:
        """What binds inside the project become; the aliases keep their old meaning."""
        if self.binds is not None:
            return self.binds
        if self.bind_as_configmap:
            return "configmap"
        return "hostpath" if self.host_path else "auto"

    @property
    def outside_as_host_path(self) -> bool:
        """Whether binds outside the project become hostPath volumes (else a loss)."""
        return self.host_path or self.binds == "hostpath"

    @property
    def minor_version(self) -> int:
        return int(self.k8s_version.split(".")[1])
