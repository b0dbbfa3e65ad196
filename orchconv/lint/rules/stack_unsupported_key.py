"""stack-unsupported-key: service keys `docker stack deploy` ignores."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._compose import COMPOSE_KINDS, for_swarm
from orchconv.source.yamltree import loc_of
from orchconv.translate.swarm.properties import UNSUPPORTED

# docker/cli's list (cli/compose/types: UnsupportedProperties): `docker stack
# deploy` prints "Ignoring unsupported options: ..." for these service keys.
UNSUPPORTED_SERVICE_KEYS = UNSUPPORTED
_HINTS = {
    "build": "build and push the image, then deploy it by `image`",
    "restart": "use deploy.restart_policy",
    "links": "services on a shared network reach each other by name",
    "external_links": "attach the service to the other stack's network instead",
    "network_mode": "attach the service to networks",
}


class StackUnsupportedKey(Rule):
    """A service key that `docker stack deploy` ignores.

    ## What it does
    Reports each service key that docker/cli lists as unsupported for stacks:
    `build`, `cgroupns_mode`, `cgroup_parent`, `devices`, `domainname`,
    `external_links`, `ipc`, `links`, `mac_address`, `network_mode`, `pid`,
    `privileged`, `restart`, `security_opt`, `shm_size`, `userns_mode`.  It
    checks stack files, and Compose files linted with `--target swarm`.

    ## Why it matters
    `docker stack deploy` only prints "Ignoring unsupported options" and
    deploys the service without them: a `privileged` or `security_opt` the
    service relies on is silently gone in the swarm.

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx:1.27
        restart: on-failure:3
    ```

    ## Fix
    Remove the key or use the swarm equivalent.  `restart` has one, and
    `--fix` moves it: `no` becomes `deploy.restart_policy.condition: none`,
    `always` and `unless-stopped` become `any`, `on-failure[:N]` becomes
    `on-failure` (with `max_attempts: N`).  Note that docker/cli itself maps
    `restart: "no"` to no policy at all, which swarm runs as `any`; the fix
    keeps what the file meant.  When `deploy.restart_policy` is already set,
    docker/cli ignores `restart` entirely and the fix deletes it.
    """

    id = "stack-unsupported-key"
    kinds = COMPOSE_KINDS
    level = Level.WARNING
    category = "portability"
    fixable = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        if not for_swarm(context):
            return
        for index, document in enumerate(context.documents):
            services = document.data.get("services") if isinstance(document.data, Mapping) else None
            if not isinstance(services, Mapping):
                continue
            for name, service in services.items():
                if not isinstance(service, Mapping):
                    continue
                for key in UNSUPPORTED_SERVICE_KEYS:
                    if key in service:
                        yield self._finding(context, index, name, service, key)

    def _finding(self, context: LintContext, document: int, name: str,
                 service: Mapping[str, object], key: str) -> Finding:
        hint = _HINTS.get(key)
        message = f"service {name!r}: `{key}` is ignored by docker stack deploy"
        if hint:
            message += f"; {hint}"
        fix = None
        if key == "restart":
            fix = Fix("move `restart` to deploy.restart_policy", ("services", name, "restart"),
                      "move-restart-to-deploy", document=document)
        return self.finding(context, message, loc_of(service, key, of_key=True), fix=fix)
