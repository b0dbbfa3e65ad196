"""Container settings swarm carries as written: command, user, labels, ulimits...

`extra_hosts` is written as "host:ip": docker/cli splits each entry at its
first colon and silently skips entries without one, such as the Compose
loader's canonical "host=ip".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.ir.service import Service, Ulimit
from orchconv.translate.swarm.emit.context import Data, StackContext, carry_extras

_LISTS = ("cap_add", "cap_drop", "dns", "dns_search")
_SCALARS = ("hostname", "user", "working_dir", "stop_grace_period", "stop_signal")
_FLAGS = ("read_only", "stdin_open", "tty")
_MAPPINGS = ("labels", "sysctls")

HANDLES = frozenset({
    *_LISTS, *_SCALARS, *_FLAGS, *_MAPPINGS,
    "command", "entrypoint", "extra_hosts", "init", "logging", "ulimits",
})


def host_entries(extra_hosts: Any) -> list[str]:
    """extra_hosts (a list of "host=ip"/"host:ip", or a mapping) as "host:ip" entries."""
    entries: list[str] = []
    if isinstance(extra_hosts, Mapping):
        for host, addresses in extra_hosts.items():
            listed = addresses if isinstance(addresses, list) else [addresses]
            entries.extend(f"{host}:{address}" for address in listed)
    elif isinstance(extra_hosts, list):
        for entry in extra_hosts:
            host, equals, address = str(entry).partition("=")
            entries.append(f"{host}:{address}" if equals else str(entry))
    return entries


def _ulimit(limit: Ulimit | int) -> int | Data:
    if isinstance(limit, int):
        return limit
    return carry_extras(limit.extras, {"soft": limit.soft, "hard": limit.hard})


def emit_container(service: Service, out: Data, ctx: StackContext) -> None:
    for key in _LISTS:
        if getattr(service, key):
            out[key] = list(getattr(service, key))
    for key in _SCALARS:
        if getattr(service, key) is not None:
            out[key] = getattr(service, key)
    for key in _FLAGS:
        if getattr(service, key):
            out[key] = True
    for key in _MAPPINGS:
        mapping: Mapping[str, str] = getattr(service, key)
        if mapping:
            out[key] = dict(sorted(mapping.items()))
    for key in ("command", "entrypoint"):
        if getattr(service, key) is not None:
            out[key] = list(getattr(service, key))
    if service.init is not None:
        out["init"] = service.init
    if service.extra_hosts:
        out["extra_hosts"] = host_entries(service.extra_hosts)
    if service.logging is not None:
        logging: Data = {}
        if service.logging.driver is not None:
            logging["driver"] = service.logging.driver
        if service.logging.options:
            logging["options"] = dict(sorted(service.logging.options.items()))
        out["logging"] = carry_extras(service.logging.extras, logging)
    if service.ulimits:
        out["ulimits"] = {name: _ulimit(service.ulimits[name]) for name in sorted(service.ulimits)}
