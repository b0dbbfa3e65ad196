"""ConfigMaps -> configs with inline content, Secrets -> secrets read from the environment.

Compose secrets come from a file or an environment variable, never inline,
so a Secret's values are not written to the compose file: each secret reads
an environment variable, and the values are returned beside the project
(`K8sLoadResult.environ`) for the caller to provide.  Values never appear in
messages.  Objects no workload uses are loss entries, as compose drops them.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.k8s.load.context import LoadContext
from orchconv.translate.k8s.load.documents import Manifest
from orchconv.translate.k8s.load.draft import new_map
from orchconv.translate.k8s.load.metadata import is_ours, read_metadata, user_labels
from orchconv.translate.k8s.load.node import Node
from orchconv.translate.k8s.vocabulary import COMPONENT, ENV_COMPONENT

CONFIGMAP = "ConfigMap"
SECRET = "Secret"


@dataclass
class Payload:
    """A ConfigMap's or Secret's entries; bytes that are not UTF-8 stay None."""

    kind: str
    name: str
    namespace: str | None
    node: Node
    loc: Loc
    values: dict[str, str | None] = field(default_factory=dict)
    locs: dict[str, Loc] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    used: bool = False
    file_keys: dict[str, str] = field(default_factory=dict)  # data key -> compose key
    # The Secret compose2k8s moved a service's credential variables into: its values
    # were plain `environment` values in the compose file, and read back as such.
    holds_environment: bool = False


def _decode(node: Node, key: str, name: str, text: str) -> str | None:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InputError(f"{node.sub(key)}.{name} is not base64", node.value_loc(key)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _entries(payload: Payload, node: Node, key: str, encoded: bool) -> None:
    data = node.raw(key)
    if data is None:
        return
    if not isinstance(data, dict):
        raise node.type_error(key, "a mapping", data)
    for name, value in data.items():
        if not isinstance(value, str):
            raise InputError(f"{node.sub(key)}.{name} must be a string", node.value_loc(key))
        where = getattr(data, "key_locs", {}).get(name, node.value_loc(key))
        payload.values[name] = _decode(node, key, name, value) if encoded else value
        payload.locs[name] = where


def read_payload(ctx: LoadContext, manifest: Manifest) -> Payload:
    root = ctx.root(manifest)
    _, labels, annotations = read_metadata(root)
    payload = Payload(manifest.kind, manifest.name, manifest.namespace, root, manifest.loc,
                      labels=user_labels(labels) | annotations,
                      holds_environment=manifest.kind == SECRET and is_ours(labels)
                      and labels.get(COMPONENT) == ENV_COMPONENT)
    if manifest.kind == CONFIGMAP:
        _entries(payload, root, "data", encoded=False)
        _entries(payload, root, "binaryData", encoded=True)
        if root.boolean("immutable"):
            root.lose("immutable", "compose configs have no immutable flag")
    else:
        _entries(payload, root, "data", encoded=True)
        _entries(payload, root, "stringData", encoded=False)
        if not root.default("type", "Opaque"):
            root.lose("type", f"a {root.data.get('type')} Secret becomes plain secret files")
        if root.boolean("immutable"):
            root.lose("immutable", "compose secrets have no immutable flag")
    return payload


def variable_name(text: str) -> str:
    """An environment variable name for a secret key: DB_PASSWORD for db-password."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text).upper()
    return name if not name[:1].isdigit() else f"_{name}"


class PayloadStore:
    """ConfigMaps and Secrets of the input, by namespace and name."""

    def __init__(self, ctx: LoadContext) -> None:
        self.ctx = ctx
        self.objects: dict[tuple[str, str | None, str], Payload] = {}

    def add(self, manifest: Manifest) -> None:
        payload = read_payload(self.ctx, manifest)
        self.objects[(manifest.kind, manifest.namespace, manifest.name)] = payload

    def find(self, kind: str, namespace: str | None, name: str) -> Payload | None:
        return self.objects.get((kind, namespace, name))

    def file_key(self, payload: Payload, data_key: str) -> str | None:
        """The top-level config or secret holding one entry, defined on first use.

        It is named after the entry (the file name), or `<object>-<entry>` when
        another object's entry took that name.  None when the content is binary.
        """
        known = payload.file_keys.get(data_key)
        if known is not None:
            return known
        payload.used = True
        where = payload.locs.get(data_key, payload.loc)
        value = payload.values.get(data_key)
        if payload.kind == CONFIGMAP and value is None:
            self.ctx.ledger.lose(where, f"{payload.kind}/{payload.name}.binaryData.{data_key}",
                                 "compose config content is text; the binary file is not kept")
            return None
        section = self.ctx.configs if payload.kind == CONFIGMAP else self.ctx.secrets
        key = data_key if data_key not in section else f"{payload.name}-{data_key}"
        payload.file_keys[data_key] = key
        labels = dict(payload.labels) or None
        if payload.kind == CONFIGMAP:
            entry = new_map(where, name=self.ctx.resource_name(key), content=value,
                            labels=labels)
            self.ctx.configs.put(key, entry, where, where)
        else:
            variable = variable_name(key)
            self.provide(variable, value, where, f"{payload.kind}/{payload.name}.data.{data_key}")
            entry = new_map(where, name=self.ctx.resource_name(key), environment=variable,
                            labels=labels)
            self.ctx.secrets.put(key, entry, where, where)
        return key

    def provide(self, variable: str, value: str | None, where: Loc, path: str) -> None:
        """A secret value compose reads from the environment: returned, never written."""
        if value is None:
            self.ctx.ledger.lose(where, path, "binary secret values cannot be passed in an "
                                 "environment variable")
            return
        known = self.ctx.environ.get(variable)
        if known is not None and known != value:
            self.ctx.ledger.warn(f"environment variable {variable} stands for two different "
                                 "secret values; the first is kept")
            return
        self.ctx.environ[variable] = value
        self.ctx.ledger.lose(where, path, f"secret values are not written to the compose file; "
                             f"docker compose reads this one from ${variable}")

    def value(self, kind: str, namespace: str | None, name: str, key: str) -> Payload | None:
        """The object holding `key`, marked used, or None when the input lacks it."""
        payload = self.find(kind, namespace, name)
        if payload is None or key not in payload.values:
            return None
        payload.used = True
        return payload

    def finish(self) -> None:
        for payload in self.objects.values():
            if not payload.used:
                self.ctx.ledger.lose(payload.loc, f"{payload.kind}/{payload.name}",
                                     "no workload uses it, and compose drops unused "
                                     "configs and secrets")
