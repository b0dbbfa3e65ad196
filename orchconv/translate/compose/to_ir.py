"""Bind a normalised compose document to the IR."""

from __future__ import annotations

from orchconv.ir.codec import decode
from orchconv.ir.project import Project
from orchconv.source.yamltree import YMap


def project_from_document(document: YMap, name: str) -> Project:
    document["name"] = name
    return decode(Project, document, path="")
