"""`orchconv graph`: a project drawn as nodes, edges and clusters (model.py), built from the
IR (from_project.py) or from Kubernetes manifests (from_manifests.py), written as DOT or
Mermaid by our own writers, and as SVG/PNG through Graphviz's `dot` (render.py)."""
