"""The picture of a project, independent of any drawing language; `LOOKS` is the one
place that says how each writer draws each kind, so a new kind is one row there.

Writers rely on `Graph.sorted()`: nodes, edges and clusters in one stable order, so the
same project always gives byte-identical output (goldens, diffs in review).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What a node stands for; writers pick a shape per kind.
SERVICE = "service"
NETWORK = "network"
VOLUME = "volume"
BIND = "bind"
PORT = "port"
SECRET = "secret"
CONFIG = "config"
K8S_SERVICE = "k8s-service"
INGRESS = "ingress"
CLAIM = "claim"


@dataclass(frozen=True, slots=True)
class Look:
    """How one kind is drawn: its fill (the same in every writer, so kinds are told apart
    at a glance), its DOT shape and style, and the brackets of its Mermaid node shape."""

    fill: str
    dot: str
    mermaid: tuple[str, str]


LOOKS = {
    SERVICE: Look("#dbe9ff", 'shape=box, style="rounded,filled"', ("[", "]")),
    NETWORK: Look("#eeeeee", "shape=ellipse, style=filled", ("((", "))")),
    VOLUME: Look("#fff2cc", "shape=cylinder, style=filled", ("[(", ")]")),
    CLAIM: Look("#fff2cc", "shape=cylinder, style=filled", ("[(", ")]")),
    BIND: Look("#f4f4f4", "shape=folder, style=filled", ("[/", "/]")),
    PORT: Look("#d5f5d5", "shape=cds, style=filled", ("([", "])")),
    SECRET: Look("#ffd9d9", "shape=note, style=filled", ("[\\", "\\]")),
    CONFIG: Look("#e8ddff", "shape=note, style=filled", ("[\\", "\\]")),
    K8S_SERVICE: Look("#d5f5d5", "shape=ellipse, style=filled", ("([", "])")),
    INGRESS: Look("#d5f5d5", "shape=hexagon, style=filled", ("{{", "}}")),
}


@dataclass(frozen=True, slots=True)
class Node:
    """One thing in the picture: `id` is unique and stable, `lines` are shown."""

    id: str
    kind: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation between two nodes; `dashed` for a weaker one (optional, link, selector)."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """Nodes drawn inside one box (a Kubernetes namespace)."""

    id: str
    label: str
    members: tuple[str, ...]


@dataclass
class Graph:
    """Nodes, edges and clusters; `horizontal` lays it out left to right."""

    name: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: set[Edge] = field(default_factory=set)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    horizontal: bool = False

    def add(self, node: Node) -> str:
        """Add a node once (the first definition wins); its id."""
        self.nodes.setdefault(node.id, node)
        return node.id

    def link(self, source: str, target: str, label: str = "", *, dashed: bool = False) -> None:
        self.edges.add(Edge(source, target, label, dashed))

    def sorted_nodes(self) -> list[Node]:
        return sorted(self.nodes.values(), key=lambda n: n.id)

    def sorted_edges(self) -> list[Edge]:
        return sorted(self.edges, key=lambda e: (e.source, e.target, e.label, e.dashed))

    def sorted_clusters(self) -> list[Cluster]:
        return [Cluster(c.id, c.label, tuple(sorted(c.members)))
                for c in sorted(self.clusters.values(), key=lambda c: c.id)]
