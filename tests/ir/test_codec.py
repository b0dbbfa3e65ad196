"""The IR codec: compose-shaped data <-> dataclasses, positions kept, nothing lost."""

from __future__ import annotations

import dataclasses

import pytest

from orchconv.errors import ValidationError
from orchconv.ir.codec import decode, encode
from orchconv.ir.deploy import Deploy, DeployMode
from orchconv.ir.project import Project
from orchconv.ir.service import Port
from orchconv.ir.values import Extra
from orchconv.location import Loc
from orchconv.source.yamltree import parse_document

DOC = """\
name: demo
services:
  web:
    image: nginx:1.25
    ports:
      - target: 80
        published: "8080"
        protocol: tcp
        mode: ingress
    deploy:
      mode: global
      resources:
        limits:
          cpus: "0.5"
          memory: 268435456
    x-note: kept
    uts: host
    networks:
      default: null
networks:
  default:
    name: demo_default
x-top: 1
"""


def load() -> Project:
    return decode(Project, parse_document(DOC, "c.yml"), path="")


def test_typed_fields_and_positions() -> None:
    project = load()
    web = project.services["web"]
    assert web.name == "web"
    assert web.image == "nginx:1.25"
    assert web.ports == (Port(mode="ingress", target=80, published="8080", protocol="tcp",
                              loc=Loc("c.yml", 6, 9)),)
    assert isinstance(web.deploy, Deploy)
    assert web.deploy.mode is DeployMode.GLOBAL
    assert web.deploy.resources is not None
    assert web.deploy.resources.limits is not None
    assert web.deploy.resources.limits.memory == 268435456
    assert web.locs["image"] == Loc("c.yml", 4, 5)
    assert web.loc == Loc("c.yml", 4, 5)


def test_untyped_keys_go_to_extras_with_their_position() -> None:
    web = load().services["web"]
    assert web.extras["x-note"] == Extra("kept", Loc("c.yml", 16, 13))
    assert web.extras["uts"].value == "host"
    assert load().extras["x-top"].value == 1


def test_encode_gives_back_the_document() -> None:
    data = encode(load())
    assert data["services"]["web"]["x-note"] == "kept"
    assert data["services"]["web"]["ports"] == [
        {"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"}
    ]
    assert data["networks"] == {"default": {"name": "demo_default"}}
    assert data["services"]["web"]["networks"] == {"default": None}
    assert decode(Project, data, path="") == dataclasses.replace(load())


def test_wrong_types_are_located() -> None:
    doc = parse_document("name: x\nservices:\n  web:\n    image: [a]\n", "c.yml")
    with pytest.raises(ValidationError) as error:
        decode(Project, doc, path="")
    assert str(error.value) == "c.yml:4:12: services.web.image must be a string, not a list"


def test_enum_values_are_checked() -> None:
    doc = parse_document("name: x\nservices:\n  web:\n    deploy:\n      mode: sometimes\n", "c")
    with pytest.raises(ValidationError, match=r"services\.web\.deploy\.mode must be one of"):
        decode(Project, doc, path="")
