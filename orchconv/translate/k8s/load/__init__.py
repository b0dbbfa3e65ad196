"""Kubernetes manifests -> IR: the inverse of the emitter in `..emit`.

Entry point: `load_kubernetes` in `project.py`; one module per object family
(workloads, pod, container, services, storage, config) or pod concern.
`validate.py` checks objects against the official schemas of each release.
"""

from orchconv.translate.k8s.load.options import K8sLoadOptions
from orchconv.translate.k8s.load.project import K8sLoadResult, load_kubernetes

__all__ = ["K8sLoadOptions", "K8sLoadResult", "load_kubernetes"]
