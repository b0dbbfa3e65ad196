"""The chart folder orchconv writes: its files, values, schema and the Secrets kept out."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import jsonschema
import pytest
import yaml

from orchconv.translate.helm.chart import emit_chart
from orchconv.translate.helm.expressions import value_path
from orchconv.translate.helm.values import split_image
from tests.helm.samples import API_KEY, DB_SECRET, WORDPRESS, exposed_conversion, shop
from tests.helm.support import run


@pytest.fixture
def shop_chart(tmp_path: Path) -> Path:
    compose = shop(tmp_path)
    done = run("compose2k8s", "-f", str(compose), "--chart", str(tmp_path / "chart"))
    assert done.exit_code == 0, done.stderr
    return tmp_path / "chart"


def _values(chart: Path) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((chart / "values.yaml").read_text())
    return loaded


def test_a_chart_has_the_files_helm_expects(tmp_path: Path) -> None:
    done = run("compose2k8s", "-f", str(WORDPRESS), "--chart", str(tmp_path / "wp"))
    assert done.exit_code == 0, done.stderr
    chart = tmp_path / "wp"
    meta = yaml.safe_load((chart / "Chart.yaml").read_text())
    assert meta == {"apiVersion": "v2", "name": "wordpress", "type": "application",
                    "version": "0.1.0", "appVersion": "latest",  # 5.7 and php7.4: no common tag
                    "description": "wordpress, converted to Kubernetes by orchconv"}
    for name in ("templates/_helpers.tpl", "templates/NOTES.txt", "templates/mysql.yaml",
                 "templates/wordpress.yaml", "templates/mysql-data-persistentvolumeclaim.yaml",
                 "README.md"):
        assert (chart / name).is_file(), name
    assert "secrets/" in (chart / ".helmignore").read_text().splitlines()
    values = _values(chart)
    assert values["wordpress"] == {
        "enabled": True, "image": {"repository": "wordpress", "tag": "php7.4"}, "replicas": 1,
        "resources": {}, "env": {"WORDPRESS_DB_HOST": "mysql:3306",
                                 "WORDPRESS_DB_NAME": "mywordpress",
                                 "WORDPRESS_DB_USER": "mywordpress"},
        "existingSecret": "wordpress-env",
        "service": {"type": "ClusterIP", "ports": [
            {"name": "tcp-8080", "port": 8080, "protocol": "TCP", "targetPort": 80},
            {"name": "tcp-80", "port": 80, "protocol": "TCP", "targetPort": 80}]}}
    assert values["persistence"] == {"mysql-data": {"size": "1Gi", "storageClass": ""}}
    schema = json.loads((chart / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(values, schema)  # the defaults satisfy their own schema


def test_secret_values_stay_out_of_the_chart(shop_chart: Path) -> None:
    inside = [p for p in shop_chart.rglob("*") if p.is_file() and "secrets" not in p.parts]
    assert {p.name for p in inside} >= {"values.yaml", "my-db.yaml", "web.yaml"}
    for path in inside:
        text = path.read_text()
        assert API_KEY not in text and DB_SECRET not in text, path
    values = _values(shop_chart)
    assert values["web"]["existingSecret"] == "web-env"  # type: ignore[index]
    assert values["secrets"] == {"db": {"existingSecret": "db"}}
    written = sorted(p.name for p in (shop_chart / "secrets").iterdir())
    assert written == ["db.yaml", "web-env.yaml"]
    for name in written:
        assert stat.S_IMODE((shop_chart / "secrets" / name).stat().st_mode) == 0o600
    template = (shop_chart / "templates" / "web.yaml").read_text()
    assert "name: {{ .Values.web.existingSecret }}" in template
    assert "secretName: {{ .Values.secrets.db.existingSecret }}" in template


def test_the_schema_rejects_wrong_types_and_misspelt_keys(shop_chart: Path) -> None:
    schema = json.loads((shop_chart / "values.schema.json").read_text())
    values = _values(shop_chart)
    values["web"]["image"]["tag"] = 2.0  # type: ignore[index]  # --set web.image.tag=2
    jsonschema.validate(values, schema)
    for path, bad in ((("web", "replicas"), "x"), (("web", "replicas"), -1),
                      (("web", "replica"), 3), (("web", "service", "type"), "Public"),
                      (("persistence", "data", "size"), 5)):
        changed = json.loads(json.dumps(values))
        node = changed
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(changed, schema)


def test_a_dashed_service_name_is_reached_with_index(shop_chart: Path) -> None:
    template = (shop_chart / "templates" / "my-db.yaml").read_text()
    assert 'replicas: {{ (index .Values "my-db" "replicas") }}' in template
    assert '{{- if (index .Values "my-db" "enabled") }}' in template
    meta = yaml.safe_load((shop_chart / "Chart.yaml").read_text())
    assert meta["appVersion"] == "1.4"  # the tag every image shares


@pytest.mark.parametrize(("image", "parts"), [
    ("nginx", {"repository": "nginx", "tag": ""}),
    ("nginx:1.27", {"repository": "nginx", "tag": "1.27"}),
    ("/api:", {"repository": "/api:", "tag": ""}),  # an unset ${TAG}: no tag, kept whole
    ("localhost:5000/app", {"repository": "localhost:5000/app", "tag": ""}),
    ("localhost:5000/app:2", {"repository": "localhost:5000/app", "tag": "2"}),
    ("app:1@sha256:abc", {"repository": "app", "tag": "1", "digest": "sha256:abc"}),
])
def test_images_split_as_docker_reads_them(image: str, parts: dict[str, str]) -> None:
    assert split_image(image) == parts


def test_value_paths() -> None:
    assert value_path("web", "image", "tag") == ".Values.web.image.tag"
    assert value_path("my-db", "enabled") == '(index .Values "my-db" "enabled")'


def test_ingress_hosts_and_autoscaler_bounds_are_values() -> None:
    chart = emit_chart(exposed_conversion())
    files = {f.name: f.text for f in chart.files}
    values = yaml.safe_load(files["values.yaml"])
    assert values["web"]["ingress"] == {"enabled": True, "className": "nginx",
                                        "hosts": ["web.example.com"]}
    assert values["web"]["autoscaling"] == {"enabled": True, "minReplicas": 2,
                                            "maxReplicas": 5}
    template = files["templates/web.yaml"]
    assert "host: {{ index .Values.web.ingress.hosts 0 | quote }}" in template
    assert "{{- if and .Values.web.enabled .Values.web.ingress.enabled }}" in template
    assert "maxReplicas: {{ .Values.web.autoscaling.maxReplicas }}" in template


@pytest.mark.parametrize(("args", "message"), [
    (["compose2helm"], "a Helm chart is a folder: give -o DIR"),
    (["compose2k8s", "--chart", "c", "-o", "d"],
     "--chart DIR names the output folder; -o does not apply"),
    (["compose2helm", "-o", "c", "--namespace", "n"],
     "--namespace does not apply to a Helm chart: use helm install --namespace"),
    (["compose2k8s", "--chart", "c", "--format", "json"],
     "--format does not apply to a Helm chart: a chart is YAML"),
    (["compose2swarm", "--chart", "c"], "--chart applies only to k8s output, not swarm"),
])
def test_chart_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    shop(tmp_path)
    done = run(*args)
    assert done.exit_code == 2
    assert done.stderr.splitlines()[-1] == f"Error: {message}"
    assert not (tmp_path / "c").exists() and not (tmp_path / "d").exists()


def test_convert_to_helm_writes_the_same_chart(tmp_path: Path) -> None:
    compose = str(shop(tmp_path))
    first = run("convert", "--from", "compose", "--to", "helm", "-f", compose, "-o",
                str(tmp_path / "a"))
    second = run("compose2k8s", "-f", compose, "--chart", str(tmp_path / "b"))
    assert first.exit_code == 0 and second.exit_code == 0, first.stderr + second.stderr
    names = sorted(str(p.relative_to(tmp_path / "a")) for p in (tmp_path / "a").rglob("*"))
    assert names == sorted(str(p.relative_to(tmp_path / "b"))
                           for p in (tmp_path / "b").rglob("*"))
    for name in names:
        if (tmp_path / "a" / name).is_file():
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_rerun_removes_the_template_of_a_removed_service(tmp_path: Path) -> None:
    compose = shop(tmp_path)
    chart = tmp_path / "chart"
    assert run("compose2k8s", "-f", str(compose), "--chart", str(chart)).exit_code == 0
    (chart / "templates" / "mine.yaml").write_text("# the user's own template\n")
    text = compose.read_text()
    compose.write_text(text[:text.index("  my-db:")] + text[text.index("secrets:\n  db"):])
    done = run("compose2k8s", "-f", str(compose), "--chart", str(chart))
    assert done.exit_code == 0, done.stderr
    assert not (chart / "templates" / "my-db.yaml").exists()  # it would render a nil section
    assert (chart / "templates" / "mine.yaml").is_file()
    assert (chart / "templates" / "web.yaml").is_file()


@pytest.mark.parametrize("in_place", [False, True])  # True: the shell is in the folder
def test_a_stale_name_never_leads_out_of_the_folder(tmp_path: Path, in_place: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from orchconv.translate.output_dir import MANIFEST_NAME, OutFile, write_folder

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.yaml").write_text("precious\n")
    chart = tmp_path / "chart"
    write_folder(chart, [OutFile("Chart.yaml", "name: x\n")])
    (chart / "templates").symlink_to(outside)
    import hashlib

    digest = hashlib.sha256(b"precious\n").hexdigest()
    with (chart / MANIFEST_NAME).open("a") as manifest:  # as if orchconv had written it
        manifest.write(f"{digest}  templates/keep.yaml\n{digest}  ../outside/keep.yaml\n")
    if in_place:
        monkeypatch.chdir(chart)
    write_folder(chart, [OutFile("Chart.yaml", "name: y\n")])
    assert (outside / "keep.yaml").read_text() == "precious\n"


def test_k8s_input_secret_values_go_beside_the_chart(tmp_path: Path) -> None:
    secret = "Zq9-hidden-7731"
    (tmp_path / "app.yaml").write_text(f"""\
apiVersion: v1
kind: Secret
metadata: {{name: app-creds}}
stringData: {{DB_PASSWORD: {secret}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: app}}
spec:
  selector: {{matchLabels: {{app: app}}}}
  template:
    metadata: {{labels: {{app: app}}}}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          env:
            - name: DB_PASSWORD
              valueFrom: {{secretKeyRef: {{name: app-creds, key: DB_PASSWORD}}}}
""")
    chart = tmp_path / "chart"
    done = run("k8s2helm", str(tmp_path / "app.yaml"), "-o", str(chart))
    assert done.exit_code == 0, done.stderr
    env = chart / "secrets" / ".env"
    assert env.read_text() == f'DB_PASSWORD="{secret}"\n'
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert not [p for p in chart.rglob("*") if p.is_file() and p != env
                and secret in p.read_text()]
    assert secret not in done.output
