"""Reading a file and loading what its rules need: the located documents, the
compose/stack IR, the cluster of a topology file.  Failures become findings."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchconv.errors import OrchconvError
from orchconv.lint.builtin_rules import (
    ComposeInvalidRule,
    StackInvalidRule,
    SyntaxRule,
    TopologyInvalidRule,
)
from orchconv.lint.context import FileKind, SourceDocument
from orchconv.lint.finding import Finding, Level
from orchconv.location import Loc

if TYPE_CHECKING:
    from orchconv.ir.topology import Cluster

STDIN = "-"
STDIN_DISPLAY = "<stdin>"
LOADER_ERROR_RULES = {FileKind.COMPOSE: ComposeInvalidRule.id, FileKind.STACK: StackInvalidRule.id}
EMPTY_FILE = "empty file: no YAML document"  # as `orchconv config` says it


def display_path(path: Path | str) -> str:
    """How findings name a file: relative to the working folder when inside it."""
    if str(path) == STDIN:
        return STDIN_DISPLAY
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def syntax_finding(error: OrchconvError, display: str) -> Finding:
    loc = error.loc or Loc(display)
    if loc.file != display:
        loc = Loc(display, loc.line, loc.col)
    return Finding(SyntaxRule.id, Level.ERROR, error.message, loc)


def parse(text: str, display: str) -> list[SourceDocument]:
    """Every document of the file, located; InputError when it is not YAML."""
    from orchconv.source.yamltree import parse_documents

    return [SourceDocument(data, loc) for data, loc in parse_documents(text, display)]


def relocate(loc: Loc | None, display: str) -> Loc | None:
    """Standard input's locations moved to the name the file is displayed under."""
    if loc is not None and loc.file == STDIN_DISPLAY and display != STDIN_DISPLAY:
        return Loc(display, loc.line, loc.col)
    return loc


def load_project(path: Path | None, text: str, display: str, kind: FileKind,
                 document: Any = None) -> Any:
    """The compose/stack IR of this text, loaded as `docker compose` / `docker stack` would.

    The text is handed to the loader as standard input so that what is linted
    is exactly what was read (and, while fixing, the text not yet written);
    the project folder is the file's, as for a file given with -f.  `document`
    is the text already parsed, which the loader then reads instead of parsing
    it again (it never changes it).
    """
    from orchconv.translate.compose.loader import load_project as load
    from orchconv.translate.compose.options import LoadOptions

    folder = path.resolve().parent if path is not None else Path.cwd()
    dialect = "stack" if kind is FileKind.STACK else "compose"
    options = LoadOptions(files=(Path(STDIN),), project_directory=folder, dialect=dialect,
                          stdin_text=text, stdin_document=document)
    return load(options).project


def loader_finding(kind: FileKind, error: OrchconvError, display: str) -> Finding:
    rule = LOADER_ERROR_RULES.get(kind, TopologyInvalidRule.id)
    loc = relocate(error.loc, display) or Loc(display, 1, 1)
    if loc.line <= 0 and loc.file == display:
        loc = Loc(display, 1, 1)
    return Finding(rule, Level.ERROR, " ".join(error.message.split()), loc)


def loader_findings(kind: FileKind, error: OrchconvError, display: str) -> Iterator[Finding]:
    """One finding per problem: a schema error lists each at its own place."""
    from orchconv.errors import ValidationErrors

    if not isinstance(error, ValidationErrors):
        yield loader_finding(kind, error, display)
        return
    for where, text in error.lines():
        yield loader_finding(kind, OrchconvError(text, where), display)


def topology(documents: list[SourceDocument], display: str) -> Cluster:
    """The cluster a topology file describes (its kind cluster config, else its first document)."""
    from orchconv.lint.detect import is_kind_cluster_config
    from orchconv.lint.topology import load_topology

    chosen = next((d for d in documents if isinstance(d.data, Mapping)
                   and is_kind_cluster_config(d.data)), documents[0])
    return load_topology(display, chosen.data)
