"""Give each deployed project fixed subnets of its own.

A case that names subnets (ipam config, a service's ipv4_address/ipv6_address)
cannot be deployed twice in a row with the same ones: after a stack's teardown
the node keeps the overlay network's sandbox for ~16 s, sometimes for good, and
the next network with that subnet then fails now and then ("Invalid address ...:
It does not belong to any of this network's subnets").  So before a project is
emitted, its subnets move to blocks no other round trip (of this run, of another
xdist worker, of an earlier run on this machine) has had: the next free blocks of
a test pool, handed out by a cursor kept in a file under a lock.  Every address
inside a moved subnet (gateway, ip_range, aux addresses, service addresses) keeps
its offset, so the emitted file and the project the read-back is compared with
agree.  Prefix lengths and families are kept.
"""

from __future__ import annotations

import dataclasses
import fcntl
import ipaddress
import json
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from orchconv.ir.project import Project

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Outside every pool Docker picks from on its own (local: 172.17-31/16, 192.168/20 or the
# configured 10.200/16; swarm: 10/8) and outside what the goldens name, so a moved subnet
# can clash neither with an engine-picked one nor with an unmoved case.
POOLS: dict[int, IPNetwork] = {
    4: ipaddress.IPv4Network("100.64.0.0/10"),  # RFC 6598 shared space, unused on test hosts
    6: ipaddress.IPv6Network("2001:db8:ff00::/40"),  # documentation prefix (RFC 3849)
}
LOCK = Path("/tmp/orchconv-test-subnets.lock")
CURSOR = Path("/tmp/orchconv-test-subnets.next")  # {"4": next offset, "6": next offset}


@dataclasses.dataclass(frozen=True)
class Translation:
    """Old subnet -> new subnet, same prefix length and family."""

    moves: tuple[tuple[IPNetwork, IPNetwork], ...] = ()

    def _move(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address
              ) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        for old, new in sorted(self.moves, key=lambda m: -m[0].prefixlen):  # most specific
            if address.version == old.version and address in old:
                return new.network_address + (int(address) - int(old.network_address))
        return None

    def address(self, text: str) -> str:
        """`text` moved along with its subnet; unchanged when no moved subnet holds it."""
        try:
            moved = self._move(ipaddress.ip_address(text))
        except ValueError:
            return text
        return text if moved is None else str(moved)

    def network(self, text: str) -> str:
        """A subnet or range (`a.b.c.d/n`) moved with the subnet holding it."""
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            return text
        moved = self._move(network.network_address)
        return text if moved is None else f"{moved}/{network.prefixlen}"


def fixed_subnets(project: Project) -> list[IPNetwork]:
    """The subnets the project's own (not external) networks name, in file order."""
    found: list[IPNetwork] = []
    for network in project.networks.values():
        if network.external or network.ipam is None:
            continue
        for config in network.ipam.config:
            subnet = config.get("subnet")
            if isinstance(subnet, str):
                try:
                    found.append(ipaddress.ip_network(subnet, strict=False))
                except ValueError:
                    continue
    return found


def allocate(subnets: Iterable[IPNetwork], cursor: Mapping[int, int],
             in_use: Iterable[IPNetwork] = ()) -> tuple[Translation, dict[int, int]]:
    """Move each subnet to the next free block of its family's pool at or after
    `cursor` (an offset into the pool), skipping blocks that overlap `in_use` or each
    other; wrap to the pool's start at its end.  Returns the translation and the new
    cursor."""
    taken = list(in_use)
    moved: dict[IPNetwork, IPNetwork] = {}
    after = dict(cursor)
    # largest first: fewer addresses lost to aligning the blocks
    for subnet in sorted(dict.fromkeys(subnets), key=lambda s: s.prefixlen):
        pool = POOLS[subnet.version]
        if subnet.prefixlen < pool.prefixlen:
            raise ValueError(f"subnet {subnet} is larger than the test pool {pool}")
        size = subnet.num_addresses
        start = -(-after.get(subnet.version, 0) // size) * size  # aligned to the block size
        for _ in range(pool.num_addresses // size):
            if start + size > pool.num_addresses:
                start = 0
            block = ipaddress.ip_network((pool.network_address + start, subnet.prefixlen))
            if not any(block.overlaps(other) for other in taken):
                break
            start += size
        else:
            raise RuntimeError(f"no free /{subnet.prefixlen} left in the test pool {pool}")
        moved[subnet] = block
        taken.append(block)
        after[subnet.version] = start + size
    return Translation(tuple(moved.items())), after


def _moved_config(config: Mapping[str, Any], translation: Translation) -> dict[str, Any]:
    result = dict(config)
    for key in ("subnet", "ip_range"):
        if isinstance(result.get(key), str):
            result[key] = translation.network(result[key])
    if isinstance(result.get("gateway"), str):
        result["gateway"] = translation.address(result["gateway"])
    aux = result.get("aux_addresses")
    if isinstance(aux, Mapping):
        result["aux_addresses"] = {name: translation.address(value) if isinstance(value, str)
                                   else value for name, value in aux.items()}
    return result


def rewrite(project: Project, translation: Translation) -> Project:
    """`project` with its subnets and the addresses inside them moved."""
    networks = {
        key: network if network.ipam is None or network.external else dataclasses.replace(
            network, ipam=dataclasses.replace(network.ipam, config=tuple(
                _moved_config(c, translation) for c in network.ipam.config)))
        for key, network in project.networks.items()}
    services = {}
    for name, service in project.services.items():
        attached = {
            key: attachment if attachment is None else dataclasses.replace(
                attachment,
                ipv4_address=attachment.ipv4_address and translation.address(
                    attachment.ipv4_address),
                ipv6_address=attachment.ipv6_address and translation.address(
                    attachment.ipv6_address))
            for key, attachment in service.networks.items()}
        services[name] = dataclasses.replace(service, networks=attached)
    return dataclasses.replace(project, networks=networks, services=services)


def _run(*args: str) -> str:
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, check=False,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


def _dicts(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from _dicts(item)


def _parsed(text: str) -> Any:
    try:
        return json.loads(text or "null")
    except ValueError:
        return None


def _networks(texts: Iterable[str]) -> list[IPNetwork]:
    """The networks in `ip -j addr` ("local" + "prefixlen"), `ip -j route` ("dst") and
    `docker network inspect` ("Subnet") output."""
    found: list[IPNetwork] = []
    for text in texts:
        for entry in _dicts(_parsed(text)):
            if "local" in entry and "prefixlen" in entry:
                value = f"{entry['local']}/{entry['prefixlen']}"
            else:
                value = str(entry.get("dst") or entry.get("Subnet") or "")
            try:
                found.append(ipaddress.ip_network(value, strict=False))
            except ValueError:
                continue
    return found


def in_use() -> list[IPNetwork]:
    """Subnets this machine uses now: the host's addresses and routes, every Docker
    network's, and those in the engine's live network namespaces (an overlay sandbox
    outlives its network by ~16 s).  Best effort: what cannot be read is left out,
    such as a leaked sandbox whose namespace is gone but whose file stays."""
    outputs = [_run("ip", "-j", "addr"), _run("ip", "-j", "route"),
               _run("ip", "-6", "-j", "route")]
    ids = _run("docker", "network", "ls", "-q").split()
    if ids:
        outputs.append(_run("docker", "network", "inspect", *ids))
    outputs += [_run("nsenter", f"--net={sandbox}", "ip", "-j", "addr")
                for sandbox in sorted(Path("/var/run/docker/netns").glob("*"))]
    found = _networks(outputs)
    return [n for n in found if not (n.is_loopback or n.is_link_local)]


def fresh_translation(subnets: list[IPNetwork], cursor_file: Path = CURSOR,
                      lock_file: Path = LOCK,
                      used: Callable[[], list[IPNetwork]] = in_use) -> Translation:
    """A translation of `subnets` to blocks no earlier call has handed out (until the
    pool wraps, and then none in use), the cursor kept in `cursor_file`."""
    if not subnets:
        return Translation()
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            try:
                saved = json.loads(cursor_file.read_text())
                cursor = {int(k): int(v) for k, v in saved.items()}
            except (OSError, ValueError, AttributeError):
                cursor = {}
            translation, after = allocate(subnets, cursor, used())
            temporary = cursor_file.with_suffix(".tmp")
            temporary.write_text(json.dumps({str(k): v for k, v in after.items()}))
            temporary.replace(cursor_file)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return translation


def own_subnets(project: Project) -> Project:
    """`project` with fixed subnets no other deployment of this machine has had lately."""
    return rewrite(project, fresh_translation(fixed_subnets(project)))
