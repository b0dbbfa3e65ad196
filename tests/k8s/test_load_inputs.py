"""Reading the inputs: folders, JSON, lists, project names, unknown kinds, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchconv.errors import InputError, ValidationError
from orchconv.translate.k8s.load import K8sLoadOptions, load_kubernetes
from orchconv.translate.k8s.load.validate import schemas_available
from tests.k8s.load_support import deployment, load_text, reasons
from tests.peers import skip_unless_ci

WEB = "        - {name: web, image: 'nginx:1.27'}\n"


def test_folders_are_read_recursively_with_the_option_and_named_after(tmp_path: Path
                                                                    ) -> None:
    (tmp_path / "shop" / "apps").mkdir(parents=True)
    (tmp_path / "shop" / "apps" / "web.yml").write_text(deployment(WEB))
    (tmp_path / "shop" / "notes.txt").write_text("not a manifest")
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
               "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}
    (tmp_path / "shop" / "service.json").write_text(json.dumps(service))
    result = load_kubernetes((tmp_path / "shop",), K8sLoadOptions(recursive=True))
    assert result.project.name == "shop"
    assert result.project.services["web"].expose == ("80",)


def test_list_items_and_multi_document_files(tmp_path: Path) -> None:
    listing = ("apiVersion: v1\nkind: List\nitems:\n"
               "  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {x: '1'}}\n"
               "---\n") + deployment(WEB)
    result = load_text(tmp_path, listing)
    assert reasons(result)["ConfigMap/a"].startswith("no workload uses it")


def test_the_project_name_comes_from_orchconvs_label_then_the_namespace(
        tmp_path: Path) -> None:
    ours = deployment(WEB).replace(
        "  name: web\n", "  name: web\n  namespace: ns1\n  labels:\n"
        "    app.kubernetes.io/managed-by: orchconv\n    app.kubernetes.io/part-of: shop\n"
        "    app.kubernetes.io/name: web_1\n", 1)
    result = load_text(tmp_path, ours, project_name=None)
    assert result.project.name == "shop"
    assert list(result.project.services) == ["web_1"]  # the compose name, kept in the label
    plain = deployment(WEB).replace("  name: web\n", "  name: web\n  namespace: Team-A\n", 1)
    assert load_text(tmp_path, plain, "b.yaml", project_name=None).project.name == "team-a"


def test_every_other_kind_is_a_loss_at_its_document(tmp_path: Path) -> None:
    text = deployment(WEB) + ("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
                              "metadata: {name: web}\nspec:\n  rules:\n"
                              "    - host: a.example.com\n      http:\n        paths:\n"
                              "          - {path: /api, pathType: Prefix, backend: "
                              "{service: {name: web, port: {number: 80}}}}\n"
                              "---\napiVersion: example.com/v1\nkind: Widget\n"
                              "metadata: {name: w}\nspec: {size: 3}\n")
    result = load_text(tmp_path, text)
    losses = {loss.path: loss for loss in result.losses}
    assert losses["Ingress/web"].reason.endswith("a.example.com/api -> web:80")
    assert losses["Ingress/web"].loc.line == 15
    assert losses["Widget/w"].reason == "example.com/v1 Widget has no compose counterpart"


@skip_unless_ci(not schemas_available(), "needs the k8s extra")
def test_schema_errors_stop_the_load_at_their_position(tmp_path: Path) -> None:
    text = deployment(WEB, spec="  replicas: many\n")
    with pytest.raises(ValidationError) as caught:
        load_text(tmp_path, text)
    assert str(caught.value) == (f"{tmp_path / 'm.yaml'}:8:13: Deployment/web: spec.replicas: "
                                 "must be an integer, not a string")


def test_without_validation_type_errors_are_still_located(tmp_path: Path) -> None:
    text = deployment(WEB, spec="  replicas: many\n")
    with pytest.raises(InputError, match=r"m.yaml:8:13: Deployment/web.spec.replicas must be "
                                         "an integer, not a string"):
        load_text(tmp_path, text, validate=False)


@pytest.mark.parametrize(("text", "message"), [
    ("- just a list\n", "a document must be a mapping"),
    ("apiVersion: v1\nkind: ConfigMap\n", "ConfigMap: metadata must be a mapping"),
    ("kind: ConfigMap\nmetadata: {name: x}\n", "object: apiVersion must be a non-empty string"),
])
def test_bad_documents(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_text(tmp_path, text)


def test_an_object_defined_twice_keeps_the_later_definition(tmp_path: Path) -> None:
    later = deployment(WEB.replace("1.27", "1.28"))
    result = load_text(tmp_path, deployment(WEB) + "---\n" + later)
    assert result.project.services["web"].image == "nginx:1.28"
    assert any("Deployment/web is defined again" in w for w in result.warnings)


def test_missing_inputs_and_versions(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load_kubernetes((tmp_path / "nope.yaml",))
    with pytest.raises(InputError, match="unsupported Kubernetes version"):
        load_kubernetes((tmp_path,), K8sLoadOptions(k8s_version="1.20"))
    (tmp_path / "empty.yaml").write_text("# nothing\n")
    with pytest.raises(InputError, match="no Kubernetes objects"):
        load_kubernetes((tmp_path / "empty.yaml",))
