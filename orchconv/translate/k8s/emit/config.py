"""secrets -> Secrets, configs -> ConfigMaps (env_file: see environment.py).

A secret or config is mounted as the single file compose would show, at the
same target (default /run/secrets/<name> and /<name>), through subPath.
Contents come from inline `content`, the caller's `environ` (for
`environment:` sources) or the caller's `files`; when none has it the object
is emitted empty and a loss entry asks for the data.  Values never appear in
messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.ir.project import FileObject
from orchconv.ir.service import FileRef
from orchconv.source.boundary import located
from orchconv.translate.k8s.emit.context import EmitContext, ServiceContext
from orchconv.translate.k8s.emit.labels import invalid_key_reason, split_labels
from orchconv.translate.k8s.emit.names import config_key, dns_subdomain
from orchconv.translate.k8s.emit.parts import PodParts, add_mount
from orchconv.translate.k8s.emit.payload import config_map, secret

_FAMILY = {"secrets": "secret", "configs": "configmap"}


def _content(emit: EmitContext, obj: FileObject) -> bytes | str | None:
    if obj.content is not None:
        return obj.content
    if obj.environment is not None:
        environ = emit.options.environ
        return environ.get(obj.environment) if environ is not None else None
    if obj.file is not None and emit.options.files is not None:
        with located(obj.loc):
            return emit.options.files.read_file(obj.file)
    return None


def _object_name(emit: EmitContext, section: str, key: str) -> str | None:
    """The Kubernetes name of a top-level secret or config, emitting it on first use."""
    obj = _top_level(emit, section).get(key)
    if obj is None:
        return None
    if obj.external:
        return dns_subdomain(obj.name or key)
    family = _FAMILY[section]
    known = emit.names.lookup(family, f"{section}:{key}")
    if known is not None:
        return known
    name = emit.names.claim(family, f"{section}:{key}", dns_subdomain(key))
    if name != key:
        emit.lose(obj.loc, f"{section}.{key}", f"name {key!r} is not a valid Kubernetes "
                  f"name; it becomes {name!r}")
    content = _content(emit, obj)
    data_key = config_key(key)
    if content is None:
        source = obj.file or f"${obj.environment}"
        emit.lose(obj.loc, f"{section}.{key}", f"the content of {source} was not available: "
                  f"fill in the {'Secret' if section == 'secrets' else 'ConfigMap'}'s data")
        content = ""
    build = secret if section == "secrets" else config_map
    made = build(emit, name, {data_key: content}, "config")
    _add_user_labels(emit, made, obj, f"{section}.{key}")
    emit.add_object(made)
    return name


def _add_user_labels(emit: EmitContext, made: dict[str, Any], obj: FileObject,
                     path: str) -> None:
    valid, as_annotations, invalid = split_labels(obj.labels)
    made["metadata"]["labels"].update(valid)
    if as_annotations:
        made["metadata"].setdefault("annotations", {}).update(as_annotations)
    for key in invalid:
        emit.lose(obj.loc, f"{path}.labels.{key}", invalid_key_reason(key))


def _top_level(emit: EmitContext, section: str) -> Mapping[str, FileObject]:
    return emit.project.secrets if section == "secrets" else emit.project.configs


def _target(section: str, ref: FileRef) -> str:
    if section == "secrets":
        target = ref.target or ref.source
        return target if target.startswith("/") else f"/run/secrets/{target}"
    target = ref.target or ref.source
    return target if target.startswith("/") else f"/{target}"


def _mode(mode: object) -> int | None:
    if isinstance(mode, int) and not isinstance(mode, bool):
        return mode
    try:
        return int(mode, 8) if isinstance(mode, str) and mode.strip() else None
    except ValueError:
        return None


def _mount_ref(ctx: ServiceContext, section: str, index: int, ref: FileRef,
               container: dict[str, Any], parts: PodParts) -> None:
    sub = f"[{index}]"
    name = _object_name(ctx.emit, section, ref.source)
    if name is None:
        ctx.lose(section, f"{ref.source!r} is not defined at the top level", sub=sub,
                 loc=ref.loc)
        return
    for field in ("uid", "gid"):
        if getattr(ref, field) is not None:
            ctx.lose(section, "projected files belong to root (and fsGroup); the owner "
                              "cannot be chosen", sub=f"{sub}.{field}", loc=ref.loc)
    key = config_key(ref.source)
    source: dict[str, Any] = ({"secret": {"secretName": name}} if section == "secrets"
                              else {"configMap": {"name": name}})
    mode = _mode(ref.mode)
    if mode is not None:
        next(iter(source.values()))["defaultMode"] = mode
    volume = parts.add_volume(f"{_FAMILY[section]}-{ref.source}", source, shared=True)
    target = _target(section, ref)
    if add_mount(container, {"name": volume, "mountPath": target, "subPath": key,
                             "readOnly": True}):
        ctx.lose(section, f"{target} is also where an earlier mount of this service goes:"
                          " a path holds one file, so this one replaces it, as in Docker",
                 sub=sub, loc=ref.loc)


def mount_config(ctx: ServiceContext, container: dict[str, Any], parts: PodParts) -> None:
    """Secrets and configs as files in the container (env files: environment.py)."""
    for section in ("secrets", "configs"):
        for index, ref in enumerate(getattr(ctx.service, section)):
            _mount_ref(ctx, section, index, ref, container, parts)
        ctx.done(section)


def top_level_file_losses(emit: EmitContext) -> None:
    for section in ("secrets", "configs"):
        for key, obj in _top_level(emit, section).items():
            for name, extra in obj.extras.items():
                emit.lose(extra.loc, f"{section}.{key}.{name}",
                          "no Secret or ConfigMap counterpart")
            if obj.external:
                emit.warn(f"{section}.{key} is external: it must exist in the namespace as "
                          f"{dns_subdomain(obj.name or key)!r}")
