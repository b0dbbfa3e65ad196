"""What the caller can choose about reading Kubernetes manifests."""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.errors import InputError

SUPPORTED_VERSIONS = ("1.31", "1.32", "1.33", "1.34", "1.35")


@dataclass(frozen=True)
class K8sLoadOptions:
    """The choices a caller makes about reading manifests."""

    k8s_version: str = "1.35"  # the release whose schemas the manifests must satisfy
    validate: bool = True  # check every manifest against those schemas (strict)
    project_name: str | None = None  # default: part-of label, namespace or folder name
    recursive: bool = False  # read sub-folders of the folders given, as `kubectl apply -R`

    def checked(self) -> K8sLoadOptions:
        if self.k8s_version not in SUPPORTED_VERSIONS:
            raise InputError(f"unsupported Kubernetes version {self.k8s_version!r}: "
                             f"use one of {', '.join(SUPPORTED_VERSIONS)}")
        return self
