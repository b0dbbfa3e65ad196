"""The init container directive (`orchconv.io/init.*`, `kompose.init.containers.*`).

As kompose: name (default `init-service`), image and command.  The command is a
JSON list, kompose's `[a, b]` list, or a shell line, which runs in `sh -c`
(kompose runs the whole line as one program name).  `$` is kept literal, as in
the main container's command.
"""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.emit.environment import literal
from orchconv.translate.k8s.emit.requests import InitContainer


def init_container(wanted: InitContainer) -> dict[str, Any]:
    container: dict[str, Any] = {"name": wanted.name, "image": wanted.image}
    if wanted.command:
        container["command"] = [literal(part) for part in wanted.command]
    return container
