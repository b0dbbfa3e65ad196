"""compose's consistency checks: references resolve, no cycles, runnable services."""

from __future__ import annotations

import json

from orchconv.errors import ValidationError
from orchconv.ir.location import Loc
from orchconv.ir.project import Project
from orchconv.ir.service import Service


def _q(text: str) -> str:
    """Quote like Go's %q, which compose's messages use."""
    return json.dumps(text)


def _at(service: Service, key: str) -> Loc:
    return service.locs.get(key, service.loc)


def _check_references(project: Project, service: Service) -> None:
    name = service.name
    for network in service.networks:
        if network not in project.networks:
            raise ValidationError(
                f"service {_q(name)} refers to undefined network {network}",
                _at(service, "networks"),
            )
    for mount in service.volumes:
        if mount.type == "volume" and mount.source and mount.source not in project.volumes:
            raise ValidationError(
                f"service {_q(name)} refers to undefined volume {mount.source}", mount.loc
            )
    for kind, refs, defined in (
        ("secret", service.secrets, project.secrets),
        ("config", service.configs, project.configs),
    ):
        for ref in refs:
            if ref.source not in defined:
                raise ValidationError(
                    f"service {_q(name)} refers to undefined {kind} {ref.source}", ref.loc
                )
    for dependency, spec in service.depends_on.items():
        if dependency not in project.services and spec.required:
            raise ValidationError(
                f"service {_q(name)} depends on undefined service {_q(dependency)}", spec.loc
            )
    mode = service.network_mode or ""
    if mode.startswith("service:") and mode[8:] not in project.services:
        raise ValidationError(
            f"service {_q(mode[8:])} not found for network_mode 'service:{mode[8:]}'",
            _at(service, "network_mode"),
        )
    for source in service.volumes_from:
        target = source.split(":", 1)[0]
        if target == "container":
            continue
        if target not in project.services:
            raise ValidationError(
                f"service {_q(name)} refers to undefined service {_q(target)} in volumes_from",
                _at(service, "volumes_from"),
            )


def _check_runnable(service: Service) -> None:
    if service.image is None and service.build is None:
        provider = "provider" in service.extras
        if not provider:
            raise ValidationError(
                f"service {_q(service.name)} has neither an image nor a build context specified",
                service.loc,
            )
    if service.network_mode and service.networks:
        raise ValidationError(
            f"service {_q(service.name)} declares mutually exclusive `network_mode` and `networks`",
            _at(service, "network_mode"),
        )
    deploy = service.deploy
    if (
        service.scale is not None
        and deploy is not None
        and deploy.replicas is not None
        and deploy.replicas != service.scale
    ):
        raise ValidationError(
            f"services.{service.name}: can't set distinct values on 'scale' and 'deploy.replicas'",
            _at(service, "scale"),
        )


def _check_container_names(project: Project) -> None:
    owners: dict[str, str] = {}
    for service in project.services.values():
        name = service.container_name
        if name is None:
            continue
        if name in owners:
            raise ValidationError(
                f"services.{service.name}: container name {_q(name)} is already in use by"
                f" service {_q(owners[name])}",
                _at(service, "container_name"),
            )
        owners[name] = service.name


def _check_cycles(project: Project) -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        service = project.services[name]
        for dependency in service.depends_on:
            if dependency not in project.services:
                continue
            if state.get(dependency) == 1:
                cycle = " -> ".join([*path[path.index(dependency):], dependency])
                raise ValidationError(
                    f"dependency cycle detected: {cycle}", service.depends_on[dependency].loc
                )
            if state.get(dependency) is None:
                visit(dependency, [*path, dependency])
        state[name] = 2

    for name in project.services:
        if name not in state:
            visit(name, [name])


def check_consistency(project: Project) -> None:
    for service in project.services.values():
        _check_references(project, service)
        _check_runnable(service)
    _check_container_names(project)
    _check_cycles(project)
