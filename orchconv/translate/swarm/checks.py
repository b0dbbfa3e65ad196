"""The checks `docker stack deploy` makes that a Compose loader does not.

In docker/cli's order: forbidden keys are refused before interpolation, each
file is validated on its own against the schema of its version after
interpolation, and a few combinations are refused while the top-level
resources are read.  Unsupported and deprecated keys only produce warnings
(and, in a conversion, losses: ignored.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from orchconv.errors import InputError, ValidationError
from orchconv.location import Loc
from orchconv.schemas import SchemaProblem, format_path, validate
from orchconv.source.yamltree import loc_of
from orchconv.translate.compose.schema_check import problems_error
from orchconv.translate.swarm.properties import DEPRECATED, FORBIDDEN, UNSUPPORTED

_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
_WRONG_TYPE = re.compile(r" is not of type (?P<types>'[a-z]+'(?:, '[a-z]+')*)$")


def _services(document: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    services = document.get("services")
    if isinstance(services, Mapping):
        for name, service in services.items():
            if isinstance(service, Mapping):
                yield name, service


def check_forbidden(document: Mapping[str, Any], file: str) -> None:
    """Refuse the keys docker/cli forbids, at the first one written."""
    found = [
        (name, key, service)
        for name, service in _services(document)
        for key in service
        if key in FORBIDDEN
    ]
    if not found:
        return
    name, key, service = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    raise ValidationError(
        f"services.{name}.{key} is not allowed in a stack file: {FORBIDDEN[key]}{more}",
        loc_of(service, key, of_key=True) or Loc(file),
    )


def _problem_message(problem: SchemaProblem) -> str:
    """docker/cli's wording: `services.web.depends_on must be a list`."""
    where = format_path(problem.path)
    wrong_type = _WRONG_TYPE.search(problem.message)
    if wrong_type:
        names = re.findall(r"'([a-z]+)'", wrong_type.group("types"))
        wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        return f"{where or 'top level'} must be {wanted}"
    if problem.message.startswith("additional property"):
        parent = format_path(problem.path[:-1]) or "top level"
        return f"{parent}: {problem.message}"
    return f"{where}: {problem.message}" if where else problem.message


def check_schema(document: Any, version: str) -> None:
    """Validate one interpolated file against the schema of its version: every
    problem in file order, one line each, an unknown key at the key."""
    problems = validate(document, f"stack-{version}")
    if problems:
        raise problems_error(document, problems, _problem_message)


def _external(resource: Mapping[str, Any]) -> bool:
    external = resource.get("external")
    return external is True or isinstance(external, Mapping)


def check_resources(document: Mapping[str, Any]) -> None:
    """Combinations docker/cli refuses while reading top-level resources."""
    volumes = document.get("volumes")
    if isinstance(volumes, Mapping):
        for key, volume in volumes.items():
            if not isinstance(volume, Mapping) or not _external(volume):
                continue
            for option in ("driver", "driver_opts", "labels"):
                if volume.get(option):
                    raise InputError(
                        f"volumes.{key}: an external volume cannot set {option!r}",
                        loc_of(volume, option, of_key=True),
                    )
    for section in ("secrets", "configs"):
        objects = document.get(section)
        if not isinstance(objects, Mapping):
            continue
        for key, item in objects.items():
            if isinstance(item, Mapping) and item.get("driver") and item.get("file"):
                raise InputError(
                    f"{section}.{key}: driver and file conflict; only use driver",
                    loc_of(item, "file", of_key=True),
                )


def service_keys(document: Mapping[str, Any]) -> set[str]:
    """Every key a service of this file sets (what ignored_options looks at)."""
    return {key for _, service in _services(document) for key in service}


def ignored_options(keys: Collection[str], skip: Collection[str] = ()) -> list[str]:
    """The warnings `docker stack deploy` prints for the service keys it accepts and
    ignores among `keys` (those the files set), but for the keys in `skip` (reported
    elsewhere)."""
    unsupported = sorted(key for key in keys if key in UNSUPPORTED and key not in skip)
    deprecated = sorted(key for key in keys if key in DEPRECATED and key not in skip)
    warnings: list[str] = []
    if unsupported:
        warnings.append("swarm ignores these service options: " + ", ".join(unsupported))
    warnings.extend(
        f"swarm ignores the deprecated service option {key}: {DEPRECATED[key]}"
        for key in deprecated
    )
    return warnings
