"""metadata: the labels orchconv writes, and the user's labels and annotations."""

from __future__ import annotations

from orchconv.translate.k8s.load.documents import SERVER_ANNOTATIONS, SERVER_METADATA, Manifest
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.vocabulary import COMPONENT, MANAGED_BY, MANAGER, NAME, PART_OF

OURS = (NAME, PART_OF, MANAGED_BY, COMPONENT)


def is_ours(labels: dict[str, str]) -> bool:
    """Whether orchconv wrote the object (its standard labels then carry compose names)."""
    return labels.get(MANAGED_BY) == MANAGER


def read_metadata(root: Node) -> tuple[Node, dict[str, str], dict[str, str]]:
    """The metadata node with its labels and annotations; server-written fields are read."""
    metadata = root.node("metadata")
    assert metadata is not None  # documents.read_manifests checked it
    metadata.skip("name", "namespace", *SERVER_METADATA)
    labels = metadata.string_map("labels")
    annotations = {k: v for k, v in metadata.string_map("annotations").items()
                   if k not in SERVER_ANNOTATIONS}
    root.skip("status", "apiVersion", "kind")
    return metadata, labels, annotations


def user_labels(labels: dict[str, str]) -> dict[str, str]:
    """Labels minus the standard ones orchconv writes on its own objects."""
    if not is_ours(labels):
        return dict(labels)
    return {k: v for k, v in labels.items() if k not in OURS}


def compose_name(manifest: Manifest, labels: dict[str, str]) -> str:
    """The compose name of what an object stands for: our name label, else its own name."""
    if is_ours(labels) and labels.get(NAME):
        return labels[NAME]
    return manifest.name
