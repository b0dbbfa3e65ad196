"""Strict schema validation of Kubernetes objects, per release (1.31-1.35).

The schemas are the official OpenAPI definitions turned into JSON schema, as
the `kubernetes-validate` package ships them (the `k8s` extra); we only read
its data files.  Strict means every object refuses unknown fields.  Each
problem carries the JSON path and, for located input, the file:line:col of
the offending key.  A kind no release defines (a CRD's) is not checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.k8s.load.schema_check import FastSchemas
from orchconv.translate.k8s.versions import unsupported_version

if TYPE_CHECKING:
    from jsonschema import ValidationError as SchemaError
    from jsonschema.protocols import Validator

EXTRA_HINT = "install the k8s extra (pip install 'orchconv[k8s]') for Kubernetes schemas"


@dataclass(frozen=True)
class SchemaProblem:
    """One schema violation in one object."""

    path: str  # e.g. spec.template.spec.containers[0].image
    message: str
    loc: Loc | None = None

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        return f"{where}{self.path or '(document)'}: {self.message}"


@dataclass(frozen=True)
class _Catalogue:
    """One release's definitions, indexed by apiVersion and kind."""

    definitions: Mapping[str, Any]
    by_gvk: Mapping[tuple[str, str], str]  # (apiVersion, kind) -> definition name
    versions_of: Mapping[str, tuple[str, ...]]  # kind -> apiVersions served


def schemas_available() -> bool:
    return _schema_root() is not None


@cache
def _schema_root() -> Path | None:
    spec = find_spec("kubernetes_validate")
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent / "kubernetes-json-schema"
    return root if root.is_dir() else None


def _api_version(group: str, version: str) -> str:
    return f"{group}/{version}" if group else version


@cache
def _catalogue(k8s_version: str) -> _Catalogue:
    version_problem = unsupported_version(k8s_version)
    if version_problem:
        raise InputError(version_problem)
    root = _schema_root()
    if root is None:
        raise InputError(f"cannot validate Kubernetes objects: {EXTRA_HINT}")
    path = root / f"v{k8s_version}.0-local-strict" / "_definitions.json"
    if not path.is_file():
        raise InputError(f"the installed kubernetes-validate has no schemas for {k8s_version}")
    definitions = json.loads(path.read_text(encoding="utf-8"))["$defs"]
    by_gvk: dict[tuple[str, str], str] = {}
    versions_of: dict[str, list[str]] = {}
    for name, schema in definitions.items():
        gvks: list[dict[str, str]] = schema.get("x-kubernetes-group-version-kind") or []
        props = schema.get("properties", {})
        if len(gvks) != 1 or "apiVersion" not in props:
            continue  # shared types (DeleteOptions, WatchEvent) are no objects of their own
        gvk = gvks[0]
        api_version = _api_version(gvk["group"], gvk["version"])
        by_gvk[(api_version, gvk["kind"])] = name
        versions_of.setdefault(gvk["kind"], []).append(api_version)
    return _Catalogue(definitions, by_gvk,
                      {k: tuple(sorted(v)) for k, v in versions_of.items()})


@cache
def _fast(k8s_version: str) -> FastSchemas:
    return FastSchemas(_catalogue(k8s_version).definitions)


@cache
def _validator(k8s_version: str, definition: str) -> Validator:
    from jsonschema import Draft202012Validator

    defs = _catalogue(k8s_version).definitions
    schema = {"$defs": defs, "$ref": f"#/$defs/{definition}"}
    validator: Validator = Draft202012Validator(schema)
    return validator


def is_known_kind(kind: str, k8s_version: str) -> bool:
    """Whether the release defines `kind` in some API group (else it is a custom resource)."""
    return kind in _catalogue(k8s_version).versions_of


def _locate(document: Any, path: Iterable[str | int], *, of_key: bool = False) -> Loc | None:
    """The position of the value at `path` (or of its key) in located input."""
    loc: Loc | None = getattr(document, "loc", None)
    current = document
    steps = list(path)
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        if isinstance(current, dict) and isinstance(step, str) and step in current:
            table = getattr(current, "key_locs" if last and of_key else "val_locs", None)
            found = table.get(step) if table else None
            loc = found if isinstance(found, Loc) else loc
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and step < len(current):
            items = getattr(current, "item_locs", None)
            if items is not None and step < len(items):
                loc = items[step]
            current = current[step]
        else:
            break
    return loc


def _json_path(path: Iterable[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


_TYPE_NAMES = {"string": "a string", "integer": "an integer", "number": "a number",
               "boolean": "a boolean", "object": "a mapping", "array": "a list"}


def _kind_of(value: Any) -> str:
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a number"),
                       (str, "a string"), (dict, "a mapping"), (list, "a list")):
        if isinstance(value, kind):
            return name
    return "null"


def _types(schema: Any) -> list[str]:
    """The non-null types a (sub)schema allows, in words."""
    if not isinstance(schema, dict):
        return []
    alternatives = schema.get("oneOf") or schema.get("anyOf")
    if isinstance(alternatives, list):
        return [t for sub in alternatives for t in _types(sub)]
    declared = schema.get("type") or []
    names: list[str] = [declared] if isinstance(declared, str) else list(declared)
    return [_TYPE_NAMES.get(t, t) for t in names if t != "null"]


def _problems(error: SchemaError, document: Any) -> Iterator[SchemaProblem]:
    """Our own one-line wording; instance values never appear (they may be secrets)."""
    path = list(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = set(schema.get("properties", {}))
        for key in error.instance:
            if key not in known:
                yield SchemaProblem(_json_path([*path, key]), f"unknown field {key!r}",
                                    _locate(document, [*path, key], of_key=True))
        return
    if kind == "required" and isinstance(error.validator_value, list):
        instance = error.instance if isinstance(error.instance, dict) else {}
        for key in error.validator_value:
            if key not in instance:
                yield SchemaProblem(_json_path(path), f"missing required field {key!r}",
                                    _locate(document, path))
        return
    if kind in ("type", "oneOf", "anyOf"):
        allowed = " or ".join(dict.fromkeys(_types(schema))) or "another type"
        message = f"must be {allowed}, not {_kind_of(error.instance)}"
    elif kind == "enum":
        values = error.validator_value if isinstance(error.validator_value, list) else []
        choices = ", ".join(repr(v) for v in values if v is not None)
        message = f"must be one of {choices}"
    else:
        message = f"breaks the schema ({kind})"
    yield SchemaProblem(_json_path(path), message, _locate(document, path))


def validate_manifest(document: Mapping[str, Any], k8s_version: str) -> list[SchemaProblem]:
    """Every schema problem of one object (or `kind: List`), in document order."""
    api_version = document.get("apiVersion")
    kind = document.get("kind")
    head = [p for p in (("apiVersion", api_version), ("kind", kind)) if not isinstance(p[1], str)]
    if head:
        return [SchemaProblem(name, "missing, or not a string", _locate(document, [name])
                              if name in document else getattr(document, "loc", None))
                for name, _ in head]
    assert isinstance(api_version, str) and isinstance(kind, str)
    if kind == "List" and api_version == "v1":
        return _validate_list(document, k8s_version)
    catalogue = _catalogue(k8s_version)
    definition = catalogue.by_gvk.get((api_version, kind))
    if definition is None:
        served = catalogue.versions_of.get(kind)
        if not served:
            return []  # a custom resource: its schema is not known here
        return [SchemaProblem("apiVersion", f"Kubernetes {k8s_version} does not serve {kind} "
                              f"as {api_version}; use {' or '.join(served)}",
                              _locate(document, ["apiVersion"]))]
    if _fast(k8s_version).is_valid(definition, document):
        return []  # the common case, without jsonschema's walk
    validator = _validator(k8s_version, definition)
    errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.path])
    return [problem for error in errors for problem in _problems(error, document)]


def _validate_list(document: Mapping[str, Any], k8s_version: str) -> list[SchemaProblem]:
    items = document.get("items")
    if not isinstance(items, list):
        return [SchemaProblem("items", "must be a list", _locate(document, ["items"]))]
    problems: list[SchemaProblem] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(SchemaProblem(f"items[{index}]", "must be a mapping",
                                          _locate(document, ["items", index])))
            continue
        for problem in validate_manifest(item, k8s_version):
            problems.append(SchemaProblem(f"items[{index}].{problem.path}", problem.message,
                                          problem.loc))
    return problems


def object_label(document: Mapping[str, Any]) -> str:
    """`Kind/name` of an object, for messages."""
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return f"{document.get('kind', '?')}/{name or '?'}"


def validate_documents(documents: Iterable[Mapping[str, Any]],
                       k8s_version: str) -> list[SchemaProblem]:
    """Problems of many objects (an emitter's output), paths prefixed by `Kind/name`."""
    problems: list[SchemaProblem] = []
    for document in documents:
        label = object_label(document)
        for problem in validate_manifest(document, k8s_version):
            problems.append(SchemaProblem(f"{label}.{problem.path}", problem.message,
                                          problem.loc))
    return problems
