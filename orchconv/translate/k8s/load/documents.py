"""Find and parse manifest files as kubectl does: folders (recursively with -R), multi-document
YAML, JSON, `kind: List`; an object defined twice keeps its later definition."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, YSeq, parse_documents

# kubectl's FileExtensions, matched exactly as its folder walk does (case-sensitive).
MANIFEST_SUFFIXES = (".json", ".yaml", ".yml")
KUSTOMIZATION = "Kustomization"  # kustomize's build file, which `-o DIR` output includes
# Written by the API server or kubectl, never by the author: dropped without a loss.
SERVER_METADATA = ("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                   "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
                   "ownerReferences")
SERVER_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration",
                      "deployment.kubernetes.io/revision")


@dataclass
class Manifest:
    """One Kubernetes object as written, with where it was written."""

    api_version: str
    kind: str
    name: str
    namespace: str | None
    body: YMap
    loc: Loc

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


def _folder_files(folder: Path, recursive: bool) -> Iterator[Path]:
    """kubectl's walk (filepath.Walk): entries sorted by name, sub-folders where they sort,
    descended only with -R; symlinked folders are not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise InputError(f"cannot read folder: {error.strerror}", Loc(str(folder))) from None
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if recursive:
                yield from _folder_files(Path(entry.path), recursive)
        elif entry.name.endswith(MANIFEST_SUFFIXES) and entry.is_file():
            yield Path(entry.path)


def manifest_files(inputs: tuple[Path, ...], recursive: bool = False) -> list[Path]:
    """The files to read, in kubectl's order: each file given (whatever its name), and the
    manifests of each folder given (its own files; with `recursive`, its sub-folders' too)."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(_folder_files(item, recursive))
        elif item.exists():
            files.append(item)
        else:
            raise InputError("no such file or folder", Loc(str(item)))
    return files


def _as_map(value: Any, loc: Loc, what: str) -> YMap:
    if isinstance(value, YMap):
        return value
    raise InputError(f"{what} must be a mapping (a Kubernetes object)", loc)


def _text_field(body: YMap, key: str, label: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise InputError(f"{label}: {key} must be a non-empty string",
                         body.value_loc(key))
    return value


def _manifest(body: YMap) -> Manifest:
    api_version = _text_field(body, "apiVersion", "object")
    kind = _text_field(body, "kind", "object")
    if kind == KUSTOMIZATION and "metadata" not in body:
        return Manifest(api_version, kind, "kustomization", None, body, body.loc)
    metadata = body.get("metadata")
    if not isinstance(metadata, YMap):
        raise InputError(f"{kind}: metadata must be a mapping", body.value_loc("metadata"))
    name = _text_field(metadata, "name", kind)
    namespace = metadata.get("namespace")
    return Manifest(api_version, kind, name, namespace if isinstance(namespace, str) else None,
                    body, body.loc)


def _objects(value: Any, loc: Loc) -> Iterator[YMap]:
    """The objects of one document: itself, or the items of a `kind: List`."""
    body = _as_map(value, loc, "a document")
    kind = str(body.get("kind", ""))
    if kind == "List" or (kind.endswith("List") and "items" in body):
        items = body.get("items")
        if items is None:
            return
        if not isinstance(items, YSeq):
            raise InputError("items must be a list", body.val_locs.get("items", loc))
        for index, item in enumerate(items):
            yield from _objects(item, items.item_loc(index))
        return
    yield body


def read_manifests(inputs: tuple[Path, ...], recursive: bool = False
                   ) -> tuple[list[Manifest], list[YMap]]:
    """Every object in the inputs, and every raw document (for schema validation)."""
    manifests: list[Manifest] = []
    documents: list[YMap] = []
    for path in manifest_files(inputs, recursive):
        text = read_text(path)
        for value, loc in parse_documents(text, str(path)):
            if value is None:
                continue
            documents.append(_as_map(value, loc, "a document"))
            for body in _objects(value, loc):
                manifests.append(_manifest(body))
    return manifests, documents


def _identity(manifest: Manifest) -> tuple[str, str, str | None, str]:
    """What the API server keys an object by: API group (not version), kind, namespace, name."""
    group = manifest.api_version.rpartition("/")[0]
    return group, manifest.kind, manifest.namespace, manifest.name


def latest_definitions(manifests: list[Manifest]) -> tuple[list[Manifest], list[str]]:
    """One definition per object: the later one wins, as with `kubectl apply -f DIR`, where each
    definition is applied in turn; a located warning for each earlier one it replaces."""
    latest: dict[tuple[str, str, str | None, str], Manifest] = {}
    warnings: list[str] = []
    for manifest in manifests:
        if manifest.kind == KUSTOMIZATION:  # a build file, never applied
            continue
        key = _identity(manifest)
        earlier = latest.get(key)
        if earlier is not None:
            warnings.append(f"{manifest.loc}: {manifest.label} is defined again; this definition"
                            f" replaces the one at {earlier.loc}, as kubectl apply would")
        latest[key] = manifest
    kept = {id(m) for m in latest.values()}
    return [m for m in manifests if m.kind == KUSTOMIZATION or id(m) in kept], warnings
