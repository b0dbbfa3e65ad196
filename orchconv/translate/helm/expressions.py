"""Go template expressions for paths into the chart's values."""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def value_path(*keys: str) -> str:
    """`.Values.web.image.tag`, or `(index .Values "my-app" "image" "tag")` when a key is
    no Go identifier (Kubernetes names have dashes); usable in any pipeline."""
    if all(_IDENTIFIER.fullmatch(key) for key in keys):
        return ".Values." + ".".join(keys)
    quoted = " ".join('"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
                      for key in keys)
    return f"(index .Values {quoted})"
