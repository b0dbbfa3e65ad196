"""Kubernetes manifests: `emit/` (IR -> manifests) and `load/` (manifests -> IR).

Import the subpackages directly; this file stays empty so that loading one
direction does not import the other.
"""
