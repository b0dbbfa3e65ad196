"""The Ingress directive (`orchconv.io/ingress`, kompose's `kompose.service.expose`).

As kompose: one rule per `host[/path]`, pathType Prefix, to the first port of
the service's Service; `true` is a rule for any host.  Unlike kompose, the TLS
section lists only real hosts (kompose writes an empty host for `true`, which
the API refuses), and a service without ports gets a loss, not an Ingress to
nothing.
"""

from __future__ import annotations

from typing import Any

from orchconv.translate.k8s.emit.context import ServiceContext
from orchconv.translate.k8s.emit.kinds import new_object
from orchconv.translate.k8s.emit.labels import object_labels
from orchconv.translate.k8s.emit.requests import Directives
from orchconv.translate.k8s.vocabulary import INGRESS


def ingress_object(ctx: ServiceContext, name: str, directives: Directives,
                   service: dict[str, Any]) -> dict[str, Any] | None:
    """The Ingress routing to the Service `service` (named `name`), if one was asked for."""
    wanted = directives.ingress
    if wanted is None:
        return None
    ports = service["spec"].get("ports") or []
    if not ports:
        key = next(k for k in INGRESS if k in ctx.service.labels)
        ctx.lose("labels", "an Ingress routes to a Service port; the service has no ports",
                 sub=key)
        return None
    backend = {"service": {"name": name, "port": {"number": ports[0]["port"]}}}
    rules: list[dict[str, Any]] = []
    for host, path in wanted.routes:
        entry = {"path": path, "pathType": "Prefix", "backend": backend}
        rule = next((r for r in rules if r.get("host") == host), None)
        if rule is None:
            rule = {"host": host} if host else {}
            rule["http"] = {"paths": []}
            rules.append(rule)
        rule["http"]["paths"].append(entry)
    spec: dict[str, Any] = {}
    if wanted.class_name:
        spec["ingressClassName"] = wanted.class_name
    if wanted.tls_secret is not None:
        tls: dict[str, Any] = {}
        hosts = [r["host"] for r in rules if "host" in r]
        if hosts:
            tls["hosts"] = hosts
        if wanted.tls_secret:
            tls["secretName"] = wanted.tls_secret
        spec["tls"] = [tls]
    spec["rules"] = rules
    emit = ctx.emit
    obj = new_object(emit.options.k8s_version, "Ingress",
                     emit.metadata(name, object_labels(emit.project.name, ctx.service.name)))
    obj["spec"] = spec
    return obj
