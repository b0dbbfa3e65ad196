"""Turn a read-back compose/stack document into the IR through the compose loader.

Going through the loader (not straight to the dataclasses) gives read-back
the same normalisation as any file a user writes, so the two compare equal
when the engine kept everything.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from orchconv.ir.project import Project
from orchconv.source.yamlout import dump_yaml

READBACK_FILE = "orchconv-readback-"  # the temporary folder's prefix, seen in locations


def project_from_compose_data(data: dict[str, Any], name: str) -> Project:
    from orchconv.translate.compose.emitter import escape_dollars
    from orchconv.translate.compose.loader import load_project
    from orchconv.translate.compose.options import LoadOptions

    with tempfile.TemporaryDirectory(prefix=READBACK_FILE) as folder:
        path = Path(folder) / "compose.yaml"
        path.write_text(dump_yaml(escape_dollars(data)), encoding="utf-8")
        result = load_project(LoadOptions(files=(path,), project_name=name,
                                          working_dir=Path(folder), os_environ={}))
    return result.project
