"""One linter for Compose files, Swarm stacks, Kubernetes manifests and cluster topology."""
