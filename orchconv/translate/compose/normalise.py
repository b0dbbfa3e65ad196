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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of
from orchconv.translate.compose import shortsyntax as short
from orchconv.translate.compose.shortsyntax import copy_tree, entries, items, new_map, new_seq, put
from orchconv.translate.compose.zeros import drop_unset_zeros

_REMOTE_CONTEXT_PREFIXES = ("https://", "http://", "git://", "ssh://", "github.com/", "git@")
_NAMESPACE_KEYS = ("network_mode", "ipc", "pid", "uts", "cgroup")
_TOP_LEVEL_RESOURCES = ("networks", "volumes", "secrets", "configs")


def normalise_project(
    project: YMap | dict[str, Any],
    *,
    project_dir: Path,
    project_name: str,
    working_dir_for: Callable[[str], Path] | None = None,
    defaults: bool = True,
    environment: Mapping[str, str] | None = None,
    in_place: bool = False,
) -> YMap:
    """The canonical long form of a merged compose document.

    `working_dir_for(service)` gives the directory a service's relative paths
    are relative to (default: `project_dir`).  With `defaults=False` only the
    per-file part runs (short syntax, defaults of single values, paths), as
    compose-go does to an included file before merging it; the project-wide
    part (implicit default network, resource names, dependencies implied by
    links/network_mode/volumes_from, pull_policy alias, project name) is
    skipped.  With `environment`, bare `environment` entries are filled from
    it and unresolvable bare build args dropped, as compose-go's Normalize
    does; without it they stay null.  With `in_place`, a located `project` that
    the caller owns alone (the loader's private copy) is normalised where it is,
    saving a copy of the whole tree.
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
            service_base = os.path.abspath(working_dir_for(name)) if working_dir_for else base
            services[name] = _normalise_service(
                name, services[name], loc_of(services, name), _Paths(service_base))
    for section in _TOP_LEVEL_RESOURCES:
        if section in document:
            document[section] = _normalise_resources(
                section, document[section], loc_of(document, section), _Paths(base))
    if defaults:
        if isinstance(services, YMap):
            for service in services.values():
                _apply_service_defaults(service, environment)
        _add_default_network(document)
        _name_resources(document, project_name)
        short.set_value(document, "name", project_name)
    return document


# ---------------------------------------------------------------------------
# Paths, as compose-go's paths package resolves them


def _expand_user(path: str) -> str:
    """"~" and "~anything" start at $HOME, as Go's ExpandUser does (no ~user lookup)."""
    if not path.startswith("~"):
        return path
    home = os.environ.get("HOME")
    if not home:
        return path
    return _join(home, path[1:])


def _join(base: str, path: str) -> str:
    return short.go_path_clean(f"{base}/{path}") if path else short.go_path_clean(base)


def _windows_volume_length(path: str) -> int:
    if len(path) < 2:
        return 0
    if path[1] == ":" and path[0].isascii() and path[0].isalpha():
        return 2
    slashes = "\\/"
    if (len(path) >= 5 and path[0] in slashes and path[1] in slashes
            and path[2] not in slashes and path[2] != "."):
        index = 3
        while index < len(path) - 1:
            if path[index] in slashes:
                index += 1
                if path[index] in slashes or path[index] == ".":
                    return 0
                while index < len(path) and path[index] not in slashes:
                    index += 1
                return index
            index += 1
    return 0


def _is_windows_absolute(path: str) -> bool:
    length = _windows_volume_length(path)
    return length > 0 and len(path) > length and path[length] in "\\/"


def _resolve_first_symlink(path: str) -> str:
    """Replace the first symbolic link along `path` by its target (compose-go's
    ResolveSymbolicLink, used for develop.watch paths)."""
    current = "/" if path.startswith("/") else ""
    for part in path.split("/"):
        if not part:
            continue
        current = os.path.join(current, part) if current else part
        if os.path.islink(current):
            return path.replace(current, os.path.realpath(current), 1)
    return path


@dataclass(frozen=True, slots=True)
class _Paths:
    """Resolves the relative paths of one service (or of the top level)."""

    base: str

    def absolute(self, path: str) -> str:
        """env_file, label_file, extends.file: relative to the base, "~" expanded."""
        expanded = _expand_user(path)
        if expanded.startswith("/") or not expanded:
            return expanded
        return _join(self.base, expanded)

    def host_path(self, path: str) -> str:
        """Bind sources, secret and config files: Windows absolute paths stay too."""
        expanded = _expand_user(path)
        if expanded.startswith("/") or _is_windows_absolute(expanded):
            return expanded
        return _join(self.base, expanded)

    def build_context(self, path: str) -> str:
        """Build contexts that are URLs, git references or `service:` stay as written."""
        if "://" in path or path.startswith("service:") or path.startswith(
                _REMOTE_CONTEXT_PREFIXES):
            return path
        return self.absolute(path)


# ---------------------------------------------------------------------------
# Services

_FieldFn = Callable[[Any, Loc, _Paths], Any]


def _normalise_service(name: str, value: Any, loc: Loc | None, paths: _Paths) -> YMap:
    if not isinstance(value, YMap):
        raise InputError(f"service {name!r} must be a mapping", loc)
    for key in list(value):
        handler = _SERVICE_FIELDS.get(key)
        if handler is not None and value[key] is not None:
            value[key] = handler(value[key], value.val_locs.get(key, value.loc), paths)
    return value


def _bool_field(what: str) -> _FieldFn:
    return lambda value, loc, _: short.to_bool(value, loc, what)


def _int_field(what: str) -> _FieldFn:
    return lambda value, loc, _: short.to_int(value, loc, what)


def _float_field(what: str) -> _FieldFn:
    return lambda value, loc, _: short.to_float(value, loc, what)


def _size_field(value: Any, loc: Loc, _: _Paths) -> int:
    return short.byte_size(value, loc)


def _duration_field(value: Any, loc: Loc, _: _Paths) -> str:
    return short.duration(value, loc)


def _mapping_field(what: str, *, allow_list: bool = True) -> _FieldFn:
    return lambda value, loc, _: short.string_mapping(value, loc, what, allow_list=allow_list)


def _string_list_field(what: str) -> _FieldFn:
    return lambda value, loc, _: _deduplicated(short.string_list(value, loc, what), _key_value)


def _command_field(what: str) -> _FieldFn:
    return lambda value, loc, _: short.command(value, loc, what)


def _owned(value: Mapping[str, Any], loc: Loc) -> YMap:
    """A located mapping to convert in place.  The whole document is this stage's own
    copy (normalise_project copies it, or its caller hands over a private one), so
    only plain mappings need building."""
    return value if isinstance(value, YMap) else copy_tree(value, loc)


def _map_items(value: Any, loc: Loc, what: str, fn: Callable[[Any, Loc], Any]) -> YMap:
    if not isinstance(value, Mapping):
        raise InputError(f"{what} must be a mapping", loc)
    result: YMap = _owned(value, loc)
    for key in list(result):
        result[key] = fn(result[key], loc_of(result, key) or result.loc)
    return result


def _list_items(value: Any, loc: Loc, what: str, fn: Callable[[Any, Loc], Any]) -> YSeq:
    if not isinstance(value, list):
        raise InputError(f"{what} must be a list", loc)
    seq = new_seq(value.loc if isinstance(value, YSeq) else loc)
    for item, item_loc in items(value, loc):
        seq.add(fn(item, item_loc), item_loc)
    return seq


def _convert_keys(target: YMap, converters: Mapping[str, Callable[[Any, Loc], Any]]) -> YMap:
    """Convert the listed keys of a long-form mapping in place; others stay as written."""
    for key, convert in converters.items():
        if target.get(key) is not None:
            target[key] = convert(target[key], target.val_locs.get(key, target.loc))
    return target


def _sub_mapping(what: str, converters: Mapping[str, Callable[[Any, Loc], Any]]
                 ) -> Callable[[Any, Loc], YMap]:
    def convert(value: Any, loc: Loc) -> YMap:
        if not isinstance(value, Mapping):
            raise InputError(f"{what} must be a mapping", loc)
        return _convert_keys(_owned(value, loc), converters)
    return convert


def _dns(value: Any, loc: Loc, _: _Paths) -> YSeq:
    """dns drops empty entries (compose-go's OmitEmpty), then duplicates."""
    listed = [value] if isinstance(value, str) else value
    if isinstance(listed, list):
        kept = new_seq(value.loc if isinstance(value, YSeq) else loc)
        for item, item_loc in items(listed, loc):
            if item is not None and item != "":
                kept.add(item, item_loc)
        listed = kept
    return _deduplicated(short.string_list(listed, loc, "dns"), _key_value)


def _ports(value: Any, loc: Loc, _: _Paths) -> YSeq:
    """Short entries expand (ranges give one entry per port); duplicates collapse."""
    if not isinstance(value, list):
        raise InputError("ports must be a list", loc)
    result = new_seq(value.loc if isinstance(value, YSeq) else loc)
    keys: list[str] = []
    for item, item_loc in items(value, loc):
        if isinstance(item, Mapping):
            port = short.port_mapping(item, item_loc)
            result.add(port, item_loc)
            keys.append(_port_key(port))
            continue
        for entry in short.parse_ports(item, item_loc):
            result.add(copy_tree(entry, item_loc), item_loc)
            keys.append(_port_key(entry))
    return _deduplicated(result, keys.__getitem__, by_index=True)


def _volumes(value: Any, loc: Loc, paths: _Paths) -> YSeq:
    """Duplicates are keyed by the target as written, as compose keys them."""
    if not isinstance(value, list):
        raise InputError("volumes must be a list", loc)
    result = new_seq(value.loc if isinstance(value, YSeq) else loc)
    keys: list[str] = []
    for item, item_loc in items(value, loc):
        mount = _volume(item, item_loc, paths)
        keys.append(str(item["target"]) if isinstance(item, Mapping) else mount["target"])
        result.add(mount, item_loc)
    return _deduplicated(result, keys.__getitem__, by_index=True)


def _volume(value: Any, loc: Loc, paths: _Paths) -> YMap:
    if isinstance(value, str):
        mount: YMap = copy_tree(short.parse_volume(value, loc), loc)
    elif isinstance(value, Mapping):
        mount = _convert_keys(copy_tree(value, loc), _VOLUME_CONVERTERS)  # keys use the input
    else:
        raise InputError("a volume must be a string or a mapping", loc)
    target = mount.get("target")
    if not isinstance(target, str):
        raise InputError("a volume needs a target path", loc)
    mount["target"] = short.go_path_clean(target) if target else target
    if mount.get("type") == "bind":
        source = mount.get("source")
        if not isinstance(source, str):  # "" is the project directory, as in compose
            raise InputError('invalid mount config for type "bind": field Source must not be '
                             "empty", loc)
        mount["source"] = paths.host_path(source)
    return mount


def _secrets(value: Any, loc: Loc, _: _Paths) -> YSeq:
    seq = _list_items(value, loc, "secrets",
                      lambda item, where: short.file_mount(item, where, "secrets"))
    seq = _deduplicated(seq, _mount_key("/run/secrets"))
    for mount in seq:
        if "target" not in mount:
            put(mount, "target", f"/run/secrets/{short.go_sprint(mount.get('source'))}")
    return seq


def _configs(value: Any, loc: Loc, _: _Paths) -> YSeq:
    seq = _list_items(value, loc, "configs",
                      lambda item, where: short.file_mount(item, where, "configs"))
    return _deduplicated(seq, _mount_key(""))


def _devices(value: Any, loc: Loc, _: _Paths) -> YSeq:
    seq = _list_items(value, loc, "devices", short.device_mapping)
    return _deduplicated(seq, lambda device: short.go_sprint(device.get("target")))


def _env_file(value: Any, loc: Loc, paths: _Paths) -> YSeq:
    seq = _deduplicated(short.env_files(value, loc), lambda entry: str(entry["path"]))
    for entry in seq:
        entry["path"] = paths.absolute(entry["path"])
    return seq


def _label_file(value: Any, loc: Loc, paths: _Paths) -> YSeq:
    seq = short.string_list(value, loc, "label_file")
    for index, path in enumerate(seq):
        seq[index] = paths.absolute(path)
    return seq


def _expose(value: Any, loc: Loc, _: _Paths) -> YSeq:
    return _deduplicated(short.expose_list(value, loc), str)


def _group_add(value: Any, loc: Loc, _: _Paths) -> YSeq:
    """Numeric group ids print as strings."""
    return _list_items(value, loc, "group_add",
                       lambda item, _: item if isinstance(item, str) else short.go_sprint(item))


def _service_networks(value: Any, loc: Loc, _: _Paths) -> YMap:
    networks = short.service_networks(value, loc)
    for name in list(networks):
        config = networks[name]
        if isinstance(config, YMap):
            networks[name] = _convert_keys(config, _SERVICE_NETWORK_CONVERTERS)
    return networks


def _extends(value: Any, loc: Loc, paths: _Paths) -> Any:
    if isinstance(value, str):
        result = new_map(loc)
        put(result, "service", value)
        return result
    if isinstance(value, YMap) and isinstance(value.get("file"), str):
        value["file"] = paths.absolute(value["file"])
    return value


def _ulimits(value: Any, loc: Loc, _: _Paths) -> YMap:
    return _map_items(value, loc, "ulimits", short.ulimit)


def _healthcheck(value: Any, loc: Loc, _: _Paths) -> YMap:
    return _sub_mapping("healthcheck", _HEALTHCHECK_CONVERTERS)(value, loc)


def _logging(value: Any, loc: Loc, _: _Paths) -> YMap:
    return _sub_mapping("logging", {
        "options": lambda v, where: short.string_mapping(v, where, "logging.options",
                                                         allow_list=False),
    })(value, loc)


def _hooks(what: str) -> _FieldFn:
    return lambda value, loc, _: _list_items(value, loc, what, _sub_mapping(what, _HOOK_CONVERTERS))


def _develop(value: Any, loc: Loc, paths: _Paths) -> YMap:
    def trigger(item: Any, where: Loc) -> YMap:
        converted = _sub_mapping("develop.watch", {
            "path": lambda v, _: _resolve_first_symlink(paths.absolute(str(v))),
            "ignore": lambda v, at: short.string_list(v, at, "develop.watch.ignore"),
            "include": lambda v, at: short.string_list(v, at, "develop.watch.include"),
            "exec": _sub_mapping("develop.watch.exec", _HOOK_CONVERTERS),
        })
        return converted(item, where)
    return _sub_mapping("develop", {
        "watch": lambda v, where: _list_items(v, where, "develop.watch", trigger),
    })(value, loc)


def _build(value: Any, loc: Loc, paths: _Paths) -> YMap:
    build = short.parse_build(value, loc)
    return _convert_keys(build, {
        "context": lambda v, _: paths.build_context(str(v)),
        "args": lambda v, at: short.mapping_with_equals(v, at, "build.args"),
        "labels": lambda v, at: short.string_mapping(v, at, "build.labels"),
        "additional_contexts": lambda v, at: _map_values(
            short.key_value_map(v, at, "build.additional_contexts"),
            lambda text: paths.build_context(str(text))),
        "ssh": lambda v, at: _map_values(
            short.ssh_map(v, at), lambda path: paths.host_path(path)
            if isinstance(path, str) else path),
        "secrets": lambda v, at: _list_items(
            v, at, "build.secrets", lambda item, where: short.file_mount(item, where, "secrets")),
        "cache_from": lambda v, at: short.string_list(v, at, "build.cache_from"),
        "cache_to": lambda v, at: short.string_list(v, at, "build.cache_to"),
        "tags": lambda v, at: _deduplicated(short.string_list(v, at, "build.tags"), _key_value),
        "platforms": lambda v, at: short.string_list(v, at, "build.platforms"),
        "extra_hosts": short.extra_hosts,
        "shm_size": short.byte_size,
        "ulimits": lambda v, at: _map_items(v, at, "build.ulimits", short.ulimit),
        "no_cache": lambda v, at: short.to_bool(v, at, "build.no_cache"),
        "pull": lambda v, at: short.to_bool(v, at, "build.pull"),
        "privileged": lambda v, at: short.to_bool(v, at, "build.privileged"),
    })


def _map_values(mapping: YMap, fn: Callable[[Any], Any]) -> YMap:
    for key in list(mapping):
        mapping[key] = fn(mapping[key])
    return mapping


def _blkio(value: Any, loc: Loc, _: _Paths) -> YMap:
    throttle = _sub_mapping("blkio_config device", {"rate": short.byte_size})
    throttles: dict[str, Callable[[Any, Loc], Any]] = {
        key: (lambda v, at: _list_items(v, at, "blkio_config", throttle))
        for key in ("device_read_bps", "device_read_iops", "device_write_bps",
                    "device_write_iops")
    }
    weight = _sub_mapping("blkio_config.weight_device", {
        "weight": lambda v, at: short.to_int(v, at, "weight")})
    return _sub_mapping("blkio_config", {
        **throttles,
        "weight": lambda v, at: short.to_int(v, at, "blkio_config.weight"),
        "weight_device": lambda v, at: _list_items(v, at, "blkio_config.weight_device", weight),
    })(value, loc)


def _deploy(value: Any, loc: Loc, _: _Paths) -> YMap:
    resource = _sub_mapping("deploy.resources", {
        "cpus": lambda v, at: short.to_float(v, at, "cpus"),
        "memory": short.byte_size,
        "pids": lambda v, at: short.to_int(v, at, "pids"),
        "devices": lambda v, at: _list_items(v, at, "devices", short.device_request),
    })
    update = _sub_mapping("deploy update config", {
        "delay": short.duration,
        "monitor": short.duration,
        "parallelism": lambda v, at: short.to_int(v, at, "parallelism"),
        "max_failure_ratio": lambda v, at: short.to_float(v, at, "max_failure_ratio"),
    })
    return _sub_mapping("deploy", {
        "replicas": lambda v, at: short.to_int(v, at, "deploy.replicas"),
        "labels": lambda v, at: short.string_mapping(v, at, "deploy.labels"),
        "update_config": update,
        "rollback_config": update,
        "resources": _sub_mapping("deploy.resources", {
            "limits": resource, "reservations": resource}),
        "restart_policy": _sub_mapping("deploy.restart_policy", {
            "delay": short.duration,
            "window": short.duration,
            "max_attempts": lambda v, at: short.to_int(v, at, "max_attempts"),
        }),
        "placement": _sub_mapping("deploy.placement", {
            "max_replicas_per_node": lambda v, at: short.to_int(v, at, "max_replicas_per_node"),
        }),
    })(value, loc)


_VOLUME_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "read_only": lambda v, at: short.to_bool(v, at, "volumes.read_only"),
    "bind": _sub_mapping("volumes.bind", {
        "create_host_path": lambda v, at: short.to_bool(v, at, "bind.create_host_path"),
    }),
    "volume": _sub_mapping("volumes.volume", {
        "nocopy": lambda v, at: short.to_bool(v, at, "volume.nocopy"),
        "labels": lambda v, at: short.string_mapping(v, at, "volume.labels"),
    }),
    "tmpfs": _sub_mapping("volumes.tmpfs", {
        "size": short.byte_size,
        "mode": lambda v, at: short.to_int(v, at, "tmpfs.mode"),
    }),
}

_SERVICE_NETWORK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "priority": lambda v, at: short.to_int(v, at, "networks.priority"),
    "gw_priority": lambda v, at: short.to_int(v, at, "networks.gw_priority"),
    "aliases": lambda v, at: _deduplicated(short.string_list(v, at, "aliases"), _key_value),
    "link_local_ips": lambda v, at: _deduplicated(
        short.string_list(v, at, "link_local_ips"), _key_value),
    "driver_opts": lambda v, at: short.string_mapping(v, at, "networks.driver_opts",
                                                      allow_list=False),
}

_HEALTHCHECK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "test": short.healthcheck_test,
    "interval": short.duration,
    "timeout": short.duration,
    "start_period": short.duration,
    "start_interval": short.duration,
    "retries": lambda v, at: short.to_int(v, at, "healthcheck.retries"),
    "disable": lambda v, at: short.to_bool(v, at, "healthcheck.disable"),
}

_HOOK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "command": lambda v, at: short.command(v, at, "hook command"),
    "environment": lambda v, at: short.mapping_with_equals(v, at, "hook environment"),
    "privileged": lambda v, at: short.to_bool(v, at, "hook privileged"),
}

_SERVICE_FIELDS: dict[str, _FieldFn] = {
    "annotations": _mapping_field("annotations"),
    "attach": _bool_field("attach"),
    "blkio_config": _blkio,
    "build": _build,
    "cap_add": _string_list_field("cap_add"),
    "cap_drop": _string_list_field("cap_drop"),
    "command": _command_field("command"),
    "configs": _configs,
    "cpu_count": _int_field("cpu_count"),
    "cpu_percent": _float_field("cpu_percent"),
    "cpu_period": _int_field("cpu_period"),
    "cpu_quota": _int_field("cpu_quota"),
    "cpu_rt_period": _int_field("cpu_rt_period"),
    "cpu_rt_runtime": _int_field("cpu_rt_runtime"),
    "cpu_shares": _int_field("cpu_shares"),
    "cpus": _float_field("cpus"),
    "depends_on": lambda value, loc, _: short.depends_on(value, loc),
    "deploy": _deploy,
    "develop": _develop,
    "devices": _devices,
    "dns": _dns,
    "dns_opt": _string_list_field("dns_opt"),
    "dns_search": _string_list_field("dns_search"),
    "entrypoint": _command_field("entrypoint"),
    "env_file": _env_file,
    "environment": lambda value, loc, _: short.mapping_with_equals(value, loc),
    "expose": _expose,
    "extends": _extends,
    "extra_hosts": lambda value, loc, _: short.extra_hosts(value, loc),
    "gpus": lambda value, loc, _: short.gpus(value, loc),
    "group_add": _group_add,
    "healthcheck": _healthcheck,
    "init": _bool_field("init"),
    "label_file": _label_file,
    "labels": _mapping_field("labels"),
    "links": _string_list_field("links"),
    "log_opt": _mapping_field("log_opt", allow_list=False),
    "logging": _logging,
    "mem_limit": _size_field,
    "mem_reservation": _size_field,
    "mem_swappiness": _size_field,
    "memswap_limit": _size_field,
    "networks": _service_networks,
    "oom_kill_disable": _bool_field("oom_kill_disable"),
    "oom_score_adj": _int_field("oom_score_adj"),
    "pids_limit": _int_field("pids_limit"),
    "ports": _ports,
    "post_start": _hooks("post_start"),
    "pre_stop": _hooks("pre_stop"),
    "privileged": _bool_field("privileged"),
    "profiles": _string_list_field("profiles"),
    "read_only": _bool_field("read_only"),
    "scale": _int_field("scale"),
    "secrets": _secrets,
    "shm_size": _size_field,
    "stdin_open": _bool_field("stdin_open"),
    "stop_grace_period": _duration_field,
    "storage_opt": _mapping_field("storage_opt", allow_list=False),
    "sysctls": _mapping_field("sysctls"),
    "tmpfs": _string_list_field("tmpfs"),
    "tty": _bool_field("tty"),
    "ulimits": _ulimits,
    "volumes": _volumes,
}


# ---------------------------------------------------------------------------
# Duplicates: compose keeps the last definition of an entry, at the first's place


def _key_value(item: Any) -> str:
    """Plain lists: entries are the same when the text before "=" is."""
    return item.partition("=")[0] if isinstance(item, str) else repr(item)


def _mount_key(default_dir: str) -> Callable[[Any], str]:
    def key(mount: Any) -> str:
        target = mount.get("target")
        if target is not None:
            return str(target)
        return f"{default_dir}/{short.go_sprint(mount.get('source'))}"
    return key


def _port_key(entry: Mapping[str, Any]) -> str:
    """A port's identity: host ip, published port(s), target and protocol.

    compose-go computes it before converting `published: 8080` to "8080", so
    it keeps such an entry next to an equal "8080:..." one; this key is taken
    after conversion, so normalising twice (included files) changes nothing.
    """
    published = entry.get("published")
    return (f"{entry.get('host_ip', '0.0.0.0')}:{'' if published is None else published}:"
            f"{entry.get('target')}/{entry.get('protocol', 'tcp')}")


def _deduplicated(seq: YSeq, key: Callable[[Any], str], *, by_index: bool = False) -> YSeq:
    result = new_seq(seq.loc)
    positions: dict[str, int] = {}
    for index, (item, item_loc) in enumerate(items(seq, seq.loc)):
        identity = key(index) if by_index else key(item)
        if identity in positions:
            at = positions[identity]
            result[at] = item
            result.item_locs[at] = item_loc
        else:
            positions[identity] = len(result)
            result.add(item, item_loc)
    return result


# ---------------------------------------------------------------------------
# Project-wide defaults (compose-go's Normalize)


def _apply_service_defaults(service: YMap, environment: Mapping[str, str] | None) -> None:
    if service.get("pull_policy") == "if_not_present":
        service["pull_policy"] = "missing"
    if environment is not None:
        _resolve_from_environment(service, environment)
    _add_implied_dependencies(service)
    drop_unset_zeros(service)


def _resolve_from_environment(service: YMap, environment: Mapping[str, str]) -> None:
    """Bare names take their value from the environment; bare build args that it
    does not define are dropped, as compose drops them."""
    variables = service.get("environment")
    if isinstance(variables, YMap):
        for key, value in variables.items():
            if value is None and key in environment:
                variables[key] = environment[key]
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
                short.set_value(service, "networks", joined)
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
                short.set_value(resource, "name", name)


# ---------------------------------------------------------------------------
# Top-level networks, volumes, secrets and configs


def _normalise_resources(section: str, value: Any, loc: Loc | None, paths: _Paths) -> Any:
    if value is None:
        return value
    if not isinstance(value, YMap):
        raise InputError(f"{section} must be a mapping", loc)
    for key, resource, _, val_loc in list(entries(value, loc)):
        value[key] = _normalise_resource(section, key, resource, val_loc, paths)
    return value


def _normalise_resource(section: str, key: str, value: Any, loc: Loc, paths: _Paths) -> YMap:
    if value is None:
        return new_map(loc)
    if not isinstance(value, YMap):
        raise InputError(f"{section}.{key} must be a mapping", loc)
    _adopt_external_name(section, key, value)
    converters: dict[str, Callable[[Any, Loc], Any]] = {
        "external": lambda v, at: short.to_bool(v, at, f"{section}.{key}.external"),
        "labels": lambda v, at: short.string_mapping(v, at, f"{section}.{key}.labels"),
        "driver_opts": lambda v, at: short.string_mapping(
            v, at, f"{section}.{key}.driver_opts", allow_list=False),
    }
    if section == "networks":
        for flag in ("internal", "attachable", "enable_ipv4", "enable_ipv6"):
            converters[flag] = _bool_converter(f"{section}.{key}.{flag}")
        converters["ipam"] = _sub_mapping("ipam", {
            "config": lambda v, at: _list_items(v, at, "ipam.config", _sub_mapping(
                "ipam.config", {"aux_addresses": lambda a, where: short.string_mapping(
                    a, where, "aux_addresses")})),
        })
    if section in ("secrets", "configs"):
        converters["file"] = lambda v, _: paths.host_path(str(v))
    _convert_keys(value, converters)
    if section == "volumes":
        _resolve_bind_device(value, paths)
    return value


def _bool_converter(what: str) -> Callable[[Any, Loc], bool]:
    return lambda value, loc: short.to_bool(value, loc, what)


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


def _resolve_bind_device(volume: YMap, paths: _Paths) -> None:
    """A local volume with `o: bind` is a bind mount: its device is a host path."""
    options = volume.get("driver_opts")
    if volume.get("driver") != "local" or not isinstance(options, YMap):
        return
    device = options.get("device")
    if options.get("o") == "bind" and isinstance(device, str):
        options["device"] = paths.host_path(device)
