"""The options every emitter takes; each emitter reads the ones that concern it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orchconv.translate.k8s.versions import DEFAULT_VERSION


@dataclass(frozen=True)
class TargetOptions:
    """Options of every emitter; each emitter reads the ones that concern it."""

    namespace: str | None = None
    k8s_version: str = DEFAULT_VERSION
    controller: str = "default"
    service_type: str | None = None
    readiness_probe: bool = False
    network_policies: bool = False
    wait_for_dependencies: bool = False
    binds: str | None = None
    bind_as_configmap: bool = False
    host_path: bool = False
    plain_env: bool = False
    pvc_size: str | None = None
    storage_class: str | None = None
    image_prefix: str | None = None
    stack_version: str | None = None
    # Host files embedded in the output must lie in the project or one of these folders
    # (--allow-read); `read_anywhere` is for callers that discard the output (lint).
    allow_read: tuple[Path, ...] = ()
    read_anywhere: bool = False
