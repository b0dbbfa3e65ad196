"""Secrets and configs."""

from __future__ import annotations

from orchconv.ir.project import FileObject, Project
from orchconv.ir.service import FileRef
from orchconv.ir.values import Extra
from orchconv.translate.swarm.emit.files import emit_file_refs, file_object_data
from tests.swarm.helpers import PROJECT, context, lost_paths, run_step, service


def test_references_short_when_only_a_source() -> None:
    svc = service(secrets=(FileRef(source="db"), FileRef(source="tls", target="/tls", mode=0o400)),
                  configs=(FileRef(source="site"),))
    out, losses = run_step(emit_file_refs, svc)
    assert out == {"secrets": ["db", {"source": "tls", "target": "/tls", "mode": 0o400}],
                   "configs": ["site"]}
    assert losses == []


def test_file_objects_keep_their_file() -> None:
    ctx = context(Project(name=PROJECT))
    item = FileObject(key="db", name=f"{PROJECT}_db", file="/abs/db.txt", labels={"a": "b"},
                      extras={"template_driver": Extra("golang"), "x-note": Extra(1)})
    assert file_object_data(item, "secrets", ctx) == {
        "file": "/abs/db.txt", "labels": {"a": "b"}, "template_driver": "golang", "x-note": 1}
    assert ctx.conversion.losses == []


def test_environment_and_content_objects_become_external() -> None:
    ctx = context(Project(name=PROJECT))
    token = FileObject(key="token", name=f"{PROJECT}_token", environment="TOKEN")
    inline = FileObject(key="conf", name="app-conf", content="x = 1\n")
    assert file_object_data(token, "secrets", ctx) == {"external": True}
    assert file_object_data(inline, "configs", ctx) == {"external": True, "name": "app-conf"}
    assert lost_paths(ctx.conversion.losses) == ["secrets.token.environment",
                                                 "configs.conf.content"]
    assert "'app-conf'" in ctx.conversion.losses[1].reason


def test_configs_have_no_driver() -> None:
    ctx = context(Project(name=PROJECT))
    item = FileObject(key="c", name=f"{PROJECT}_c", file="/c", extras={"driver": Extra("x")})
    assert file_object_data(item, "configs", ctx) == {"file": "/c"}
    assert lost_paths(ctx.conversion.losses) == ["configs.c.driver"]
