"""Build the graph of any input: compose and stack files through the IR, Kubernetes
manifests from their objects (after the k8s loader has checked them and learnt their
Secrets' values, which the run then masks)."""

from __future__ import annotations

from pathlib import Path

from orchconv.graph.from_project import Layers, project_graph
from orchconv.graph.model import Graph
from orchconv.translate.compose.options import LoadOptions


def build_graph(source: str, options: LoadOptions, k8s_inputs: tuple[Path, ...],
                layers: Layers, *, recursive: bool = False, horizontal: bool = False
                ) -> tuple[Graph, list[str]]:
    """The graph and the loader's warnings."""
    from orchconv.translate.convert import load

    loaded = load(source, options, k8s_inputs, recursive=recursive)
    if source == "k8s":
        from orchconv.graph.from_manifests import manifests_graph
        from orchconv.translate.k8s.load.documents import latest_definitions, read_manifests

        manifests, _ = read_manifests(k8s_inputs, recursive)
        kept, _ = latest_definitions(manifests)
        graph = manifests_graph(loaded.project.name, kept, volumes=layers.volumes,
                                ports=layers.ports)
    else:
        graph = project_graph(loaded.project, layers, loaded.project_dir)
    graph.horizontal = horizontal
    return graph, loaded.warnings
