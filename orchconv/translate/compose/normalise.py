"""Normalise a merged, interpolated compose document into canonical long form.

This is the stage between validation and the IR.  It does what compose-go
v2.6.0 does after merging (transform.Canonical, SetDefaultValues,
ResolveRelativePaths, loader.Normalize) plus the value conversions its Go
types apply when `docker compose config` prints a project: short syntax
becomes long syntax, defaults are written out, relative paths become
absolute, durations and sizes take the form compose prints, the implicit
`default` network and resource names are added.

Every value keeps its source position: the result is YMap/YSeq built from the
input's locations, and generated values point at the entry they came from.
The input is not modified, unless the caller asks for `in_place`.

Left to other stages: reading env_file contents into `environment`, profiles,
dropping unused top-level resources, consistency checks, key order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.normalise_paths import Paths
from orchconv.translate.compose.normalise_service import (
    convert_keys,
    list_items,
    normalise_service,
    sub_mapping,
)
from orchconv.translate.compose.syntax.located import (
    copy_tree,
    entries,
    items,
    new_map,
    put,
    set_value,
)
from orchconv.translate.compose.syntax.mappings import string_mapping
from orchconv.translate.compose.syntax.scalars import to_bool
from orchconv.translate.compose.zeros import drop_unset_zeros

_NAMESPACE_KEYS = ("network_mode", "ipc", "pid", "uts", "cgroup")
_TOP_LEVEL_RESOURCES = ("networks", "volumes", "secrets", "configs")


def normalise_project(
    project: YMap | dict[str, Any],
    *,
    project_dir: Path,
    project_name: str,
    defaults: bool = True,
    environment: Mapping[str, str] | None = None,
    in_place: bool = False,
    resolve_paths: bool = True,
) -> YMap:
    """The canonical long form of a merged compose document.

    Relative paths are relative to `project_dir`.  With `defaults=False` only the
    per-file part runs (short syntax, defaults of single values, paths), as
    compose-go does to an included file before merging it; the project-wide
    part (implicit default network, resource names, dependencies implied by
    links/network_mode/volumes_from, pull_policy alias, project name) is
    skipped.  With `environment`, bare build args are filled from it and
    unresolvable ones dropped, as compose-go's Normalize does; without it they
    stay null.  Bare `environment` entries are filled later, once, by
    service_env.py.  With `in_place`, a located `project` that the caller owns
    alone (the loader's private copy) is normalised where it is, saving a copy
    of the whole tree.  With `resolve_paths=False` relative paths
    stay as written (`config --no-path-resolution`).
    """
    document = project if in_place and isinstance(project, YMap) else copy_tree(project)
    if not isinstance(document, YMap):
        raise InputError("top-level object must be a mapping")
    base = os.path.abspath(project_dir)
    services = document.get("services")
    if services is not None:
        if not isinstance(services, YMap):
            raise InputError("services must be a mapping", loc_of(document, "services"))
        for name in list(services):
            services[name] = normalise_service(
                name, services[name], loc_of(services, name), Paths(base, resolve_paths))
    for section in _TOP_LEVEL_RESOURCES:
        if section in document:
            document[section] = _normalise_resources(
                section, document[section], loc_of(document, section), Paths(base, resolve_paths))
    if defaults:
        if isinstance(services, YMap):
            for service in services.values():
                _apply_service_defaults(service, environment)
        _add_default_network(document)
        _name_resources(document, project_name)
        set_value(document, "name", project_name)
    return document


# ---------------------------------------------------------------------------
# Project-wide defaults (compose-go's Normalize)


def _apply_service_defaults(service: YMap, environment: Mapping[str, str] | None) -> None:
    if service.get("pull_policy") == "if_not_present":
        service["pull_policy"] = "missing"
    if environment is not None:
        _resolve_build_args(service, environment)
    _add_implied_dependencies(service)
    drop_unset_zeros(service)


def _resolve_build_args(service: YMap, environment: Mapping[str, str]) -> None:
    """Bare build args take their value from the environment, or are dropped, as
    compose drops them."""
    build = service.get("build")
    args = build.get("args") if isinstance(build, YMap) else None
    if isinstance(args, YMap):
        for key in [k for k, v in args.items() if v is None]:
            if key in environment:
                args[key] = environment[key]
            else:
                del args[key]


def _dependency(loc: Loc, *, restart: bool) -> YMap:
    entry = new_map(loc)
    put(entry, "condition", "service_started")
    put(entry, "restart", restart)
    put(entry, "required", True)
    return entry


def _add_implied_dependencies(service: YMap) -> None:
    """links, `service:` namespaces and volumes_from make a service depend on another."""
    implied: list[tuple[str, bool, Loc]] = []
    links = service.get("links")
    if isinstance(links, list):
        for link, where in items(links, service.loc):
            parts = str(link).split(":")
            implied.append((parts[0] if len(parts) == 2 else str(link), True, where))
    for key in _NAMESPACE_KEYS:
        reference = service.get(key)
        if isinstance(reference, str) and reference.startswith("service:"):
            implied.append((reference[len("service:"):], True,
                            loc_of(service, key) or service.loc))
    shared = service.get("volumes_from")
    if isinstance(shared, list):
        for source, where in items(shared, service.loc):
            if isinstance(source, str) and not source.startswith("container:"):
                implied.append((source.split(":")[0], False, where))
    if not implied:
        return
    depends = service.get("depends_on")
    if not isinstance(depends, YMap):
        depends = new_map(service.loc)
        put(service, "depends_on", depends, implied[0][2])
    for name, restart, where in implied:
        if name not in depends:
            put(depends, name, _dependency(where, restart=restart), where)


def _add_default_network(document: YMap) -> None:
    """A service with neither networks nor network_mode joins `default`."""
    services = document.get("services")
    uses_default = False
    if isinstance(services, YMap):
        for service in services.values():
            if "network_mode" in service:
                continue
            networks = service.get("networks")
            if not networks:
                joined = new_map(service.loc)
                put(joined, "default", None)
                set_value(service, "networks", joined)
                uses_default = True
            elif "default" in networks:
                uses_default = True
    if not uses_default:
        return
    networks = document.get("networks")
    if not isinstance(networks, YMap):
        networks = new_map(document.loc)
        put(document, "networks", networks)
    if "default" not in networks:
        put(networks, "default", new_map(networks.loc))


def _name_resources(document: YMap, project_name: str) -> None:
    """Unnamed resources are called `<project>_<key>`; external ones just `<key>`."""
    for section in _TOP_LEVEL_RESOURCES:
        resources = document.get(section)
        if not isinstance(resources, YMap):
            continue
        for key, resource in resources.items():
            if resource.get("name") is None:
                name = key if resource.get("external") is True else f"{project_name}_{key}"
                set_value(resource, "name", name)


# ---------------------------------------------------------------------------
# Top-level networks, volumes, secrets and configs


def _normalise_resources(section: str, value: Any, loc: Loc | None, paths: Paths) -> Any:
    if value is None:
        return value
    if not isinstance(value, YMap):
        raise InputError(f"{section} must be a mapping", loc)
    for key, resource, _, val_loc in list(entries(value, loc)):
        value[key] = _normalise_resource(section, key, resource, val_loc, paths)
    return value


def _normalise_resource(section: str, key: str, value: Any, loc: Loc, paths: Paths) -> YMap:
    if value is None:
        return new_map(loc)
    if not isinstance(value, YMap):
        raise InputError(f"{section}.{key} must be a mapping", loc)
    _adopt_external_name(section, key, value)
    converters: dict[str, Callable[[Any, Loc], Any]] = {
        "external": lambda v, at: to_bool(v, at, f"{section}.{key}.external"),
        "labels": lambda v, at: string_mapping(v, at, f"{section}.{key}.labels"),
        "driver_opts": lambda v, at: string_mapping(
            v, at, f"{section}.{key}.driver_opts", allow_list=False),
    }
    if section == "networks":
        for flag in ("internal", "attachable", "enable_ipv4", "enable_ipv6"):
            converters[flag] = _bool_converter(f"{section}.{key}.{flag}")
        converters["ipam"] = sub_mapping("ipam", {
            "config": lambda v, at: list_items(v, at, "ipam.config", sub_mapping(
                "ipam.config", {"aux_addresses": lambda a, where: string_mapping(
                    a, where, "aux_addresses")})),
        })
    if section in ("secrets", "configs"):
        converters["file"] = lambda v, _: paths.host_path(str(v))
    convert_keys(value, converters)
    if section == "volumes":
        _resolve_bind_device(value, paths)
    return value


def _bool_converter(what: str) -> Callable[[Any, Loc], bool]:
    return lambda value, loc: to_bool(value, loc, what)


def _adopt_external_name(section: str, key: str, resource: YMap) -> None:
    """The deprecated `external: {name: x}` means `external: true` with `name: x`."""
    external = resource.get("external")
    if not isinstance(external, Mapping):
        return
    resource["external"] = True
    if "name" not in external:
        return
    legacy = external["name"]
    if "name" in resource and resource["name"] != legacy:
        raise InputError(f"{section}.{key}: name and external.name conflict; only use name",
                         loc_of(resource, "external"))
    if "name" not in resource:
        put(resource, "name", legacy, loc_of(external, "name"))


def _resolve_bind_device(volume: YMap, paths: Paths) -> None:
    """A local volume with `o: bind` is a bind mount: its device is a host path."""
    options = volume.get("driver_opts")
    if volume.get("driver") != "local" or not isinstance(options, YMap):
        return
    device = options.get("device")
    if options.get("o") == "bind" and isinstance(device, str):
        options["device"] = paths.host_path(device)
