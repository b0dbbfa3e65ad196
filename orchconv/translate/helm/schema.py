"""values.schema.json: Helm checks the values against it on install, upgrade and template,
so a misspelt key or a value of the wrong type fails before anything reaches the cluster."""

from __future__ import annotations

from typing import Any

from orchconv.translate.helm.values import ChartValues

_STRING = {"type": "string"}
_NAME = {"type": "string", "minLength": 1}
_QUANTITY = {"type": ["string", "number"]}
_RESOURCES = {
    "type": "object",
    "properties": {"limits": {"type": "object", "additionalProperties": _QUANTITY},
                   "requests": {"type": "object", "additionalProperties": _QUANTITY},
                   "claims": {"type": "array", "items": {"type": "object"}}},
    "additionalProperties": False,
}
_PORT = {"type": "integer", "minimum": 1, "maximum": 65535}
_SERVICE = {
    "type": "object",
    "properties": {
        "type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]},
        "ports": {"type": "array", "items": {
            "type": "object",
            "required": ["port"],
            "properties": {"name": _STRING, "port": _PORT, "nodePort": _PORT,
                           "targetPort": {"type": ["integer", "string"]},
                           "protocol": {"enum": ["TCP", "UDP", "SCTP"]},
                           "appProtocol": _STRING},
            "additionalProperties": False}},
    },
    "additionalProperties": False,
}
_SECTION: dict[str, Any] = {
    "enabled": {"type": "boolean"},
    "image": {"type": "object", "required": ["repository"],
              "properties": {"repository": _NAME, "tag": {"type": ["string", "number"]},
                             "digest": _STRING},
              "additionalProperties": False},
    "replicas": {"type": "integer", "minimum": 0},
    "resources": _RESOURCES,
    "env": {"type": "object",
            "additionalProperties": {"type": ["string", "number", "boolean"]}},
    "existingSecret": _NAME,
    "service": _SERVICE,
    "ingress": {"type": "object",
                "properties": {"enabled": {"type": "boolean"}, "className": _STRING,
                               "hosts": {"type": "array", "items": _STRING}},
                "additionalProperties": False},
    "autoscaling": {"type": "object",
                    "properties": {"enabled": {"type": "boolean"},
                                   "minReplicas": {"type": "integer", "minimum": 1},
                                   "maxReplicas": {"type": "integer", "minimum": 1}},
                    "additionalProperties": False},
}


def values_schema(values: ChartValues) -> dict[str, Any]:
    # each kind of setting is defined once and referred to: a thousand services make a
    # thousand small sections, not a thousand copies
    shapes: dict[tuple[str, ...], dict[str, Any]] = {}  # services alike share one object
    sections = {}
    for key, section in values.ordered().items():
        names = tuple(section)
        if names not in shapes:
            shapes[names] = {
                "type": "object",
                "required": [n for n in ("enabled", "image", "replicas") if n in names],
                "properties": {name: {"$ref": f"#/definitions/{name}"} for name in names},
                "additionalProperties": False}
        sections[key] = shapes[names]
    claim = {"type": "object", "required": ["size"],
             "properties": {"size": {"type": "string", "minLength": 1},
                            "storageClass": _STRING},
             "additionalProperties": False}
    secret = {"type": "object", "required": ["existingSecret"],
              "properties": {"existingSecret": _NAME}, "additionalProperties": False}
    properties: dict[str, Any] = dict(sections)
    properties["persistence"] = {
        "type": "object", "additionalProperties": False,
        "properties": {key: {"$ref": "#/definitions/claim"} for key in values.persistence}}
    if values.secrets:
        properties["secrets"] = {
            "type": "object", "additionalProperties": False,
            "properties": {key: {"$ref": "#/definitions/secret"} for key in values.secrets}}
    used = {name for section in values.services.values() for name in section}
    definitions = {name: schema for name, schema in _SECTION.items() if name in used}
    definitions["claim"], definitions["secret"] = claim, secret
    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": "values",
            "type": "object", "properties": properties, "definitions": definitions}
