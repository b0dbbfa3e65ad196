"""One service -> its stack-file mapping, one family of keys per step.

Each step module says which IR keys it handles (`HANDLES`), which the service's
key ledger (orchconv/translate/ledger.py) takes as done; a typed field no step
handles is reported as a loss rather than dropped, so a field added to the IR
later cannot vanish silently.
"""

from __future__ import annotations

from collections.abc import Callable

from orchconv.ir.service import Service
from orchconv.translate.ledger import written_keys
from orchconv.translate.swarm.emit import (
    compose_only,
    container,
    depends,
    deploy,
    environment,
    files,
    forbidden,
    healthcheck,
    image,
    networks,
    ports,
    restart,
    tmpfs,
    unsupported,
    volumes,
)
from orchconv.translate.swarm.emit.context import Data, ServiceKeys, StackContext
from orchconv.translate.swarm.emit.extras import emit_extras

Step = Callable[[Service, Data, StackContext], None]

# Order matters where steps share a key: tmpfs mounts join `volumes`, and
# restart, forbidden and compose_only fill in `deploy` after deploy.py wrote it.
STEPS: tuple[Step, ...] = (
    image.emit_image,
    container.emit_container,
    environment.emit_environment,
    healthcheck.emit_healthcheck,
    ports.emit_ports,
    volumes.emit_volumes,
    tmpfs.emit_tmpfs,
    files.emit_file_refs,
    deploy.emit_deploy,
    restart.emit_restart,
    forbidden.emit_forbidden,
    compose_only.emit_compose_only,
    depends.emit_depends_on,
    networks.emit_networks,
    unsupported.emit_unsupported,
)

HANDLED: frozenset[str] = frozenset().union(*(
    module.HANDLES for module in (
        image, container, environment, healthcheck, ports, volumes, tmpfs, files, deploy,
        restart, forbidden, compose_only, depends, networks, unsupported,
    )
))


def service_data(service: Service, ctx: StackContext) -> Data:
    out: Data = {}
    for step in STEPS:
        step(service, out, ctx)
    keys = ServiceKeys(service, ctx)
    keys.done(*HANDLED)
    emit_extras(service, out, keys)
    for key in keys.open_keys(written_keys(service)):
        keys.lose(key, "orchconv does not carry this key to swarm")
    if "deploy" in out:  # several steps add to it; print it in one order
        out["deploy"] = _sorted_mappings(out["deploy"])
    return {key: out[key] for key in sorted(out)}


def _sorted_mappings(data: Data) -> Data:
    return {k: _sorted_mappings(v) if isinstance(v, dict) else v for k, v in sorted(data.items())}
