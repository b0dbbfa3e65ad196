"""`environment` and `env_file` -> `environment`.

The values of env files, as the Compose loader read them, are written into
`environment` (later files over earlier ones, `environment` over all), as
`docker compose config` does.  Keeping the paths would let `docker stack
deploy` read the files again with docker/cli's simpler parser, which takes
quotes literally and refuses `export NAME=value` lines that Compose accepts.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"environment", "env_file"})


def merged_environment(service: Service) -> dict[str, str | None]:
    environment: dict[str, str | None] = {}
    for env_file in service.env_file:
        environment.update(env_file.values)
    environment.update(service.environment)
    return environment


def emit_environment(service: Service, out: Data, ctx: StackContext) -> None:
    environment = merged_environment(service)
    if environment:
        out["environment"] = {key: environment[key] for key in sorted(environment)}
