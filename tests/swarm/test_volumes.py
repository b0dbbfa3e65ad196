"""Service mounts and top-level volumes."""

from __future__ import annotations

from orchconv.ir.project import Project, Volume
from orchconv.ir.service import Mount
from orchconv.translate.swarm.emit.volumes import emit_volumes, volume_data
from tests.swarm.helpers import PROJECT, context, lost_paths, run_step, service


def test_kept_options_and_lost_ones() -> None:
    mounts = (
        Mount(type="bind", source="/srv", target="/srv", read_only=True,
              bind={"propagation": "rslave", "create_host_path": True, "selinux": "z"}),
        Mount(type="volume", source="data", target="/data", volume={"nocopy": True,
                                                                    "subpath": "a"}),
        Mount(type="tmpfs", target="/tmp", tmpfs={"size": 1024, "mode": 0o1777}),
        Mount(type="volume", source="db", target="/db", volume={}),
    )
    out, losses = run_step(emit_volumes, service(volumes=mounts))
    assert out == {"volumes": [
        {"type": "bind", "source": "/srv", "target": "/srv", "read_only": True,
         "bind": {"propagation": "rslave"}},
        {"type": "volume", "source": "data", "target": "/data", "volume": {"nocopy": True}},
        {"type": "tmpfs", "target": "/tmp", "tmpfs": {"size": 1024}},
        {"type": "volume", "source": "db", "target": "/db"},
    ]}
    assert lost_paths(losses) == [
        "services.web.volumes[0].bind.create_host_path", "services.web.volumes[0].bind.selinux",
        "services.web.volumes[1].volume.subpath", "services.web.volumes[2].tmpfs.mode",
    ]


def test_image_mounts_are_lost() -> None:
    mount = Mount(type="image", source="alpine", target="/a")
    out, losses = run_step(emit_volumes, service(volumes=(mount,)))
    assert out == {}
    assert lost_paths(losses) == ["services.web.volumes[0]"]


def test_short_syntax_before_3_2() -> None:
    mounts = (Mount(type="volume", source="data", target="/data"),
              Mount(type="bind", source="/srv", target="/srv", read_only=True),
              Mount(type="volume", target="/anon"),
              Mount(type="tmpfs", target="/tmp"))
    out, losses = run_step(emit_volumes, service(volumes=mounts), context(stack_version="3.1"))
    assert out == {"volumes": ["data:/data", "/srv:/srv:ro", "/anon"]}
    assert lost_paths(losses) == ["services.web.volumes[3]"]


def test_a_default_name_is_left_to_stack_deploy() -> None:
    ctx = context(Project(name=PROJECT))
    assert volume_data(Volume(key="data", name=f"{PROJECT}_data"), ctx) == {}
    assert volume_data(Volume(key="data", name="shared"), ctx) == {"name": "shared"}


def test_external_volumes_keep_only_their_name() -> None:
    ctx = context(Project(name=PROJECT))
    volume = Volume(key="logs", name="corp-logs", external=True, driver="local")
    assert volume_data(volume, ctx) == {"external": True, "name": "corp-logs"}
    assert lost_paths(ctx.conversion.losses) == ["volumes.logs.driver"]
    old = context(Project(name=PROJECT), stack_version="3.3")
    assert volume_data(Volume(key="logs", name="corp-logs", external=True), old) == {
        "external": {"name": "corp-logs"}}
