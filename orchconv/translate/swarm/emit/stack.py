"""The IR -> a stack file `docker stack deploy` takes without a warning.

The document is Compose-shaped: version, services, networks, volumes,
secrets, configs; every `$` in a value is written `$$`, since the IR holds
values already interpolated.  Every key that swarm cannot carry is left out with a
loss; the result validates against our schema of the chosen version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from orchconv.errors import ConversionError
from orchconv.ir.project import Project
from orchconv.ir.service import Service
from orchconv.location import NOWHERE, Loc
from orchconv.schemas import stack_versions
from orchconv.translate.result import Conversion, Document
from orchconv.translate.swarm.emit.context import Data, StackContext
from orchconv.translate.swarm.emit.files import file_object_data
from orchconv.translate.swarm.emit.networks import drop_bare_default, top_level_networks
from orchconv.translate.swarm.emit.options import SwarmEmitOptions
from orchconv.translate.swarm.emit.schema_fit import Path, fit_to_version
from orchconv.translate.swarm.emit.service import service_data
from orchconv.translate.swarm.emit.volumes import volume_data

__all__ = ["DOCUMENT_NAME", "SwarmEmitOptions", "emit_stack"]

DOCUMENT_NAME = "stack"


def locate(project: Project, path: Path) -> Loc:
    """The IR position nearest to an output path (IR keys are the stack keys)."""
    node: Any = project
    best = project.loc
    for step in path:
        if isinstance(node, Service) and isinstance(step, str) and step in node.locs:
            best = node.locs[step]
        extras = getattr(node, "extras", None)
        if isinstance(extras, Mapping) and step in extras:
            return extras[step].loc  # type: ignore[no-any-return]
        if dataclasses.is_dataclass(node) and isinstance(step, str):
            node = getattr(node, step, None)
        elif isinstance(node, Mapping):
            node = node.get(step)
        elif isinstance(node, tuple) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            break
        here = getattr(node, "loc", None)
        if isinstance(here, Loc) and here != NOWHERE:
            best = here
    return best


def escape_dollars(value: Any) -> Any:
    """Every `$` of a value doubled: `docker stack deploy` interpolates values, not keys."""
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, dict):
        return {key: escape_dollars(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_dollars(item) for item in value]
    return value


def _top_level(ctx: StackContext) -> Data:
    project = ctx.project
    document: Data = {"version": ctx.options.stack_version}
    document["services"] = {
        name: service_data(project.services[name], ctx) for name in sorted(project.services)
    }
    networks = top_level_networks(ctx)
    if networks:
        document["networks"] = networks
    if project.volumes:
        document["volumes"] = {
            key: volume_data(project.volumes[key], ctx) for key in sorted(project.volumes)
        }
    for section in ("secrets", "configs"):
        objects = getattr(project, section)
        if objects:
            document[section] = {
                key: file_object_data(objects[key], section, ctx) for key in sorted(objects)
            }
    for key, extra in project.extras.items():
        if key.startswith("x-"):
            document[key] = extra.value
        else:
            ctx.lose(extra.loc, key, "stack files have no such top-level key")
    return document


def emit_stack(project: Project, options: SwarmEmitOptions | None = None) -> Conversion:
    """The stack file for `project`, and what it could not carry."""
    options = options or SwarmEmitOptions()
    if options.stack_version not in stack_versions():
        known = ", ".join(stack_versions())
        raise ConversionError(
            f"unknown stack file version {options.stack_version!r}; known: {known}")
    conversion = Conversion()
    ctx = StackContext(project, options, conversion)
    conversion.lose(project.loc, "name", "swarm",
                    f"stack files have no name: give it to `docker stack deploy`"
                    f" (docker stack deploy -c FILE {project.name})")
    document = _top_level(ctx)
    fit_to_version(document, ctx, lambda path: locate(project, path))
    drop_bare_default(document)
    conversion.documents.append(Document(DOCUMENT_NAME, escape_dollars(document)))
    return conversion
