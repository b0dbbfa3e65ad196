"""The charts with the helm peer: lint --strict, the default render equals compose2k8s,
changed values render as asked, and values.schema.json refuses a bad value."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from orchconv.translate.helm.chart import emit_chart
from orchconv.translate.output_dir import write_folder
from tests.helm.samples import GOLDEN, GOLDEN_CASES, WORDPRESS, exposed_conversion, shop
from tests.helm.support import (
    chart_objects,
    helm_run,
    normalised,
    plain_objects,
    run,
    template,
)

pytestmark = pytest.mark.peer
HERE = Path(__file__).resolve().parent
CASES = {"wordpress": WORDPRESS} | {
    name: next(p for p in (GOLDEN / name).iterdir()
               if p.name in ("compose.yaml", "compose.yml", "docker-compose.yml",
                             "docker-compose.yaml"))
    for name in GOLDEN_CASES} | {
    f"helm-{case.name}": case / "compose.yaml" for case in (HERE / "golden").iterdir()}


def _chart(compose: Path, folder: Path) -> Path:
    done = run("compose2k8s", "-f", str(compose), "--chart", str(folder))
    assert done.exit_code == 0, done.stderr
    return folder


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_chart_lints_and_renders_what_compose2k8s_writes(name: str, tmp_path: Path) -> None:
    chart = _chart(CASES[name], tmp_path / name)
    lint = helm_run("lint", "--strict", str(chart))
    assert lint.returncode == 0, lint.stdout + lint.stderr
    rendered = normalised(chart_objects(chart))
    plain = normalised(plain_objects("-f", str(CASES[name])))
    assert sorted(rendered) == sorted(plain)
    for key, document in plain.items():
        assert rendered[key] == document, key


def test_changed_values_render_as_asked(tmp_path: Path) -> None:
    chart = _chart(shop(tmp_path), tmp_path / "shop")
    objects = normalised(template(
        chart, "--set", "web.image.tag=2.0", "--set", "web.replicas=5",
        "--set", "my-db.enabled=false", "--set", "web.existingSecret=vault-web",
        "--set", "secrets.db.existingSecret=vault-db"))
    web = objects["Deployment", "web"]
    container = web["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "registry.example.com:5000/shop/web:2.0"
    assert web["spec"]["replicas"] == 5
    assert {"name": "API_KEY", "valueFrom": {"secretKeyRef": {
        "name": "vault-web", "key": "API_KEY"}}} in container["env"]
    assert web["spec"]["template"]["spec"]["volumes"][0]["secret"]["secretName"] == "vault-db"
    assert ("Deployment", "my-db") not in objects and ("Service", "my-db") not in objects
    assert ("PersistentVolumeClaim", "data") in objects  # data outlives its service


def test_an_ingress_host_and_autoscaler_bounds_are_values(tmp_path: Path) -> None:
    write_folder(tmp_path / "site", emit_chart(exposed_conversion()).files)
    lint = helm_run("lint", "--strict", str(tmp_path / "site"))
    assert lint.returncode == 0, lint.stdout + lint.stderr
    objects = normalised(template(tmp_path / "site",
                                  "--set", "web.ingress.hosts[0]=shop.example.org",
                                  "--set", "web.autoscaling.maxReplicas=9"))
    ingress = objects["Ingress", "web"]["spec"]
    assert ingress["rules"][0]["host"] == "shop.example.org"
    assert ingress["tls"][0]["hosts"] == ["shop.example.org"]
    assert objects["HorizontalPodAutoscaler", "web"]["spec"]["maxReplicas"] == 9
    off = normalised(template(tmp_path / "site", "--set", "web.ingress.enabled=false"))
    assert ("Ingress", "web") not in off and ("Deployment", "web") in off


@pytest.mark.parametrize(("setting", "complaint"), [
    ("web.replicas=x", "replicas"),
    ("web.service.type=Public", "type"),
    ("web.replica=3", "replica"),
])
def test_the_schema_refuses_a_bad_value(tmp_path: Path, setting: str, complaint: str) -> None:
    chart = _chart(shop(tmp_path), tmp_path / "shop")
    flag = "--set-string" if setting.endswith("=x") else "--set"
    done = helm_run("template", "release", str(chart), flag, setting)
    assert done.returncode != 0
    assert "schema" in done.stderr and complaint in done.stderr, done.stderr


@pytest.mark.parametrize("case", sorted(p.name for p in (HERE / "golden").iterdir()))
def test_golden_render_with_changed_values(case: str, tmp_path: Path) -> None:
    folder = HERE / "golden" / case
    chart = _chart(folder / "compose.yaml", tmp_path / "shop")
    args = shlex.split((folder / "args").read_text())
    done = helm_run("template", "release", str(chart), *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (folder / "expected.yaml").read_text()
