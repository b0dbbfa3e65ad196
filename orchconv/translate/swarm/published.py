"""docker/cli's reading of short port syntax, applied to a loaded project.

Where the Compose loader keeps "8000-8002:80" as one port whose host port is
picked from a range, docker/cli publishes target 80 on each port of the range;
and it ignores a host IP ("127.0.0.1:80:80"), warning that the service listens
on every address.
"""

from __future__ import annotations

import dataclasses

from orchconv.ir.project import Project
from orchconv.ir.service import Port, Service


def _ports_as_docker_reads(port: Port, service: str, warnings: list[str]) -> list[Port]:
    if port.host_ip:
        warnings.append(
            f"{port.loc}: services.{service}.ports: swarm ignores the host address"
            f" {port.host_ip}; the port is published on every address")
        port = dataclasses.replace(port, host_ip=None)
    first, dash, last = (port.published or "").partition("-")
    if not dash or not (first.isdigit() and last.isdigit()):
        return [port]
    return [dataclasses.replace(port, published=str(number))
            for number in range(int(first), int(last) + 1)]


def _service_ports(service: Service, warnings: list[str]) -> Service:
    ports: list[Port] = []
    for port in service.ports:
        for expanded in _ports_as_docker_reads(port, service.name, warnings):
            if expanded not in ports:
                ports.append(expanded)
    if tuple(ports) == service.ports:
        return service
    return dataclasses.replace(service, ports=tuple(ports))


def with_docker_ports(project: Project, warnings: list[str]) -> Project:
    """The project with its ports as `docker stack deploy` publishes them."""
    services = {name: _service_ports(s, warnings) for name, s in project.services.items()}
    if all(services[n] is project.services[n] for n in services):
        return project
    return dataclasses.replace(project, services=services)
