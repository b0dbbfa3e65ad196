"""environment and env_file -> env, envFrom, a ConfigMap per env file, a Secret per service.

Variables whose names say they hold a credential (`is_secret_name`, the one
rule for that) go into the service's Secret `<service>-env` and are read with
`secretKeyRef`, so no password sits in a ConfigMap or a pod spec.  The rest
of an env file stays in its ConfigMap, read with envFrom (later files win,
as in compose, and `env` wins over all of them).  With `plain_env` nothing
moves; whatever credential stays plain is a warning naming the key, never
its value.  A key the API server would refuse is a located error.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.service import EnvFile
from orchconv.redaction import is_secret_name
from orchconv.translate.k8s.emit.context import ServiceContext, known
from orchconv.translate.k8s.emit.keys import key_problem
from orchconv.translate.k8s.emit.names import dns_subdomain
from orchconv.translate.k8s.emit.payload import config_map, secret
from orchconv.translate.k8s.vocabulary import ENV_COMPONENT

_EXPANDABLE = re.compile(r"\$(?=[$(])")


def literal(text: str) -> str:
    """`text` escaped so Kubernetes' $(VAR) expansion (in command, args and env values)
    leaves it as it is: compose has already interpolated."""
    return _EXPANDABLE.sub("$$", text)


class _Credentials:
    """The service's credential values bound for its Secret, named on first use."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.values: dict[str, str] = {}
        self.name: str | None = None

    def ref(self, key: str, value: str) -> dict[str, Any]:
        if self.name is None:
            service = self.ctx.service.name
            self.name = self.ctx.emit.names.claim("secret", f"env:{service}",
                                                  dns_subdomain(f"{service}-env"))
        self.values[key] = value
        return {"name": key, "valueFrom": {"secretKeyRef": {"name": self.name, "key": key}}}

    def emit(self) -> None:
        if self.name is not None:
            self.ctx.emit.add_object(secret(self.ctx.emit, self.name, self.values,
                                            ENV_COMPONENT))


def _moves(ctx: ServiceContext, key: str) -> bool:
    return not ctx.options.plain_env and is_secret_name(key)


def _env_file(ctx: ServiceContext, index: int, entry: EnvFile,
              moved: dict[str, str]) -> dict[str, Any] | None:
    """The envFrom source for one env file; its credentials are added to `moved`."""
    values = {k: v for k, v in entry.values.items() if v is not None}
    for key in values:
        problem = key_problem(key)
        if problem is not None:
            raise InputError(
                f"{ctx.path}.env_file[{index}]: variable {key!r} of {entry.path} cannot be "
                f"a ConfigMap or Secret key: {problem}",
                known(entry.loc, ctx.loc("env_file")))
    kept = {k: v for k, v in values.items() if not _moves(ctx, k)}
    moved.update((k, v) for k, v in values.items() if k not in kept)
    if values and not kept:
        return None  # every variable went to the Secret
    base = posixpath.basename(entry.path) or "env"
    name = ctx.emit.names.claim("configmap", f"env:{ctx.service.name}:{entry.path}",
                                dns_subdomain(f"{ctx.service.name}-{base}"))
    for key in kept:
        if is_secret_name(key):
            ctx.emit.warn(f"{ctx.path}.env_file[{index}]: {key} of {entry.path} looks like a "
                          f"credential and stays in plain text in ConfigMap {name} "
                          "(--plain-env)")
    ctx.emit.add_object(config_map(ctx.emit, name, kept, ENV_COMPONENT))
    ref: dict[str, Any] = {"name": name}
    if not entry.required:
        ref["optional"] = True
    return {"configMapRef": ref}


def _plain(ctx: ServiceContext, name: str, value: str) -> dict[str, Any]:
    if is_secret_name(name):
        why = ("--plain-env" if ctx.options.plain_env
               else f"its name cannot be a Secret key: {key_problem(name)}")
        ctx.emit.warn(f"{ctx.path}.environment.{name} looks like a credential and stays a "
                      f"plain value in the pod spec ({why})")
    return {"name": name, "value": literal(value)}


def container_environment(ctx: ServiceContext
                          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The container's envFrom and env; emits the env files' ConfigMaps and the Secret."""
    credentials = _Credentials(ctx)
    from_files: dict[str, str] = {}
    env_from = [source for index, entry in enumerate(ctx.service.env_file)
                if (source := _env_file(ctx, index, entry, from_files)) is not None]
    env: list[dict[str, Any]] = []
    for name, value in ctx.service.environment.items():
        if value is None:
            ctx.emit.warn(f"{ctx.path}.environment.{name} had no value when the project was "
                          "loaded; it is left out, as compose leaves it unset")
        elif _moves(ctx, name) and key_problem(name) is None:
            env.append(credentials.ref(name, value))
        else:
            env.append(_plain(ctx, name, value))
    # environment wins over env files: a name it sets is not read from the Secret too
    env.extend(credentials.ref(key, value) for key, value in from_files.items()
               if ctx.service.environment.get(key) is None)
    credentials.emit()
    ctx.done("environment", "env_file")
    return env_from, env
