"""image and build: swarm never builds."""

from __future__ import annotations

from orchconv.ir.service import Build
from orchconv.translate.swarm.emit.image import emit_image
from tests.swarm.helpers import PROJECT, context, lost_paths, run_step, service


def test_an_image_is_kept() -> None:
    out, losses = run_step(emit_image, service(image="nginx:1.25"))
    assert out == {"image": "nginx:1.25"}
    assert losses == []


def test_build_next_to_an_image_is_lost() -> None:
    out, losses = run_step(emit_image, service(image="shop/web:2", build=Build(context=".")))
    assert out == {"image": "shop/web:2"}
    assert lost_paths(losses) == ["services.web.build"]
    assert "shop/web:2" in losses[0].reason


def test_a_build_only_service_takes_its_image_from_the_prefix() -> None:
    ctx = context(image_prefix="registry.example.com/shop/")
    out, losses = run_step(emit_image, service(build=Build(context=".")), ctx)
    assert out == {"image": f"registry.example.com/shop/{PROJECT}-web"}
    assert lost_paths(losses) == ["services.web.build"]


def test_a_build_only_service_without_a_prefix_runs_the_image_compose_builds() -> None:
    out, losses = run_step(emit_image, service(build=Build(context=".")))
    assert out == {"image": f"{PROJECT}-web"}
    assert lost_paths(losses) == ["services.web.build"]
    assert "--image-prefix" in losses[0].reason and "push" in losses[0].reason


def test_a_service_without_image_or_build_is_reported() -> None:
    _, losses = run_step(emit_image, service())
    assert lost_paths(losses) == ["services.web.image"]
