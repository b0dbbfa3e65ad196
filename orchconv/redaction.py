"""Keep the values of secrets out of messages: errors, warnings and losses.

A value read from a variable that holds a secret (its name says so, like
`DB_PASSWORD`, or a top-level `secrets:` entry reads it with `environment:`)
may end up anywhere interpolation puts it, and a message that quotes what
the user wrote (`invalid size: '...'`) would then print it.  Every such value
is replaced by `***` before a message leaves the loader or a conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TypeVar

from orchconv.errors import OrchconvError
from orchconv.ir.loss import Loss

MASK = "***"
# The same name parts and suffixes as the plaintext-secret-in-environment rule.
SECRET_NAME_PARTS = (
    "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY",
    "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL",
)
NOT_SECRET_SUFFIXES = (
    "_FILE", "_PATH", "_DIR", "_URL", "_URI", "_HOST", "_PORT", "_USER", "_USERNAME",
    "_NAME", "_ID", "_TTL", "_TIMEOUT", "_LENGTH", "_EXPIRY", "_ENABLED",
)
# Shorter values (`1`, `yes`) are no secret, and masking them would garble messages.
MIN_SECRET_LENGTH = 4

E = TypeVar("E", bound=OrchconvError)


def is_secret_name(name: str) -> bool:
    upper = name.upper()
    return any(part in upper for part in SECRET_NAME_PARTS) and not upper.endswith(
        NOT_SECRET_SUFFIXES)


def secret_values(environment: Mapping[str, str], also: Iterable[str] = ()) -> frozenset[str]:
    """The values of the variables that hold secrets: by name, or named in `also`."""
    named = set(also)
    return frozenset(
        value for name, value in environment.items()
        if (name in named or is_secret_name(name)) and len(value.strip()) >= MIN_SECRET_LENGTH
    )


def redact(text: str, secrets: frozenset[str]) -> str:
    if not secrets or not any(secret in text for secret in secrets):
        return text
    # longest first, so a secret that contains another is masked whole
    pattern = "|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True))
    return re.sub(pattern, MASK, text)


def redacted_error(error: E, secrets: frozenset[str]) -> E:
    """The same error (class and position) with every secret value masked."""
    message = redact(error.message, secrets)
    if message == error.message:
        return error
    masked = type(error)(message, error.loc)
    masked.__dict__.update({k: v for k, v in vars(error).items() if k not in ("message", "loc")})
    return masked


def redacted_texts(texts: Iterable[str], secrets: frozenset[str]) -> list[str]:
    return [redact(text, secrets) for text in texts]


def redacted_losses(losses: Iterable[Loss], secrets: frozenset[str]) -> list[Loss]:
    return [loss if (masked := redact(loss.reason, secrets)) == loss.reason
            else replace(loss, reason=masked) for loss in losses]
