"""Project names: compose's one rule, for every format and the deploy backends.

compose-go (loader.NormalizeProjectName) lowercases, keeps only `a-z 0-9 _ -` and drops
leading `_`/`-`; a name given outright (`-p`, COMPOSE_PROJECT_NAME) is valid only if that
rule leaves it unchanged.  What to use when nothing is left is each caller's choice.
"""

from __future__ import annotations

import re

from orchconv.errors import InputError
from orchconv.location import Loc

_NOT_ALLOWED = re.compile(r"[^a-z0-9_-]")


def normalise_project_name(raw: str) -> str:
    """The name compose derives from a folder name or a `name:` key; may be empty."""
    return _NOT_ALLOWED.sub("", raw.lower()).lstrip("_-")


def check_project_name(name: str, where: Loc | None = None) -> str:
    """`name`, if compose accepts it as given; an InputError otherwise."""
    if not name or normalise_project_name(name) != name:
        raise InputError(
            f"invalid project name {name!r}: it must contain only lowercase letters, digits,"
            " dashes and underscores, and start with a letter or digit",
            where,
        )
    return name
