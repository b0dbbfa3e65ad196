"""A compose or stack project (the IR) as a graph: services with their image and replicas,
`depends_on` edges labelled with their condition, networks and volumes as shared nodes,
published ports at the edge, secrets and configs by name (never their content)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from orchconv.graph.model import (
    BIND,
    CONFIG,
    NETWORK,
    PORT,
    SECRET,
    SERVICE,
    VOLUME,
    Graph,
    Node,
)
from orchconv.ir.deploy import DeployMode
from orchconv.ir.project import Project
from orchconv.ir.service import Mount, Port, Service


@dataclass(frozen=True, slots=True)
class Layers:
    """What to draw besides services and their dependencies (docker-compose-viz's flags)."""

    volumes: bool = True
    networks: bool = True
    ports: bool = True


def service_id(name: str) -> str:
    return f"service:{name}"


def _service_lines(service: Service) -> tuple[str, ...]:
    lines = [service.name]
    if service.image:
        lines.append(service.image)
    elif service.build is not None:
        lines.append(f"build: {service.build.context or '.'}")
    replicas = service.deploy.replicas if service.deploy else None
    if replicas is None:
        replicas = service.scale
    mode = service.deploy.mode if service.deploy else None
    if mode is not None and mode != DeployMode.REPLICATED:
        lines.append(mode.value)
    elif replicas is not None and replicas != 1:
        lines.append(f"replicas: {replicas}")
    return tuple(lines)


def _port_node(port: Port) -> Node:
    protocol = port.protocol or "tcp"
    host = f"{port.host_ip}:" if port.host_ip else ""
    text = f"{host}{port.published}/{protocol}"
    return Node(f"port:{text}", PORT, (text,))


def shown_path(path: str, base: str | None) -> str:
    """A host path as the user would write it: `./x` inside the project folder."""
    if base and os.path.isabs(path):
        relative = os.path.relpath(path, base)
        if relative == ".":
            return "."
        if not relative.startswith(".."):
            return f"./{relative}"
    return path


def _mount(graph: Graph, project: Project, service: Service, mount: Mount,
           base: str | None) -> None:
    label = mount.target + (" (ro)" if mount.read_only else "")
    if mount.type == "volume" and mount.source:
        volume = project.volumes.get(mount.source)
        lines = [mount.source] + (["external"] if volume and volume.external else [])
        node = graph.add(Node(f"volume:{mount.source}", VOLUME, tuple(lines)))
    elif mount.type == "bind" and mount.source:
        source = shown_path(mount.source, base)
        node = graph.add(Node(f"bind:{source}", BIND, (source,)))
    else:
        return  # anonymous volumes and tmpfs live and die with the container
    graph.link(service_id(service.name), node, label)


def _service(graph: Graph, project: Project, service: Service, layers: Layers,
             base: str | None) -> None:
    me = graph.add(Node(service_id(service.name), SERVICE, _service_lines(service)))
    for name, dependency in service.depends_on.items():
        if name not in project.services:  # optional, in a disabled profile
            continue
        label = dependency.condition
        if dependency.restart:
            label += ", restart"
        graph.link(me, service_id(name), label, dashed=not dependency.required)
    for link in service.links:
        if (linked := link.partition(":")[0]) in project.services:
            graph.link(me, service_id(linked), "link", dashed=True)
    if service.network_mode and service.network_mode.startswith("service:"):
        graph.link(me, service_id(service.network_mode.removeprefix("service:")),
                   "network_mode", dashed=True)
    if layers.networks:
        for network in service.networks:
            node = graph.add(Node(f"network:{network}", NETWORK, (network,)))
            graph.link(me, node, dashed=True)
    if layers.volumes:
        for mount in service.volumes:
            _mount(graph, project, service, mount, base)
    if layers.ports:
        for port in service.ports:
            if port.published:
                graph.link(graph.add(_port_node(port)), me, str(port.target))
    for kind, refs in ((SECRET, service.secrets), (CONFIG, service.configs)):
        for ref in refs:
            node = graph.add(Node(f"{kind}:{ref.source}", kind, (ref.source, kind)))
            graph.link(me, node, ref.target or "")


def project_graph(project: Project, layers: Layers | None = None,
                  project_dir: Path | None = None) -> Graph:
    """The graph; bind paths inside `project_dir` are shown relative to it."""
    layers = layers or Layers()
    base = os.path.abspath(project_dir) if project_dir else None
    graph = Graph(project.name)
    for name in sorted(project.services):
        _service(graph, project, project.services[name], layers, base)
    return graph
