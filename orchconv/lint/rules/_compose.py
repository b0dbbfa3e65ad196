"""What the Compose and stack rules share: walking services and reading short syntax.

The rules read the located source tree (YMap/YSeq), before interpolation, so
a value may still hold `${VAR}`: helpers that would have to guess at such a
value skip it.  Short syntax is read with the loader's own parsers
(orchconv.translate.compose.syntax), so lint and load agree on what
"8080:80" or "./data:/data:ro" means.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, NamedTuple

from orchconv.errors import InputError
from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding
from orchconv.lint.rule import Rule
from orchconv.lint.rules._host_paths import WINDOWS_ENGINE_PIPE, engine_of
from orchconv.lint.rules._images import ImageRef, split_image
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of
from orchconv.translate.compose.syntax.golang import YAML11_TRUE

COMPOSE_KINDS = frozenset({FileKind.COMPOSE, FileKind.STACK})
SWARM = "swarm"


def for_swarm(context: LintContext) -> bool:
    """Whether the file will be deployed with `docker stack deploy`."""
    return context.effective_target == SWARM


def engine_services(context: LintContext) -> Iterator[ServiceRef]:
    """Every service, unless the file goes to a swarm: for the rules about keys that
    only `docker compose up` honours (a swarm ignores them, or has no such key)."""
    return iter(()) if for_swarm(context) else services(context)


def swarm_services(context: LintContext) -> Iterator[ServiceRef]:
    """Every service when the file goes to a swarm (`docker stack deploy`); none otherwise."""
    return services(context) if for_swarm(context) else iter(())


def has_variable(value: object) -> bool:
    """Whether a source value still holds an interpolation (`$VAR`, `${VAR}`)."""
    return isinstance(value, str) and "$" in value


def is_true(value: object) -> bool:
    """Whether a boolean key is set, written as YAML true or a word compose reads as true."""
    return value is True or (isinstance(value, str) and value.strip().lower() in YAML11_TRUE)


@cache
def _reference() -> re.Pattern[str]:
    return re.compile(r"\$(?:\{|[A-Za-z_])")


def has_reference(text: str) -> bool:
    """Whether text refers to a variable; `$$` is a literal dollar, not a reference."""
    return "$" in text and _reference().search(text.replace("$$", "")) is not None


class ServiceRef(NamedTuple):
    """One service of one document, with what a finding and a fix need."""

    document: int
    name: str
    service: Mapping[str, Any]
    services: Mapping[str, Any]

    def path(self, *parts: str | int) -> tuple[str | int, ...]:
        """The Fix path of a value inside this service."""
        return ("services", self.name, *parts)

    @property
    def loc(self) -> Loc | None:
        """Where the service's name is written."""
        return loc_of(self.services, self.name, of_key=True)

    def key_loc(self, key: str) -> Loc | None:
        return loc_of(self.service, key, of_key=True)

    def setting_loc(self, key: str) -> Loc | None:
        """Where a setting is written, or the service's name when it is missing."""
        return self.key_loc(key) if key in self.service else self.loc

    def value_loc(self, key: str) -> Loc | None:
        return loc_of(self.service, key)


def compose_documents(context: LintContext) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(index, document) of each document that is a mapping."""
    for index, document in enumerate(context.documents):
        if isinstance(document.data, Mapping):
            yield index, document.data


def services(context: LintContext) -> Iterator[ServiceRef]:
    """Every service that is a mapping, document by document, in file order."""
    for index, document in compose_documents(context):
        found = document.get("services")
        if not isinstance(found, Mapping):
            continue
        for name, service in found.items():
            if isinstance(service, Mapping):
                yield ServiceRef(index, str(name), service, found)


class ServiceRule(Rule):
    """A Compose or stack rule that judges each service on its own.

    `check_service` yields the findings of one service; `scope` picks the
    services (every one here, in file order).
    """

    kinds = COMPOSE_KINDS

    def scope(self, context: LintContext) -> Iterator[ServiceRef]:
        return services(context)

    def check(self, context: LintContext) -> Iterator[Finding]:
        for ref in self.scope(context):
            yield from self.check_service(context, ref)

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        raise NotImplementedError


class SwarmServiceRule(ServiceRule):
    """A service rule about what `docker stack deploy` does: silent unless the file goes
    to a swarm."""

    def scope(self, context: LintContext) -> Iterator[ServiceRef]:
        return swarm_services(context)


class EngineServiceRule(ServiceRule):
    """A service rule about keys only `docker compose up` honours: silent when the file
    goes to a swarm."""

    def scope(self, context: LintContext) -> Iterator[ServiceRef]:
        return engine_services(context)


def mapping_at(container: Any, *keys: str) -> Mapping[str, Any] | None:
    """The mapping at `container[k1][k2]...`, or None when any step is missing or not one."""
    node = container
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node if isinstance(node, Mapping) else None


def string_items(value: Any) -> Iterator[tuple[int, str, Loc | None]]:
    """(index, item, loc) of each string item of a list (other items are skipped)."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        return
    for index, item in enumerate(value):
        if isinstance(item, str):
            yield index, item, loc_of(value, index)


def security_option(entry: str) -> tuple[str, str]:
    """A `security_opt` entry as (name, value): `seccomp=x` and `seccomp:x` are the same."""
    name, _, value = entry.strip().replace("=", ":", 1).partition(":")
    return name.strip(), value.strip()


# --- ports ---------------------------------------------------------------------


def is_all_interfaces(host_ip: str) -> bool:
    """Whether a port's host IP publishes on every interface ("", 0.0.0.0, ::)."""
    address = host_ip.strip()
    if address.startswith("[") and address.endswith("]"):
        address = address[1:-1]
    if not address:
        return True
    import ipaddress  # only ports with a host IP need it

    try:
        return ipaddress.ip_address(address).is_unspecified
    except ValueError:
        return False


class PortItem(NamedTuple):
    """One entry of a service's `ports`, read as docker compose reads it."""

    position: int  # in the `ports` list
    text: str  # for messages: as written, or "published:target" for the long syntax
    host_ip: str  # "" when none
    host_ip_loc: Loc | None  # the long syntax's host_ip value; else the item
    # The published ports, one (first, last) range per mapped port; empty when
    # the host port is chosen by the engine (ephemeral, or a range to pick from).
    published: tuple[tuple[int, int], ...]
    protocol: str
    mode: str
    long_syntax: bool
    loc: Loc | None


def _long_port(index: int, item: Mapping[str, Any], loc: Loc | None) -> PortItem | None:
    host_ip = item.get("host_ip")
    published = item.get("published")
    target = item.get("target")
    protocol = item.get("protocol", "tcp")
    mode = item.get("mode", "ingress")
    if any(has_variable(v) for v in (host_ip, published, target, protocol, mode)):
        return None
    ranges: tuple[tuple[int, int], ...] = ()
    if isinstance(published, int) and not isinstance(published, bool):
        ranges = _published(published)
    elif isinstance(published, str) and published.isdigit():
        ranges = _published(int(published))
    text = f"{published}:{target}" if published is not None else str(target)
    return PortItem(index, text, str(host_ip or ""), loc_of(item, "host_ip"), ranges,
                    str(protocol).lower(), str(mode), True, loc)


# "8080:80", "80", "8080:80/udp": the forms nearly every file uses, read
# without the general parser (which gives the same result for them).
_PLAIN_PORT = re.compile(r"(?:([0-9]{1,5}):)?([0-9]{1,5})(?:/(tcp|udp|sctp))?")
_MAX_PORT = 65535


def _published(number: int) -> tuple[tuple[int, int], ...]:
    """Host port 0 asks the engine for any free port: nothing fixed is published."""
    return ((number, number),) if number > 0 else ()


def _plain_port(index: int, text: str, loc: Loc | None) -> PortItem | None:
    match = _PLAIN_PORT.fullmatch(text)
    if match is None:
        return None
    published, target, protocol = match.groups()
    if int(target) > _MAX_PORT or (published is not None and int(published) > _MAX_PORT):
        return None
    ranges = _published(int(published)) if published is not None else ()
    return PortItem(index, text, "", loc, ranges, protocol or "tcp", "ingress", False, loc)


def _short_port(index: int, item: str | int, loc: Loc | None) -> PortItem | None:
    from orchconv.translate.compose.syntax.ports import parse_ports

    if has_variable(item):
        return None
    plain = _plain_port(index, str(item), loc)
    if plain is not None:
        return plain
    try:
        entries = parse_ports(item, loc)
    except InputError:
        return None  # the loader reports a malformed port
    if not entries:
        return None
    first = entries[0]
    ranges: list[tuple[int, int]] = []
    for entry in entries:
        published = entry.get("published")
        if isinstance(published, str) and published.isdigit():
            ranges.extend(_published(int(published)))
    return PortItem(index, str(item), str(first.get("host_ip", "")), loc, tuple(ranges),
                    str(first["protocol"]), "ingress", False, loc)


def port_items(service: Mapping[str, Any]) -> Iterator[PortItem]:
    """The service's ports that can be read without interpolation."""
    ports = service.get("ports")
    if not isinstance(ports, Sequence) or isinstance(ports, str):
        return
    for index, item in enumerate(ports):
        loc = loc_of(ports, index)
        if isinstance(item, Mapping):
            parsed = _long_port(index, item, loc)
        elif isinstance(item, str | int) and not isinstance(item, bool):
            parsed = _short_port(index, item, loc)
        else:
            parsed = None
        if parsed is not None:
            yield parsed


# --- volumes -------------------------------------------------------------------


class MountItem(NamedTuple):
    """One entry of a service's `volumes`: its type, source and where it is written."""

    position: int  # in the `volumes` list
    type: str
    source: str
    target: str
    read_only: bool
    loc: Loc | None  # the item
    source_loc: Loc | None  # the long syntax's source value; else the item


def mount_items(service: Mapping[str, Any],
                may_matter: Callable[[str], bool] | None = None) -> Iterator[MountItem]:
    """The service's volume mounts, short syntax read like compose-go's ParseVolume.

    `may_matter` is a cheap test on a short entry, or a long entry's source, as
    written: entries it refuses are skipped without being parsed.
    """
    from orchconv.translate.compose.syntax.volumes import parse_volume

    volumes = service.get("volumes")
    if not isinstance(volumes, Sequence) or isinstance(volumes, str):
        return
    for index, item in enumerate(volumes):
        if may_matter is not None:
            written = item if isinstance(item, str) else (
                item.get("source") if isinstance(item, Mapping) else None)
            if not isinstance(written, str) or not may_matter(written):
                continue
        loc = loc_of(volumes, index)
        if isinstance(item, str):
            try:
                parsed = parse_volume(item, loc)
            except InputError:
                continue
            yield MountItem(index, parsed["type"], parsed.get("source", ""), parsed["target"],
                            bool(parsed.get("read_only")), loc, loc)
        elif isinstance(item, Mapping):
            source = item.get("source")
            yield MountItem(index, str(item.get("type", "")),
                            source if isinstance(source, str) else "",
                            str(item.get("target", "")), item.get("read_only") is True,
                            loc, loc_of(item, "source") if "source" in item else loc)


def may_be_engine_socket(written: str) -> bool:
    return "sock" in written or WINDOWS_ENGINE_PIPE in written


def engine_socket(mount: MountItem) -> str | None:
    """The engine whose API socket the mount hands over, or None."""
    if mount.type == "npipe" and mount.source.rstrip("/").endswith(WINDOWS_ENGINE_PIPE):
        return "Docker"
    if mount.type != "bind" or not mount.source:
        return None
    return engine_of(mount.source)


# --- environment -----------------------------------------------------------------


class EnvEntry(NamedTuple):
    name: str
    value: Any  # None when the variable is only named (its value comes from the shell)
    container: Any  # the mapping or list it is written in, and its key there
    key: str | int
    section: str  # "environment" or "build.args"

    @property
    def loc(self) -> Loc | None:
        """The value in a mapping, the item in a list."""
        return loc_of(self.container, self.key)


def environment(service: Mapping[str, Any]) -> Iterator[EnvEntry]:
    """The service's `environment`, in mapping or `NAME=value` list form."""
    yield from _name_values(service.get("environment"), "environment")


def build_args(service: Mapping[str, Any]) -> Iterator[EnvEntry]:
    """The service's `build.args`, in mapping or `NAME=value` list form."""
    build = service.get("build")
    if isinstance(build, Mapping):
        yield from _name_values(build.get("args"), "build.args")


def _name_values(env: Any, section: str) -> Iterator[EnvEntry]:
    if isinstance(env, Mapping):
        for name, value in env.items():
            yield EnvEntry(str(name), value, env, name, section)
    elif isinstance(env, Sequence) and not isinstance(env, str):
        for index, item in enumerate(env):
            if isinstance(item, str):
                name, equals, value = item.partition("=")
                yield EnvEntry(name, value if equals else None, env, index, section)


# --- images ----------------------------------------------------------------------


def image_of(ref: ServiceRef) -> str | None:
    """The service's image reference when it is written out (no interpolation)."""
    image = ref.service.get("image")
    if not isinstance(image, str) or not image or has_variable(image):
        return None
    return image


def service_images(context: LintContext) -> Iterator[tuple[ServiceRef, str, ImageRef]]:
    """(service, image, its parts) of each service whose image is written out."""
    for ref in services(context):
        image = image_of(ref)
        if image is not None:
            yield ref, image, split_image(image)
