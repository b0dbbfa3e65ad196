"""Service tmpfs and shm_size -> tmpfs mounts."""

from __future__ import annotations

from orchconv.ir.service import Mount
from orchconv.translate.swarm.emit.tmpfs import emit_tmpfs
from orchconv.translate.swarm.emit.volumes import emit_volumes
from tests.swarm.helpers import context, lost_paths, run_step, service


def test_entries_become_mounts() -> None:
    out, losses = run_step(emit_tmpfs, service(tmpfs=("/run:size=64m", "/tmp")))
    assert out == {"volumes": [
        {"type": "tmpfs", "target": "/run", "tmpfs": {"size": 64 * 2**20}},
        {"type": "tmpfs", "target": "/tmp"},
    ]}
    assert losses == []


def test_options_other_than_size_are_lost() -> None:
    out, losses = run_step(emit_tmpfs, service(tmpfs=("/cache:size=1g,mode=1777,noexec",)))
    assert out["volumes"] == [{"type": "tmpfs", "target": "/cache", "tmpfs": {"size": 2**30}}]
    assert lost_paths(losses) == ["services.web.tmpfs"]
    assert "mode=1777, noexec" in losses[0].reason


def test_shm_size_becomes_a_sized_dev_shm() -> None:
    out, losses = run_step(emit_tmpfs, service(shm_size=256 * 2**20))
    assert out == {"volumes": [{"type": "tmpfs", "target": "/dev/shm",
                                "tmpfs": {"size": 256 * 2**20}}]}
    assert losses == []


def test_mounts_follow_the_service_volumes() -> None:
    svc = service(volumes=(Mount(type="volume", source="data", target="/data"),),
                  tmpfs=("/run",))
    out, _ = run_step(emit_volumes, svc)
    out, _ = run_step(emit_tmpfs, svc, out=out)
    assert [m["target"] for m in out["volumes"]] == ["/data", "/run"]


def test_a_taken_target_is_lost() -> None:
    svc = service(volumes=(Mount(type="volume", source="shm", target="/dev/shm"),),
                  shm_size=1024)
    out, _ = run_step(emit_volumes, svc)
    out, losses = run_step(emit_tmpfs, svc, out=out)
    assert len(out["volumes"]) == 1
    assert lost_paths(losses) == ["services.web.shm_size"]


def test_before_3_6_a_size_is_lost() -> None:
    svc = service(tmpfs=("/run:size=1m",), shm_size=1024)
    out, losses = run_step(emit_tmpfs, svc, context(stack_version="3.4"))
    assert out == {"volumes": [{"type": "tmpfs", "target": "/run"}]}
    assert lost_paths(losses) == ["services.web.tmpfs", "services.web.shm_size"]


def test_before_3_2_there_are_no_tmpfs_mounts() -> None:
    out, losses = run_step(emit_tmpfs, service(tmpfs=("/run",)), context(stack_version="3.1"))
    assert out == {}
    assert lost_paths(losses) == ["services.web.tmpfs"]


def test_before_3_2_shm_size_is_lost_once() -> None:
    _, losses = run_step(emit_tmpfs, service(shm_size=1024), context(stack_version="3.0"))
    assert lost_paths(losses) == ["services.web.shm_size"]
