"""dangerous-device."""

from __future__ import annotations

import pytest

from orchconv.lint.rules.dangerous_device import DangerousDevice
from tests.lint.rules.helpers import run, swarm, where


def devices(*entries: str) -> str:
    return "services:\n  backup:\n    image: a:1\n    devices:\n" + "".join(
        f"      - {entry}\n" for entry in entries)


@pytest.mark.parametrize(("entry", "device"), [
    ("/dev/sda:/dev/sda", "/dev/sda"), ("/dev/nvme0n1", "/dev/nvme0n1"),
    ("/dev/mapper/vg-root:/dev/root:r", "/dev/mapper/vg-root"), ("//dev/./sdb", "/dev/sdb"),
    ("/dev/mem:/dev/mem", "/dev/mem"), ("/dev/kmsg", "/dev/kmsg"),
])
def test_disks_and_kernel_devices_are_reported(entry: str, device: str) -> None:
    found = run(DangerousDevice, devices(entry))
    assert where(found) == [(5, 9)]
    assert found[0].message.startswith(f"service 'backup' gets the host device {device}: ")


@pytest.mark.parametrize("entry", ["/dev/ttyUSB0:/dev/ttyUSB0", "/dev/dri/renderD128",
                                   "/dev/fuse", "/dev/net/tun", "${DISK}:/dev/disk",
                                   "nvidia.com/gpu=all"])
def test_ordinary_devices_pass(entry: str) -> None:
    assert run(DangerousDevice, devices(entry)) == []


def test_not_for_swarm() -> None:
    assert swarm(DangerousDevice, devices("/dev/sda")) == []
