"""`environment` and `env_file`.

`docker stack deploy` reads env files itself, so they stay paths.  Stack files
have only required env files in the default format; when one is optional or
in another format, the values read at load time are written into
`environment` instead (all env files then, to keep their precedence: later
files over earlier ones, `environment` over all).
"""

from __future__ import annotations

from orchconv.ir.service import EnvFile, Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"environment", "env_file"})


def _plain(env_file: EnvFile) -> bool:
    return env_file.required and env_file.format is None


def _folded_environment(service: Service, ctx: StackContext) -> dict[str, str | None]:
    environment: dict[str, str | None] = {}
    for env_file in service.env_file:
        if not _plain(env_file):
            setting = "required: false" if not env_file.required else f"format {env_file.format}"
            ctx.lose(env_file.loc, f"services.{service.name}.env_file",
                     f"stack files cannot say {setting}: the values read from"
                     f" {env_file.path} are written into environment")
        environment.update(env_file.values)
    environment.update(service.environment)
    return environment


def emit_environment(service: Service, out: Data, ctx: StackContext) -> None:
    if all(_plain(f) for f in service.env_file):
        environment = dict(service.environment)
        if service.env_file:
            out["env_file"] = [f.path for f in service.env_file]
    else:
        environment = _folded_environment(service, ctx)
    if environment:
        out["environment"] = {key: environment[key] for key in sorted(environment)}
