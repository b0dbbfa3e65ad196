"""missing-selector."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Level
from orchconv.lint.rules.missing_selector import MissingSelector
from tests.lint.rules.helpers import run, where

NO_SELECTOR = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
"""
BARE_SERVICE = """\
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 5432}]
"""


def test_apps_v1_workload_without_selector_is_an_error_at_spec() -> None:
    found = run(MissingSelector, NO_SELECTOR, kind=FileKind.KUBERNETES)
    assert where(found) == [(4, 1)]
    assert found[0].level is Level.ERROR
    assert found[0].message.startswith("Deployment 'web' has no selector")


def test_empty_selector_is_reported_at_the_selector() -> None:
    text = NO_SELECTOR.replace("spec:\n  template", "spec:\n  selector: {}\n  template")
    assert where(run(MissingSelector, text, kind=FileKind.KUBERNETES)) == [(5, 3)]


def test_selector_present_and_old_api_versions_pass() -> None:
    text = NO_SELECTOR.replace("spec:\n  template",
                               "spec:\n  selector: {matchLabels: {app: web}}\n  template")
    assert run(MissingSelector, text, kind=FileKind.KUBERNETES) == []
    # extensions/v1beta1 defaulted the selector (deprecated-api-version reports the version)
    old = NO_SELECTOR.replace("apps/v1", "extensions/v1beta1")
    assert run(MissingSelector, old, kind=FileKind.KUBERNETES) == []


def test_service_without_selector_or_endpoints_is_a_warning() -> None:
    found = run(MissingSelector, BARE_SERVICE, kind=FileKind.KUBERNETES)
    assert where(found) == [(3, 18)]
    assert found[0].level is Level.WARNING


def test_service_backed_by_endpoints_or_slice_passes() -> None:
    endpoints = BARE_SERVICE + "---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\n"
    assert run(MissingSelector, endpoints, kind=FileKind.KUBERNETES) == []
    slice_ = BARE_SERVICE + (
        "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
        "metadata:\n  name: db-1\n  labels: {kubernetes.io/service-name: db}\n"
        "addressType: IPv4\nendpoints: []\n")
    assert run(MissingSelector, slice_, kind=FileKind.KUBERNETES) == []
    other_name = endpoints.replace("kind: Endpoints\nmetadata: {name: db}",
                                   "kind: Endpoints\nmetadata: {name: cache}")
    assert len(run(MissingSelector, other_name, kind=FileKind.KUBERNETES)) == 1


def test_external_name_service_passes() -> None:
    text = BARE_SERVICE.replace("  ports:", "  type: ExternalName\n  externalName: db.example\n"
                                "  ports:")
    assert run(MissingSelector, text, kind=FileKind.KUBERNETES) == []
