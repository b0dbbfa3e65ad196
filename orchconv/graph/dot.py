"""Write a graph in Graphviz's DOT language.

Every id and label is a quoted string with backslash, quote, `&` and line breaks escaped,
so no name can end the string, start an escape (`\\N`, `\\l`), be read as an HTML
entity (`&amp;`) or inject an attribute.
"""

from __future__ import annotations

from orchconv.graph.model import LOOKS, PORT, Graph, Node


def quote(text: str) -> str:
    """A DOT quoted string showing `text` as written, lines kept."""
    escaped = (text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
               .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))
    return f'"{escaped}"'


def _node(node: Node) -> str:
    look = LOOKS[node.kind]
    style = f'{look.dot}, fillcolor="{look.fill}"'
    return f"  {quote(node.id)} [label={quote(chr(10).join(node.lines))}, {style}];"


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
