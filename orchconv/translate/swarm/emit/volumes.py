"""Service `volumes` (mounts) and top-level `volumes`.

Mounts use the long syntax from stack file version 3.2.  Swarm keeps
`bind.propagation`, `volume.nocopy` and `tmpfs.size`; it never creates a
missing host path (`bind.create_host_path`), and has no SELinux relabel,
volume subpath, tmpfs mode, or `image` mounts.  Before 3.2 only the short
"source:target[:ro]" form exists, for bind and volume mounts without options.
"""

from __future__ import annotations

from collections.abc import Mapping

from orchconv.ir.project import Volume
from orchconv.ir.service import Mount, Service
from orchconv.ir.values import Json
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.naming import naming_data

HANDLES = frozenset({"volumes"})

# tmpfs mount options came with 3.6 (docker 28 refuses them in 3.4 too, where
# our schema, after an older docker/cli file, leaves the long form open)
TMPFS_SIZE_SINCE = "3.6"
SWARM_MOUNT_TYPES = ("bind", "volume", "tmpfs", "npipe", "cluster")
# the options swarm keeps, per option section
_KEPT_OPTIONS = {"bind": ("propagation",), "volume": ("nocopy",), "tmpfs": ("size",)}
_OPTION_REASONS = {
    ("bind", "create_host_path"): "swarm never creates a missing host path: it must exist"
                                  " on every node",
    ("bind", "selinux"): "swarm cannot relabel bind mounts for SELinux",
    ("volume", "subpath"): "swarm cannot mount a volume's subpath",
    ("tmpfs", "mode"): "tmpfs mounts in stack files take only a size",
}


def _options(section: str, options: Mapping[str, Json] | None, path: str, mount: Mount,
             ctx: StackContext) -> Data:
    kept: Data = {}
    for key, value in (options or {}).items():
        if key in _KEPT_OPTIONS[section]:
            kept[key] = value
        elif not (key == "create_host_path" and value is False):
            reason = _OPTION_REASONS.get((section, key), "stack files have no such option")
            ctx.lose(mount.loc, f"{path}.{section}.{key}", reason)
    return kept


def long_mount(mount: Mount, path: str, ctx: StackContext) -> Data:
    out: Data = {"type": mount.type}
    if mount.source is not None:
        out["source"] = mount.source
    out["target"] = mount.target
    if mount.read_only:
        out["read_only"] = True
    if mount.consistency is not None:
        out["consistency"] = mount.consistency
    for section in ("bind", "volume", "tmpfs"):
        options = _options(section, getattr(mount, section), path, mount, ctx)
        if options and section == "tmpfs" and not ctx.at_least(TMPFS_SIZE_SINCE):
            ctx.lose(mount.loc, f"{path}.tmpfs",
                     f"a tmpfs size needs stack file version {TMPFS_SIZE_SINCE} or later")
        elif options:
            out[section] = options
    return out


def short_mount(mount: Mount, path: str, ctx: StackContext) -> str | None:
    if mount.type not in ("bind", "volume"):
        ctx.lose(mount.loc, path, f"{mount.type} mounts need stack file version 3.2 or later")
        return None
    for section in ("bind", "volume"):
        for key in _options(section, getattr(mount, section), path, mount, ctx):
            ctx.lose(mount.loc, f"{path}.{section}.{key}",
                     "mount options need stack file version 3.2 or later")
    text = f"{mount.source}:{mount.target}" if mount.source else mount.target
    return f"{text}:ro" if mount.read_only else text


def emit_volumes(service: Service, out: Data, ctx: StackContext) -> None:
    entries: list[Data | str] = []
    for index, mount in enumerate(service.volumes):
        path = f"services.{service.name}.volumes[{index}]"
        if mount.type not in SWARM_MOUNT_TYPES:
            ctx.lose(mount.loc, path, f"swarm has no {mount.type} mounts")
            continue
        for key, extra in mount.extras.items():
            ctx.lose(extra.loc, f"{path}.{key}", "stack files have no such mount key")
        entry = long_mount(mount, path, ctx) if ctx.long_syntax else short_mount(mount, path, ctx)
        if entry is not None:
            entries.append(entry)
    if entries:
        out["volumes"] = entries


def volume_data(volume: Volume, ctx: StackContext) -> Data:
    """One top-level volume; an external one keeps only its name."""
    path = f"volumes.{volume.key}"
    out = naming_data("volumes", volume.key, volume.name, volume.external, ctx)
    settings: Data = {}
    if volume.driver is not None:
        settings["driver"] = volume.driver
    if volume.driver_opts:
        settings["driver_opts"] = dict(sorted(volume.driver_opts.items()))
    if volume.labels:
        settings["labels"] = dict(sorted(volume.labels.items()))
    if volume.external:
        for key in settings:
            ctx.lose(volume.loc, f"{path}.{key}", "swarm refuses settings on an external volume")
    else:
        out.update(settings)
    for key, extra in volume.extras.items():
        if key.startswith("x-"):
            out[key] = extra.value
        else:
            ctx.lose(extra.loc, f"{path}.{key}", "stack files have no such volume key")
    return out
