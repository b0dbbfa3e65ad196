"""Bind mounts as ConfigMaps (project files) or hostPath volumes (host paths).

File contents come from the caller's `files` access; without it the
ConfigMap is emitted empty, with a loss entry asking for the data.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from orchconv.ir.service import Mount
from orchconv.source.boundary import located
from orchconv.translate.k8s.emit.names import config_key, dns_subdomain
from orchconv.translate.k8s.emit.payload import CONFIGMAP_LIMIT, config_map, payload_size

if TYPE_CHECKING:
    from orchconv.translate.k8s.emit.mounts import MountMapper
    from orchconv.translate.k8s.emit.options import FileAccess

_KNOWN_BIND_OPTIONS = frozenset({"propagation", "create_host_path"})


def inside_project(source: str, project_dir: str | None) -> bool:
    """Whether a bind source lies in the project (relative sources always do)."""
    if not posixpath.isabs(source):
        return True
    if project_dir is None:
        return False
    root = posixpath.normpath(project_dir)
    path = posixpath.normpath(source)
    return path == root or path.startswith(root.rstrip("/") + "/")


def _read(mapper: MountMapper, index: int, mount: Mount
          ) -> tuple[dict[str, bytes], bool] | None:
    """The files for the ConfigMap and whether the source is a directory; None if unknown."""
    source = mount.source or ""
    files = mapper.ctx.options.files
    if files is None:
        mapper.lose(index, f"the content of {source} was not available: fill in the "
                           "ConfigMap's data before applying")
        return None
    with located(mount.loc):
        return _read_files(mapper, index, source, files)


def _read_files(mapper: MountMapper, index: int, source: str, files: FileAccess
                ) -> tuple[dict[str, bytes], bool] | None:
    listing = files.list_dir(source)
    if listing is not None:
        found: dict[str, bytes] = {}
        for name in sorted(listing):
            content = files.read_file(posixpath.join(source, name))
            if content is not None:
                found[config_key(name)] = content
        return found, True
    content = files.read_file(source)
    if content is None:
        mapper.lose(index, f"{source} could not be read; fill in the ConfigMap's data")
        return None
    return {config_key(posixpath.basename(source)): content}, False


def bind_configmap(mapper: MountMapper, index: int, mount: Mount) -> tuple[str, dict[str, Any]]:
    """A ConfigMap with the bound file(s); the pod volume name and the mount (sans name)."""
    ctx = mapper.ctx
    source = mount.source or ""
    base = posixpath.basename(source.rstrip("/")) or "root"
    name = ctx.emit.names.claim("configmap", f"{ctx.service.name}:{source}",
                                dns_subdomain(f"{ctx.service.name}-{base}"))
    read = _read(mapper, index, mount)
    files, is_dir = read if read is not None else ({}, True)
    if payload_size(files) > CONFIGMAP_LIMIT:
        mapper.lose(index, f"{source} holds more than 1 MiB, the most a ConfigMap can")
    ctx.emit.add_object(config_map(ctx.emit, name, files, "config"))
    if not mount.read_only:
        mapper.lose(index, "a ConfigMap volume is read-only; writes to this bind will fail",
                    ".read_only")
    for option in sorted(mount.bind or {}):
        mapper.lose(index, "not kept for a ConfigMap volume", f".bind.{option}")
    volume_name = mapper.parts.add_volume(name, {"configMap": {"name": name}}, shared=True)
    entry: dict[str, Any] = {"mountPath": mount.target, "readOnly": True}
    if not is_dir and files:
        entry["subPath"] = next(iter(files))
    return volume_name, entry


def host_path_source(mapper: MountMapper, index: int, mount: Mount) -> dict[str, Any]:
    options = dict(mount.bind or {})
    for option in sorted(set(options) - _KNOWN_BIND_OPTIONS):
        mapper.lose(index, "no hostPath counterpart", f".bind.{option}")
    host_path: dict[str, Any] = {"path": mount.source or ""}
    if options.get("create_host_path"):
        host_path["type"] = "DirectoryOrCreate"
    mapper.ctx.emit.warn(f"{mapper.ctx.path}.volumes[{index}]: hostPath {mount.source} must "
                         "exist on every node the pod can run on")
    return {"hostPath": host_path}
