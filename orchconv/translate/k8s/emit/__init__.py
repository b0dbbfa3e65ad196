"""IR -> Kubernetes manifests, one module per object family or pod concern.

Entry point: `emit_kubernetes` in `project.py`.  docs/k8s-mapping.md maps
every compose key to what this package makes of it.
"""
