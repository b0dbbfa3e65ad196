"""The one-line-per-item views of `orchconv config`, as `docker compose config` prints them.

`--services`, `--volumes`, `--networks`, `--profiles`, `--images`, `--hash`,
`--variables` and `--no-interpolate` each print one view of the loaded project
instead of the whole model.  Orders follow docker compose where it has one
(services dependencies first, hashes and profiles sorted); where compose walks a
Go map (volumes, networks, images, variables) its order changes from run to run,
and we sort by name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from orchconv.errors import InputError
from orchconv.ir.project import Project
from orchconv.source.yamlout import dump_json, dump_yaml
from orchconv.translate.compose.load_result import LoadResult
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.compose.variables import Variable

# in the precedence docker compose gives them when several are asked for
VIEWS = ("services", "volumes", "networks", "hash", "profiles", "images", "variables")


# --- loading the model a view needs -----------------------------------------------------


class _Merged(Exception):
    """Carries the merged document out of the loader, before it is normalised."""

    def __init__(self, document: Any) -> None:
        super().__init__("merged document")
        self.document = document


def merged_model(options: LoadOptions) -> dict[str, Any]:
    """The files merged (includes, extends, overrides) and validated, `${VAR}` as written.

    This is the model `docker compose config --no-interpolate` and `--variables`
    start from.
    """

    def stop(document: Any) -> None:
        raise _Merged(document)

    try:
        load_project(replace(options, interpolate=False, before_normalise=stop))
    except _Merged as merged:
        model: dict[str, Any] = plain(merged.document)
        return model
    raise AssertionError("the loader calls before_normalise on every load")


def load_with_all_profiles(options: LoadOptions) -> tuple[LoadResult, list[str]]:
    """The project, and the profiles of every service, enabled or not (`--profiles`)."""
    found: set[str] = set()

    def collect(document: Any) -> None:
        services = document.get("services") if isinstance(document, Mapping) else None
        for service in services.values() if isinstance(services, Mapping) else ():
            names = service.get("profiles") if isinstance(service, Mapping) else None
            found.update(str(n) for n in names or ())

    result = load_project(replace(options, before_normalise=collect))
    return result, sorted(found)


def plain(value: Any) -> Any:
    """Located YAML containers as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# --- list views ------------------------------------------------------------------------


def service_order(project: Project) -> list[str]:
    """Services dependencies first, level by level and sorted within a level.

    docker compose walks its dependency graph from the services that depend on
    nothing; its concurrent walk may swap services of one level, we never do.
    """
    waiting = {name: {d for d in service.depends_on if d in project.services}
               for name, service in project.services.items()}
    order: list[str] = []
    while waiting:
        ready = sorted(name for name, needs in waiting.items() if not needs - set(order))
        if not ready:  # a cycle: the loader refuses these, print what is left sorted
            ready = sorted(waiting)
        order.extend(ready)
        for name in ready:
            del waiting[name]
    return order


def image_names(project: Project) -> list[str]:
    """Each service's image, `<project>-<service>` for a service that is only built."""
    return [project.services[name].image or f"{project.name}-{name}"
            for name in sorted(project.services)]


def lines(items: Iterable[str]) -> str:
    return "".join(f"{item}\n" for item in items)


# --- --hash ----------------------------------------------------------------------------


def service_hashes(project: Project, services_data: Mapping[str, Any], spec: str) -> str:
    """`name hash` lines for the services `spec` names (comma separated, `*`: all), sorted.

    The hash is a SHA-256 of the service's canonical model without what compose
    leaves out of its own (build, pull_policy, scale; replicas counted as 1), so
    it changes exactly when a recreate-worthy key changes.  compose hashes Go's
    JSON encoding of its struct; ours hashes our canonical JSON, so the digests
    themselves differ from compose's (docs/compose-differences.md).
    """
    names = sorted(project.services) if spec == "*" else sorted(spec.split(","))
    unknown = [name for name in names if name not in project.services]
    if unknown:  # checked before printing anything: no half-written output
        raise InputError(f"no such service: {unknown[0]}")
    return lines(f"{name} {service_hash(services_data[name])}" for name in names)


def service_hash(service: Mapping[str, Any]) -> str:
    data = {k: v for k, v in service.items() if k not in ("build", "pull_policy", "scale")}
    if isinstance(data.get("deploy"), Mapping):
        data["deploy"] = {**data["deploy"], "replicas": 1}
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    import hashlib  # only for --hash: OpenSSL's bindings cost a plain `config` a millisecond

    return hashlib.sha256(text.encode()).hexdigest()


# --- --variables -------------------------------------------------------------------------


_NAME_START = re.compile(r"[_a-zA-Z]")
_NAME = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")  # longest first


def _closing_brace(text: str, start: int) -> int:
    """Index of the `}` closing the `${` at `start`, nested `${...}` skipped (-1: none)."""
    depth, i = 0, start
    while i < len(text):
        if text.startswith("${", i):
            depth, i = depth + 1, i + 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _braced(body: str) -> list[Variable]:
    match = _NAME.match(body)
    if match is None:
        return []
    found = Variable(match.group())
    rest = body[match.end():]
    operands: list[str] = []
    for operator in _OPERATORS:
        if rest.startswith(operator):
            operand = rest[len(operator):]
            operands.append(operand)
            if "?" in operator:
                found.required = True
            elif "-" in operator:
                found.default = operand
            else:
                found.alternate = operand
            break
    # `${A:-${B}}`: the operand's own variables count too
    return [found, *(v for operand in operands for v in variables_in(operand))]


def variables_in(text: str) -> list[Variable]:
    """The variables one string reads, in order (`$$` is an escaped dollar)."""
    found: list[Variable] = []
    i = 0
    while i < len(text) - 1:
        if text[i] != "$":
            i += 1
            continue
        following = text[i + 1]
        if following == "$":
            i += 2
        elif following == "{":
            end = _closing_brace(text, i)
            if end < 0:
                break
            found.extend(_braced(text[i + 2:end]))
            i = end + 1
        elif _NAME_START.match(following):
            match = _NAME.match(text, i + 1)
            assert match is not None
            found.append(Variable(match.group()))
            i = match.end()
        else:
            i += 1
    return found


def model_variables(model: Any) -> dict[str, Variable]:
    """Every variable the values of a model read, by name."""
    found: dict[str, Variable] = {}
    stack = [model]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, str) and "$" in value:
            for variable in variables_in(value):
                if variable.name in found:
                    found[variable.name].merge(variable)
                else:
                    found[variable.name] = variable
    return found


VARIABLE_COLUMNS = ("NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE")


def variables_table(variables: Mapping[str, Variable]) -> str:
    """The table `docker compose config --variables` prints, rows sorted by name.

    Columns are laid out as docker's formatter does (Go's tabwriter: at least
    20 wide, 3 spaces of padding; the last column is not padded).
    """
    rows = [VARIABLE_COLUMNS] + [
        (v.name, "true" if v.required else "false", v.default, v.alternate)
        for v in (variables[name] for name in sorted(variables))
    ]
    widths = [max(20, *(len(row[column]) + 3 for row in rows)) for column in range(3)]
    return "".join(
        "".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + row[3]
        + "\n"
        for row in rows
    )


# --- --no-interpolate --------------------------------------------------------------------


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def uninterpolated_text(model: dict[str, Any], fmt: str) -> str:
    """The merged model as written (`${VAR}` and `$$` kept), keys sorted as compose does."""
    data = _sorted(model)
    return dump_json(data) if fmt == "json" else dump_yaml(data)


# --- the command -------------------------------------------------------------------------


# a NamedTuple: a frozen dataclass would compile its methods at every start
class ConfigRequest(NamedTuple):
    """What `orchconv config` was asked to print (`view`: one of VIEWS, or None: the model)."""

    view: str | None = None
    hash_spec: str = ""
    interpolate: bool = True
    fmt: str = "yaml"


def render(options: LoadOptions, request: ConfigRequest) -> tuple[str, list[str]]:
    """The text `config` prints for `request`, and the load's warnings."""
    from orchconv.translate.compose.emitter import emit_compose, project_to_data

    if request.view == "variables":  # compose reads them from the model as written
        return variables_table(model_variables(merged_model(options))), []
    if not request.interpolate and request.view in (None, "services"):
        model = merged_model(options)
        if request.view == "services":
            return lines(sorted(model.get("services") or {})), []
        return uninterpolated_text(model, request.fmt), []
    if request.view == "profiles":
        result, profiles = load_with_all_profiles(options)
        return lines(profiles), result.warnings
    result = load_project(options)
    project = result.project
    if request.view == "services":
        text = lines(service_order(project))
    elif request.view == "volumes":
        text = lines(sorted(project.volumes))
    elif request.view == "networks":
        text = lines(sorted(project.networks))
    elif request.view == "images":
        text = lines(image_names(project))
    elif request.view == "hash":
        text = service_hashes(project, project_to_data(project)["services"], request.hash_spec)
    else:
        text = emit_compose(project, request.fmt)
    return text, result.warnings


__all__ = [
    "VIEWS",
    "ConfigRequest",
    "Variable",
    "image_names",
    "load_with_all_profiles",
    "merged_model",
    "model_variables",
    "render",
    "service_hashes",
    "service_order",
    "uninterpolated_text",
    "variables_in",
    "variables_table",
]
