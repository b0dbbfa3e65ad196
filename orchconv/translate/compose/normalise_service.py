"""One service in canonical long form: short syntax expanded, values typed, paths resolved.

Part of the normalise stage (normalise.py): each field has a converter; what
the user wrote keeps its position, generated values point at their entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of
from orchconv.translate.compose.normalise_paths import Paths, resolve_first_symlink
from orchconv.translate.compose.syntax.build import parse_build, ssh_map, ulimit
from orchconv.translate.compose.syntax.devices import device_mapping, device_request, gpus
from orchconv.translate.compose.syntax.durations import duration
from orchconv.translate.compose.syntax.golang import path_clean, sprint
from orchconv.translate.compose.syntax.lists import expose_list, string_list
from orchconv.translate.compose.syntax.located import copy_tree, items, new_map, new_seq, put
from orchconv.translate.compose.syntax.mappings import (
    extra_hosts,
    key_value_map,
    mapping_with_equals,
    string_mapping,
)
from orchconv.translate.compose.syntax.ports import parse_ports, port_mapping
from orchconv.translate.compose.syntax.references import (
    depends_on,
    env_files,
    file_mount,
    service_networks,
)
from orchconv.translate.compose.syntax.scalars import to_bool, to_float, to_int
from orchconv.translate.compose.syntax.shellwords import command, healthcheck_test
from orchconv.translate.compose.syntax.sizes import byte_size
from orchconv.translate.compose.syntax.volumes import parse_volume
from orchconv.translate.compose.uniqueness import deduplicated, indexer_for

_FieldFn = Callable[[Any, Loc, Paths], Any]


def normalise_service(name: str, value: Any, loc: Loc | None, paths: Paths) -> YMap:
    if not isinstance(value, YMap):
        raise InputError(f"service {name!r} must be a mapping", loc)
    for key in list(value):
        handler = _SERVICE_FIELDS.get(key)
        if handler is not None and value[key] is not None:
            value[key] = handler(value[key], value.value_loc(key), paths)
    return value


def _bool_field(what: str) -> _FieldFn:
    return lambda value, loc, _: to_bool(value, loc, what)


def _int_field(what: str) -> _FieldFn:
    return lambda value, loc, _: to_int(value, loc, what)


def _float_field(what: str) -> _FieldFn:
    return lambda value, loc, _: to_float(value, loc, what)


def _size_field(value: Any, loc: Loc, _: Paths) -> int:
    return byte_size(value, loc)


def _duration_field(value: Any, loc: Loc, _: Paths) -> str:
    return duration(value, loc)


def _mapping_field(what: str, *, allow_list: bool = True) -> _FieldFn:
    return lambda value, loc, _: string_mapping(value, loc, what, allow_list=allow_list)


def _string_list_field(what: str) -> _FieldFn:
    return lambda value, loc, _: _unique(string_list(value, loc, what), what)


def _command_field(what: str) -> _FieldFn:
    return lambda value, loc, _: command(value, loc, what)


def _unique(seq: YSeq, field: str, keyed: list[Any] | None = None) -> YSeq:
    """Duplicates collapse by the same table the merge stage uses."""
    return deduplicated(seq, indexer_for(f"services.*.{field}"), keyed)


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


def list_items(value: Any, loc: Loc, what: str, fn: Callable[[Any, Loc], Any]) -> YSeq:
    if not isinstance(value, list):
        raise InputError(f"{what} must be a list", loc)
    seq = new_seq(value.loc if isinstance(value, YSeq) else loc)
    for item, item_loc in items(value, loc):
        seq.add(fn(item, item_loc), item_loc)
    return seq


def convert_keys(target: YMap, converters: Mapping[str, Callable[[Any, Loc], Any]]) -> YMap:
    """Convert the listed keys of a long-form mapping in place; others stay as written."""
    for key, convert in converters.items():
        if target.get(key) is not None:
            target[key] = convert(target[key], target.value_loc(key))
    return target


def sub_mapping(what: str, converters: Mapping[str, Callable[[Any, Loc], Any]]
                 ) -> Callable[[Any, Loc], YMap]:
    def convert(value: Any, loc: Loc) -> YMap:
        if not isinstance(value, Mapping):
            raise InputError(f"{what} must be a mapping", loc)
        return convert_keys(_owned(value, loc), converters)
    return convert


def _dns(value: Any, loc: Loc, _: Paths) -> YSeq:
    """dns drops empty entries (compose-go's OmitEmpty), then duplicates."""
    listed = [value] if isinstance(value, str) else value
    if isinstance(listed, list):
        kept = new_seq(value.loc if isinstance(value, YSeq) else loc)
        for item, item_loc in items(listed, loc):
            if item is not None and item != "":
                kept.add(item, item_loc)
        listed = kept
    return _unique(string_list(listed, loc, "dns"), "dns")


def _ports(value: Any, loc: Loc, _: Paths) -> YSeq:
    """Short entries expand (ranges give one entry per port); duplicates collapse."""
    if not isinstance(value, list):
        raise InputError("ports must be a list", loc)
    result = new_seq(value.loc if isinstance(value, YSeq) else loc)
    for item, item_loc in items(value, loc):
        if isinstance(item, Mapping):
            result.add(port_mapping(item, item_loc), item_loc)
            continue
        for entry in parse_ports(item, item_loc):
            result.add(copy_tree(entry, item_loc), item_loc)
    # Keyed after `published: 8080` became "8080" (compose-go keys it before, so it
    # keeps such an entry next to an equal "8080:..." one): normalising twice
    # (included files) then changes nothing.
    return _unique(result, "ports")


def _volumes(value: Any, loc: Loc, paths: Paths) -> YSeq:
    """Duplicates are keyed by the target as compose-go's canonical form has it:
    cleaned in the short syntax, as written in the long one."""
    if not isinstance(value, list):
        raise InputError("volumes must be a list", loc)
    result = new_seq(value.loc if isinstance(value, YSeq) else loc)
    keyed: list[Any] = []
    for item, item_loc in items(value, loc):
        mount = _volume(item, item_loc, paths)
        keyed.append(item if isinstance(item, Mapping) else mount)
        result.add(mount, item_loc)
    return _unique(result, "volumes", keyed)


def _volume(value: Any, loc: Loc, paths: Paths) -> YMap:
    if isinstance(value, str):
        mount: YMap = copy_tree(parse_volume(value, loc), loc)
    elif isinstance(value, Mapping):
        mount = convert_keys(copy_tree(value, loc), _VOLUME_CONVERTERS)  # keys use the input
    else:
        raise InputError("a volume must be a string or a mapping", loc)
    target = mount.get("target")
    if not isinstance(target, str):
        raise InputError("a volume needs a target path", loc)
    mount["target"] = path_clean(target) if target else target
    if mount.get("type") == "bind":
        source = mount.get("source")
        if not isinstance(source, str):  # "" is the project directory, as in compose
            raise InputError('invalid mount config for type "bind": field Source must not be '
                             "empty", loc)
        mount["source"] = paths.host_path(source)
    return mount


def _secrets(value: Any, loc: Loc, _: Paths) -> YSeq:
    seq = list_items(value, loc, "secrets",
                      lambda item, where: file_mount(item, where, "secrets"))
    seq = _unique(seq, "secrets")
    for mount in seq:
        if "target" not in mount:
            put(mount, "target", f"/run/secrets/{sprint(mount.get('source'))}")
    return seq


def _configs(value: Any, loc: Loc, _: Paths) -> YSeq:
    seq = list_items(value, loc, "configs",
                      lambda item, where: file_mount(item, where, "configs"))
    return _unique(seq, "configs")


def _devices(value: Any, loc: Loc, _: Paths) -> YSeq:
    seq = list_items(value, loc, "devices", device_mapping)
    return _unique(seq, "devices")


def _env_file(value: Any, loc: Loc, paths: Paths) -> YSeq:
    seq = _unique(env_files(value, loc), "env_file")
    for entry in seq:
        entry["path"] = paths.absolute(entry["path"])
    return seq


def _label_file(value: Any, loc: Loc, paths: Paths) -> YSeq:
    seq = string_list(value, loc, "label_file")
    for index, path in enumerate(seq):
        seq[index] = paths.absolute(path)
    return seq


def _expose(value: Any, loc: Loc, _: Paths) -> YSeq:
    return _unique(expose_list(value, loc), "expose")


def _group_add(value: Any, loc: Loc, _: Paths) -> YSeq:
    """Numeric group ids print as strings."""
    return list_items(value, loc, "group_add",
                       lambda item, _: item if isinstance(item, str) else sprint(item))


def _service_networks(value: Any, loc: Loc, _: Paths) -> YMap:
    networks = service_networks(value, loc)
    for name in list(networks):
        config = networks[name]
        if isinstance(config, YMap):
            networks[name] = convert_keys(config, _SERVICE_NETWORK_CONVERTERS)
    return networks


def _extends(value: Any, loc: Loc, paths: Paths) -> Any:
    if isinstance(value, str):
        result = new_map(loc)
        put(result, "service", value)
        return result
    if isinstance(value, YMap) and isinstance(value.get("file"), str):
        value["file"] = paths.absolute(value["file"])
    return value


def _ulimits(value: Any, loc: Loc, _: Paths) -> YMap:
    return _map_items(value, loc, "ulimits", ulimit)


def _healthcheck(value: Any, loc: Loc, _: Paths) -> YMap:
    return sub_mapping("healthcheck", _HEALTHCHECK_CONVERTERS)(value, loc)


def _logging(value: Any, loc: Loc, _: Paths) -> YMap:
    return sub_mapping("logging", {
        "options": lambda v, where: string_mapping(v, where, "logging.options",
                                                         allow_list=False),
    })(value, loc)


def _hooks(what: str) -> _FieldFn:
    return lambda value, loc, _: list_items(value, loc, what, sub_mapping(what, _HOOK_CONVERTERS))


def _develop(value: Any, loc: Loc, paths: Paths) -> YMap:
    def trigger(item: Any, where: Loc) -> YMap:
        converted = sub_mapping("develop.watch", {
            "path": lambda v, _: resolve_first_symlink(paths.absolute(str(v)))
            if paths.resolve else str(v),
            "ignore": lambda v, at: string_list(v, at, "develop.watch.ignore"),
            "include": lambda v, at: string_list(v, at, "develop.watch.include"),
            "exec": sub_mapping("develop.watch.exec", _HOOK_CONVERTERS),
        })
        return converted(item, where)
    return sub_mapping("develop", {
        "watch": lambda v, where: list_items(v, where, "develop.watch", trigger),
    })(value, loc)


def _build(value: Any, loc: Loc, paths: Paths) -> YMap:
    build = parse_build(value, loc)
    return convert_keys(build, {
        "context": lambda v, _: paths.build_context(str(v)),
        "args": lambda v, at: mapping_with_equals(v, at, "build.args"),
        "labels": lambda v, at: string_mapping(v, at, "build.labels"),
        "additional_contexts": lambda v, at: _map_values(
            key_value_map(v, at, "build.additional_contexts"),
            lambda text: paths.build_context(str(text))),
        "ssh": lambda v, at: _map_values(
            ssh_map(v, at), lambda path: paths.host_path(path)
            if isinstance(path, str) else path),
        "secrets": lambda v, at: list_items(
            v, at, "build.secrets", lambda item, where: file_mount(item, where, "secrets")),
        "cache_from": lambda v, at: string_list(v, at, "build.cache_from"),
        "cache_to": lambda v, at: string_list(v, at, "build.cache_to"),
        "tags": lambda v, at: _unique(string_list(v, at, "build.tags"), "build.tags"),
        "platforms": lambda v, at: string_list(v, at, "build.platforms"),
        "extra_hosts": extra_hosts,
        "shm_size": byte_size,
        "ulimits": lambda v, at: _map_items(v, at, "build.ulimits", ulimit),
        "no_cache": lambda v, at: to_bool(v, at, "build.no_cache"),
        "pull": lambda v, at: to_bool(v, at, "build.pull"),
        "privileged": lambda v, at: to_bool(v, at, "build.privileged"),
    })


def _map_values(mapping: YMap, fn: Callable[[Any], Any]) -> YMap:
    for key in list(mapping):
        mapping[key] = fn(mapping[key])
    return mapping


def _blkio(value: Any, loc: Loc, _: Paths) -> YMap:
    throttle = sub_mapping("blkio_config device", {"rate": byte_size})
    throttles: dict[str, Callable[[Any, Loc], Any]] = {
        key: (lambda v, at: list_items(v, at, "blkio_config", throttle))
        for key in ("device_read_bps", "device_read_iops", "device_write_bps",
                    "device_write_iops")
    }
    weight = sub_mapping("blkio_config.weight_device", {
        "weight": lambda v, at: to_int(v, at, "weight")})
    return sub_mapping("blkio_config", {
        **throttles,
        "weight": lambda v, at: to_int(v, at, "blkio_config.weight"),
        "weight_device": lambda v, at: list_items(v, at, "blkio_config.weight_device", weight),
    })(value, loc)


def _deploy(value: Any, loc: Loc, _: Paths) -> YMap:
    resource = sub_mapping("deploy.resources", {
        "cpus": lambda v, at: to_float(v, at, "cpus"),
        "memory": byte_size,
        "pids": lambda v, at: to_int(v, at, "pids"),
        "devices": lambda v, at: list_items(v, at, "devices", device_request),
    })
    update = sub_mapping("deploy update config", {
        "delay": duration,
        "monitor": duration,
        "parallelism": lambda v, at: to_int(v, at, "parallelism"),
        "max_failure_ratio": lambda v, at: to_float(v, at, "max_failure_ratio"),
    })
    return sub_mapping("deploy", {
        "replicas": lambda v, at: to_int(v, at, "deploy.replicas"),
        "labels": lambda v, at: string_mapping(v, at, "deploy.labels"),
        "update_config": update,
        "rollback_config": update,
        "resources": sub_mapping("deploy.resources", {
            "limits": resource, "reservations": resource}),
        "restart_policy": sub_mapping("deploy.restart_policy", {
            "delay": duration,
            "window": duration,
            "max_attempts": lambda v, at: to_int(v, at, "max_attempts"),
        }),
        "placement": sub_mapping("deploy.placement", {
            "max_replicas_per_node": lambda v, at: to_int(v, at, "max_replicas_per_node"),
        }),
    })(value, loc)


_VOLUME_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "read_only": lambda v, at: to_bool(v, at, "volumes.read_only"),
    "bind": sub_mapping("volumes.bind", {
        "create_host_path": lambda v, at: to_bool(v, at, "bind.create_host_path"),
    }),
    "volume": sub_mapping("volumes.volume", {
        "nocopy": lambda v, at: to_bool(v, at, "volume.nocopy"),
        "labels": lambda v, at: string_mapping(v, at, "volume.labels"),
    }),
    "tmpfs": sub_mapping("volumes.tmpfs", {
        "size": byte_size,
        "mode": lambda v, at: to_int(v, at, "tmpfs.mode"),
    }),
}

_SERVICE_NETWORK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "priority": lambda v, at: to_int(v, at, "networks.priority"),
    "gw_priority": lambda v, at: to_int(v, at, "networks.gw_priority"),
    "aliases": lambda v, at: _unique(string_list(v, at, "aliases"), "networks.*.aliases"),
    "link_local_ips": lambda v, at: _unique(
        string_list(v, at, "link_local_ips"), "networks.*.link_local_ips"),
    "driver_opts": lambda v, at: string_mapping(v, at, "networks.driver_opts",
                                                      allow_list=False),
}

_HEALTHCHECK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "test": healthcheck_test,
    "interval": duration,
    "timeout": duration,
    "start_period": duration,
    "start_interval": duration,
    "retries": lambda v, at: to_int(v, at, "healthcheck.retries"),
    "disable": lambda v, at: to_bool(v, at, "healthcheck.disable"),
}

_HOOK_CONVERTERS: dict[str, Callable[[Any, Loc], Any]] = {
    "command": lambda v, at: command(v, at, "hook command"),
    "environment": lambda v, at: mapping_with_equals(v, at, "hook environment"),
    "privileged": lambda v, at: to_bool(v, at, "hook privileged"),
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
    "depends_on": lambda value, loc, _: depends_on(value, loc),
    "deploy": _deploy,
    "develop": _develop,
    "devices": _devices,
    "dns": _dns,
    "dns_opt": _string_list_field("dns_opt"),
    "dns_search": _string_list_field("dns_search"),
    "entrypoint": _command_field("entrypoint"),
    "env_file": _env_file,
    "environment": lambda value, loc, _: mapping_with_equals(value, loc),
    "expose": _expose,
    "extends": _extends,
    "extra_hosts": lambda value, loc, _: extra_hosts(value, loc),
    "gpus": lambda value, loc, _: gpus(value, loc),
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
