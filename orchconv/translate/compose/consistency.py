"""compose's consistency checks: references resolve, no cycles, runnable services.

The checks and their order per service are compose-go's (`loader/validate.go`,
then `graph.CheckCycle` and docker compose's container-name check), so the
first problem reported is the one `docker compose config` reports when a
service has several.  Services are visited in name order (Go's map order is
random, so compose has none).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from orchconv.errors import ValidationError
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.location import Loc

_HEALTHCHECK_STARTS = ("CMD", "CMD-SHELL", "NONE")
_WATCH_ACTIONS_WITHOUT_TARGET = ("rebuild", "restart")


def _q(text: str) -> str:
    """Quote like Go's %q, which compose's messages use."""
    return json.dumps(text)


def _at(service: Service, key: str) -> Loc:
    return service.locs.get(key, service.loc)


def _extra(service: Service, key: str) -> Any:
    extra = service.extras.get(key)
    return None if extra is None else extra.value


def _check_build(project: Project, service: Service) -> None:
    build = service.build
    if build is None:
        return
    name = service.name
    if build.dockerfile_inline and build.dockerfile:
        raise ValidationError(
            f"service {_q(name)} declares mutually exclusive dockerfile and dockerfile_inline",
            build.loc)
    contexts = build.extras.get("additional_contexts")
    if contexts is not None and isinstance(contexts.value, Mapping):
        for key, context in contexts.value.items():
            target = str(context).removeprefix("service:")
            if target == str(context):
                continue
            other = project.services.get(target)
            if other is None:
                raise ValidationError(f"service {_q(name)} declares unknown service {_q(target)}"
                                      f" as additional contexts {key}", contexts.loc)
            if other.build is None:
                raise ValidationError(f"service {_q(name)} declares non-buildable service"
                                      f" {_q(target)} as additional contexts {key}", contexts.loc)
    platforms = build.extras.get("platforms")
    if (platforms is not None and isinstance(platforms.value, list) and platforms.value
            and service.platform and service.platform not in platforms.value):
        raise ValidationError(
            f"service.build.platforms MUST include service.platform {_q(service.platform)}",
            platforms.loc)


def _check_networks(project: Project, service: Service) -> None:
    if service.network_mode and service.networks:
        raise ValidationError(
            f"service {_q(service.name)} declares mutually exclusive `network_mode` and"
            " `networks`", _at(service, "network_mode"))
    for network in service.networks:
        if network not in project.networks:
            raise ValidationError(
                f"service {_q(service.name)} refers to undefined network {network}",
                _at(service, "networks"))


def _check_healthcheck(service: Service) -> None:
    check = service.healthcheck
    if check is not None and check.test and check.test[0] not in _HEALTHCHECK_STARTS:
        raise ValidationError('healthcheck.test must start either by "CMD", "CMD-SHELL" or'
                              ' "NONE"', check.loc)


def _check_dependencies(project: Project, service: Service, disabled: frozenset[str]) -> None:
    """A dependency must exist; only one on a service a profile turned off may be optional."""
    for dependency, spec in service.depends_on.items():
        if dependency in project.services or (dependency in disabled and not spec.required):
            continue
        raise ValidationError(
            f"service {_q(service.name)} depends on undefined service {_q(dependency)}",
            spec.loc)
    mode = service.network_mode or ""
    if mode.startswith("service:") and mode[8:] not in project.services:
        raise ValidationError(
            f"service {_q(mode[8:])} not found for network_mode 'service:{mode[8:]}'",
            _at(service, "network_mode"))


def _check_resources(project: Project, service: Service) -> None:
    name = service.name
    for mount in service.volumes:
        if mount.type == "volume" and mount.source and mount.source not in project.volumes:
            raise ValidationError(
                f"service {_q(name)} refers to undefined volume {mount.source}", mount.loc)
    build_secrets = service.build.extras.get("secrets") if service.build else None
    if build_secrets is not None and isinstance(build_secrets.value, list):
        for secret in build_secrets.value:
            source = secret.get("source") if isinstance(secret, Mapping) else None
            if source not in project.secrets:
                raise ValidationError(
                    f"service {_q(name)} refers to undefined build secret {source}",
                    build_secrets.loc)
    for kind, refs, defined in (
        ("config", service.configs, project.configs),
        ("secret", service.secrets, project.secrets),
    ):
        for ref in refs:
            if ref.source not in defined:
                raise ValidationError(
                    f"service {_q(name)} refers to undefined {kind} {ref.source}", ref.loc)


def _distinct(service: Service, key: str, ours: object, theirs: object, where: str) -> None:
    if ours is not None and theirs is not None and ours != theirs:
        raise ValidationError(
            f"services.{service.name}: can't set distinct values on '{key}' and '{where}'",
            _at(service, key))


def _check_scaling(service: Service) -> None:
    deploy = service.deploy
    resources = deploy.resources if deploy else None
    limits = resources.limits if resources else None
    reservations = resources.reservations if resources else None
    _distinct(service, "scale", service.scale, deploy.replicas if deploy else None,
              "deploy.replicas")
    _distinct(service, "cpus", service.cpus, limits.cpus if limits else None,
              "deploy.resources.limits.cpus")
    _distinct(service, "mem_limit", service.mem_limit, limits.memory if limits else None,
              "deploy.resources.limits.memory")
    _distinct(service, "mem_reservation", service.mem_reservation,
              reservations.memory if reservations else None,
              "deploy.resources.reservations.memory")
    _distinct(service, "pids_limit", service.pids_limit, limits.pids if limits else None,
              "deploy.resources.limits.pids")
    replicas = deploy.replicas if deploy else None
    scale = service.scale if service.scale is not None else replicas
    if scale is not None and scale > 1 and service.container_name:
        attribute = "scale" if service.scale is not None else "deploy.replicas"
        raise ValidationError(
            f"services.{service.name}: can't set container_name and {attribute} as container"
            " name must be unique", _at(service, "container_name"))


def _check_watch(service: Service) -> None:
    develop = _extra(service, "develop")
    watch = develop.get("watch") if isinstance(develop, Mapping) else None
    for trigger in watch if isinstance(watch, list) else []:
        if (isinstance(trigger, Mapping) and not trigger.get("target")
                and trigger.get("action") not in _WATCH_ACTIONS_WITHOUT_TARGET):
            raise ValidationError(
                f"services.{service.name}.develop.watch: target is required for non-rebuild"
                " actions", _at(service, "develop"))


def _check_service(project: Project, service: Service, disabled: frozenset[str],
                   compose: bool) -> None:
    if service.image is None and service.build is None and "provider" not in service.extras:
        raise ValidationError(
            f"service {_q(service.name)} has neither an image nor a build context specified",
            service.loc)
    if compose:
        _check_build(project, service)
    _check_networks(project, service)
    if compose:
        _check_healthcheck(service)
    _check_dependencies(project, service, disabled)
    _check_resources(project, service)
    if compose:
        _check_scaling(service)
        _check_watch(service)
    elif service.scale is not None and service.deploy is not None:
        _distinct(service, "scale", service.scale, service.deploy.replicas, "deploy.replicas")


def _check_secret_sources(project: Project) -> None:
    for name in sorted(project.secrets):
        secret = project.secrets[name]
        if not secret.external and secret.file is None and secret.environment is None:
            raise ValidationError(
                f"secret {_q(name)} must declare either `file` or `environment`", secret.loc)


def _check_cycles(project: Project) -> None:
    """Depth-first in name order, as compose-go searches, so the same cycle is named."""

    acyclic: set[str] = set()  # no cycle is reachable from these: no need to search again

    def search(path: list[str]) -> None:
        service = project.services[path[-1]]
        for dependency in sorted(service.depends_on):
            if dependency in path:
                cycle = " -> ".join([*path[path.index(dependency):], dependency])
                raise ValidationError(f"dependency cycle detected: {cycle}",
                                      service.depends_on[dependency].loc)
            if dependency in project.services and dependency not in acyclic:
                search([*path, dependency])
        acyclic.add(path[-1])

    for name in sorted(project.services):
        search([name])


def _check_container_names(services: Iterable[Service]) -> None:
    owners: dict[str, str] = {}
    for service in services:
        name = service.container_name
        if name is None:
            continue
        if name in owners:
            raise ValidationError(
                f"services.{service.name}: container name {_q(name)} is already in use by"
                f" service {_q(owners[name])}",
                _at(service, "container_name"))
        owners[name] = service.name


def check_consistency(project: Project, disabled: Iterable[str] = (), *,
                      compose_rules: bool = True) -> None:
    """Raise the first inconsistency compose would report.

    `disabled` names the services profiles turned off: a dependency on one of
    them is allowed when it is not required.  Without `compose_rules` (a stack)
    only the reference, runnability and cycle checks run: the rest are compose-go's own.
    """
    off = frozenset(disabled)
    services = [project.services[name] for name in sorted(project.services)]
    for service in services:
        _check_service(project, service, off, compose_rules)
    if compose_rules:
        _check_secret_sources(project)
    _check_cycles(project)
    _check_container_names(services)
