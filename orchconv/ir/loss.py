"""What a conversion could not carry over, and where it was written."""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.ir.location import Loc


@dataclass(frozen=True, slots=True)
class Loss:
    """One thing a conversion could not carry over: where it was written and why."""

    loc: Loc
    path: str  # IR path, e.g. services.web.pid
    target: str  # compose | swarm | k8s
    reason: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.path} ({self.target}): {self.reason}"
