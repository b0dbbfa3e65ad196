"""Show a conversion's losses: one stderr line each, and a JSON file on request.

Both are diagnostics: they pass through the run's secret mask (the stream is
masked as a whole when it is the CLI's stderr; masking twice changes nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from orchconv.ir.loss import Loss
from orchconv.redaction import mask
from orchconv.source.output import write_atomic


def sorted_losses(losses: Iterable[Loss]) -> list[Loss]:
    return sorted(losses, key=lambda x: (x.loc.file, x.loc.line, x.loc.col, x.path))


def print_losses(losses: Sequence[Loss], stream: TextIO) -> None:
    for loss in sorted_losses(losses):
        stream.write(mask(f"{loss.loc}: loss: {loss.path} -> {loss.target}: {loss.reason}\n"))


def losses_as_json(losses: Sequence[Loss]) -> str:
    entries = [
        {
            "file": loss.loc.file,
            "line": loss.loc.line,
            "column": loss.loc.col,
            "path": loss.path,
            "target": loss.target,
            "reason": loss.reason,
        }
        for loss in sorted_losses(losses)
    ]
    return json.dumps({"version": 1, "losses": entries}, indent=2) + "\n"


def write_loss_report(losses: Sequence[Loss], path: Path) -> None:
    write_atomic(path, mask(losses_as_json(losses)))
