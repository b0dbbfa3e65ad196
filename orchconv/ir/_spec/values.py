"""Values the IR carries without interpreting them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orchconv.location import NOWHERE, Loc

# JSON-shaped data: what YAML and JSON can hold.
Json = Any

# Field metadata: a byte count that compose prints as a decimal string ("268435456").
BYTES = {"bytes": True}


@dataclass(frozen=True, slots=True)
class Extra:
    """A key the IR has no typed field for, kept as written so no key is ever lost."""

    value: Json
    loc: Loc = field(default=NOWHERE, compare=False)
