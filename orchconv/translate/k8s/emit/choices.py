"""The values the Kubernetes emit options may take, and the check of a set of options."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from orchconv.errors import InputError
from orchconv.translate.k8s.emit.names import is_dns_label
from orchconv.translate.k8s.emit.quantities import is_quantity
from orchconv.translate.k8s.versions import unsupported_version

if TYPE_CHECKING:
    from orchconv.translate.k8s.emit.options import K8sEmitOptions

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


def checked(options: K8sEmitOptions) -> K8sEmitOptions:
    """The options, or a one-line InputError naming the bad one."""
    version_problem = unsupported_version(options.k8s_version)
    if version_problem:
        raise InputError(version_problem)
    if options.controller not in CONTROLLERS:
        raise InputError(
            f"unknown controller {options.controller!r}: use one of {', '.join(CONTROLLERS)}")
    if service_type_named(options.service_type) is None:
        raise InputError(
            f"unknown service type {options.service_type!r}: "
            f"use one of {', '.join(SERVICE_TYPES)}")
    if options.namespace is not None and not is_dns_label(options.namespace):
        raise InputError(f"namespace {options.namespace!r} is not a DNS label "
                         "(a-z, 0-9 and -, 63 at most)")
    if options.binds is not None and options.binds not in BIND_MODES:
        raise InputError(f"unknown bind mode {options.binds!r}: use one of "
                         f"{', '.join(BIND_MODES)}")
    if options.bind_as_configmap and options.binds not in (None, "configmap"):
        raise InputError(f"--bind-as-configmap is --binds=configmap; it conflicts with "
                         f"--binds={options.binds}")
    if not is_quantity(options.pvc_size):
        raise InputError(f"PVC size {options.pvc_size!r} is not a quantity like 1Gi")
    return options


def service_type_named(text: str) -> str | None:
    """The Service type a user wrote, in any case (kompose accepts "nodeport")."""
    wanted = text.strip().lower()
    for known in SERVICE_TYPES:
        if known.lower() == wanted:
            return known
    return None
