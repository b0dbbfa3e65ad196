"""Find and parse manifest files: folders recursively, multi-document YAML, JSON, `kind: List`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.location import Loc
from orchconv.source.files import read_text
from orchconv.source.yamltree import YMap, YSeq, parse_documents

MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")
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


def manifest_files(inputs: tuple[Path, ...]) -> list[Path]:
    """The files to read: each file given, and the manifests under each folder given."""
    files: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*")
                                if p.is_file() and p.suffix.lower() in MANIFEST_SUFFIXES))
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
                         body.val_locs.get(key, body.loc))
    return value


def _manifest(body: YMap) -> Manifest:
    api_version = _text_field(body, "apiVersion", "object")
    kind = _text_field(body, "kind", "object")
    if kind == KUSTOMIZATION and "metadata" not in body:
        return Manifest(api_version, kind, "kustomization", None, body, body.loc)
    metadata = body.get("metadata")
    if not isinstance(metadata, YMap):
        raise InputError(f"{kind}: metadata must be a mapping", body.val_locs.get(
            "metadata", body.loc))
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
            yield from _objects(item, items.item_locs[index])
        return
    yield body


def read_manifests(inputs: tuple[Path, ...]) -> tuple[list[Manifest], list[YMap]]:
    """Every object in the inputs, and every raw document (for schema validation)."""
    manifests: list[Manifest] = []
    documents: list[YMap] = []
    for path in manifest_files(inputs):
        text = read_text(path)
        for value, loc in parse_documents(text, str(path)):
            if value is None:
                continue
            documents.append(_as_map(value, loc, "a document"))
            for body in _objects(value, loc):
                manifests.append(_manifest(body))
    return manifests, documents
