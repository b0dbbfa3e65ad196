"""Names, labels, namespace, Kubernetes releases and option checking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.ir.deploy import Deploy
from orchconv.ir.project import FileObject, Volume
from orchconv.ir.service import FileRef, Mount
from orchconv.ir.values import Extra
from orchconv.translate.k8s.emit.kinds import API_VERSIONS
from orchconv.translate.k8s.emit.labels import is_label_value
from orchconv.translate.k8s.emit.names import dns_label, dns_subdomain, is_port_name
from tests.k8s.helpers import (
    at,
    emit,
    find,
    loss_text,
    losses,
    metadata_keys,
    objects,
    project,
    service,
)
from tests.k8s.samples import sample_results

LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"


def test_every_object_carries_the_recommended_labels() -> None:
    for name, result in sample_results().items():
        project_name = "wordpress" if name == "wordpress" else (
            "kitchen" if name == "everything" else "demo")
        for document in result.documents:
            labels = document.data["metadata"]["labels"]
            assert labels["app.kubernetes.io/managed-by"] == "orchconv", document.name
            assert labels["app.kubernetes.io/part-of"] == project_name, document.name
            assert is_label_value(labels["app.kubernetes.io/name"]), document.name


def test_a_name_that_is_not_dns_1123_changes_with_a_located_loss() -> None:
    app = service("Web_App", loc=at(3, 3))
    result = emit(project(app))
    assert find(result, "Deployment", "web-app")
    [renamed] = losses(result, "services.Web_App")
    assert renamed.loc == at(3, 3)
    assert "'web-app'" in renamed.reason


def test_a_service_name_starting_with_a_digit_gets_a_letter() -> None:
    result = emit(project(service("1st")))
    assert find(result, "Service", "x-1st")


def test_names_that_collide_once_made_valid_are_told_apart() -> None:
    result = emit(project(service("web_app"), service("web-app")))
    names = sorted(d["metadata"]["name"] for d in objects(result, "Deployment"))
    assert names == ["web-app", "web-app-2"]
    assert "collides" in losses(result, "services.web_app")[0].reason


@given(st.text(min_size=1, max_size=300))
def test_dns_labels_are_always_valid(raw: str) -> None:
    import re
    label = dns_label(raw, letter_first=True)
    assert len(label) <= 63
    assert re.fullmatch(LABEL, label)
    assert label[0].isalpha()
    subdomain = dns_subdomain(raw)
    assert len(subdomain) <= 253
    assert all(re.fullmatch(LABEL, part) for part in subdomain.split("."))


def test_long_names_keep_distinct() -> None:
    first, second = "a" * 70 + "x", "a" * 70 + "y"
    assert dns_label(first) != dns_label(second)
    assert len(dns_label(first)) == 63


@pytest.mark.parametrize(("name", "valid"), [("http", True), ("tcp-8080", True),
                                             ("8080", False), ("a--b", False),
                                             ("-a", False), ("sixteen-chars-xx", False)])
def test_port_names(name: str, valid: bool) -> None:
    assert is_port_name(name) is valid


def test_namespace_option_adds_a_namespace_first_and_places_everything_in_it() -> None:
    result = emit(project(service("app")), namespace="shop")
    first = result.documents[0].data
    assert first == {"apiVersion": "v1", "kind": "Namespace", "metadata": {
        "name": "shop", "labels": {"app.kubernetes.io/managed-by": "orchconv"}}}
    assert all(d.data["metadata"]["namespace"] == "shop" for d in result.documents[1:])


@pytest.mark.parametrize("release", ["1.31", "1.32", "1.33", "1.34", "1.35"])
def test_api_versions_per_release(release: str) -> None:
    app = service("app", volumes=(Mount(type="volume", source="v", target="/v"),))
    result = emit(project(app, service("job", restart="no"), volumes={"v": None}),
                  k8s_version=release)
    versions = {d.data["kind"]: d.data["apiVersion"] for d in result.documents}
    assert versions == {"PersistentVolumeClaim": "v1", "Service": "v1",
                        "Deployment": "apps/v1", "Job": "batch/v1"}
    assert API_VERSIONS[release]["NetworkPolicy"] == "networking.k8s.io/v1"
    assert API_VERSIONS[release]["PodDisruptionBudget"] == "policy/v1"


@pytest.mark.parametrize(("option", "value"), [("k8s_version", "1.30"),
                                               ("controller", "replicaset"),
                                               ("service_type", "ExternalName"),
                                               ("namespace", "My_Space"),
                                               ("pvc_size", "lots")])
def test_bad_options_are_one_line_input_errors(option: str, value: str) -> None:
    with pytest.raises(InputError) as raised:
        emit(project(service("app")), **{option: value})
    assert "\n" not in str(raised.value)
    assert value in str(raised.value)


def test_top_level_extras_are_losses_but_extension_keys_are_not() -> None:
    extras = {"x-common": Extra({"a": 1}), "models": Extra({}, at(70))}
    result = emit(project(service("app"), extras=extras))
    assert [x.path for x in result.losses] == ["models"]


def test_document_names_are_file_stems() -> None:
    result = emit(project(service("app")))
    assert [d.name for d in result.documents] == ["app-service", "app-deployment"]


BAD_KEY = "${LABEL_KEY}"  # keys are not interpolated: a `$` can reach the emitter


def test_keys_the_api_server_refuses_are_located_losses_not_metadata() -> None:
    app = service("app", labels={BAD_KEY: "v", "com.example/ok": "v"},
                  annotations={"bad key": "v"}, locs={"labels": at(5), "annotations": at(6)},
                  deploy=Deploy(labels={"tier=": "web"}, loc=at(20)),
                  volumes=(Mount(type="volume", source="data", target="/data"),),
                  configs=(FileRef(source="conf"),))
    result = emit(project(app, volumes={"data": Volume(key="data", labels={"a/b/c": "v"},
                                                       loc=at(40, 3))},
                          configs={"conf": FileObject(key="conf", content="x",
                                                      labels={"-x": "v"}, loc=at(45, 3))}))
    for document in result.documents:
        for key in metadata_keys(document.data):
            assert key in ("com.example/ok", "orchconv.io/annotations") or key.startswith(
                "app.kubernetes.io/"), (document.name, key)
    expected = {"services.app.labels.${LABEL_KEY}": at(5),
                "services.app.annotations.bad key": at(6),
                "services.app.deploy.labels.tier=": at(20),
                "volumes.data.labels.a/b/c": at(40, 3),
                "configs.conf.labels.-x": at(45, 3)}
    found = {x.path: x for x in result.losses if x.path in expected}
    assert {path: x.loc for path, x in found.items()} == expected
    assert all("not a valid Kubernetes label or annotation key" in x.reason
               for x in found.values())
    assert f"{BAD_KEY!r} is not a valid" in loss_text(result, "services.app.labels")


def test_an_upper_case_prefix_is_an_annotation_key_but_no_label_key() -> None:
    """The API server lower-cases an annotation key's prefix before checking it."""
    result = emit(project(service("app", deploy=Deploy(labels={"Example.COM/tier": "web"}))))
    metadata = find(result, "Deployment", "app")["metadata"]
    assert metadata["annotations"] == {"Example.COM/tier": "web"}
    assert "Example.COM/tier" not in metadata["labels"]
    assert not losses(result, "services.app.deploy")
