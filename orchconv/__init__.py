"""orchconv: convert and lint Docker Compose, Swarm stack and Kubernetes files."""

__version__ = "0.1.0"
