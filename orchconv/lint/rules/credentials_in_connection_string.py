"""credentials-in-connection-string: `scheme://user:password@host` in an environment value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    ServiceRule,
    build_args,
    environment,
    has_reference,
)


# scheme (RFC 3986), then a user and a password part before `@`
@cache
def _userinfo() -> re.Pattern[str]:
    return re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)://([^:/@\s]+):([^@/\s]+)@")


def inline_credential_scheme(value: str) -> str | None:
    """The scheme of the first URL that carries a literal password, or None."""
    for match in _userinfo().finditer(value):
        _, user, password = match.groups()
        if not has_reference(user) and not has_reference(password):
            return match.group(1)
    return None


class CredentialsInConnectionString(ServiceRule):
    """A URL with a literal password in `environment` or `build.args`.

    ## What it does
    Reports a variable whose value contains a URL with a user and password,
    `scheme://user:password@host` (`DATABASE_URL`, `REDIS_URL`,
    `AMQP_URI`...), whatever the variable's name.  A URL whose user or
    password comes from a variable (`postgres://app:${DB_PASSWORD}@db/app`)
    is not reported.  The finding never shows the value.

    ## Why it matters
    The password is as exposed as any secret written into the file: it is in
    version control, `docker inspect`, `docker compose config` and the
    container's environment, and connection strings also tend to end up in
    logs and error messages.

    ## Example
    ```yaml
    services:
      api:
        image: example/api:2.1
        environment:
          DATABASE_URL: postgres://app:s3cret@db:5432/app
    ```

    ## Fix
    Take the password from the environment
    (`postgres://app:${DB_PASSWORD}@db:5432/app`), or give the service a
    secret and build the URL in its entrypoint.
    """

    id = "credentials-in-connection-string"
    level = Level.WARNING
    category = "security"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        for entry in (*environment(ref.service), *build_args(ref.service)):
            value = entry.value
            if not isinstance(value, str) or "://" not in value or "@" not in value:
                continue
            scheme = inline_credential_scheme(value)
            if scheme is not None:
                yield self.finding(
                    context,
                    f"service {ref.name!r}: `{entry.name}` in `{entry.section}` holds a"
                    f" {scheme}:// URL with a password written in the file",
                    entry.loc)
