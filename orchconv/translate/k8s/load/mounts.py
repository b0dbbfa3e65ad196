"""Pod volumes and volumeMounts -> volumes, tmpfs, shm_size, configs and secrets.

A PersistentVolumeClaim is a named volume; an emptyDir is an anonymous volume
(a named one when several containers share it); an emptyDir in memory is a
tmpfs mount (shm_size at /dev/shm); a hostPath is a bind mount; ConfigMap and
Secret volumes become config and secret files at the same paths.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from orchconv.ir.loss import INFO
from orchconv.location import Loc
from orchconv.translate.k8s.load.config import CONFIGMAP, SECRET, Payload, PayloadStore
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.draft import Draft, new_map
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.load.storage import ClaimStore
from orchconv.translate.k8s.load.units import quantity, whole_bytes
from orchconv.translate.k8s.vocabulary import BIND_SOURCE

DEFAULT_MODE = 0o644
_PROPAGATION = {"HostToContainer": "rslave", "Bidirectional": "rshared"}
_SOURCES = ("persistentVolumeClaim", "emptyDir", "hostPath", "configMap", "secret")


@dataclass
class PodVolumes:
    """The pod's volumes by name, and how many containers mount each."""

    ctx: LoadContext
    store: PayloadStore
    claims: ClaimStore
    owner: str
    namespace: str | None
    volumes: dict[str, Node] = field(default_factory=dict)
    users: dict[str, set[str]] = field(default_factory=dict)
    claim_templates: set[str] = field(default_factory=set)  # StatefulSet claim names

    def add(self, spec: Node, containers: list[tuple[str, Node]]) -> None:
        for volume in spec.nodes("volumes"):
            self.volumes[volume.text("name") or ""] = volume
        for name, container in containers:
            for mount in container.data.get("volumeMounts") or ():
                if isinstance(mount, dict):
                    self.users.setdefault(str(mount.get("name")), set()).add(name)

    def unused(self) -> None:
        for name, volume in self.volumes.items():
            if name not in self.users:
                volume.lose_self("no container mounts this volume")


def _size(node: Node, key: str) -> int | None:
    raw = node.scalar(key)
    if raw is None:
        return None
    amount = quantity(raw)
    if amount is None:
        node.lose(key, f"{raw!r} is not a quantity")
        return None
    return whole_bytes(amount)[0]


def _mount(kind: str, target: str, read_only: bool, loc: Loc, **options: Any) -> dict[str, Any]:
    entry = new_map(loc, type=kind)
    for key, value in options.items():
        if key == "source" and value is not None:
            entry.put(key, value, loc, loc)
    entry.put("target", target, loc, loc)
    if read_only:
        entry.put("read_only", True, loc, loc)
    for key, value in options.items():
        if key != "source" and value is not None:
            entry.put(key, value, loc, loc)
    return entry


class MountReader:
    """One container's volumeMounts into its service's draft."""

    def __init__(self, pod: PodVolumes, container: Node, draft: Draft) -> None:
        self.pod = pod
        self.container = container
        self.draft = draft

    def read_all(self) -> None:
        for mount in self.container.nodes("volumeMounts"):
            name = mount.text("name") or ""
            volume = self.pod.volumes.get(name)
            target = mount.text("mountPath") or ""
            if name in self.pod.claim_templates:
                self.claim(mount, name, target)
            elif volume is None:
                mount.lose("name", f"the pod has no volume {name!r}")
            else:
                self.mount(mount, volume, name, target)
        if self.container.has("volumeDevices"):
            self.container.lose("volumeDevices", "raw block devices have no compose counterpart")

    def mount(self, mount: Node, volume: Node, name: str, target: str) -> None:
        volume.skip("name")
        kinds = [k for k in _SOURCES if volume.has(k)]
        if not kinds:
            other = next((k for k in volume.data if k != "name"), "?")
            volume.lose(other, f"{other} volumes have no compose counterpart")
            mount.skip(*mount.data)
            return
        handlers = {"persistentVolumeClaim": self.claim_volume, "emptyDir": self.empty_dir,
                    "hostPath": self.host_path, "configMap": self.config_map,
                    "secret": self.secret}
        handlers[kinds[0]](mount, volume, name, target)
        for key in ("mountPropagation", "subPathExpr", "recursiveReadOnly"):
            if key in mount.data and key not in mount.handled:
                mount.lose(key, "no compose counterpart for this mount setting")

    def _append(self, entry: dict[str, Any], mount: Node) -> None:
        self.draft.append("volumes", entry, mount.loc)

    def _sub_path(self, mount: Node) -> dict[str, Any] | None:
        sub_path = mount.text("subPath")
        return new_map(mount.loc, subpath=sub_path) if sub_path else None

    def claim(self, mount: Node, name: str, target: str) -> None:
        read_only = bool(mount.boolean("readOnly"))
        self._append(_mount("volume", target, read_only, mount.loc, source=name,
                            volume=self._sub_path(mount)), mount)

    def claim_volume(self, mount: Node, volume: Node, name: str, target: str) -> None:
        claim = volume.node("persistentVolumeClaim")
        assert claim is not None
        claim_name = claim.text("claimName") or ""
        read_only = bool(mount.boolean("readOnly")) or bool(claim.boolean("readOnly"))
        bind = self.pod.claims.bind_source(claim_name, self.pod.namespace)
        if bind is not None:  # a claim compose2k8s made from a bind: that bind again
            self._append(_mount("bind", target, read_only, mount.loc, source=bind), mount)
            if mount.has("subPath"):
                mount.lose("subPath", "a bind mount has no sub-path")
            return
        self.pod.claims.use(claim_name, self.pod.namespace, claim.loc)
        self._append(_mount("volume", target, read_only, mount.loc, source=claim_name,
                            volume=self._sub_path(mount)), mount)

    def empty_dir(self, mount: Node, volume: Node, name: str, target: str) -> None:
        empty = volume.node("emptyDir")
        assert empty is not None
        read_only = bool(mount.boolean("readOnly"))
        if empty.text("medium") == "Memory":
            size = _size(empty, "sizeLimit")
            if target == "/dev/shm" and size is not None and not read_only:
                self.draft.set("shm_size", size, mount.loc)
                return
            tmpfs = new_map(mount.loc, size=size) if size is not None else None
            self._append(_mount("tmpfs", target, read_only, mount.loc, tmpfs=tmpfs), mount)
            if mount.has("subPath"):
                mount.lose("subPath", "a tmpfs mount has no sub-path")
            return
        empty.default("medium", "")
        if empty.has("sizeLimit"):
            empty.lose("sizeLimit", "compose volumes have no size limit")
        if len(self.pod.users.get(name, ())) > 1:
            key = f"{self.pod.owner}-{name}"
            if key not in self.pod.ctx.volumes:
                self.pod.ctx.volumes.put(key, new_map(volume.loc, name=self.pod.ctx
                                                      .resource_name(key)), volume.loc,
                                         volume.loc)
                volume.ledger.lose(volume.loc, volume.path, f"an emptyDir shared by containers "
                                   f"becomes the named volume {key}, which outlives the pod")
            self._append(_mount("volume", target, read_only, mount.loc, source=key,
                                volume=self._sub_path(mount)), mount)
            return
        self._append(_mount("volume", target, read_only, mount.loc,
                            volume=self._sub_path(mount) or new_map(mount.loc)), mount)

    def host_path(self, mount: Node, volume: Node, name: str, target: str) -> None:
        host = volume.node("hostPath")
        assert host is not None
        kind = host.text("type") or ""
        bind = new_map(mount.loc)
        if kind == "DirectoryOrCreate":
            bind.put("create_host_path", True, mount.loc, mount.loc)
        elif kind == "FileOrCreate":
            host.lose("type", "Docker creates a missing bind source as a directory, not a file")
        propagation = mount.text("mountPropagation")
        if propagation in _PROPAGATION:
            bind.put("propagation", _PROPAGATION[propagation], mount.loc, mount.loc)
        if mount.has("subPath"):
            source = posixpath.join(host.text("path") or "", mount.text("subPath") or "")
        else:
            source = host.text("path") or ""
        self._append(_mount("bind", target, bool(mount.boolean("readOnly")), mount.loc,
                            source=source, bind=bind or None), mount)

    def config_map(self, mount: Node, volume: Node, name: str, target: str) -> None:
        self._files(mount, volume, "configMap", "name", CONFIGMAP, "configs", target)

    def secret(self, mount: Node, volume: Node, name: str, target: str) -> None:
        self._files(mount, volume, "secret", "secretName", SECRET, "secrets", target)

    def _files(self, mount: Node, volume: Node, key: str, name_key: str, kind: str,
               section: str, target: str) -> None:
        """One compose file reference per projected key (the one subPath picks, or all)."""
        source = volume.node(key)
        assert source is not None
        object_name = source.text(name_key) or ""
        mount.boolean("readOnly")  # projected files are read-only either way
        payload = self.pod.store.find(kind, self.pod.namespace, object_name)
        if payload is None:
            source.lose(name_key, f"{kind} {object_name} is not among the inputs; its files "
                        "are unknown")
            return
        if kind == CONFIGMAP and BIND_SOURCE in payload.labels:
            self._bind_again(mount, source, payload, target)
            return
        mode = source.integer("defaultMode")
        source.boolean("optional")
        files = self._projected(source, payload)
        sub_path = mount.text("subPath")
        for path, (data_key, item_mode) in files.items():
            if sub_path is not None and path != sub_path:
                continue
            file_target = target if sub_path is not None else posixpath.join(target, path)
            self._file_ref(payload, data_key, section, file_target,
                           item_mode if item_mode is not None else mode, mount.loc)

    def _bind_again(self, mount: Node, source: Node, payload: Payload, target: str) -> None:
        """A ConfigMap compose2k8s made from a bind: that bind, read-only; its data is
        what the bound path holds, so it is not written (a loss says so)."""
        path = payload.labels[BIND_SOURCE]
        payload.used = True
        source.skip("defaultMode", "optional", "items")
        mount.skip("subPath")
        self._append(_mount("bind", target, True, mount.loc, source=path), mount)
        self.pod.ctx.ledger.lose(payload.loc, f"{payload.kind}/{payload.name}",
                                 f"read back as the bind of {path} it was made from: its data "
                                 "must be in that path beside the compose file", level=INFO)

    def _projected(self, source: Node, payload: Payload) -> dict[str, tuple[str, int | None]]:
        """File path in the volume -> (data key, mode)."""
        items = source.nodes("items")
        if not items:
            return {key: (key, None) for key in sorted(payload.values)}
        files: dict[str, tuple[str, int | None]] = {}
        for item in items:
            key = item.text("key") or ""
            if key not in payload.values:
                item.lose("key", f"{payload.kind} {payload.name} has no key {key!r}")
                continue
            files[item.text("path") or key] = (key, item.integer("mode"))
        return files

    def _file_ref(self, payload: Payload, data_key: str, section: str, target: str,
                  mode: int | None, loc: Loc) -> None:
        key = self.pod.store.file_key(payload, data_key)
        if key is None:
            return
        ref = new_map(loc, source=key)
        default_target = f"/run/secrets/{key}" if section == "secrets" else f"/{key}"
        if target != default_target or section == "secrets":
            ref.put("target", target, loc, loc)
        if mode is not None and mode != DEFAULT_MODE:
            ref.put("mode", mode, loc, loc)
        self.draft.append(section, ref, loc)
