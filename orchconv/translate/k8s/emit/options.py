"""What the caller can choose about the Kubernetes output.

The emitter never touches the file system or the process environment: data
that lives in files (secrets, configs, bind mounts turned into ConfigMaps)
comes through `files`, and environment-sourced secrets through `environ`.
Without them the objects are still emitted, with empty data and a loss entry
saying what must be filled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from orchconv.errors import InputError
from orchconv.translate.k8s.emit.quantities import is_quantity

SUPPORTED_VERSIONS = ("1.31", "1.32", "1.33", "1.34", "1.35")
CONTROLLERS = ("default", "deployment", "statefulset", "daemonset")
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "Headless")
_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")


class FileAccess(Protocol):
    """Read access to the project's files, supplied by the caller."""

    def read_file(self, path: str) -> bytes | None:
        """The file's bytes, or None when it is missing or not a regular file."""

    def list_dir(self, path: str) -> Sequence[str] | None:
        """Names of the regular files directly in `path`, or None if it is no directory."""


@dataclass(frozen=True)
class K8sEmitOptions:
    """The choices a caller makes about the manifests written."""

    namespace: str | None = None  # emit a Namespace and put every object in it
    k8s_version: str = "1.35"
    controller: str = "default"  # for long-running services without a label
    service_type: str = "ClusterIP"  # ClusterIP | NodePort | LoadBalancer | Headless
    readiness_probe: bool = False  # also use the healthcheck as readinessProbe
    network_policies: bool = False  # one NetworkPolicy per compose network
    wait_for_dependencies: bool = False  # initContainers that wait for depends_on
    wait_image: str = "busybox:1.36"  # image of those initContainers
    bind_as_configmap: bool = False  # binds inside project_dir become ConfigMaps
    host_path: bool = False  # other binds become hostPath volumes
    pvc_size: str = "1Gi"
    storage_class: str | None = None
    image_prefix: str = ""  # prefix for images of services that are only built
    project_dir: str | None = None  # what "inside the project" means for binds
    plain_env: bool = False  # keep credential-named variables as plain env values
    files: FileAccess | None = None
    environ: Mapping[str, str] | None = field(default=None, repr=False)

    def checked(self) -> K8sEmitOptions:
        """The options, or a one-line InputError naming the bad one."""
        if self.k8s_version not in SUPPORTED_VERSIONS:
            raise InputError(
                f"unsupported Kubernetes version {self.k8s_version!r}: "
                f"use one of {', '.join(SUPPORTED_VERSIONS)}")
        if self.controller not in CONTROLLERS:
            raise InputError(
                f"unknown controller {self.controller!r}: use one of {', '.join(CONTROLLERS)}")
        if service_type_named(self.service_type) is None:
            raise InputError(
                f"unknown service type {self.service_type!r}: "
                f"use one of {', '.join(SERVICE_TYPES)}")
        if self.namespace is not None and not _LABEL.fullmatch(self.namespace):
            raise InputError(f"namespace {self.namespace!r} is not a DNS label "
                             "(a-z, 0-9 and -, 63 at most)")
        if not is_quantity(self.pvc_size):
            raise InputError(f"PVC size {self.pvc_size!r} is not a quantity like 1Gi")
        return self

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
