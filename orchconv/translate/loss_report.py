"""Show a conversion's losses: a grouped summary on stderr, the located lines on
request (`--verbose`), and every loss with its level in a JSON file (`--loss-report`).

All of them are diagnostics: they pass through the run's secret mask (the stream
is masked as a whole when it is the CLI's stderr; masking twice changes nothing).
Levels are decided where each loss is made; this module only counts and prints.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from orchconv.ir.loss import INFO, LEVELS, WARNING, Loss
from orchconv.redaction import mask
from orchconv.source.output import write_atomic

# The second segment of these paths is a name the user chose (services.web.pid).
_NAMED = frozenset({"services", "volumes", "networks", "secrets", "configs"})
_INDEX = re.compile(r"\[\d+\]")
_KIND_NAME = re.compile(r"^([A-Za-z]+)/[^.\[]+")  # k8s input: Deployment/web.spec...


def sorted_losses(losses: Iterable[Loss]) -> list[Loss]:
    return sorted(losses, key=lambda x: (x.loc.file, x.loc.line, x.loc.col, x.path))


def path_pattern(path: str) -> str:
    """The path with the user's names and list indexes made `*`, so that one kind of
    loss groups across services: services.web.ports[0] -> services.*.ports[*]."""
    path = _INDEX.sub("[*]", path)
    kind = _KIND_NAME.match(path)
    if kind:
        return f"{kind.group(1)}/*{path[kind.end():]}"
    head, _, rest = path.partition(".")
    if head in _NAMED and rest:
        name, dot, tail = rest.partition(".")
        index = name.find("[")
        suffix = name[index:] if index >= 0 else ""
        return f"{head}.*{suffix}{dot}{tail}"
    return path


def located_line(loss: Loss) -> str:
    """One loss where it was written, as compilers print a diagnostic."""
    return f"{loss.loc}: {loss.level}: loss: {loss.path} -> {loss.target}: {loss.reason}"


def summary_lines(losses: Sequence[Loss]) -> list[str]:
    """One line per (level, path pattern, target, reason), warnings first, then by count."""
    groups = Counter((loss.level, path_pattern(loss.path), loss.target, loss.reason)
                     for loss in losses)
    order = sorted(groups.items(),
                   key=lambda item: (_rank(item[0][0]), -item[1], item[0][1], item[0][3]))
    return [f"{level}: {count}\N{MULTIPLICATION SIGN} {pattern} -> {target}: {reason}"
            for (level, pattern, target, reason), count in order]


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else -1  # an unknown level sorts first


def total_line(losses: Sequence[Loss], *, verbose: bool) -> str:
    counts = Counter(loss.level for loss in losses)
    text = (f"{len(losses)} loss(es): {counts[WARNING]} warning(s), {counts[INFO]} info")
    return text if verbose else f"{text}; -v/--verbose shows where each was written"


def print_losses(losses: Sequence[Loss], stream: TextIO, *, verbose: bool = False) -> None:
    """The grouped summary; with `verbose`, every located line before it."""
    if not losses:
        return
    lines = [located_line(loss) for loss in sorted_losses(losses)] if verbose else []
    lines += summary_lines(losses)
    lines.append(total_line(losses, verbose=verbose))
    stream.write(mask("".join(f"{line}\n" for line in lines)))


def failing(losses: Sequence[Loss], strict: str | None) -> list[Loss]:
    """The losses that fail a `--strict[=LEVEL]` run: warnings, or with `info` every loss."""
    if strict is None:
        return []
    allowed = LEVELS[: LEVELS.index(strict) + 1]
    return [loss for loss in losses if loss.level in allowed or loss.level not in LEVELS]


def losses_as_json(losses: Sequence[Loss]) -> str:
    entries = [
        {
            "file": loss.loc.file,
            "line": loss.loc.line,
            "column": loss.loc.col,
            "level": loss.level,
            "path": loss.path,
            "target": loss.target,
            "reason": loss.reason,
        }
        for loss in sorted_losses(losses)
    ]
    return json.dumps({"version": 1, "losses": entries}, indent=2) + "\n"


def write_loss_report(losses: Sequence[Loss], path: Path) -> None:
    write_atomic(path, mask(losses_as_json(losses)))
