"""env and envFrom -> environment; $(VAR) references in command, args and env resolved.

Kubernetes expands `$(VAR)` from the container's variables and turns `$$`
into `$`; compose runs the text as it is, so references are replaced by the
value they stand for.  Values from ConfigMaps are written out; values from
Secrets are left for the environment of docker compose (see config.py),
except those of the Secret compose2k8s moved a service's credential variables
into, which were plain values in the compose file and become them again.
"""

from __future__ import annotations

import re

from orchconv.translate.k8s.load.config import CONFIGMAP, SECRET, PayloadStore
from orchconv.translate.k8s.load.draft import Draft
from orchconv.translate.k8s.load.node import Node

_REFERENCE = re.compile(r"\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)")
UNKNOWN = object()  # a variable whose value only the cluster knows


class Variables:
    """A container's variables in order: text, None (from the environment) or UNKNOWN."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def expand(self, text: str, node: Node, key: str) -> str:
        """`text` as Kubernetes runs it; a reference to an unknown value is a loss."""

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name is None:
                return "$"
            value = self.values.get(name)
            if isinstance(value, str):
                return value
            if name in self.values:
                node.lose(key, f"$({name}) is expanded by Kubernetes from a value only the "
                               "cluster knows; compose runs the text as written")
            return match.group(0)

        return _REFERENCE.sub(replace, text)


def _from_ref(store: PayloadStore, namespace: str | None, ref: Node, kind: str,
              variable: str) -> object:
    name = ref.text("name") or ""
    key = ref.text("key") or ""
    optional = ref.boolean("optional")
    payload = store.value(kind, namespace, name, key)
    if payload is None:
        if optional:
            ref.ledger.lose(ref.loc, ref.path, f"{kind} {name} (key {key}) is not among the "
                            "inputs; the optional variable is left out")
            return UNKNOWN
        ref.ledger.lose(ref.loc, ref.path, f"{kind} {name} (key {key}) is not among the inputs; "
                        "its value is unknown")
        return UNKNOWN
    value = payload.values[key]
    if kind == SECRET and not payload.holds_environment:
        store.provide(variable, value, ref.loc, ref.path)
        return None
    return value


def _value_from(store: PayloadStore, namespace: str | None, entry: Node,
                variable: str) -> object:
    source = entry.node("valueFrom")
    assert source is not None
    config = source.node("configMapKeyRef")
    if config is not None:
        return _from_ref(store, namespace, config, CONFIGMAP, variable)
    secret = source.node("secretKeyRef")
    if secret is not None:
        return _from_ref(store, namespace, secret, SECRET, variable)
    for key in ("fieldRef", "resourceFieldRef", "fileKeyRef"):
        if source.has(key):
            source.lose(key, "the value comes from the pod at run time; compose has no "
                             "downward API")
    return UNKNOWN


def _env_from(store: PayloadStore, namespace: str | None, container: Node,
              variables: Variables) -> None:
    for entry in container.nodes("envFrom"):
        prefix = entry.text("prefix") or ""
        for kind, key in ((CONFIGMAP, "configMapRef"), (SECRET, "secretRef")):
            ref = entry.node(key)
            if ref is None:
                continue
            name = ref.text("name") or ""
            optional = ref.boolean("optional")
            payload = store.find(kind, namespace, name)
            if payload is None:
                ref.ledger.lose(ref.loc, ref.path, f"{kind} {name} is not among the inputs; "
                                "its variables are unknown" + (" (optional)" if optional else ""))
                continue
            payload.used = True
            for data_key in sorted(payload.values):
                variable = prefix + data_key
                if kind == SECRET:
                    store.provide(variable, payload.values[data_key], ref.loc, ref.path)
                    variables.values[variable] = None
                else:
                    variables.values[variable] = payload.values[data_key]
            if kind == CONFIGMAP:
                ref.ledger.lose(ref.loc, ref.path, f"the variables of {kind} {name} are "
                                "written into environment; the link to the object is not kept")


def read_environment(store: PayloadStore, namespace: str | None, container: Node,
                     draft: Draft) -> Variables:
    """The container's variables into the draft's environment; returns them for $(VAR)."""
    variables = Variables()
    _env_from(store, namespace, container, variables)
    for entry in container.nodes("env"):
        name = entry.text("name") or ""
        if entry.has("valueFrom"):
            variables.values[name] = _value_from(store, namespace, entry, name)
        else:
            variables.values[name] = variables.expand(entry.text("value") or "", entry, "value")
    environment = None
    for name, value in variables.values.items():
        if value is UNKNOWN:
            continue
        if environment is None:
            environment = draft.section("environment", container.value_loc("env"))
        environment.put(name, value, container.value_loc("env"), container.value_loc("env"))
    return variables
