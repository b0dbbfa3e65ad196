"""Service-level `tmpfs` and `shm_size` -> tmpfs mounts under `volumes`.

docker/cli reads `tmpfs` but never passes it to the service, so swarm drops it
silently; `shm_size` it ignores with a warning.  A tmpfs mount (long volume
syntax, stack file version 3.2; its `size` since 3.6) does the same job:
`/run:size=10m` becomes a tmpfs mount on /run of 10 MiB, and `shm_size` one
on /dev/shm of that size.  Stack files have no tmpfs mode or other mount
options, so those are lost.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.units import parse_size
from orchconv.translate.swarm.emit.volumes import TMPFS_SIZE_SINCE

HANDLES = frozenset({"tmpfs", "shm_size"})

SHM_PATH = "/dev/shm"


def tmpfs_mount(entry: str, service: Service, ctx: StackContext) -> Data:
    """The mount for one `tmpfs` entry ("/run" or "/run:size=10m,mode=1777")."""
    target, _, options = entry.partition(":")
    mount: Data = {"type": "tmpfs", "target": target}
    lost: list[str] = []
    for option in filter(None, options.split(",")):
        name, _, value = option.partition("=")
        size = parse_size(value) if name == "size" else None
        if size is not None and ctx.at_least(TMPFS_SIZE_SINCE):
            mount["tmpfs"] = {"size": size}
        else:
            lost.append(option)
    if lost:
        ctx.lose_key(service, "tmpfs",
                     f"tmpfs mounts in stack file version {ctx.options.stack_version} take"
                     f" {'only a size' if ctx.at_least(TMPFS_SIZE_SINCE) else 'no options'};"
                     f" {', '.join(lost)} on {target} is lost")
    return mount


def emit_tmpfs(service: Service, out: Data, ctx: StackContext) -> None:
    mounts: list[Data] = []
    for entry in service.tmpfs:
        mounts.append(tmpfs_mount(entry, service, ctx))
    if service.shm_size is not None and ctx.at_least(TMPFS_SIZE_SINCE):
        mounts.append({"type": "tmpfs", "target": SHM_PATH, "tmpfs": {"size": service.shm_size}})
    elif service.shm_size is not None:
        ctx.lose_key(service, "shm_size",
                     f"a sized tmpfs on {SHM_PATH} needs stack file version {TMPFS_SIZE_SINCE}")
    if not mounts:
        return
    if not ctx.long_syntax:  # shm_size was lost above: a sized tmpfs needs 3.6
        ctx.lose_key(service, "tmpfs", "tmpfs mounts need stack file version 3.2 or later")
        return
    taken = {m.get("target") for m in out.get("volumes", []) if isinstance(m, dict)}
    for mount in mounts:
        if mount["target"] in taken:
            key = "shm_size" if mount["target"] == SHM_PATH and service.shm_size else "tmpfs"
            ctx.lose_key(service, key, f"a volume is already mounted on {mount['target']}")
            continue
        out.setdefault("volumes", []).append(mount)
        taken.add(mount["target"])
