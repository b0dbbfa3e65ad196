"""Kubernetes object names from compose names, and a loss when one has to change.

Services, workloads and containers use RFC 1035 labels (a Service name must
start with a letter); ConfigMaps, Secrets and PVCs use RFC 1123 subdomains;
pod volumes use RFC 1123 labels; ports use IANA service names.
"""

from __future__ import annotations

import re
from functools import cache

from orchconv.location import Loc
from orchconv.translate.result import Conversion

TARGET = "k8s"
LABEL_MAX = 63
SUBDOMAIN_MAX = 253

_NOT_LABEL = re.compile(r"[^a-z0-9-]+")
_NOT_SUBDOMAIN = re.compile(r"[^a-z0-9.-]+")


@cache
def _port_name() -> re.Pattern[str]:
    return re.compile(r"(?!-)(?!.*--)[a-z0-9-]{1,15}(?<!-)")


def _shorten(text: str, limit: int, original: str) -> str:
    """Cut to `limit`, keeping names distinct with a short hash of the original."""
    if len(text) <= limit:
        return text
    import hashlib  # rarely needed; OpenSSL set-up costs start-up time

    digest = hashlib.sha256(original.encode()).hexdigest()[:8]
    return f"{text[: limit - 9].rstrip('-.')}-{digest}"


def dns_label(raw: str, *, letter_first: bool = False) -> str:
    """An RFC 1123 label (or RFC 1035 with `letter_first`) as close to `raw` as allowed."""
    text = _NOT_LABEL.sub("-", raw.lower()).strip("-")
    if not text:
        text = "unnamed"
    if letter_first and not text[0].isalpha():
        text = f"x-{text}"
    return _shorten(text, LABEL_MAX, raw)


def dns_subdomain(raw: str) -> str:
    """An RFC 1123 subdomain: dot-separated labels, 253 characters at most."""
    text = _NOT_SUBDOMAIN.sub("-", raw.lower())
    labels = [part.strip("-") for part in text.split(".")]
    joined = ".".join(part for part in labels if part) or "unnamed"
    return _shorten(joined, SUBDOMAIN_MAX, raw)


@cache
def _label() -> re.Pattern[str]:
    return re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")


def is_dns_label(text: str) -> bool:
    """Whether `text` already is an RFC 1123 label (a namespace, a container name)."""
    return _label().fullmatch(text) is not None


def is_port_name(text: str) -> bool:
    """IANA_SVC_NAME: at most 15 of [a-z0-9-], a letter among them, no "--" or edge "-"."""
    return bool(_port_name().fullmatch(text)) and any(c.isalpha() for c in text)


def config_key(raw: str) -> str:
    """A ConfigMap or Secret data key: [-._a-zA-Z0-9]+, 253 at most, and neither `.`
    nor `..` nor starting with `..` (the rule of emit/keys.py, which refuses user keys)."""
    key = re.sub(r"[^-._a-zA-Z0-9]+", "-", raw).strip("-")
    if key.startswith("..") or key == ".":
        key = key.lstrip(".")
    return _shorten(key, SUBDOMAIN_MAX, raw) if key else "data"


class NameRegistry:
    """Hands out unique names per object family and reports every change."""

    def __init__(self, result: Conversion) -> None:
        self._result = result
        self._taken: dict[str, dict[str, str]] = {}

    def claim(self, family: str, raw: str, candidate: str, *, path: str | None = None,
              loc: Loc | None = None) -> str:
        """Reserve `candidate` (already valid) for `raw`; a suffix makes it unique.

        With `path`, the user wrote `raw` and a changed name is a loss entry.
        """
        taken = self._taken.setdefault(family, {})
        if taken.get(candidate) == raw:
            return candidate
        name = candidate
        number = 2
        while name in taken:
            suffix = f"-{number}"
            name = f"{candidate[: LABEL_MAX - len(suffix)].rstrip('-')}{suffix}"
            number += 1
        taken[name] = raw
        if path is not None and loc is not None and name != raw:
            why = ("is not a valid Kubernetes name" if name == candidate
                   else "collides with another name once made valid")
            self._result.lose(loc, path, TARGET, f"name {raw!r} {why}; it becomes {name!r}")
        return name

    def lookup(self, family: str, raw: str) -> str | None:
        for name, owner in self._taken.get(family, {}).items():
            if owner == raw:
                return name
        return None
