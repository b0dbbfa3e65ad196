"""Which stack file version a document declares, as docker/cli reads it.

docker/cli prints the `version` value with Go's `%v` and looks for the schema
of that name: a missing, empty or bare "3" version means the newest schema
(3.13), and an unquoted `3.0` prints as "3" (`1e6` as "1e+06").  Anything
without a schema (2.x, 3.14, ...) is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.schemas import stack_versions
from orchconv.source.yamltree import loc_of
from orchconv.translate.compose.syntax.golang import sprint

LATEST = "3.13"


def declared_version(document: Mapping[str, Any]) -> str:
    """The version docker/cli takes from a parsed (not interpolated) stack file."""
    if "version" not in document:
        return LATEST
    text = sprint(document["version"])
    return LATEST if text in ("", "3") else text


def checked_version(document: Mapping[str, Any], file: str) -> str:
    """The declared version, or a located error when no stack schema has it."""
    version = declared_version(document)
    if version not in stack_versions():
        where = loc_of(document, "version") or Loc(file, 1, 1)
        known = f"{stack_versions()[0]} to {stack_versions()[-1]}"
        raise InputError(
            f"unsupported stack file version {version!r}: stack files need version {known}",
            where,
        )
    return version
