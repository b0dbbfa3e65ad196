"""plaintext-secret-in-environment: a password or token written into the file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import (
    COMPOSE_KINDS,
    EnvEntry,
    build_args,
    environment,
    has_reference,
    services,
)
from orchconv.redaction import is_secret_name

# Extra name parts and excluded endings a project may configure; the built-in
# test is the one redaction uses (docs/security.md), so lint and masking agree.
EXTRA_NAME_PARTS: list[str] = []
EXTRA_IGNORED_SUFFIXES: list[str] = []
# Switches such as MYSQL_ALLOW_EMPTY_PASSWORD=yes or MYSQL_RANDOM_ROOT_PASSWORD=yes
SWITCH_VALUES = frozenset({"yes", "no", "true", "false", "on", "off", "y", "n", "0", "1"})


def is_literal_secret(value: object) -> bool:
    """Whether a value is written out: not empty, not a switch, not a path, no `${...}`."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or text.lower() in SWITCH_VALUES or text.startswith("/"):
        return False
    return not has_reference(text)


class PlaintextSecretInEnvironment(Rule):
    """A password, token or key written as a literal in `environment` or `build.args`.

    ## What it does
    Reports a variable whose name says it holds a credential and whose value
    is written in the file.  The names are the ones orchconv masks in its
    output (docs/security.md): a word such as `PASSWORD`, `PASSWD`, `PASS`,
    `PWD`, `SECRET`, `TOKEN`, `API_KEY`, `APIKEY`, `PRIVATE_KEY`,
    `CREDENTIAL`, `AUTH` or `DSN`, and spellings such as `PGPASS` or
    `DB_PASS`; option `name_parts` adds parts of your own.  Not reported:
    values taken from the environment (`${DB_PASSWORD}`), empty values,
    switches (`yes`, `true`, `0`...), absolute paths, and names that point to
    a secret rather than hold it (`..._FILE`, `..._URL`, `..._ID`...; option
    `ignore_suffixes` adds endings).  The finding never shows the value.

    ## Why it matters
    The value is in version control, in every copy of the file, in
    `docker inspect` and `docker compose config` output, and in the
    container's `/proc/<pid>/environ`.  A build argument is worse: it stays in
    the image's history for anyone who pulls it.

    ## Example
    ```yaml
    services:
      db:
        image: mysql:8.4
        environment:
          MYSQL_ROOT_PASSWORD: root
    ```

    ## Fix
    Use a secret: declare it under top-level `secrets` (from a file kept out
    of version control, or `external: true` in a swarm), grant it to the
    service, and point the image at it (`MYSQL_ROOT_PASSWORD_FILE:
    /run/secrets/db_root_password`).  At the least, take the value from the
    environment: `MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:?set it}`.
    """

    id = "plaintext-secret-in-environment"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "security"
    options: ClassVar[Mapping[str, Any]] = {
        "name_parts": EXTRA_NAME_PARTS, "ignore_suffixes": EXTRA_IGNORED_SUFFIXES,
    }

    def check(self, context: LintContext) -> Iterator[Finding]:
        parts = [str(p).upper() for p in context.options.get("name_parts", EXTRA_NAME_PARTS)]
        # one pattern for all the extra parts: a name is searched once, not once per part
        extra_name = re.compile("|".join(re.escape(p) for p in parts if p) or "(?!)")
        suffixes = tuple(str(s).upper() for s in context.options.get(
            "ignore_suffixes", EXTRA_IGNORED_SUFFIXES))
        for ref in services(context):
            for entry in (*environment(ref.service), *build_args(ref.service)):
                if self._is_secret(entry, extra_name, suffixes):
                    yield self.finding(
                        context,
                        f"service {ref.name!r}: `{entry.name}` in `{entry.section}` holds a"
                        " secret written in the file; use a secret or `${...}` instead",
                        entry.loc)

    @staticmethod
    def _is_secret(entry: EnvEntry, extra_name: re.Pattern[str],
                   suffixes: tuple[str, ...]) -> bool:
        name = entry.name.upper()
        if suffixes and name.endswith(suffixes):
            return False
        if not (is_secret_name(name) or extra_name.search(name)):
            return False
        return is_literal_secret(entry.value)
