"""Leave out of a compose output what `docker compose config` would refuse.

A project read from a stack file or from Kubernetes manifests may hold
combinations its source accepts and Compose refuses: a container name on a
service with several replicas (docker stack deploy ignores container_name).
Each such key is left out with a loss, so the output loads.
"""

from __future__ import annotations

from dataclasses import replace

from orchconv.ir.loss import INFO, Loss
from orchconv.ir.project import Project
from orchconv.ir.service import Service

TARGET = "compose"


def _replicas(service: Service) -> int | None:
    if service.scale is not None:
        return service.scale
    return service.deploy.replicas if service.deploy else None


def _fitted(service: Service, losses: list[Loss]) -> Service:
    replicas = _replicas(service)
    if service.container_name and replicas is not None and replicas > 1:
        losses.append(Loss(
            service.locs.get("container_name", service.loc),
            f"services.{service.name}.container_name", TARGET,
            f"Compose refuses a container name on a service with {replicas} replicas:"
            " each container needs its own name, so Compose names them",
            INFO))  # only a stack writes one, and docker stack deploy ignored it
        return replace(service, container_name=None)
    return service


def fit_for_compose(project: Project) -> tuple[Project, list[Loss]]:
    """The project without what Compose refuses, and a loss for each key left out."""
    losses: list[Loss] = []
    services = {name: _fitted(service, losses) for name, service in project.services.items()}
    return replace(project, services=services), losses
