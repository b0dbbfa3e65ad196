"""Each key of each service and what becomes of it in the target, from the losses.

mapped: no loss, or only `info` losses (the behaviour is kept, the reason is still shown);
changed: `warning` losses on parts of the key (some of it carried, some not);
lost: a `warning` loss on the key itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from orchconv.ir.loss import INFO, Loss
from orchconv.ir.project import Project
from orchconv.location import Loc

MAPPED = "mapped"
CHANGED = "changed"
LOST = "lost"
FATES = (MAPPED, CHANGED, LOST)
WHOLE = "(service)"  # a loss about the service as a whole


@dataclass(frozen=True, slots=True)
class Reason:
    """One loss as the report shows it."""

    path: str
    level: str
    reason: str
    file: str
    line: int
    col: int


@dataclass
class KeyRow:
    """One key of one service (or one project-level path) and its fate."""

    owner: str  # the service, or "(project)" for top-level paths
    key: str
    fate: str
    file: str
    line: int
    col: int
    reasons: list[Reason] = field(default_factory=list)


def _reason(loss: Loss) -> Reason:
    return Reason(loss.path, loss.level, loss.reason, loss.loc.file, loss.loc.line, loss.loc.col)


def _owner_key(path: str, names: frozenset[str]) -> tuple[str, str] | None:
    """(service, key) of a loss path under `services.NAME` (a name may hold dots)."""
    if not path.startswith("services."):
        return None
    rest = path[len("services."):]
    if rest in names:
        return rest, WHOLE
    for index in range(len(rest) - 1, 0, -1):  # the longest name first
        char = rest[index]
        if char in ".[" and rest[:index] in names:
            tail = rest[index + 1:] if char == "." else rest[index:]
            cut = min((i for i in (tail.find("."), tail.find("[")) if i > 0), default=len(tail))
            return rest[:index], tail[:cut]
    return None


def _fate(key_path: str, reasons: Iterable[Reason]) -> str:
    fate = MAPPED
    for reason in reasons:
        if reason.level == INFO:
            continue
        if reason.path == key_path:
            return LOST
        fate = CHANGED
    return fate


def key_rows(project: Project, losses: Sequence[Loss]) -> list[KeyRow]:
    """A row per key the services hold (in file order) and per project-level loss."""
    names = frozenset(project.services)
    by_key: dict[tuple[str, str], list[Loss]] = {}
    keys_of: dict[str, list[str]] = {}  # service -> keys with losses
    top: dict[str, list[Loss]] = {}
    for loss in losses:
        found = _owner_key(loss.path, names)
        if found is None:
            top.setdefault(loss.path, []).append(loss)
        else:
            if found not in by_key:
                keys_of.setdefault(found[0], []).append(found[1])
            by_key.setdefault(found, []).append(loss)
    rows: list[KeyRow] = []
    for name in sorted(project.services):
        service = project.services[name]
        locs: dict[str, Loc] = dict(service.locs)
        for key in keys_of.get(name, ()):
            if key not in locs:
                locs[key] = min((loss.loc for loss in by_key[name, key]), key=tuple)
        for key, loc in sorted(locs.items(), key=lambda item: (tuple(item[1]), item[0])):
            reasons = [_reason(loss) for loss in by_key.get((name, key), [])]
            path = f"services.{name}" if key == WHOLE else f"services.{name}.{key}"
            rows.append(KeyRow(name, key, _fate(path, reasons), loc.file, loc.line, loc.col,
                               sorted(reasons, key=lambda r: (r.line, r.col, r.path))))
    for path, held in sorted(top.items()):
        reasons = sorted((_reason(loss) for loss in held), key=lambda r: (r.line, r.col))
        first = reasons[0]
        rows.append(KeyRow("(project)", path, _fate(path, reasons), first.file, first.line,
                           first.col, reasons))
    return rows
