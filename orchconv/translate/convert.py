"""The conversion matrix: any loader into the IR, then any emitter out of it.

This is the one place that knows every format; each format's package knows
only the IR.  Imports are lazy so a command pays only for the formats it uses.
"""

from __future__ import annotations

import os
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from orchconv.errors import InputError, OrchconvError
from orchconv.ir.project import Project
from orchconv.redaction import (
    MIN_SECRET_LENGTH,
    project_secret_values,
    redacted_error,
    redacted_losses,
    redacted_texts,
    register,
    register_manifests,
    secret_values,
)
from orchconv.source.boundary import ReadBoundary
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.k8s.versions import DEFAULT_VERSION
from orchconv.translate.result import Conversion, Loaded
from orchconv.translate.target_options import TargetOptions

# TargetOptions and Loaded live in generated record modules; callers take them from here
__all__ = ["FORMATS", "Loaded", "TargetOptions", "convert", "convert_loaded", "emit", "load"]

FORMATS = ("compose", "swarm", "k8s")


def load(source: str, options: LoadOptions, k8s_inputs: tuple[Path, ...] = (),
         k8s_version: str = DEFAULT_VERSION, recursive: bool = False) -> Loaded:
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
        return Loaded(stack.project, stack.losses, redacted_texts(stack.warnings, secrets),
                      stack.project_dir, secret_values=secrets | stack.secret_values)
    if source == "k8s":
        from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes

        if not k8s_inputs:
            raise InputError("no Kubernetes manifest given")
        settings = K8sLoadOptions(k8s_version=k8s_version, project_name=options.project_name,
                                  recursive=recursive)
        loaded = load_kubernetes(k8s_inputs, settings)
        held = frozenset(v for v in loaded.environ.values() if len(v) >= MIN_SECRET_LENGTH)
        held |= project_secret_values(loaded.project)  # credential-named `env` literals
        register(held)
        return Loaded(loaded.project, list(loaded.losses), list(loaded.warnings),
                      environ=dict(loaded.environ), secret_values=held)
    raise InputError(f"unknown source format {source!r}")


def _emit_kubernetes(project: Project, target: TargetOptions, project_dir: Path | None,
                     boundary: ReadBoundary) -> Conversion:
    from orchconv.translate.k8s.emit.files import LocalFiles
    from orchconv.translate.k8s.emit.options import K8sEmitOptions
    from orchconv.translate.k8s.emit.project import emit_kubernetes

    # The fields both spell alike (tests/cli/test_target_options.py: every other field is
    # the swarm emitter's or the read boundary's); None leaves the emitter's default.
    shared = {f.name for f in fields(K8sEmitOptions)} & {f.name for f in fields(TargetOptions)}
    settings: dict[str, Any] = {
        name: getattr(target, name) for name in shared if getattr(target, name) is not None
    }
    settings.update(
        project_dir=str(project_dir) if project_dir else None,
        # secrets and configs read from files or the environment, as compose would
        files=LocalFiles(boundary),
        environ=dict(os.environ),
    )
    return emit_kubernetes(project, K8sEmitOptions(**settings))


def emit(target_format: str, project: Project, target: TargetOptions,
         project_dir: Path | None = None) -> Conversion:
    boundary = (ReadBoundary(anywhere=True) if target.read_anywhere
                else ReadBoundary.around(project_dir, target.allow_read))
    # every target writes env_file values into the output (envFrom, environment)
    boundary.admit_all((entry.path, entry.loc) for service in project.services.values()
                       for entry in service.env_file if entry.values)
    if target_format in ("k8s", "helm"):
        conversion = _emit_kubernetes(project, target, project_dir, boundary)
        # Secrets carry secret files and credentials: masked in every message from here on
        register_manifests(document.data for document in conversion.documents)
        register(conversion.environ.values())
        if target_format == "helm":  # a chart of the same objects (orchconv/translate/helm)
            from orchconv.translate.helm.chart import emit_chart

            return emit_chart(conversion)
        return conversion
    if target_format == "swarm":
        from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack

        swarm_settings: dict[str, Any] = {}
        if target.stack_version:
            swarm_settings["stack_version"] = target.stack_version
        if target.image_prefix:
            swarm_settings["image_prefix"] = target.image_prefix
        return emit_stack(project, SwarmEmitOptions(**swarm_settings))
    if target_format == "compose":
        from orchconv.translate.compose.emitter import compose_conversion

        return compose_conversion(project)
    raise InputError(f"unknown target format {target_format!r}")


def convert(source: str, target_format: str, options: LoadOptions, target: TargetOptions,
            k8s_inputs: tuple[Path, ...] = (), recursive: bool = False) -> Conversion:
    loaded = load(source, options, k8s_inputs, target.k8s_version, recursive)
    return convert_loaded(loaded, target_format, target)


def convert_loaded(loaded: Loaded, target_format: str, target: TargetOptions) -> Conversion:
    """`convert` of a project already loaded (the report also draws and lints it)."""
    secrets = loaded.secret_values
    try:
        conversion = emit(target_format, loaded.project, target, loaded.project_dir)
    except OrchconvError as error:
        raise redacted_error(error, secrets) from None
    # a loader's loss without a target (a key the source never applied) is one for any
    conversion.losses[:0] = [loss if loss.target else replace(loss, target=target_format)
                             for loss in loaded.losses]
    conversion.warnings[:0] = loaded.warnings
    conversion.environ.update(loaded.environ)
    if secrets:  # emitters quote values in their reasons; none may be a secret's
        conversion.losses[:] = redacted_losses(conversion.losses, secrets)
        conversion.warnings[:] = redacted_texts(conversion.warnings, secrets)
    return conversion
