"""Bind mounts as ConfigMaps (configuration), claims (data) or hostPath volumes.

A bind names a path on the Docker host, which a cluster does not have.  Inside
the project, the default ("auto") keeps what the user needs: configuration is
copied into a ConfigMap, a data folder gets a PersistentVolumeClaim the user
fills.  The rule, decided in `auto_choice`, is in docs/k8s-mapping.md ("Bind
mounts").  File contents come from the caller's `files` access, which applies
the read boundary; without it the ConfigMap is emitted empty, with a loss entry
asking for the data.  The mount mapper hands each bind over as a `BindSite`:
what this module may read and touch, and nothing of mounts.py.
"""

from __future__ import annotations

import posixpath
from typing import Any, NamedTuple

from orchconv.errors import InputError
from orchconv.ir.loss import INFO, WARNING
from orchconv.ir.service import Mount
from orchconv.source.boundary import located
from orchconv.translate.k8s.emit.choices import FileAccess
from orchconv.translate.k8s.emit.claims import Claim, pvc_object
from orchconv.translate.k8s.emit.context import EmitContext, ServiceContext
from orchconv.translate.k8s.emit.names import config_key, dns_subdomain
from orchconv.translate.k8s.emit.options import K8sEmitOptions
from orchconv.translate.k8s.emit.parts import PodParts
from orchconv.translate.k8s.emit.payload import CONFIGMAP_LIMIT, config_map, payload_size
from orchconv.translate.k8s.vocabulary import BIND_SOURCE

_KNOWN_BIND_OPTIONS = frozenset({"propagation", "create_host_path"})
# Creating a missing host path is moot once the content lives in a ConfigMap or claim.
_MOOT_OFF_HOST = frozenset({"create_host_path"})
# A name that says "configuration": programs read such files, they do not write them.
CONFIG_SUFFIXES = frozenset({
    ".conf", ".cfg", ".cnf", ".ini", ".toml", ".yaml", ".yml", ".json", ".xml",
    ".properties", ".env", ".config", ".template", ".tmpl", ".lua", ".vcl"})
CONFIG_NAMES = frozenset({"caddyfile", "corefile", ".htaccess", ".env", "dockerfile"})
MAX_CONFIG_FILES = 100  # more files than this in a folder is data, not configuration


class BindSite(NamedTuple):
    """One bind mount of a service (`volumes[position]`) and the pod it goes into; the
    claim size and storage class its labels ask for."""

    ctx: ServiceContext
    parts: PodParts
    position: int  # in the service's `volumes`
    mount: Mount
    volume_size: str | None
    storage_class: str | None

    @property
    def emit(self) -> EmitContext:
        return self.ctx.emit

    @property
    def options(self) -> K8sEmitOptions:
        return self.ctx.emit.options

    @property
    def source(self) -> str:
        return self.mount.source or ""

    def lose(self, reason: str, sub: str = "", level: str = WARNING) -> None:
        lose_mount(self.ctx, self.position, reason, sub, level)


def lose_mount(ctx: ServiceContext, index: int, reason: str, sub: str = "",
               level: str = WARNING) -> None:
    """A loss of (part of) the service's `volumes[index]`, where that mount was written."""
    ctx.lose("volumes", reason, sub=f"[{index}]{sub}", loc=ctx.service.volumes[index].loc,
             level=level)


class Choice(NamedTuple):  # not a dataclass, whose methods compile at every start
    """What `auto_choice` made of a bind: a ConfigMap with its content, or a claim."""

    mode: str  # configmap | pvc
    content: Content | None = None  # configmap: None when the files could not be looked at
    empty: bool | None = None  # pvc: whether the folder is empty or missing; None: unknown


class Content(NamedTuple):
    """What a ConfigMap made from a bind holds, read once."""

    files: dict[str, bytes]
    is_dir: bool
    level: str  # of the loss a writable bind gets: INFO when its name says configuration


def config_named(name: str) -> bool:
    lower = name.lower()
    return lower in CONFIG_NAMES or posixpath.splitext(lower)[1] in CONFIG_SUFFIXES


def inside_project(source: str, project_dir: str | None) -> bool:
    """Whether a bind source lies in the project (relative sources always do)."""
    if not posixpath.isabs(source):
        return True
    if project_dir is None:
        return False
    root = posixpath.normpath(project_dir)
    path = posixpath.normpath(source)
    return path == root or path.startswith(root.rstrip("/") + "/")


def project_relative(source: str, project_dir: str | None) -> str:
    """The source as the user writes it from the project folder: ./conf/nginx.conf."""
    if posixpath.isabs(source) and project_dir is not None:
        source = posixpath.relpath(source, project_dir)
    source = posixpath.normpath(source)
    return source if source.startswith(("../", "./")) or source == "." else f"./{source}"


def _base(source: str) -> str:
    return posixpath.basename(source.rstrip("/")) or "root"


def auto_choice(site: BindSite) -> Choice | None:
    """A ConfigMap or a claim; None when the bind is recorded as a loss.

    A refused read (outside the boundary, a socket...) is a loss here, not an error:
    the user did not ask for the file to be embedded, so nothing is, and the
    conversion goes on."""
    files = site.options.files
    if files is None:  # nothing to look at: the mount and the name decide
        if site.mount.read_only or config_named(_base(site.source)):
            return Choice("configmap")
        return Choice("pvc")
    try:
        return _inspect(site, files)
    except InputError as error:
        site.lose(f"not converted: {error.message}")
        return None


def _inspect(site: BindSite, files: FileAccess) -> Choice | None:
    mount, source = site.mount, site.source
    name = _base(source)
    kind = files.kind(source)
    if kind is None:
        if mount.read_only or config_named(name):
            site.lose(f"{source} does not exist (Docker would mount an empty "
                               "folder there): create it and convert again")
            return None
        return Choice("pvc", empty=True)
    if kind == "other":
        site.lose(f"{source} is a socket, FIFO or device: a cluster node has no "
                           "counterpart; pass --host-path to mount it from the node")
        return None
    if kind == "file":
        content = files.read_file(source)
        if content is None:
            site.lose(f"{source} holds more than 1 MiB, the most a ConfigMap can; "
                               "pass --binds=hostpath, or build it into the image")
            return None
        level = INFO if config_named(name) else WARNING
        return Choice("configmap", Content({config_key(name): content}, False, level))
    return _folder(mount, files)


def _folder(mount: Mount, files: FileAccess) -> Choice:
    """A flat folder of at most 100 files and 1 MiB, mounted :ro or holding only
    config-named files, is a ConfigMap; any other folder is data."""
    source = mount.source or ""
    try:
        listing = list(files.list_dir(source) or ())
        nested = files.subfolders(source)
    except InputError:
        if mount.read_only:
            raise
        return Choice("pvc")  # a claim needs no content: the boundary does not apply
    config = mount.read_only or (listing and all(config_named(n) for n in listing))
    if not config or nested or not listing or len(listing) > MAX_CONFIG_FILES:
        return Choice("pvc", empty=not listing and not nested)
    found: dict[str, bytes] = {}
    for entry in listing:
        content = files.read_file(posixpath.join(source, entry))
        if content is None:
            return Choice("pvc", empty=False)
        found[config_key(entry)] = content
    if payload_size(found) > CONFIGMAP_LIMIT:
        return Choice("pvc", empty=False)
    return Choice("configmap", Content(found, True, INFO))


def _read(site: BindSite) -> Content | None:
    """The files for the ConfigMap; None if unknown (the loss says so)."""
    source = site.source
    files = site.options.files
    if files is None:
        site.lose(f"the content of {source} was not available: fill in the "
                           "ConfigMap's data before applying")
        return None
    with located(site.mount.loc):
        return _read_files(site, source, files)


def _read_files(site: BindSite, source: str, files: FileAccess) -> Content | None:
    listing = files.list_dir(source)
    if listing is not None:
        found: dict[str, bytes] = {}
        for name in sorted(listing):
            content = files.read_file(posixpath.join(source, name))
            if content is None:
                site.lose(f"{posixpath.join(source, name)} holds more than 1 MiB, "
                                   "the most a ConfigMap can; it is left out")
            else:
                found[config_key(name)] = content
        return Content(found, True, WARNING)
    content = files.read_file(source)
    if content is None:
        site.lose(f"{source} could not be read; fill in the ConfigMap's data")
        return None
    return Content({config_key(posixpath.basename(source)): content}, False, WARNING)


def bind_configmap(site: BindSite, content: Content | None = None
                   ) -> tuple[str, dict[str, Any]]:
    """A ConfigMap with the bound file(s); the pod volume name and the mount (sans name)."""
    mount, source, emit = site.mount, site.source, site.emit
    service = site.ctx.service.name
    name = emit.names.claim("configmap", f"{service}:{source}",
                            dns_subdomain(f"{service}-{_base(source)}"))
    read = content if content is not None else _read(site)
    files, is_dir = (read.files, read.is_dir) if read is not None else ({}, True)
    if payload_size(files) > CONFIGMAP_LIMIT:
        site.lose(f"{source} holds more than 1 MiB, the most a ConfigMap can")
    relative = project_relative(source, site.options.project_dir)
    obj = config_map(emit, name, files, "config")
    obj["metadata"].setdefault("annotations", {})[BIND_SOURCE] = relative
    emit.add_object(obj)
    if read is not None:  # a bind shows later edits on the host; a ConfigMap is a copy
        site.lose(f"copied into ConfigMap {name}: edits to {relative} made later "
                           "are not seen until it is converted again", level=INFO)
    if not mount.read_only:
        level = read.level if read is not None else WARNING
        site.lose("a ConfigMap volume is read-only; " + (
            "a file named as configuration is read, not written (add :ro to say so)"
            if level == INFO else "writes to this bind will fail"), ".read_only", level=level)
    for option in sorted(set(mount.bind or {}) - _MOOT_OFF_HOST):
        site.lose("not kept for a ConfigMap volume", f".bind.{option}")
    volume_name = site.parts.add_volume(name, {"configMap": {"name": name}}, shared=True)
    entry: dict[str, Any] = {"mountPath": mount.target, "readOnly": True}
    if not is_dir and files:
        entry["subPath"] = next(iter(files))
    return volume_name, entry


def _shared(site: BindSite) -> bool:
    """Whether more than one pod binds the source: other services, or replicas."""
    users = [s for s in site.emit.project.services.values()
             if any(m.type == "bind" and m.source == site.source for m in s.volumes)]
    deploy = site.ctx.service.deploy
    replicas = deploy.replicas if deploy is not None else None
    return len(users) > 1 or (replicas or 1) > 1


def bind_claim(site: BindSite, empty: bool | None) -> dict[str, Any]:
    """A claim standing for a bound folder (one per source, shared by its services);
    `empty` is None when the folder could not be looked at.  Returns the mount entry."""
    mount, source, emit, options = site.mount, site.source, site.emit, site.options
    relative = project_relative(source, options.project_dir)
    candidate = dns_subdomain(
        f"{site.ctx.service.name}-{relative.lstrip('./').replace('/', '-')}")
    name = (emit.names.lookup("pvc", f"bind:{source}")  # bound by an earlier service
            or emit.names.claim("pvc", f"bind:{source}", candidate))
    claim = Claim(name, site.volume_size or options.pvc_size,
                  site.storage_class or options.storage_class,
                  "ReadWriteMany" if _shared(site) else "ReadWriteOnce", None)
    obj = pvc_object(emit, claim)
    obj["metadata"].setdefault("annotations", {})[BIND_SOURCE] = relative
    emit.add_object(obj)
    for option in sorted(set(mount.bind or {}) - _MOOT_OFF_HOST):
        site.lose("not kept for a PersistentVolumeClaim", f".bind.{option}")
    if empty:
        site.lose(f"{relative} is empty or missing: the claim {name} starts empty "
                           "as the folder would", level=INFO)
    else:
        where = "a pod that mounts it writable" if mount.read_only else "the running pod"
        site.lose(f"the data in {relative} is not copied: the claim {name} starts "
                           f"empty; copy it in from {where}, e.g. kubectl cp {relative}/. "
                           f"<pod>:{mount.target}")
    volume = site.parts.add_volume(name, {"persistentVolumeClaim": {"claimName": name}},
                                   shared=True)
    site.parts.uses_claims = True
    entry: dict[str, Any] = {"name": volume, "mountPath": mount.target}
    if mount.read_only:
        entry["readOnly"] = True
    return entry


def host_path_source(site: BindSite) -> dict[str, Any]:
    mount = site.mount
    options = dict(mount.bind or {})
    for option in sorted(set(options) - _KNOWN_BIND_OPTIONS):
        site.lose("no hostPath counterpart", f".bind.{option}")
    host_path: dict[str, Any] = {"path": mount.source or ""}
    if options.get("create_host_path"):
        host_path["type"] = "DirectoryOrCreate"
    site.emit.warn(f"{site.ctx.path}.volumes[{site.position}]: hostPath {mount.source} must "
                   "exist on every node the pod can run on")
    return {"hostPath": host_path}
