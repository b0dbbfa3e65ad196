"""Write a graph in Graphviz's DOT language.

Every id and label is a quoted string with backslash, quote, `&` and line breaks escaped,
so no name can end the string, start an escape (`\\N`, `\\l`), be read as an HTML
entity (`&amp;`) or inject an attribute.
"""

from __future__ import annotations

from orchconv.graph.model import (
    BIND,
    CLAIM,
    CONFIG,
    INGRESS,
    K8S_SERVICE,
    NETWORK,
    PORT,
    SECRET,
    SERVICE,
    VOLUME,
    Graph,
    Node,
)

# kind -> node attributes (shape and colours; the fill tells kinds apart at a glance)
STYLES = {
    SERVICE: 'shape=box, style="rounded,filled", fillcolor="#dbe9ff"',
    NETWORK: 'shape=ellipse, style=filled, fillcolor="#eeeeee"',
    VOLUME: 'shape=cylinder, style=filled, fillcolor="#fff2cc"',
    CLAIM: 'shape=cylinder, style=filled, fillcolor="#fff2cc"',
    BIND: 'shape=folder, style=filled, fillcolor="#f4f4f4"',
    PORT: 'shape=cds, style=filled, fillcolor="#d5f5d5"',
    SECRET: 'shape=note, style=filled, fillcolor="#ffd9d9"',
    CONFIG: 'shape=note, style=filled, fillcolor="#e8ddff"',
    K8S_SERVICE: 'shape=ellipse, style=filled, fillcolor="#d5f5d5"',
    INGRESS: 'shape=hexagon, style=filled, fillcolor="#d5f5d5"',
}


def quote(text: str) -> str:
    """A DOT quoted string showing `text` as written, lines kept."""
    escaped = (text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
               .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))
    return f'"{escaped}"'


def _node(node: Node) -> str:
    return f"  {quote(node.id)} [label={quote(chr(10).join(node.lines))}, {STYLES[node.kind]}];"


def write_dot(graph: Graph) -> str:
    lines = [
        f"digraph {quote(graph.name)} {{",
        f"  rankdir={'LR' if graph.horizontal else 'TB'};",
        '  graph [fontname="Helvetica", fontsize=11];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    nodes = graph.sorted_nodes()
    lines += [_node(node) for node in nodes]
    ports = [quote(node.id) for node in nodes if node.kind == PORT]
    if ports:  # published ports on the edge of the picture, where traffic comes in
        lines.append(f"  {{ rank=source; {'; '.join(ports)}; }}")
    for cluster in graph.sorted_clusters():
        members = "; ".join(quote(member) for member in cluster.members)
        lines.append(f"  subgraph {quote('cluster_' + cluster.id)} {{ label={quote(cluster.label)};"
                     f" style=dashed; {members}; }}")
    for edge in graph.sorted_edges():
        attributes = [f"label={quote(edge.label)}"] if edge.label else []
        if edge.dashed:
            attributes.append("style=dashed")
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
