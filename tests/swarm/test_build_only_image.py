"""compose2swarm gives a build-only service the image compose2k8s gives it (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.convert import TargetOptions, convert
from orchconv.translate.result import Conversion
from tests.swarm.docker_oracle import check_stack_file

COMPOSE = """\
name: shop
services:
  web:
    build: ./web
  db:
    image: postgres:16
"""


def _convert(folder: Path, target: str, prefix: str | None = None) -> Conversion:
    (folder / "web").mkdir(exist_ok=True)
    (folder / "compose.yaml").write_text(COMPOSE)
    options = LoadOptions(files=(folder / "compose.yaml",), working_dir=folder, os_environ={})
    return convert("compose", target, options, TargetOptions(image_prefix=prefix))


def _swarm_image(conversion: Conversion) -> str:
    image: str = conversion.documents[0].data["services"]["web"]["image"]
    return image


def _k8s_image(conversion: Conversion) -> str:
    for document in conversion.documents:
        if document.data.get("kind") == "Deployment" and document.data["metadata"]["name"] == "web":
            image: str = document.data["spec"]["template"]["spec"]["containers"][0]["image"]
            return image
    raise AssertionError("no Deployment written")


@pytest.mark.parametrize("prefix", [None, "registry.example.com/team/"])
def test_the_image_is_the_one_compose2k8s_names(tmp_path: Path, prefix: str | None) -> None:
    swarm = _convert(tmp_path, "swarm", prefix)
    assert _swarm_image(swarm) == _k8s_image(_convert(tmp_path, "k8s", prefix))
    assert _swarm_image(swarm) == f"{prefix or ''}shop-web"


def test_a_loss_says_the_image_must_be_built_and_pushed(tmp_path: Path) -> None:
    swarm = _convert(tmp_path, "swarm")
    [loss] = [loss for loss in swarm.losses if loss.path == "services.web.build"]
    assert "'shop-web'" in loss.reason and "push" in loss.reason
    assert str(loss.loc).endswith("compose.yaml:4:5")


@pytest.mark.peer
def test_docker_stack_config_accepts_the_stack(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(dump_yaml(_convert(tmp_path, "swarm").documents[0].data))
    verdict = check_stack_file(stack)
    assert verdict.accepted, verdict.problems
