"""What `orchconv deploy`, `down` and `export` do, apart from the command line.

deploy: files -> documents for the target (compose files are converted
through the IR; Kubernetes manifests are applied as they are) -> a backend.
export: a backend's read-back -> the IR -> any emitter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchconv.deploy.base import Backend, DeployError, ReadBack, checked_name, name_from
from orchconv.deploy.readback_load import READBACK_FILE
from orchconv.errors import InputError
from orchconv.ir.loss import Loss
from orchconv.location import Loc
from orchconv.translate.result import Conversion, Document

TARGETS = ("compose", "swarm", "k8s")


@dataclass
class Prepared:
    """Documents ready for a backend, and what converting them lost."""

    name: str
    documents: list[dict[str, Any]]
    losses: list[Loss] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Where:
    """Where a backend deploys: the name, and for Kubernetes the cluster and namespace."""

    target: str
    name: str
    namespace: str | None = None
    context: str | None = None
    kubeconfig: Path | None = None
    resolve_image: str = "always"
    bind_claims: bool = False


def backend_for(where: Where) -> Backend:
    if where.target == "compose":
        from orchconv.deploy.compose import ComposeBackend

        return ComposeBackend(where.name)
    if where.target == "swarm":
        from orchconv.deploy.swarm import SwarmBackend

        return SwarmBackend(where.name, resolve_image=where.resolve_image)
    if where.target == "k8s":
        from orchconv.deploy.kubernetes import KubernetesBackend

        return KubernetesBackend(where.name, where.namespace, where.context, where.kubeconfig,
                                 bind_claims=where.bind_claims)
    raise InputError(f"unknown deploy target {where.target!r}")


# ---------------------------------------------------------------- manifests
def _yaml_documents(path: Path) -> list[Any]:
    import yaml

    from orchconv.source.files import read_text
    from orchconv.source.yamltree import check_expansion

    text = read_text(path, str(path))
    check_expansion(text, str(path))  # PyYAML's loader has no alias budget of its own
    try:
        return [d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d is not None]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        loc = Loc(str(path), mark.line + 1, mark.column + 1) if mark else Loc(str(path))
        raise InputError(f"invalid YAML: {error.problem}", loc) from None


def is_manifest_file(path: Path) -> bool:
    """A Kubernetes manifest file: its first document has apiVersion and kind."""
    documents = _yaml_documents(path)
    return bool(documents) and isinstance(documents[0], dict) \
        and "apiVersion" in documents[0] and "kind" in documents[0]


def read_manifests(paths: tuple[Path, ...]) -> list[dict[str, Any]]:
    manifests: list[dict[str, Any]] = []
    for path in paths:
        for document in _yaml_documents(path):
            if not isinstance(document, dict) or "kind" not in document:
                raise InputError("a manifest must be a mapping with apiVersion and kind",
                                 Loc(str(path)))
            if document["kind"] == "List" or str(document["kind"]).endswith("List"):
                manifests.extend(i for i in document.get("items") or [] if isinstance(i, dict))
            else:
                manifests.append(document)
    from orchconv.redaction import register_manifests

    register_manifests(manifests)  # Secret values: masked in every message of the run
    return manifests


def default_name(path: Path) -> str:
    """A deployment name from a folder name, made valid the way compose does it."""
    return name_from(path.resolve().parent.name, "orchconv")


# ---------------------------------------------------------------- deploy
def prepare(target: str, files: tuple[Path, ...], name: str | None,
            namespace: str | None = None, profiles: tuple[str, ...] = (),
            allow_read: tuple[Path, ...] = ()) -> Prepared:
    """The documents `target` deploys for these files, converted when they are compose."""
    if not files:
        raise InputError("no file given")
    if target == "k8s" and all(is_manifest_file(p) for p in files):
        return Prepared(checked_name(name) if name else default_name(files[0]),
                        read_manifests(files))
    from orchconv.translate.compose.options import LoadOptions
    from orchconv.translate.convert import TargetOptions, emit, load

    loaded = load("compose", LoadOptions(files=files, project_name=name, profiles=profiles))
    project = loaded.project
    conversion = emit(target, project, TargetOptions(namespace=namespace, allow_read=allow_read),
                      loaded.project_dir)
    # The stack name is not lost: it is what `docker stack deploy` is given.
    losses = [loss for loss in [*loaded.losses, *conversion.losses]
              if not (target == "swarm" and loss.path == "name")]
    return Prepared(checked_name(project.name), [d.data for d in conversion.documents],
                    losses, [*loaded.warnings, *conversion.warnings])


# ---------------------------------------------------------------- export
def read_back(source: str, where: Where, services: tuple[str, ...] = (),
              owned_only: bool = True) -> ReadBack:
    """Live state of a stack, swarm services, a compose project or a namespace."""
    if source == "swarm" and services:
        from orchconv.deploy.swarm import export_services

        return export_services(services)
    backend = backend_for(where)
    if source == "k8s":
        from orchconv.deploy.kubernetes import KubernetesBackend

        assert isinstance(backend, KubernetesBackend)
        return backend.read_back(owned_only=owned_only)
    return backend.read_back()


def export(source: str, target: str, found: ReadBack, namespace: str | None = None
           ) -> Conversion:
    """Read-back as files of `target`: as read for Kubernetes to Kubernetes, else emitted."""
    if source == "k8s" and target == "k8s":
        return Conversion([Document(_document_name(d), d) for d in found.documents],
                          list(found.losses), list(found.warnings))
    if found.project is None:
        raise DeployError(f"cannot convert {source} read-back to {target}: "
                          + "; ".join(found.warnings or ["no IR"]))
    from orchconv.translate.convert import TargetOptions, emit

    conversion = emit(target, found.project, TargetOptions(namespace=namespace))
    losses = [*found.losses, *conversion.losses]
    # The read-back went through a temporary file: say where it really came from. A
    # stack's name is no loss either: it is what `docker stack deploy` is given.
    where = Loc(f"<{source} read-back>")
    conversion.losses = [
        dataclasses.replace(loss, loc=where) if READBACK_FILE in loss.loc.file else loss
        for loss in losses if not (target == "swarm" and loss.path == "name")]
    conversion.warnings[:0] = found.warnings
    return conversion


def _document_name(manifest: dict[str, Any]) -> str:
    kind = str(manifest.get("kind", "object")).lower()
    return f"{(manifest.get('metadata') or {}).get('name', 'unnamed')}-{kind}"
