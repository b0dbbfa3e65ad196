"""ConfigMaps and Secrets holding file contents or variables."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from orchconv.translate.k8s.emit.context import EmitContext
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import object_labels

CONFIGMAP_LIMIT = 1 << 20  # the API server refuses objects over 1 MiB


def text_or_none(content: bytes) -> str | None:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def config_map(ctx: EmitContext, name: str, files: Mapping[str, bytes | str],
               component: str) -> dict[str, Any]:
    """A ConfigMap: text under `data`, anything else base64 under `binaryData`."""
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for key in sorted(files):
        content = files[key]
        text = content if isinstance(content, str) else text_or_none(content)
        if text is not None:
            data[key] = text
        else:
            assert isinstance(content, bytes)
            binary[key] = base64.b64encode(content).decode("ascii")
    obj = new_object(ctx.options.k8s_version, "ConfigMap", ctx.metadata(
        name, object_labels(ctx.project.name, name, component)))
    obj["data"] = data
    if binary:
        obj["binaryData"] = binary
    return obj


def secret(ctx: EmitContext, name: str, files: Mapping[str, bytes | str],
           component: str) -> dict[str, Any]:
    """An Opaque Secret; values are base64, so nothing needs escaping."""
    data = {key: base64.b64encode(value.encode() if isinstance(value, str) else value)
            .decode("ascii") for key, value in sorted(files.items())}
    obj = new_object(ctx.options.k8s_version, "Secret", ctx.metadata(
        name, object_labels(ctx.project.name, name, component)))
    obj["type"] = "Opaque"
    obj["data"] = data
    return obj


def payload_size(files: Mapping[str, bytes | str]) -> int:
    return sum(len(v.encode() if isinstance(v, str) else v) for v in files.values())
