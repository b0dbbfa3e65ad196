"""dangerous-device: a host disk or kernel memory device handed to a container."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    EngineServiceRule,
    ServiceRef,
    has_reference,
    string_items,
)

# Disks, partitions and the layers over them: raw access to every file system.
BLOCK_DEVICE_PREFIXES = (
    "/dev/sd", "/dev/hd", "/dev/vd", "/dev/xvd", "/dev/nvme", "/dev/mmcblk", "/dev/md",
    "/dev/dm-", "/dev/mapper/", "/dev/disk/", "/dev/loop", "/dev/rbd", "/dev/nbd",
)
# Kernel memory, I/O ports, the kernel log and the ZFS control device.
KERNEL_DEVICES = frozenset({"/dev/mem", "/dev/kmem", "/dev/port", "/dev/kmsg", "/dev/zfs"})


def host_device(entry: str) -> str:
    """The host side of `HOST[:CONTAINER[:PERMISSIONS]]`, as a clean path."""
    host = entry.strip().split(":", 1)[0]
    return "/" + posixpath.normpath(host).lstrip("/") if host.startswith("/") else host


def danger(device: str) -> str | None:
    if device in KERNEL_DEVICES:
        return "kernel memory, I/O ports or logs"
    if device.startswith(BLOCK_DEVICE_PREFIXES):
        return "a raw disk, below every file system permission"
    return None


class DangerousDevice(EngineServiceRule):
    """A host disk or kernel device in a service's `devices`.

    ## What it does
    Reports a `devices` entry whose host side is a block device (`/dev/sda`,
    `/dev/nvme0n1`, `/dev/mapper/...`, `/dev/loop0`, ...) or a kernel device
    (`/dev/mem`, `/dev/kmem`, `/dev/port`, `/dev/kmsg`, `/dev/zfs`).  Not
    checked for swarm, which ignores `devices`.

    ## Why it matters
    A process that can read a raw disk reads every file on it (the host's
    password hashes, other containers' data) whatever the file permissions
    say; one that can write it can change them.  Kernel memory and I/O
    ports reach below the operating system itself.

    ## Example
    ```yaml
    services:
      backup:
        image: example/backup:1.0
        devices:
          - /dev/sda:/dev/sda
    ```

    ## Fix
    Mount the file system, or the folder the service needs, instead of the
    device; hand over only devices meant for the job (`/dev/ttyUSB0`,
    `/dev/dri/renderD128`).
    """

    id = "dangerous-device"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for _, entry, loc in string_items(ref.service.get("devices")):
            if has_reference(entry):
                continue
            device = host_device(entry)
            what = danger(device)
            if what is not None:
                yield self.finding(
                    context, f"service {ref.name!r} gets the host device {device}: {what}",
                    loc)
