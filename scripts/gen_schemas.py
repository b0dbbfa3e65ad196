"""Write orchconv's JSON Schemas (draft-07) for Compose files and stack files.

    python scripts/gen_schemas.py          # (re)write the files in orchconv/schemas/
    python scripts/gen_schemas.py --check  # exit 1 when one of them is stale

It writes compose.schema.json, stack-3.0.schema.json ... stack-3.13.schema.json
and _compiled_compose.py (the Compose validator as fastjsonschema code, so a
newer fastjsonschema also makes `--check` ask for a regeneration).

The schemas are ours: small shape helpers plus tables written from the facts of
the specifications (which keys exist, their types, which version admitted a
key).  The Compose schema follows what compose-go's validation accepts: it runs
after interpolation but before type casting, so every field compose-go lets be
a `${VAR}` string also takes a string here.  The stack schemas follow the
docker/cli `config_schema_v3.x` facts, one file per 3.x version, each key gated
by the first version that admits it.

The Compose validator is hot (every load), so this script also emits its
fastjsonschema code ahead of time (`_compiled_compose.py`); compiling at
import would cost more than the validation itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from schema_descriptions import description

Schema = dict[str, Any]
Version = tuple[int, int]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "orchconv" / "schemas"
COMPILED_COMPOSE = "_compiled_compose.py"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# where editors may fetch the published files (the `$id` of each)
SCHEMA_URL = "https://raw.githubusercontent.com/orchconv/orchconv/main/orchconv/schemas/"
NAME = "^[a-zA-Z0-9._-]+$"  # names of services, networks, volumes, ...
EXT: Schema = {"^x-": {}}  # extension keys: anything goes under `x-*`


# --- shape helpers ---------------------------------------------------------


def t(*types: str) -> Schema:
    """A value of one of the given JSON types."""
    return {"type": types[0] if len(types) == 1 else list(types)}


STR, BOOL, NUM, INT, NULL = t("string"), t("boolean"), t("number"), t("integer"), t("null")
# compose-go validates before casting, so interpolated values arrive as strings
BOOL_S, INT_S, NUM_S = t("boolean", "string"), t("integer", "string"), t("number", "string")
ANY_OBJECT = t("object")


def ref(name: str) -> Schema:
    return {"$ref": f"#/definitions/{name}"}


def one_of(*alternatives: Schema) -> Schema:
    return {"oneOf": list(alternatives)}


def enum(*values: str) -> Schema:
    return {"type": "string", "enum": list(values)}


def arr(items: Schema, *, unique: bool = False) -> Schema:
    shape: Schema = {"type": "array", "items": items}
    if unique:
        shape["uniqueItems"] = True
    return shape


def obj(
    props: Mapping[str, Schema],
    *,
    closed: bool = True,
    ext: bool = True,
    required: tuple[str, ...] = (),
    nullable: bool = False,
) -> Schema:
    """An object with known properties; `closed` refuses other keys but `x-*` (when `ext`)."""
    shape: Schema = {"type": ["object", "null"] if nullable else "object"}
    shape["properties"] = dict(props)
    if closed:
        shape["additionalProperties"] = False
    if ext:
        shape["patternProperties"] = dict(EXT)
    if required:
        shape["required"] = list(required)
    return shape


def named(item: Schema, *, closed: bool = True) -> Schema:
    """A mapping of user-chosen names (services, volumes, ...) to `item`."""
    shape: Schema = {"type": "object", "patternProperties": {NAME: item}}
    if closed:
        shape["additionalProperties"] = False
    return shape


def values_of(item: Schema, *, closed: bool = False) -> Schema:
    """A mapping of free-form non-empty keys to `item` (driver options and the like)."""
    shape: Schema = {"type": "object", "patternProperties": {"^.+$": item}}
    if closed:
        shape["additionalProperties"] = False
    return shape


def int_range(low: int, high: int | None = None) -> Schema:
    shape: Schema = {"type": "integer", "minimum": low}
    if high is not None:
        shape["maximum"] = high
    return shape


def document(title: str, props: Mapping[str, Schema], definitions: Schema, **extra: Any) -> Schema:
    return {
        "$schema": DRAFT_07,
        "title": title,
        "type": "object",
        "properties": dict(props),
        "patternProperties": dict(EXT),
        "additionalProperties": False,
        "definitions": definitions,
        **extra,
    }


# --- Compose (compose-spec, as compose-go validates it) --------------------

COMPOSE_BUILD = obj({
    "context": STR, "dockerfile": STR, "dockerfile_inline": STR,
    "entitlements": arr(STR), "args": ref("list_or_dict"), "ssh": ref("list_or_dict"),
    "labels": ref("list_or_dict"), "cache_from": arr(STR), "cache_to": arr(STR),
    "no_cache": BOOL_S, "additional_contexts": ref("list_or_dict"), "network": STR,
    "provenance": t("string", "boolean"), "sbom": t("string", "boolean"), "pull": BOOL_S,
    "target": STR, "shm_size": INT_S, "extra_hosts": ref("extra_hosts"), "isolation": STR,
    "privileged": BOOL_S, "secrets": ref("service_config_or_secret"), "tags": arr(STR),
    "ulimits": ref("ulimits"), "platforms": arr(STR),
})

COMPOSE_DEPENDS_ON = one_of(ref("list_of_strings"), named(obj({
    "restart": BOOL_S, "required": BOOL,
    "condition": enum("service_started", "service_healthy", "service_completed_successfully"),
}, required=("condition",))))

COMPOSE_SERVICE_NETWORK = obj({
    "aliases": ref("list_of_strings"), "interface_name": STR, "ipv4_address": STR,
    "ipv6_address": STR, "link_local_ips": ref("list_of_strings"), "mac_address": STR,
    "driver_opts": values_of(t("string", "number")), "priority": NUM, "gw_priority": NUM,
})

COMPOSE_PORT = obj({
    "name": STR, "mode": STR, "host_ip": STR, "target": INT_S,
    "published": t("string", "integer"), "protocol": STR, "app_protocol": STR,
})

COMPOSE_MOUNT = obj({
    "type": enum("bind", "volume", "tmpfs", "cluster", "npipe", "image"),
    "source": STR, "target": STR, "read_only": BOOL_S, "consistency": STR,
    "bind": obj({
        "propagation": STR, "create_host_path": BOOL_S,
        "recursive": enum("enabled", "disabled", "writable", "readonly"),
        "selinux": enum("z", "Z"),
    }),
    "volume": obj({"labels": ref("list_or_dict"), "nocopy": BOOL_S, "subpath": STR}),
    "tmpfs": obj({"size": one_of(int_range(0), STR), "mode": NUM_S}),
    "image": obj({"subpath": STR}),
}, required=("type",))

SCALAR_OPTION = t("string", "number", "boolean")

COMPOSE_SERVICE: dict[str, Schema] = {
    "develop": ref("development"),
    "deploy": ref("deployment"),
    "annotations": ref("list_or_dict"),
    "attach": BOOL_S,
    "build": one_of(STR, COMPOSE_BUILD),
    "blkio_config": obj({
        "device_read_bps": arr(ref("blkio_limit")), "device_read_iops": arr(ref("blkio_limit")),
        "device_write_bps": arr(ref("blkio_limit")), "device_write_iops": arr(ref("blkio_limit")),
        "weight": INT_S, "weight_device": arr(ref("blkio_weight")),
    }, ext=False),
    "cap_add": arr(STR, unique=True),
    "cap_drop": arr(STR, unique=True),
    "cgroup": enum("host", "private"),
    "cgroup_parent": STR,
    "command": ref("command"),
    "configs": ref("service_config_or_secret"),
    # compose-go's pattern is unanchored: it only asks for two name characters somewhere
    "container_name": {
        "type": "string", "pattern": "[a-zA-Z0-9][a-zA-Z0-9_.-]+",
        "description": "a container name",
    },
    "cpu_count": one_of(STR, int_range(0)),
    "cpu_percent": one_of(STR, int_range(0, 100)),
    "cpu_shares": NUM_S, "cpu_quota": NUM_S, "cpu_period": NUM_S,
    "cpu_rt_period": NUM_S, "cpu_rt_runtime": NUM_S, "cpus": NUM_S,
    "cpuset": STR,
    "credential_spec": obj({"config": STR, "file": STR, "registry": STR}),
    "depends_on": COMPOSE_DEPENDS_ON,
    "device_cgroup_rules": ref("list_of_strings"),
    "devices": arr(one_of(STR, obj(
        {"source": STR, "target": STR, "permissions": STR}, required=("source",)))),
    "dns": ref("string_or_list"),
    "dns_opt": arr(STR, unique=True),
    "dns_search": ref("string_or_list"),
    "domainname": STR,
    "entrypoint": ref("command"),
    "env_file": ref("env_file"),
    "label_file": one_of(STR, arr(STR)),
    "environment": ref("list_or_dict"),
    "expose": arr(t("string", "number"), unique=True),
    "extends": one_of(STR, obj({"service": STR, "file": STR}, ext=False, required=("service",))),
    "provider": obj({
        "type": STR,
        "options": values_of(one_of(SCALAR_OPTION, arr(SCALAR_OPTION))),
    }, required=("type",)),
    "external_links": arr(STR, unique=True),
    "extra_hosts": ref("extra_hosts"),
    "gpus": ref("gpus"),
    "group_add": arr(t("string", "number"), unique=True),
    "healthcheck": ref("healthcheck"),
    "hostname": STR,
    "image": STR,
    "init": BOOL_S,
    "ipc": STR,
    "isolation": STR,
    "labels": ref("list_or_dict"),
    "links": arr(STR, unique=True),
    "logging": obj({"driver": STR, "options": values_of(t("string", "number", "null"))}),
    "mac_address": STR,
    "mem_limit": NUM_S, "mem_reservation": INT_S, "mem_swappiness": INT_S, "memswap_limit": NUM_S,
    "network_mode": STR,
    "models": one_of(ref("list_of_strings"), named(
        obj({"endpoint_var": STR, "model_var": STR}), closed=False)),
    "networks": one_of(ref("list_of_strings"), named(one_of(COMPOSE_SERVICE_NETWORK, NULL))),
    "oom_kill_disable": BOOL_S,
    "oom_score_adj": one_of(STR, int_range(-1000, 1000)),
    "pid": t("string", "null"),
    "pids_limit": NUM_S,
    "platform": STR,
    # compose-go's schema says "number"; a fractional port then fails its port parser,
    # so we refuse it here where the error can point at the value.
    "ports": arr(one_of(INT, STR, COMPOSE_PORT), unique=True),
    "post_start": arr(ref("service_hook")),
    "pre_stop": arr(ref("service_hook")),
    "privileged": BOOL_S,
    "profiles": ref("list_of_strings"),
    "pull_policy": {
        "type": "string",
        "pattern": "always|never|build|if_not_present|missing|refresh|daily|weekly"
        "|every_([0-9]+[wdhms])+",
        "description": "a pull policy (always, never, missing, build, daily, weekly, every_<d>)",
    },
    "pull_refresh_after": STR,
    "read_only": BOOL_S,
    "restart": STR,
    "runtime": STR,
    "scale": INT_S,
    "security_opt": arr(STR, unique=True),
    "shm_size": NUM_S,
    "secrets": ref("service_config_or_secret"),
    "sysctls": ref("list_or_dict"),
    "stdin_open": BOOL_S,
    "stop_grace_period": STR,
    "stop_signal": STR,
    "storage_opt": ANY_OBJECT,
    "tmpfs": ref("string_or_list"),
    "tty": BOOL_S,
    "ulimits": ref("ulimits"),
    "use_api_socket": BOOL,
    "user": STR,
    "uts": STR,
    "userns_mode": STR,
    "volumes": arr(one_of(STR, COMPOSE_MOUNT), unique=True),
    "volumes_from": arr(STR, unique=True),
    "working_dir": STR,
}

ROLLOUT = {  # update_config and rollback_config
    "parallelism": INT_S, "delay": STR, "failure_action": STR, "monitor": STR,
    "max_failure_ratio": NUM_S, "order": enum("start-first", "stop-first"),
}

DEVICE_REQUEST = {
    "capabilities": ref("list_of_strings"), "count": t("string", "integer"),
    "device_ids": ref("list_of_strings"), "driver": STR, "options": ref("list_or_dict"),
}

EXTERNAL = {"type": ["boolean", "string", "object"], "properties": {"name": STR}}

COMPOSE_DEFINITIONS: Schema = {
    "service": obj(COMPOSE_SERVICE),
    "healthcheck": obj({
        "disable": BOOL_S, "interval": STR, "retries": NUM_S,
        "test": one_of(STR, arr(STR)), "timeout": STR, "start_period": STR,
        "start_interval": STR,
    }),
    "development": obj({"watch": arr(obj({
        "ignore": ref("string_or_list"), "include": ref("string_or_list"), "path": STR,
        "action": enum("rebuild", "sync", "restart", "sync+restart", "sync+exec"),
        "target": STR, "exec": ref("service_hook"),
    }, required=("path", "action")))}, nullable=True),
    "deployment": obj({
        "mode": STR, "endpoint_mode": STR, "replicas": INT_S, "labels": ref("list_or_dict"),
        "rollback_config": obj(ROLLOUT), "update_config": obj(ROLLOUT),
        "resources": obj({
            "limits": obj({"cpus": NUM_S, "memory": STR, "pids": INT_S}),
            "reservations": obj({
                "cpus": NUM_S, "memory": STR,
                "generic_resources": ref("generic_resources"), "devices": ref("devices"),
            }),
        }),
        "restart_policy": obj({
            "condition": STR, "delay": STR, "max_attempts": INT_S, "window": STR,
        }),
        "placement": obj({
            "constraints": arr(STR), "preferences": arr(obj({"spread": STR})),
            "max_replicas_per_node": INT_S,
        }),
    }, nullable=True),
    "generic_resources": arr(obj({
        "discrete_resource_spec": obj({"kind": STR, "value": NUM_S}),
    })),
    # compose-go asks for `capabilities` or `driver`; both together is the documented
    # GPU example, so either one is enough here.
    "devices": arr({
        **obj(DEVICE_REQUEST), "anyOf": [{"required": ["capabilities"]}, {"required": ["driver"]}],
    }),
    # compose-go's `additionalProperties` sits beside `items`, so GPU entries stay open
    "gpus": one_of(enum("all"), arr(obj(DEVICE_REQUEST, closed=False, ext=False))),
    "include": one_of(STR, obj({
        "path": ref("string_or_list"), "env_file": ref("string_or_list"),
        "project_directory": STR,
    }, ext=False)),
    "network": obj({
        "name": STR, "driver": STR, "driver_opts": values_of(t("string", "number")),
        "ipam": obj({
            "driver": STR,
            "config": arr(obj({
                "subnet": STR, "ip_range": STR, "gateway": STR,
                "aux_addresses": values_of(STR, closed=True),
            })),
            "options": values_of(STR, closed=True),
        }),
        "external": {**EXTERNAL, "additionalProperties": False, "patternProperties": dict(EXT)},
        "internal": BOOL_S, "enable_ipv4": BOOL_S, "enable_ipv6": BOOL_S, "attachable": BOOL_S,
        "labels": ref("list_or_dict"),
    }, nullable=True),
    "volume": obj({
        "name": STR, "driver": STR, "driver_opts": values_of(t("string", "number")),
        "external": {**EXTERNAL, "additionalProperties": False, "patternProperties": dict(EXT)},
        "labels": ref("list_or_dict"),
    }, nullable=True),
    "secret": obj({
        "name": STR, "environment": STR, "file": STR, "external": EXTERNAL,
        "labels": ref("list_or_dict"), "driver": STR,
        "driver_opts": values_of(t("string", "number")), "template_driver": STR,
    }),
    "config": obj({
        "name": STR, "content": STR, "environment": STR, "file": STR, "external": EXTERNAL,
        "labels": ref("list_or_dict"), "template_driver": STR,
    }),
    "model": obj({
        "name": STR, "model": STR, "context_size": INT, "runtime_flags": arr(STR),
    }, required=("model",)),
    "command": one_of(NULL, STR, arr(STR)),
    "service_hook": obj({
        "command": ref("command"), "user": STR, "privileged": BOOL_S, "working_dir": STR,
        "environment": ref("list_or_dict"),
    }, required=("command",)),
    "env_file": one_of(STR, arr(one_of(STR, obj(
        {"path": STR, "format": STR, "required": BOOL_S}, ext=False, required=("path",))))),
    "string_or_list": one_of(STR, ref("list_of_strings")),
    "list_of_strings": arr(STR, unique=True),
    "list_or_dict": one_of(
        {"type": "object", "patternProperties": {".+": t("string", "number", "boolean", "null")},
         "additionalProperties": False},
        arr(STR, unique=True),
    ),
    "extra_hosts": one_of(
        {"type": "object", "patternProperties": {".+": one_of(STR, arr(STR))},
         "additionalProperties": False},
        arr(STR, unique=True),
    ),
    "blkio_limit": obj({"path": STR, "rate": INT_S}, ext=False),
    "blkio_weight": obj({"path": STR, "weight": INT_S}, ext=False),
    "service_config_or_secret": arr(one_of(STR, obj({
        "source": STR, "target": STR, "uid": STR, "gid": STR, "mode": NUM_S,
    }))),
    "ulimits": {"type": "object", "patternProperties": {"^[a-z]+$": one_of(
        INT_S, obj({"hard": INT_S, "soft": INT_S}, required=("soft", "hard")),
    )}},
}


def compose_schema() -> Schema:
    return document(
        "Compose file (orchconv)",
        {
            "version": STR,  # obsolete, still accepted
            "name": STR,
            "include": arr(ref("include")),
            "services": named(ref("service")),
            "models": named(ref("model"), closed=False),
            "networks": named(ref("network"), closed=False),
            "volumes": named(ref("volume")),
            "secrets": named(ref("secret")),
            "configs": named(ref("config")),
        },
        COMPOSE_DEFINITIONS,
    )


# --- docker/cli stack files, schema versions 3.0 ... 3.13 ------------------

STACK_VERSIONS = tuple(f"3.{minor}" for minor in range(14))

# A shape may depend on the version; a gated table maps key -> (first version, shape).
Shape = Schema | Callable[[Version], Schema]
Gated = dict[str, tuple[str, Shape]]


def parse_version(text: str) -> Version:
    major, minor = text.split(".")
    return int(major), int(minor)


def pick(table: Gated, version: Version) -> dict[str, Schema]:
    """The properties of `table` that `version` admits, their shapes resolved for it."""
    return {
        key: shape(version) if callable(shape) else shape
        for key, (since, shape) in table.items()
        if parse_version(since) <= version
    }


def is_at_least(since: str) -> Callable[[Version], bool]:
    return lambda version: parse_version(since) <= version


# docker/cli checks `format: duration` with Go's time.ParseDuration
GO_DURATION = {
    "type": "string",
    "pattern": r"^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$",
    "description": "a duration such as 10s or 1m30s",
}
S_LIST_OR_DICT = one_of(
    {"type": "object", "patternProperties": {".+": t("string", "number", "null")},
     "additionalProperties": False},
    arr(STR, unique=True),
)
S_STRING_OR_LIST = one_of(STR, arr(STR, unique=True))
S_COMMAND = one_of(STR, arr(STR))
S_DRIVER_OPTS = values_of(t("string", "number"))
S_FILE_GRANT = arr(one_of(STR, obj(  # service-level secrets and configs; entries stay open
    {"source": STR, "target": STR, "uid": STR, "gid": STR, "mode": NUM}, closed=False, ext=False)))
S_EXTERNAL_CLOSED = obj({"name": STR}, ext=False) | {"type": ["boolean", "object"]}
S_EXTERNAL_OPEN = obj({"name": STR}, closed=False, ext=False) | {"type": ["boolean", "object"]}


def s_build(version: Version) -> Schema:
    props = pick({
        "context": ("3.0", STR), "dockerfile": ("3.0", STR), "args": ("3.0", S_LIST_OR_DICT),
        "cache_from": ("3.2", arr(STR, unique=True)), "labels": ("3.3", S_LIST_OR_DICT),
        "network": ("3.4", STR), "target": ("3.4", STR), "shm_size": ("3.5", INT_S),
        "extra_hosts": ("3.9", S_LIST_OR_DICT),
    }, version)
    # 3.11 stopped checking `build`: swarm ignores it, so any compose-spec key may appear
    return one_of(STR, obj(props, closed=version < (3, 11), ext=False))


def s_ports(version: Version) -> Schema:
    if version < (3, 2):
        return arr(t("string", "number"), unique=True)
    long_form = obj({"mode": STR, "target": INT, "published": INT, "protocol": STR}, ext=False)
    return arr(one_of(NUM, STR, long_form), unique=True)


def s_volumes(version: Version) -> Schema:
    if version < (3, 2):
        return arr(STR, unique=True)
    props = pick({
        "type": ("3.2", STR), "source": ("3.2", STR), "target": ("3.2", STR),
        "read_only": ("3.2", BOOL), "consistency": ("3.2", STR),
        "bind": ("3.2", obj({"propagation": STR}, closed=False, ext=False)),
        "volume": ("3.2", obj({"nocopy": BOOL}, closed=False, ext=False)),
        "tmpfs": ("3.6", obj({"size": int_range(0)}, closed=False, ext=False)),
    }, version)
    # docker/cli put `uniqueItems` inside `items` from 3.2 on, where it checks nothing;
    # its 3.4 file also forgot to close the long form.
    return arr(one_of(STR, obj(props, closed=version != (3, 4), ext=False, required=("type",))))


def s_service_networks(version: Version) -> Schema:
    attachment = obj(pick({
        "aliases": ("3.0", arr(STR, unique=True)), "ipv4_address": ("3.0", STR),
        "ipv6_address": ("3.0", STR), "driver_opts": ("3.13", S_DRIVER_OPTS),
    }, version), ext=False)
    return one_of(arr(STR, unique=True), named(one_of(attachment, NULL)))


def s_healthcheck(version: Version) -> Schema:
    duration = GO_DURATION if version >= (3, 4) else STR
    return obj(pick({
        "disable": ("3.0", BOOL), "interval": ("3.0", duration), "retries": ("3.0", NUM),
        "test": ("3.0", S_COMMAND), "timeout": ("3.0", duration),
        "start_period": ("3.4", GO_DURATION), "start_interval": ("3.12", GO_DURATION),
    }, version), ext=False)


def s_rollout(version: Version) -> Schema:
    return obj(pick({
        "parallelism": ("3.0", INT), "delay": ("3.0", GO_DURATION), "failure_action": ("3.0", STR),
        "monitor": ("3.0", GO_DURATION), "max_failure_ratio": ("3.0", NUM),
        "order": ("3.4", enum("start-first", "stop-first")),
    }, version), ext=False)


def s_resources(version: Version) -> Schema:
    # docker/cli's resources.*.cpus is a string in every 3.x file (a YAML number fails)
    if version < (3, 5):
        both = obj({"cpus": STR, "memory": STR}, ext=False)
        return obj({"limits": both, "reservations": both}, ext=False)
    generic = arr(obj({"discrete_resource_spec": obj({"kind": STR, "value": NUM}, ext=False)},
                      ext=False))
    return obj({
        "limits": obj(pick({"cpus": ("3.5", STR), "memory": ("3.5", STR), "pids": ("3.9", INT)},
                           version), ext=False),
        "reservations": obj({"cpus": STR, "memory": STR, "generic_resources": generic}, ext=False),
    }, ext=False)


def s_deploy(version: Version) -> Schema:
    placement = obj(pick({
        "constraints": ("3.0", arr(STR)),
        "preferences": ("3.3", arr(obj({"spread": STR}, ext=False))),
        "max_replicas_per_node": ("3.8", INT),
    }, version), ext=False)
    restart_policy = obj({
        "condition": STR, "delay": GO_DURATION, "max_attempts": INT, "window": GO_DURATION,
    }, ext=False)
    return obj(pick({
        "mode": ("3.0", STR), "endpoint_mode": ("3.2", STR), "replicas": ("3.0", INT),
        "labels": ("3.0", S_LIST_OR_DICT), "rollback_config": ("3.7", s_rollout),
        "update_config": ("3.0", s_rollout), "resources": ("3.0", s_resources),
        "restart_policy": ("3.0", restart_policy), "placement": ("3.0", placement),
    }, version), ext=False, nullable=True)


def s_credential_spec(version: Version) -> Schema:
    props = pick({"config": ("3.8", STR), "file": ("3.3", STR), "registry": ("3.3", STR)}, version)
    # the 3.4 and 3.7 files leave credential_spec open
    return obj(props, closed=version not in {(3, 4), (3, 7)}, ext=False)


STACK_SERVICE: Gated = {
    "deploy": ("3.0", s_deploy),
    "build": ("3.0", s_build),
    "cap_add": ("3.0", arr(STR, unique=True)),
    "cap_drop": ("3.0", arr(STR, unique=True)),
    "cgroupns_mode": ("3.9", STR),
    "cgroup_parent": ("3.0", STR),
    "command": ("3.0", S_COMMAND),
    "configs": ("3.3", S_FILE_GRANT),
    "container_name": ("3.0", STR),
    "credential_spec": ("3.3", s_credential_spec),
    "depends_on": ("3.0", arr(STR, unique=True)),
    "devices": ("3.0", arr(STR, unique=True)),
    "dns": ("3.0", S_STRING_OR_LIST),
    "dns_search": ("3.0", S_STRING_OR_LIST),
    "domainname": ("3.0", STR),
    "entrypoint": ("3.0", S_COMMAND),
    "env_file": ("3.0", S_STRING_OR_LIST),
    "environment": ("3.0", S_LIST_OR_DICT),
    "expose": ("3.0", arr(t("string", "number"), unique=True)),
    "external_links": ("3.0", arr(STR, unique=True)),
    "extra_hosts": ("3.0", S_LIST_OR_DICT),
    "healthcheck": ("3.0", s_healthcheck),
    "hostname": ("3.0", STR),
    "image": ("3.0", STR),
    "init": ("3.7", BOOL),
    "ipc": ("3.0", STR),
    "isolation": ("3.5", STR),
    "labels": ("3.0", S_LIST_OR_DICT),
    "links": ("3.0", arr(STR, unique=True)),
    "logging": ("3.0", obj({"driver": STR, "options": values_of(t("string", "number", "null"))},
                           ext=False)),
    "mac_address": ("3.0", STR),
    "network_mode": ("3.0", STR),
    "networks": ("3.0", s_service_networks),
    "oom_score_adj": ("3.13", INT),
    "pid": ("3.0", t("string", "null")),
    "ports": ("3.0", s_ports),
    "privileged": ("3.0", BOOL),
    "read_only": ("3.0", BOOL),
    "restart": ("3.0", STR),
    "secrets": ("3.1", S_FILE_GRANT),
    "security_opt": ("3.0", arr(STR, unique=True)),
    "shm_size": ("3.0", t("number", "string")),
    "sysctls": ("3.0", S_LIST_OR_DICT),
    "stdin_open": ("3.0", BOOL),
    "stop_grace_period": ("3.0", GO_DURATION),
    "stop_signal": ("3.0", STR),
    "tmpfs": ("3.0", S_STRING_OR_LIST),
    "tty": ("3.0", BOOL),
    "ulimits": ("3.0", {"type": "object", "patternProperties": {"^[a-z]+$": one_of(
        INT, obj({"hard": INT, "soft": INT}, ext=False, required=("soft", "hard")))}}),
    "user": ("3.0", STR),
    "userns_mode": ("3.0", STR),
    "volumes": ("3.0", s_volumes),
    "working_dir": ("3.0", STR),
}

CLUSTER_SEGMENTS = arr(obj({"segments": S_LIST_OR_DICT}, closed=False, ext=False))
CLUSTER_SPEC = obj({  # swarm cluster (CSI) volumes; docker/cli leaves every level open
    "group": STR,
    "access_mode": obj({
        "scope": STR, "sharing": STR, "block_volume": ANY_OBJECT,
        "mount_volume": obj({"fs_type": STR, "mount_flags": arr(STR)}, closed=False, ext=False),
    }, closed=False, ext=False),
    "accessibility_requirements": obj(
        {"requisite": CLUSTER_SEGMENTS, "preferred": CLUSTER_SEGMENTS}, closed=False, ext=False),
    "capacity_range": obj({"required_bytes": STR, "limit_bytes": STR}, closed=False, ext=False),
    "availability": STR,
}, closed=False, ext=False)

STACK_NETWORK: Gated = {
    "name": ("3.5", STR), "driver": ("3.0", STR), "driver_opts": ("3.0", S_DRIVER_OPTS),
    "ipam": ("3.0", obj({"driver": STR, "config": arr(obj({"subnet": STR}, ext=False))},
                        ext=False)),
    "external": ("3.0", S_EXTERNAL_CLOSED), "internal": ("3.0", BOOL),
    "attachable": ("3.2", BOOL), "labels": ("3.0", S_LIST_OR_DICT),
}
STACK_VOLUME: Gated = {
    "name": ("3.4", STR), "driver": ("3.0", STR), "driver_opts": ("3.0", S_DRIVER_OPTS),
    "external": ("3.0", S_EXTERNAL_CLOSED), "labels": ("3.0", S_LIST_OR_DICT),
    "x-cluster-spec": ("3.10", CLUSTER_SPEC),
}
STACK_SECRET: Gated = {
    "name": ("3.5", STR), "file": ("3.0", STR), "external": ("3.0", S_EXTERNAL_OPEN),
    "labels": ("3.0", S_LIST_OR_DICT), "driver": ("3.8", STR),
    "driver_opts": ("3.8", S_DRIVER_OPTS), "template_driver": ("3.7", STR),
}
STACK_CONFIG: Gated = {
    "name": ("3.5", STR), "file": ("3.0", STR), "external": ("3.0", S_EXTERNAL_OPEN),
    "labels": ("3.0", S_LIST_OR_DICT), "template_driver": ("3.7", STR),
}

# Where `x-*` keys are allowed: the file root from 3.4, the resources from 3.7.
# docker/cli's 3.4 file also opens services, which its 3.5 and 3.6 files close again.
stack_root_ext = is_at_least("3.4")
stack_resource_ext = is_at_least("3.7")


def stack_service_ext(version: Version) -> bool:
    return version == (3, 4) or stack_resource_ext(version)


STACK_TOP: Gated = {
    "version": ("3.0", STR),
    "services": ("3.0", named(ref("service"))),
    "networks": ("3.0", named(ref("network"), closed=False)),
    "volumes": ("3.0", named(ref("volume"))),
    "secrets": ("3.1", named(ref("secret"))),
    "configs": ("3.3", named(ref("config"))),
}


def stack_schema(version_text: str) -> Schema:
    version = parse_version(version_text)
    resource_ext = stack_resource_ext(version)
    definitions: Schema = {
        "service": obj(pick(STACK_SERVICE, version), ext=stack_service_ext(version)),
        "network": obj(pick(STACK_NETWORK, version), ext=resource_ext, nullable=True),
        "volume": obj(pick(STACK_VOLUME, version), ext=resource_ext, nullable=True),
    }
    if version >= (3, 1):
        definitions["secret"] = obj(pick(STACK_SECRET, version), ext=resource_ext)
    if version >= (3, 3):
        definitions["config"] = obj(pick(STACK_CONFIG, version), ext=resource_ext)
    top = pick(STACK_TOP, version)
    # 3.10 made `version` optional (absent means the newest 3.x)
    extra: Schema = {"required": ["version"]} if version < (3, 10) else {}
    schema = document(f"Docker stack file, schema {version_text} (orchconv)", top, definitions,
                      **extra)
    if not stack_root_ext(version):
        del schema["patternProperties"]
    return schema


# --- editor metadata: $id and a description on every key --------------------


def described(schema: Schema, file_name: str) -> Schema:
    """A copy of `schema` with its `$id` and every property's description.

    Descriptions come from scripts/schema_descriptions.py, by the key's place
    (see there); a key without one stops the generator.  A description already
    in the schema stays: it names what a pattern accepts in error messages.
    """
    copy: Schema = json.loads(json.dumps(schema))  # shapes are shared between places
    missing: list[str] = []
    for name, definition in copy.get("definitions", {}).items():
        _describe(definition, name, missing)
    _describe({k: v for k, v in copy.items() if k != "definitions"}, "", missing)
    if missing:
        raise SystemExit(f"{file_name}: no description for " + ", ".join(sorted(set(missing)))
                         + " (add them to scripts/schema_descriptions.py)")
    return {"$id": SCHEMA_URL + file_name, **copy}


def _describe(node: Any, path: str, missing: list[str]) -> None:
    """Describe the properties below `node`, at `path`; `$ref`s are described at their target."""
    if not isinstance(node, dict) or "$ref" in node:
        return
    for key, sub in node.get("properties", {}).items():
        here = f"{path}.{key}" if path else key
        text = description(here)
        if text is None:
            missing.append(here)
        elif isinstance(sub, dict):
            sub.setdefault("description", text)
        _describe(sub, here, missing)
    for sub in node.get("patternProperties", {}).values():  # user-chosen names add nothing
        _describe(sub, path, missing)
    for keyword in ("oneOf", "anyOf"):
        for sub in node.get(keyword, []):
            _describe(sub, path, missing)
    _describe(node.get("items"), path, missing)


# --- writing and checking --------------------------------------------------


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# What the compiled module imports, and what it gets instead: at start-up, `decimal`
# and fastjsonschema cost more than validating a small file.
_LAZY_IMPORTS = {
    "from decimal import Decimal\n": (
        "import sys\n\n\n"
        "class _DecimalType(type):\n"
        "    # YAML never yields a Decimal: one exists only once `decimal` is imported\n"
        "    def __instancecheck__(cls, value):\n"
        "        decimal = sys.modules.get(\"decimal\")\n"
        "        return decimal is not None and isinstance(value, decimal.Decimal)\n\n\n"
        "class Decimal(metaclass=_DecimalType):\n"
        "    pass\n\n\n"
    ),
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n": (
        "\n\nclass JsonSchemaValueException(ValueError):\n"
        "    \"\"\"The document breaks the schema (a ValueError, as fastjsonschema's).\"\"\"\n\n\n"
        "JsonSchemaValuesException = JsonSchemaValueException\n"
    ),
}


def compiled_compose(schema: Schema) -> str:
    from orchconv.schemas import fast_validator_code  # the runtime uses the same code path

    code = fast_validator_code(schema)
    for line, replacement in _LAZY_IMPORTS.items():
        if line not in code:
            raise SystemExit(f"fastjsonschema's code no longer has {line.strip()!r}")
        code = code.replace(line, replacement, 1)
    header = (
        "# Generated by scripts/gen_schemas.py from compose.schema.json; do not edit.\n"
        "# mypy: ignore-errors\n"
        "# ruff: noqa\n"
        "# fmt: off\n"
    )
    return header + code.rstrip("\n") + "\n"


def expected_files() -> dict[str, str]:
    compose = described(compose_schema(), "compose.schema.json")
    files = {"compose.schema.json": render(compose), COMPILED_COMPOSE: compiled_compose(compose)}
    for version in STACK_VERSIONS:
        name = f"stack-{version}.schema.json"
        files[name] = render(described(stack_schema(version), name))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is stale")
    args = parser.parse_args(argv)
    stale = []
    for name, text in expected_files().items():
        path = SCHEMA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale schema files (run scripts/gen_schemas.py):", ", ".join(stale),
              file=sys.stderr)
        return 1
    for name in stale:
        print(f"wrote {SCHEMA_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
