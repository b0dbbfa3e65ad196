"""volume-path-as-named-source: a `type: volume` mount whose source is a path."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    ServiceRule,
    has_variable,
)
from orchconv.source.yamltree import loc_of
from orchconv.translate.compose.syntax.volumes import is_host_path


class VolumePathAsNamedSource(ServiceRule):
    """A long-syntax `type: volume` mount whose `source` is a host path.

    ## What it does
    Reports a service volume written in the long syntax with `type: volume`
    and a `source` that is a path (`/var/lib/mysql`, `./data`, `~/data`)
    rather than the name of a volume.

    ## Why it matters
    For `type: volume` the source is the name of an entry under top-level
    `volumes`.  A path is not one: `docker compose` refuses the file with
    "refers to undefined volume /var/lib/mysql", and docker/cli refuses the
    stack the same way.  The message hides the real mistake, which is the
    type: a path is mounted with `type: bind`.

    ## Example
    ```yaml
    services:
      db:
        image: mysql:8.4
        volumes:
          - type: volume
            source: /var/lib/mysql
            target: /var/lib/mysql
    ```

    ## Fix
    To keep the data in a named volume, name it (`source: mysql_data`) and
    declare it under top-level `volumes`.  To mount the host folder, write
    `type: bind`.
    """

    id = "volume-path-as-named-source"
    level = Level.ERROR
    category = "correctness"

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        volumes = ref.service.get("volumes")
        if not isinstance(volumes, list):
            return
        for item in volumes:
            if not isinstance(item, Mapping) or item.get("type") != "volume":
                continue
            source = item.get("source")
            if not isinstance(source, str) or has_variable(source):
                continue
            if is_host_path(source):
                yield self.finding(
                    context,
                    f"service {ref.name!r}: `type: volume` needs a volume name as `source`,"
                    f" not the path {source!r}; use `type: bind` to mount a host path",
                    loc_of(item, "source"))
