"""`ports`: published ports of the routing mesh (ingress) or of each node (host).

Long syntax from stack file version 3.2, with `published` an integer: a
published range ("8000-8005" for one target) keeps its first port, since
swarm publishes fixed ports.  Swarm listens on every address, so `host_ip`
is lost; `name` and `app_protocol` have no stack-file form.  Before 3.2
only the short "published:target/protocol" form exists, which cannot say
`mode: host`.
"""

from __future__ import annotations

from orchconv.ir.service import Port, Service
from orchconv.translate.swarm.emit.context import Data, StackContext, carry_extras

HANDLES = frozenset({"ports"})

_ANY_ADDRESS = ("0.0.0.0", "::", "")


def _published(port: Port, path: str, ctx: StackContext) -> int | None:
    text = port.published
    if text is None:
        return None
    first, dash, _ = text.partition("-")
    if not first.isdigit():
        ctx.lose(port.loc, f"{path}.published", f"{text!r} is not a port number")
        return None
    if dash:
        ctx.lose(port.loc, f"{path}.published",
                 f"swarm publishes fixed ports, not a range: published {first} of {text}")
    return int(first)


def _lose_unsupported(port: Port, path: str, ctx: StackContext) -> None:
    if port.host_ip is not None and port.host_ip not in _ANY_ADDRESS:
        ctx.lose(port.loc, f"{path}.host_ip",
                 f"swarm publishes on every address of a node, not only {port.host_ip}")
    if port.name is not None:
        ctx.lose(port.loc, f"{path}.name", "stack files cannot name ports")
    if port.app_protocol is not None:
        ctx.lose(port.loc, f"{path}.app_protocol", "stack files have no application protocol")


def long_port(port: Port, path: str, ctx: StackContext) -> Data:
    out: Data = {}
    if port.mode is not None:
        out["mode"] = port.mode
    out["target"] = port.target
    published = _published(port, path, ctx)
    if published is not None:
        out["published"] = published
    if port.protocol is not None:
        out["protocol"] = port.protocol
    return carry_extras(port.extras, out)


def short_port(port: Port, path: str, ctx: StackContext) -> str:
    if port.mode == "host":
        ctx.lose(port.loc, f"{path}.mode", "host mode needs stack file version 3.2 or later")
    for key, extra in port.extras.items():
        ctx.lose(extra.loc, f"{path}.{key}", "the short port syntax has no such key")
    published = _published(port, path, ctx)
    text = f"{published}:{port.target}" if published is not None else str(port.target)
    return f"{text}/{port.protocol}" if port.protocol not in (None, "tcp") else text


def emit_ports(service: Service, out: Data, ctx: StackContext) -> None:
    entries: list[Data | str] = []
    for index, port in enumerate(service.ports):
        path = f"services.{service.name}.ports[{index}]"
        _lose_unsupported(port, path, ctx)
        entry = long_port(port, path, ctx) if ctx.long_syntax else short_port(port, path, ctx)
        if entry in entries:  # stack schemas want unique entries; host_ip made them equal
            continue
        entries.append(entry)
    if entries:
        out["ports"] = entries
