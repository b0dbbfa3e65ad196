"""Strict schema validation of Kubernetes objects for each release from 1.31 to 1.35."""

from __future__ import annotations

from typing import Any

import pytest

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import parse_documents
from orchconv.translate.k8s.load.validate import (
    is_known_kind,
    schemas_available,
    validate_documents,
    validate_manifest,
)
from tests.k8s.samples import sample_results
from tests.peers import skip_unless_ci

pytestmark = skip_unless_ci(not schemas_available(),
                                reason="needs the k8s extra (kubernetes-validate)")
VERSIONS = ("1.31", "1.32", "1.33", "1.34", "1.35")

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
"""


def _doc(text: str) -> Any:
    return next(iter(parse_documents(text, "m.yaml")))[0]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_valid_deployment_passes(version: str) -> None:
    assert validate_manifest(_doc(DEPLOYMENT), version) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unknown_field_is_an_error_at_its_key(version: str) -> None:
    text = DEPLOYMENT.replace("          image:", "          imagePullPolcy: Always\n"
                                                 "          image:")
    problems = validate_manifest(_doc(text), version)
    assert [(p.path, p.message, p.loc) for p in problems] == [
        ("spec.template.spec.containers[0].imagePullPolcy", "unknown field 'imagePullPolcy'",
         Loc("m.yaml", 15, 11))]


def test_a_wrong_type_names_both_types_without_the_value() -> None:
    problems = validate_manifest(_doc(DEPLOYMENT.replace("replicas: 2", "replicas: two")),
                                 "1.35")
    assert [(p.path, p.message, p.loc) for p in problems] == [
        ("spec.replicas", "must be an integer, not a string", Loc("m.yaml", 6, 13))]


def test_int_or_string_and_required_fields() -> None:
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
               "spec": {"ports": [{"port": 80, "targetPort": True}]}}
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
           "spec": {"containers": [{"image": "x"}]}}
    assert [str(p) for p in validate_manifest(service, "1.35")] == [
        "spec.ports[0].targetPort: must be a string or an integer, not a boolean"]
    assert [str(p) for p in validate_manifest(pod, "1.35")] == [
        "spec.containers[0]: missing required field 'name'"]


def test_secret_values_never_appear_in_problems() -> None:
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
              "data": {"password": 12345}, "type": ["hunter2"]}
    text = " ".join(str(p) for p in validate_manifest(secret, "1.35"))
    assert "must be a string" in text
    assert "12345" not in text and "hunter2" not in text


def test_an_api_version_a_release_no_longer_serves() -> None:
    text = DEPLOYMENT.replace("apps/v1", "extensions/v1beta1")
    [problem] = validate_manifest(_doc(text), "1.35")
    assert problem.path == "apiVersion"
    assert problem.message == ("Kubernetes 1.35 does not serve Deployment as "
                               "extensions/v1beta1; use apps/v1")


@pytest.mark.parametrize(("version", "served"), [("1.31", True), ("1.32", False)])
def test_the_schemas_differ_per_release(version: str, served: bool) -> None:
    """flowcontrol.apiserver.k8s.io/v1beta3 was removed in Kubernetes 1.32."""
    schema = {"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema",
              "metadata": {"name": "f"},
              "spec": {"priorityLevelConfiguration": {"name": "global-default"}}}
    assert (validate_manifest(schema, version) == []) is served


def test_custom_resources_are_not_checked() -> None:
    monitor = {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
               "metadata": {"name": "m"}, "spec": {"anything": 1}}
    assert validate_manifest(monitor, "1.35") == []
    assert not is_known_kind("ServiceMonitor", "1.35")
    assert is_known_kind("Deployment", "1.35")


def test_list_items_are_checked_with_their_index() -> None:
    listing = {"apiVersion": "v1", "kind": "List",
               "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                          "data": {"a": "b"}, "extra": 1}]}
    assert [p.path for p in validate_manifest(listing, "1.35")] == ["items[0].extra"]


def test_missing_kind_or_api_version() -> None:
    assert [p.path for p in validate_manifest({"metadata": {}}, "1.35")] == ["apiVersion",
                                                                            "kind"]


def test_an_unsupported_release_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"unsupported Kubernetes version '1\.30'"):
        validate_manifest(_doc(DEPLOYMENT), "1.30")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", sorted(sample_results()))
def test_the_emitter_output_is_valid_for_every_release(name: str, version: str) -> None:
    documents = [d.data for d in sample_results()[name].documents]
    assert validate_documents(documents, version) == []


def test_validate_documents_prefixes_kind_and_name() -> None:
    bad = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "dta": {}}
    assert [str(p) for p in validate_documents([bad], "1.35")] == [
        "ConfigMap/c.dta: unknown field 'dta'"]
