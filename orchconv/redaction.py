"""Keep the values of secrets out of every diagnostic orchconv writes.

A secret value is the content of a `secrets:` file, the value of a variable
whose name says it holds a credential (`DB_PASSWORD`, `PGPASS`, `API_TOKEN`),
a value interpolated into such a variable, or the data of a Kubernetes Secret.
The places that learn one (loaders, the emitters' Secrets, lint) `register` it
with the run; the output layer (`orchconv.diagnostics` around stderr, the lint
report, the loss report) `mask`s every text it writes.  A message may quote a
value in any form, so each value is known in every rendering a message or a
report format can give it: raw, JSON-, YAML-, Python-, shell- and
XML-escaped, base64, and the Kubernetes name made from it; a form inside a
longer value is masked too.  Artifacts whose job is to carry a secret (a
Secret manifest, a converted compose file, `config` output) are never masked.

Loaders also mask their own errors with the values they know (`redact`), so a
library caller that prints them without the CLI's output layer shows none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from orchconv.errors import OrchconvError
    from orchconv.ir.loss import Loss
    from orchconv.ir.project import Project

MASK = "***"
# Shorter values (`1`, `yes`) are no secret, and masking them would garble messages.
MIN_SECRET_LENGTH = 4
# Switch values of credential-named variables (MYSQL_RANDOM_ROOT_PASSWORD=true).
_NOT_SECRET_VALUES = frozenset({"true", "false", "yes", "no", "null", "none", "on", "off"})

# --- which names hold credentials ------------------------------------------------------

# A name is split into words at `_`, `-`, `.` and any other non-alphanumeric.
_SECRET_WORDS = frozenset({
    "PASSWORD", "PASSWORDS", "PASSWD", "PASS", "PWD", "PASSPHRASE", "SECRET", "SECRETS",
    "TOKEN", "TOKENS", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "CREDENTIAL", "CREDENTIALS",
    "CREDS", "AUTH", "OAUTH", "DSN",
})
# A word ending so is one too: PGPASS, MYSQLPWD, DBPASSWORD, CLIENTSECRET, GHTOKEN.
_SECRET_ENDINGS = ("PASSWORD", "PASSWD", "PASS", "PWD", "PASSPHRASE", "SECRET", "TOKEN",
                   "APIKEY", "PRIVATEKEY", "CREDENTIALS", "CREDENTIAL", "DSN")
# ... unless it is an ordinary word (COMPASS_HEADING), the shell's previous folder or
# the program that asks for one (GIT_ASKPASS).
_ORDINARY_WORDS = frozenset({"COMPASS", "ENCOMPASS", "BYPASS", "SURPASS", "TRESPASS",
                             "OVERPASS", "UNDERPASS", "OLDPWD", "ASKPASS"})
_SECRET_PAIRS = frozenset({("API", "KEY"), ("PRIVATE", "KEY"), ("ACCESS", "KEY"),
                           ("AUTH", "KEY")})
# The last word says the value is about a secret, not the secret (POSTGRES_PASSWORD_FILE).
_NOT_SECRET_LAST = frozenset({
    "FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT", "USER", "USERNAME", "NAME", "ID",
    "TTL", "TIMEOUT", "LENGTH", "EXPIRY", "ENABLED", "DISABLED", "REQUIRED", "TYPE", "MODE",
    "METHOD", "HEADER", "ENDPOINT", "ISSUER", "PROVIDER", "REALM", "SCHEME", "ALGORITHM",
})
_WORD_SPLIT = re.compile(r"[^A-Z0-9]+")


def is_secret_name(name: str) -> bool:
    """Whether a variable (or key) of this name holds a credential."""
    upper = name.upper()
    if upper == "PWD":  # set by shells and by docker compose to the working folder
        return False
    words = [w for w in _WORD_SPLIT.split(upper) if w]
    if not words or words[-1] in _NOT_SECRET_LAST:
        return False
    if any(pair in _SECRET_PAIRS for pair in pairwise(words)):
        return True
    return any(word in _SECRET_WORDS
               or (word.endswith(_SECRET_ENDINGS) and word not in _ORDINARY_WORDS)
               for word in words)


def is_secret_value(value: str) -> bool:
    """Long enough and no mere switch: worth masking."""
    stripped = value.strip()
    return len(stripped) >= MIN_SECRET_LENGTH and stripped.lower() not in _NOT_SECRET_VALUES


def secret_values(environment: Mapping[str, str | None],
                  also: Iterable[str] = ()) -> frozenset[str]:
    """The values of the variables that hold secrets: by name, or named in `also`."""
    named = set(also)
    return frozenset(
        value for name, value in environment.items()
        if value is not None and (name in named or is_secret_name(name))
        and is_secret_value(value)
    )


def renderings(value: str) -> frozenset[str]:
    """Every text that shows `value` (or a line of it) in a diagnostic."""
    from orchconv.secret_forms import renderings as forms  # only once there is a secret

    return forms(value)


@lru_cache(maxsize=64)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(form) for form in forms))


_ALNUM_RUN = re.compile(r"[^\W_]+")
Forms = tuple[tuple[str, tuple[str, ...]], ...]  # forms grouped under a text each contains


def _grouped(forms: Iterable[str]) -> Forms:
    """Forms by the longest alphanumeric run in them: escapes leave it alone, so most
    forms of one value share it, and one substring test rules all of them out."""
    groups: dict[str, list[str]] = {}
    for form in set(forms):
        key = max(_ALNUM_RUN.findall(form), key=len, default="") or form
        groups.setdefault(key, []).append(form)
    return tuple((key, tuple(group)) for key, group in groups.items())


def _mask(text: str, groups: Forms) -> str:
    # substring tests are cheap; the regex is built from the few forms present
    present = [form for key, forms in groups if key in text for form in forms if form in text]
    if not present:
        return text
    # longest first, so a form that contains another is masked whole
    return _pattern(tuple(sorted(present, key=lambda f: (-len(f), f)))).sub(MASK, text)


@lru_cache(maxsize=32)
def _forms_of(secrets: frozenset[str]) -> Forms:
    return _grouped(form for secret in secrets for form in renderings(secret))


# --- the run's secrets ------------------------------------------------------------------


class SecretRegistry:
    """The secret values one run of orchconv knows, and the forms to mask."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._forms: set[str] = set()
        self._groups: Forms = ()

    def add(self, values: Iterable[str]) -> None:
        new = {v for v in values if v not in self._values and is_secret_value(v)}
        if new:
            self._values |= new
            self._forms.update(form for value in new for form in renderings(value))
            self._groups = _grouped(self._forms)

    def mask(self, text: str) -> str:
        return _mask(text, self._groups) if self._groups else text

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self._values)


class _Current:
    """The registry of the command being run: None in a library call."""

    registry: SecretRegistry | None = None


def start_run() -> SecretRegistry:
    """A fresh registry for one command: what it learns is masked in its output."""
    _Current.registry = SecretRegistry()
    return _Current.registry


def end_run() -> None:
    """The command is over: later library calls mask nothing of it."""
    _Current.registry = None


def register(values: Iterable[str | None]) -> None:
    """Values learnt to be secret; a no-op outside a run (a library call)."""
    if _Current.registry is not None:
        _Current.registry.add(v for v in values if v is not None)


def mask(text: str) -> str:
    """`text` with every form of every secret of the run replaced by `***`."""
    registry = _Current.registry
    return text if registry is None else registry.mask(text)


def redact(text: str, secrets: frozenset[str]) -> str:
    """`text` with every form of these secrets masked (loaders' own errors)."""
    if not secrets:
        return text
    return _mask(text, _forms_of(secrets))


# --- loaders' own messages ---------------------------------------------------------------

E = TypeVar("E", bound="OrchconvError")


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
    from orchconv.ir.loss import Loss  # this module is imported before the IR is needed

    return [loss if (masked := redact(loss.reason, secrets)) == loss.reason
            else Loss(loss.loc, loss.path, loss.target, masked, loss.level) for loss in losses]


def project_secret_values(project: Project) -> frozenset[str]:
    """The credential-named variables of every service: `environment` and `env_file`."""
    values: set[str] = set()
    for service in project.services.values():
        values |= secret_values(service.environment)
        for env_file in service.env_file:
            values |= secret_values(env_file.values)
    return frozenset(values)


def manifest_secret_values(manifest: object) -> list[str]:
    """The values of a Kubernetes Secret: `stringData`, and `data` decoded too."""
    if not isinstance(manifest, Mapping) or manifest.get("kind") != "Secret":
        return []
    values: list[str] = []
    for key in ("stringData", "data"):
        entries = manifest.get(key)
        if isinstance(entries, Mapping):
            values += [v for v in entries.values() if isinstance(v, str)]
    data = manifest.get("data")
    if isinstance(data, Mapping):
        import base64
        import binascii

        for text in data.values():
            try:
                values.append(base64.b64decode(str(text), validate=True).decode("utf-8"))
            except (binascii.Error, ValueError):  # not base64, or binary: kept as written
                continue
    return values


def register_manifests(manifests: Iterable[object]) -> None:
    """The values of the Secrets among these Kubernetes objects."""
    register(value for manifest in manifests for value in manifest_secret_values(manifest))
