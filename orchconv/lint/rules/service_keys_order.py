"""service-keys-order: the keys of a service in a fixed order (opt-in style)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import ServiceRef, ServiceRule
from orchconv.lint.rules._order import configured_order, out_of_order

# What the service is, what it needs, what it gets, how it talks, how it
# runs, and how it is observed and secured.
KEY_ORDER = [
    "image", "build", "pull_policy", "container_name", "hostname",
    "depends_on", "links",
    "volumes", "volumes_from", "tmpfs", "configs", "secrets",
    "env_file", "environment",
    "ports", "expose", "networks", "network_mode", "extra_hosts", "dns",
    "entrypoint", "command", "working_dir", "user", "init", "restart", "healthcheck",
    "deploy", "logging", "labels",
]


class ServiceKeysOrder(ServiceRule):
    """The keys of a service out of the conventional order (off by default).

    ## What it does
    Reports a service key written after one that the order puts later.  The
    order (option `order`) goes from what the service is (`image`, `build`,
    `container_name`) through what it needs (`depends_on`), its data
    (`volumes`, `configs`, `secrets`), its environment, its networking
    (`ports`, `networks`), how it runs (`entrypoint`, `command`, `user`,
    `restart`, `healthcheck`) to `deploy`, `logging` and `labels`.  Keys
    the order does not name go after all of those, alphabetically.  Off by
    default: a style rule.

    ## Why it matters
    Services that list their keys in one order are faster to read and to
    compare, and their diffs are smaller.

    ## Example
    ```yaml
    services:
      web:
        ports: ["8080:80"]
        image: nginx:1.27
    ```

    ## Fix
    Move `image` first.  (Not fixed automatically: moving keys would move
    their comments too.)
    """

    id = "service-keys-order"
    level = Level.INFO
    category = "style"
    enabled_by_default = False
    options: ClassVar[Mapping[str, Any]] = {"order": KEY_ORDER}

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        rank, unlisted = configured_order(context, KEY_ORDER)
        # keys not in the order come after it, sorted
        ranked = ((key, (rank.get(key, unlisted), "" if key in rank else key))
                  for key in ref.service)
        for key, previous in out_of_order(ranked):
            yield self.finding(
                context, f"service {ref.name!r}: `{key}` should come before `{previous}`",
                ref.key_loc(key))
