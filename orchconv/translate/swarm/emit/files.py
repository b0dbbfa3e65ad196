"""Secrets and configs: the service references and the top-level objects.

`docker stack deploy` creates an object from a `file` only.  An object the
Compose spec fills from an environment variable or inline `content` is written
as `external`, and the loss says to create it before deploying.  Secrets keep
`driver`/`driver_opts` (3.8) and `template_driver` (3.7); configs keep
`template_driver`.
"""

from __future__ import annotations

from orchconv.ir.project import FileObject
from orchconv.ir.service import FileRef, Service
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.naming import default_name, naming_data

HANDLES = frozenset({"secrets", "configs"})

_KEPT_EXTRAS = {"secrets": ("driver", "driver_opts", "template_driver"),
                "configs": ("template_driver",)}


def _reference(ref: FileRef, path: str, ctx: StackContext) -> Data | str:
    out: Data = {"source": ref.source}
    for key in ("target", "uid", "gid", "mode"):
        value = getattr(ref, key)
        if value is not None:
            out[key] = value
    for key, extra in ref.extras.items():
        ctx.lose(extra.loc, f"{path}.{key}", "stack files have no such key")
    return ref.source if len(out) == 1 else out


def emit_file_refs(service: Service, out: Data, ctx: StackContext) -> None:
    for section in ("secrets", "configs"):
        refs: tuple[FileRef, ...] = getattr(service, section)
        if refs:
            out[section] = [
                _reference(ref, f"services.{service.name}.{section}[{index}]", ctx)
                for index, ref in enumerate(refs)
            ]


def _created_elsewhere(item: FileObject, section: str, name: str, ctx: StackContext) -> bool:
    """True when swarm cannot create the object, so it must exist before deploying."""
    if item.environment is not None:
        source = "environment"
    elif item.content is not None:
        source = "content"
    else:
        return False
    kind = section[:-1]
    ctx.lose(item.loc, f"{section}.{item.key}.{source}",
             f"swarm cannot create a {kind} from {source}: create the {kind} {name!r}"
             f" with `docker {kind} create` before deploying; it is declared external")
    return True


def file_object_data(item: FileObject, section: str, ctx: StackContext) -> Data:
    path = f"{section}.{item.key}"
    implicit = default_name(ctx.project.name, item.key, item.external)
    explicit = item.name if item.name not in (None, implicit) else None
    external = item.external or _created_elsewhere(item, section, explicit or item.key, ctx)
    out = naming_data(section, item.key, explicit, external, ctx)
    if not external and item.file is not None:
        out["file"] = item.file
    if item.labels:
        out["labels"] = dict(sorted(item.labels.items()))
    for key, extra in item.extras.items():
        if key.startswith("x-") or key in _KEPT_EXTRAS[section]:
            out[key] = extra.value
        else:
            ctx.lose(extra.loc, f"{path}.{key}", f"stack files have no such {section[:-1]} key")
    return out
