"""What the caller can choose about the Kubernetes output.

The emitter never touches the file system or the process environment: data
that lives in files (secrets, configs, bind mounts turned into ConfigMaps)
comes through `files`, and environment-sourced secrets through `environ`.
Without them the objects are still emitted, with empty data and a loss entry
saying what must be filled in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from orchconv.errors import InputError
from orchconv.translate.k8s.emit.names import is_dns_label
from orchconv.translate.k8s.emit.quantities import is_quantity
from orchconv.translate.k8s.versions import DEFAULT_VERSION, unsupported_version

CONTROLLERS = ("default", "deployment", "statefulset", "daemonset")
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "Headless")
# What becomes of a bind mount inside the project (docs/k8s-mapping.md, "Bind mounts"):
# auto picks a ConfigMap for configuration and a claim for data.
BIND_MODES = ("auto", "configmap", "pvc", "hostpath", "drop")


class FileAccess(Protocol):
    """Read access to the project's files, supplied by the caller."""

    def read_file(self, path: str) -> bytes | None:
        """The file's bytes, or None when it is missing or not a regular file."""

    def list_dir(self, path: str) -> Sequence[str] | None:
        """Names of the regular files directly in `path`, or None if it is no directory."""

    def kind(self, path: str) -> str | None:
        """"file", "folder" or "other" (socket, device...); None when nothing is there.

        Only the kind: nothing is read, so no read boundary applies."""

    def subfolders(self, path: str) -> Sequence[str]:
        """Names of the folders directly in `path` (a ConfigMap cannot hold them)."""


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

    def checked(self) -> K8sEmitOptions:
        """The options, or a one-line InputError naming the bad one."""
        version_problem = unsupported_version(self.k8s_version)
        if version_problem:
            raise InputError(version_problem)
        if self.controller not in CONTROLLERS:
            raise InputError(
                f"unknown controller {self.controller!r}: use one of {', '.join(CONTROLLERS)}")
        if service_type_named(self.service_type) is None:
            raise InputError(
                f"unknown service type {self.service_type!r}: "
                f"use one of {', '.join(SERVICE_TYPES)}")
        if self.namespace is not None and not is_dns_label(self.namespace):
            raise InputError(f"namespace {self.namespace!r} is not a DNS label "
                             "(a-z, 0-9 and -, 63 at most)")
        if self.binds is not None and self.binds not in BIND_MODES:
            raise InputError(f"unknown bind mode {self.binds!r}: use one of "
                             f"{', '.join(BIND_MODES)}")
        if self.bind_as_configmap and self.binds not in (None, "configmap"):
            raise InputError(f"--bind-as-configmap is --binds=configmap; it conflicts with "
                             f"--binds={self.binds}")
        if not is_quantity(self.pvc_size):
            raise InputError(f"PVC size {self.pvc_size!r} is not a quantity like 1Gi")
        return self

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


def service_type_named(text: str) -> str | None:
    """The Service type a user wrote, in any case (kompose accepts "nodeport")."""
    wanted = text.strip().lower()
    for known in SERVICE_TYPES:
        if known.lower() == wanted:
            return known
    return None
