"""Generated files as the report shows them: the values of Secrets and of credential-named
variables replaced by `***` (their keys stay), then the run's mask over the whole text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orchconv.redaction import MASK, is_secret_name


def _masked_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return dict.fromkeys(values, MASK)


def masked_document(node: Any) -> Any:
    """A copy of an output document with every secret value replaced by MASK."""
    if isinstance(node, list):
        return [masked_document(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    result: dict[str, Any] = {}
    is_secret = node.get("kind") == "Secret"
    for key, value in node.items():
        if is_secret and key in ("data", "stringData") and isinstance(value, Mapping):
            result[key] = _masked_values(value)
        elif key in ("environment", "data") and isinstance(value, Mapping):
            result[key] = {k: MASK if is_secret_name(str(k)) and v not in (None, "") else v
                           for k, v in value.items()}
        elif key == "environment" and isinstance(value, list):
            result[key] = [_masked_pair(str(item)) for item in value]
        elif key == "value" and isinstance(value, str) and value and is_secret_name(
                str(node.get("name", ""))):
            result[key] = MASK
        else:
            result[key] = masked_document(value)
    return result


def _masked_pair(item: str) -> str:
    name, sep, value = item.partition("=")
    return f"{name}={MASK}" if sep and value and is_secret_name(name) else item


def masked_env(text: str) -> str:
    """A .env file of secret values as its keys only."""
    return "".join(f"{line.partition('=')[0]}={MASK}\n" for line in text.splitlines() if line)
