"""volumes, tmpfs and shm_size -> pod volumes and the container's volumeMounts.

Named volumes become PVCs (volumeClaimTemplates in a StatefulSet when no
other pod uses them), anonymous volumes emptyDirs, tmpfs mounts emptyDirs in
memory.  A bind mount names a path on the Docker host, which a cluster does
not have: it becomes a ConfigMap (files inside the project, by option) or a
hostPath (by option), and otherwise a loss.
"""

from __future__ import annotations

from typing import Any

from orchconv.ir.loss import WARNING
from orchconv.ir.service import Mount
from orchconv.translate.k8s.emit.binds import (
    BindSite,
    Choice,
    auto_choice,
    bind_claim,
    bind_configmap,
    host_path_source,
    inside_project,
    lose_mount,
)
from orchconv.translate.k8s.emit.claims import claim_for, claim_template, pvc_object
from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.directives import volume_type
from orchconv.translate.k8s.emit.names import dns_label
from orchconv.translate.k8s.emit.parts import PodParts, add_mount
from orchconv.translate.k8s.emit.quantities import byte_quantity, byte_size
from orchconv.translate.k8s.emit.requests import Directives

_KEPT_VOLUME_OPTIONS = frozenset({"nocopy", "subpath"})
# The bind mode a volume-type label asks for (emptyDir is handled on its own).
_LABEL_MODES = {"configMap": "configmap", "hostPath": "hostpath",
                "persistentVolumeClaim": "pvc"}


def _mount_entry(name: str, mount: Mount, read_only: bool | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "mountPath": mount.target}
    if read_only if read_only is not None else mount.read_only:
        entry["readOnly"] = True
    return entry


def _memory_volume(size: object) -> dict[str, Any]:
    empty: dict[str, Any] = {"medium": "Memory"}
    limit = byte_size(size) if size is not None else None
    if limit:
        empty["sizeLimit"] = byte_quantity(limit)
    return {"emptyDir": empty}


class MountMapper:
    def __init__(self, ctx: ServiceContext, container: dict[str, Any], parts: PodParts,
                 directives: Directives, shared_volumes: set[str], stateful: bool) -> None:
        self.ctx = ctx
        self.container = container
        self.parts = parts
        self.directives = directives
        self.shared_volumes = shared_volumes
        self.stateful = stateful

    def lose(self, index: int, reason: str, sub: str = "", level: str = WARNING) -> None:
        lose_mount(self.ctx, index, reason, sub, level)

    def map_all(self) -> None:
        for index, mount in enumerate(self.ctx.service.volumes):
            handler = {"volume": self.volume, "bind": self.bind, "tmpfs": self.tmpfs}.get(
                mount.type)
            if handler is None:
                self.lose(index, f"{mount.type} mounts have no pod volume counterpart")
                continue
            handler(index, mount)
        self.tmpfs_entries()
        self.shm()
        self.ctx.done("volumes", "tmpfs", "shm_size")

    def volume(self, index: int, mount: Mount) -> None:
        options = dict(mount.volume or {})
        for option in sorted(set(options) - _KEPT_VOLUME_OPTIONS):
            self.lose(index, "no volumeMount counterpart", f".volume.{option}")
        if not mount.source:
            name = self.parts.add_volume(f"anonymous-{index}", {"emptyDir": {}})
            add_mount(self.container, _mount_entry(name, mount))
            return
        if self._typed_volume(index, mount):
            return
        shared = mount.source in self.shared_volumes
        if shared:
            self.ctx.emit.warn(f"volume {mount.source} is mounted by more than one pod: its "
                               "claim asks for ReadWriteMany, which the storage class must "
                               "offer")
        claim = claim_for(self.ctx, mount.source, self.directives, shared)
        external = claim.volume is not None and claim.volume.external
        if self.stateful and not shared and not external:
            name = dns_label(mount.source)
            if all(t["metadata"]["name"] != name for t in self.parts.claim_templates):
                template = claim_template(self.ctx.emit, claim)
                template["metadata"]["name"] = name
                self.parts.claim_templates.append(template)
        else:
            if not external:
                self.ctx.emit.add_object(pvc_object(self.ctx.emit, claim))
            name = self.parts.add_volume(
                mount.source, {"persistentVolumeClaim": {"claimName": claim.name}}, shared=True)
            self.parts.uses_claims = True
        entry = _mount_entry(name, mount)
        sub_path = options.get("subpath") or self.directives.sub_path
        if sub_path:
            entry["subPath"] = str(sub_path)
        add_mount(self.container, entry)

    def _typed_volume(self, index: int, mount: Mount) -> bool:
        """A volume-type label on a named volume: emptyDir replaces its claim; the types
        that need host files cannot apply to it."""
        volume = self.ctx.emit.project.volumes.get(mount.source or "")
        kind = volume_type(volume, self.directives)
        if kind in ("hostPath", "configMap"):
            self.lose(index, f"the volume-type label asks for {kind}, which needs files on "
                             "the host; a named volume has none, so it stays a claim")
        if kind != "emptyDir":
            return False
        name = self.parts.add_volume(mount.source or "", {"emptyDir": {}}, shared=True)
        entry = _mount_entry(name, mount)
        sub_path = dict(mount.volume or {}).get("subpath") or self.directives.sub_path
        if sub_path:
            entry["subPath"] = str(sub_path)
        add_mount(self.container, entry)
        return True

    def bind(self, index: int, mount: Mount) -> None:
        options = self.ctx.options
        source = mount.source or ""
        kind = self.directives.volume_type  # a label can ask per service what options ask
        if kind == "emptyDir":
            self.lose(index, f"the volume-type label makes it an empty emptyDir: the content "
                             f"of {source} is not copied")
            name = self.parts.add_volume(f"host-{index}", {"emptyDir": {}})
            add_mount(self.container, _mount_entry(name, mount))
            return
        mode = _LABEL_MODES.get(kind or "") or options.bind_mode
        if not inside_project(source, options.project_dir):
            if mode != "hostpath" and not options.outside_as_host_path:
                self.lose(index, f"{source} is a path on the Docker host outside the project, "
                                 "which a cluster node need not have; pass --host-path to "
                                 "mount it as a hostPath volume")
                return
            mode = "hostpath"
        if mode == "drop":
            self.lose(index, "--binds=drop: a bind mount names a path on the Docker host; "
                             "--binds=auto makes a ConfigMap or a claim of it")
            return
        site = BindSite(self.ctx, self.parts, index, mount, self.directives.volume_size,
                        self.directives.storage_class)
        choice = Choice(mode) if mode != "auto" else auto_choice(site)
        if choice is None:
            return
        if choice.mode == "configmap":
            name, entry = bind_configmap(site, choice.content)
            add_mount(self.container, {"name": name, **entry})
            return
        if choice.mode == "pvc":
            add_mount(self.container, bind_claim(site, choice.empty))
            return
        volume_name = self.parts.add_volume(f"host-{index}", host_path_source(site))
        entry = _mount_entry(volume_name, mount)
        propagation = (mount.bind or {}).get("propagation")
        if propagation in ("rslave", "slave"):
            entry["mountPropagation"] = "HostToContainer"
        elif propagation in ("rshared", "shared"):
            if self.ctx.service.privileged:
                entry["mountPropagation"] = "Bidirectional"
            else:
                self.lose(index, "Bidirectional propagation needs a privileged container",
                          ".bind.propagation")
        add_mount(self.container, entry)

    def tmpfs(self, index: int, mount: Mount) -> None:
        options = dict(mount.tmpfs or {})
        for option in sorted(set(options) - {"size"}):
            self.lose(index, "an emptyDir in memory has only a size", f".tmpfs.{option}")
        name = self.parts.add_volume(f"tmpfs-{index}", _memory_volume(options.get("size")))
        add_mount(self.container, _mount_entry(name, mount))

    def tmpfs_entries(self) -> None:
        for index, text in enumerate(self.ctx.service.tmpfs):
            path, _, flags = text.partition(":")
            size: str | None = None
            read_only = False
            for flag in filter(None, flags.split(",")):
                if flag.startswith("size="):
                    size = flag[len("size="):]
                elif flag in ("ro", "rw"):
                    read_only = flag == "ro"
                else:
                    self.ctx.lose("tmpfs", f"mount option {flag!r} has no emptyDir counterpart",
                                  sub=f"[{index}]")
            base = path.strip("/").replace("/", "-") or "root"
            name = self.parts.add_volume(f"tmpfs-{base}", _memory_volume(size))
            entry: dict[str, Any] = {"name": name, "mountPath": path}
            if read_only:
                entry["readOnly"] = True
            add_mount(self.container, entry)

    def shm(self) -> None:
        size = self.ctx.service.shm_size
        if size is None:
            return
        name = self.parts.add_volume("dshm", _memory_volume(size))
        add_mount(self.container, {"name": name, "mountPath": "/dev/shm"})
