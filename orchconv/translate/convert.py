"""The conversion matrix: any loader into the IR, then any emitter out of it.

This is the one place that knows every format; each format's package knows
only the IR.  Imports are lazy so a command pays only for the formats it uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.errors import InputError, OrchconvError
from orchconv.ir.loss import Loss
from orchconv.ir.project import Project
from orchconv.redaction import (
    MIN_SECRET_LENGTH,
    redacted_error,
    redacted_losses,
    redacted_texts,
    secret_values,
)
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.result import Conversion, Document

FORMATS = ("compose", "swarm", "k8s")


@dataclass
class Loaded:
    """A project read from any format, with the losses of reading it."""

    project: Project
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    project_dir: Path | None = None
    environ: dict[str, str] = field(default_factory=dict)  # secret values a k8s input held
    secret_values: frozenset[str] = frozenset()  # masked in every message of the conversion


@dataclass(frozen=True)
class TargetOptions:
    """Options of every emitter; each emitter reads the ones that concern it."""

    namespace: str | None = None
    k8s_version: str = "1.35"
    controller: str = "default"
    service_type: str | None = None
    readiness_probe: bool = False
    network_policies: bool = False
    wait_for_dependencies: bool = False
    bind_as_configmap: bool = False
    host_path: bool = False
    pvc_size: str | None = None
    storage_class: str | None = None
    image_prefix: str | None = None
    stack_version: str | None = None


def load(source: str, options: LoadOptions, k8s_inputs: tuple[Path, ...] = (),
         k8s_version: str = "1.35") -> Loaded:
    if source == "compose":
        from orchconv.translate.compose.loader import load_project

        result = load_project(options)
        return Loaded(result.project, [], result.warnings, result.project_dir,
                      secret_values=result.secret_values)
    if source == "swarm":
        from orchconv.translate.swarm.loader import load_stack

        environment = os.environ if options.os_environ is None else options.os_environ
        secrets = secret_values(environment)  # a stack reads no .env file
        try:
            stack = load_stack(options)
        except OrchconvError as error:
            raise redacted_error(error, secrets) from None
        return Loaded(stack.project, [], redacted_texts(stack.warnings, secrets),
                      stack.project_dir, secret_values=secrets | stack.secret_values)
    if source == "k8s":
        from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes

        if not k8s_inputs:
            raise InputError("no Kubernetes manifest given")
        settings = K8sLoadOptions(k8s_version=k8s_version, project_name=options.project_name)
        loaded = load_kubernetes(k8s_inputs, settings)
        held = frozenset(v for v in loaded.environ.values() if len(v) >= MIN_SECRET_LENGTH)
        return Loaded(loaded.project, list(loaded.losses), list(loaded.warnings),
                      environ=dict(loaded.environ), secret_values=held)
    raise InputError(f"unknown source format {source!r}")


def _emit_kubernetes(project: Project, target: TargetOptions, project_dir: Path | None
                     ) -> Conversion:
    from orchconv.translate.k8s.emit.files import LocalFiles
    from orchconv.translate.k8s.emit.options import K8sEmitOptions
    from orchconv.translate.k8s.emit.project import emit_kubernetes

    settings: dict[str, Any] = {
        "namespace": target.namespace,
        "k8s_version": target.k8s_version,
        "controller": target.controller,
        "readiness_probe": target.readiness_probe,
        "network_policies": target.network_policies,
        "wait_for_dependencies": target.wait_for_dependencies,
        "bind_as_configmap": target.bind_as_configmap,
        "host_path": target.host_path,
        "project_dir": str(project_dir) if project_dir else None,
        # secrets and configs read from files or the environment, as compose would
        "files": LocalFiles(),
        "environ": dict(os.environ),
    }
    optional = {
        "service_type": target.service_type,
        "pvc_size": target.pvc_size,
        "storage_class": target.storage_class,
        "image_prefix": target.image_prefix,
    }
    settings.update({k: v for k, v in optional.items() if v is not None})
    return emit_kubernetes(project, K8sEmitOptions(**settings))


def emit(target_format: str, project: Project, target: TargetOptions,
         project_dir: Path | None = None) -> Conversion:
    if target_format == "k8s":
        return _emit_kubernetes(project, target, project_dir)
    if target_format == "swarm":
        from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack

        swarm_settings: dict[str, Any] = {}
        if target.stack_version:
            swarm_settings["stack_version"] = target.stack_version
        if target.image_prefix:
            swarm_settings["image_prefix"] = target.image_prefix
        return emit_stack(project, SwarmEmitOptions(**swarm_settings))
    if target_format == "compose":
        from orchconv.translate.compose.emitter import project_to_data

        return Conversion(documents=[Document("compose", project_to_data(project))])
    raise InputError(f"unknown target format {target_format!r}")


def convert(source: str, target_format: str, options: LoadOptions, target: TargetOptions,
            k8s_inputs: tuple[Path, ...] = ()) -> Conversion:
    loaded = load(source, options, k8s_inputs, target.k8s_version)
    secrets = loaded.secret_values
    try:
        conversion = emit(target_format, loaded.project, target, loaded.project_dir)
    except OrchconvError as error:
        raise redacted_error(error, secrets) from None
    conversion.losses[:0] = loaded.losses
    conversion.warnings[:0] = loaded.warnings
    conversion.environ.update(loaded.environ)
    if secrets:  # emitters quote values in their reasons; none may be a secret's
        conversion.losses[:] = redacted_losses(conversion.losses, secrets)
        conversion.warnings[:] = redacted_texts(conversion.warnings, secrets)
    return conversion
