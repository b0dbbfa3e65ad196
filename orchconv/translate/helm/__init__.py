"""Helm charts: the Kubernetes emitter's objects as templates, with the settings people
change per environment lifted into values.yaml (see docs/helm.md)."""
