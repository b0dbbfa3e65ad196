"""What a conversion could not carry over, and where it was written."""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.location import Loc

# How much a loss matters: `info` when the behaviour a user sees is kept (the key
# only restated what the target does anyway), `warning` when it changes.
INFO = "info"
WARNING = "warning"
LEVELS = (WARNING, INFO)  # most serious first


@dataclass(frozen=True, slots=True)
class Loss:
    """One thing a conversion could not carry over: where it was written and why."""

    loc: Loc
    path: str  # IR path, e.g. services.web.pid
    target: str  # compose | swarm | k8s
    reason: str
    level: str = WARNING  # decided where the loss is made: INFO only when provably kept

    def __str__(self) -> str:
        return f"{self.loc}: {self.path} ({self.target}): {self.reason}"
