"""Ports: go-connections/nat ParsePortSpec, then compose-go's ParsePortConfig."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, loc_of
from orchconv.translate.compose.syntax.located import container_loc, copy_tree, put, type_name
from orchconv.translate.compose.syntax.scalars import to_int

_PROTOCOLS = frozenset({"tcp", "udp", "sctp"})
_MAX_PORT = 65535


def _split_port_parts(raw: str) -> tuple[str, str, str]:
    """(host ip, published, target): an unbracketed IPv6 ip keeps its colons."""
    parts = raw.split(":")
    if len(parts) == 1:
        return "", "", parts[0]
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return ":".join(parts[:-2]), parts[-2], parts[-1]


def _split_protocol(raw: str) -> tuple[str, str]:
    """("tcp", "80") from "80", ("udp", "80") from "80/udp"."""
    parts = raw.split("/")
    if not raw or not parts[0]:
        return "", ""
    if len(parts) == 1 or not parts[1]:
        return "tcp", parts[0]
    return parts[1], parts[0]


def _port_number(text: str) -> int | None:
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number <= _MAX_PORT else None


def _port_range(text: str) -> tuple[int, int] | None:
    """"8000-8005" or "80"; like nat.ParsePortRange, a third "-part" is ignored."""
    if "-" not in text:
        number = _port_number(text)
        return None if number is None else (number, number)
    parts = text.split("-")
    start, end = _port_number(parts[0]), _port_number(parts[1])
    if start is None or end is None or end < start:
        return None
    return start, end


def _host_ip(raw: str, spec: str, loc: Loc | None) -> str:
    ip = raw
    if ip.startswith("["):
        if ip.find("]") != len(ip) - 1 or "[" in ip[1:]:
            raise InputError(f"invalid IP address {raw} in port {spec!r}", loc)
        ip = ip[1:-1]
    if ip:
        import ipaddress  # only ports with a host IP need it

        try:
            if "%" in ip:  # Go's ParseIP refuses zones
                raise ValueError(ip)
            ipaddress.ip_address(ip)
        except ValueError:
            raise InputError(f"invalid IP address: {ip} in port {spec!r}", loc) from None
    return ip


def parse_ports(spec: str | int, loc: Loc | None) -> list[dict[str, Any]]:
    """One short-syntax port entry as the long-form entries it stands for.

    "8888-8890:8888-8890" gives three entries.  Entries are ordered by the
    string "<target>/<protocol>", as compose-go sorts them, so "998-1001"
    yields 1000, 1001, 998, 999.
    """
    if isinstance(spec, bool) or not isinstance(spec, str | int):
        raise InputError(f"a port must be a string, a number or a mapping, not "
                         f"{type_name(spec)}", loc)
    raw = str(spec)
    ip_text, published_text, target_text = _split_port_parts(raw)
    protocol, target_text = _split_protocol(target_text)
    host_ip = _host_ip(ip_text, raw, loc)
    if not target_text:
        raise InputError(f"no port specified: {raw}<empty>", loc)
    targets = _port_range(target_text)
    if targets is None:
        raise InputError(f"invalid containerPort: {target_text} in port {raw!r}", loc)
    published_range = (0, 0)
    if published_text:
        parsed = _port_range(published_text)
        if parsed is None:
            raise InputError(f"invalid hostPort: {published_text} in port {raw!r}", loc)
        published_range = parsed
    start, end = targets
    first_published, last_published = published_range
    if published_text and end - start != last_published - first_published and end != start:
        raise InputError(
            f"invalid ranges specified for container and host Ports: {target_text} and "
            f"{published_text}", loc)
    protocol = protocol.lower()
    if protocol not in _PROTOCOLS:
        raise InputError(f"invalid proto: {protocol} in port {raw!r}", loc)
    keyed: list[tuple[str, dict[str, Any]]] = []
    for offset in range(end - start + 1):
        entry: dict[str, Any] = {"mode": "ingress"}
        if host_ip:
            entry["host_ip"] = host_ip
        entry["target"] = start + offset
        if published_text:
            published = str(first_published + offset)
            if start == end and first_published != last_published:
                published = f"{published}-{last_published}"  # a range to pick one port from
            entry["published"] = published
        entry["protocol"] = protocol
        keyed.append((f"{start + offset}/{protocol}", entry))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _, entry in keyed]


def port_mapping(value: Mapping[str, Any], loc: Loc | None) -> YMap:
    """A long-form port: target as an int, published as a string, tcp/ingress defaults."""
    result: YMap = copy_tree(value, loc)
    if "target" not in result:
        raise InputError("a port mapping needs a target port", container_loc(value, loc))
    target_loc = loc_of(result, "target")
    target = to_int(result["target"], target_loc, "ports.target")
    if not 0 <= target <= 0xFFFFFFFF:
        raise InputError(f"ports.target {target} is out of range", target_loc)
    result["target"] = target
    published = result.get("published")
    if published is not None:
        if isinstance(published, bool) or not isinstance(published, str | int):
            raise InputError("ports.published must be a string or a number",
                             loc_of(result, "published"))
        result["published"] = str(published)
    for key, default in (("protocol", "tcp"), ("mode", "ingress")):
        if key not in result:
            put(result, key, default)
    return result
