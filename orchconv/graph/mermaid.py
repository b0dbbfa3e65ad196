"""Write a graph as a Mermaid flowchart (GitHub and GitLab render it in Markdown).

Mermaid ids are `n0`, `n1`, ... in the graph's sorted order, never a user's name; every
label is a quoted string whose quote, `#`, `<`, `>` and `&` are written as Mermaid entity
codes, so no name can end the label or be read as markup.
"""

from __future__ import annotations

from orchconv.graph.model import LOOKS, Graph

_ENTITIES = {"&": "#amp;", "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def label(lines: tuple[str, ...] | list[str]) -> str:
    """A quoted Mermaid label: one text line per entry."""
    escaped = ["".join(_ENTITIES.get(ch, ch) for ch in " ".join(line.splitlines()))
               for line in lines]
    return '"' + "<br>".join(escaped) + '"'


def write_mermaid(graph: Graph) -> str:
    nodes = graph.sorted_nodes()
    ids = {node.id: f"n{index}" for index, node in enumerate(nodes)}
    lines = [f"flowchart {'LR' if graph.horizontal else 'TB'}"]
    for node in nodes:
        opening, closing = LOOKS[node.kind].mermaid
        lines.append(f"  {ids[node.id]}{opening}{label(node.lines)}{closing}")
    for index, cluster in enumerate(graph.sorted_clusters()):
        lines.append(f"  subgraph c{index}[{label([cluster.label])}]")
        lines += [f"    {ids[member]}" for member in cluster.members if member in ids]
        lines.append("  end")
    for edge in graph.sorted_edges():
        arrow = "-.->" if edge.dashed else "-->"
        text = f"|{label([edge.label])}|" if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{text} {ids[edge.target]}")
    for kind in sorted({node.kind for node in nodes}):  # one class per kind, for colours
        members = ",".join(ids[node.id] for node in nodes if node.kind == kind)
        lines.append(f"  class {members} {kind.replace('-', '_')}")
    lines += [f"  classDef {kind.replace('-', '_')} fill:{LOOKS[kind].fill}"
              for kind in sorted({node.kind for node in nodes})]
    return "\n".join(lines) + "\n"
