"""What the caller can choose about reading Kubernetes manifests."""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.errors import InputError
from orchconv.translate.k8s.versions import DEFAULT_VERSION, unsupported_version


@dataclass(frozen=True)
class K8sLoadOptions:
    """The choices a caller makes about reading manifests."""

    k8s_version: str = DEFAULT_VERSION  # the release whose schemas the manifests must satisfy
    validate: bool = True  # check every manifest against those schemas (strict)
    project_name: str | None = None  # default: part-of label, namespace or folder name
    recursive: bool = False  # read sub-folders of the folders given, as `kubectl apply -R`

    def checked(self) -> K8sLoadOptions:
        version_problem = unsupported_version(self.k8s_version)
        if version_problem:
            raise InputError(version_problem)
        return self
