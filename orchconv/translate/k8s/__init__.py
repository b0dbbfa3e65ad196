"""Kubernetes: the emitter (IR -> manifests), and later the manifest loader."""

from orchconv.translate.k8s.emit.files import LocalFiles
from orchconv.translate.k8s.emit.options import FileAccess, K8sEmitOptions
from orchconv.translate.k8s.emit.project import emit_kubernetes

__all__ = ["FileAccess", "K8sEmitOptions", "LocalFiles", "emit_kubernetes"]
