"""mismatching-selector."""

from __future__ import annotations

from typing import Any

import pytest

from orchconv.lint.context import FileKind
from orchconv.lint.finding import Finding
from orchconv.lint.rules._k8s import selector_matches
from orchconv.lint.rules.mismatching_selector import MismatchingSelector
from tests.lint.rules.helpers import run, where

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: webapp, tier: front}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
"""


def lint(text: str) -> list[Finding]:
    return run(MismatchingSelector, text, kind=FileKind.KUBERNETES)


def test_mismatch_is_reported_at_the_selector() -> None:
    found = lint(DEPLOYMENT)
    assert where(found) == [(5, 3)]
    assert found[0].message == (
        "Deployment 'web': spec.selector (app=web) does not select the pod template's labels"
        " (app=webapp, tier=front); the API server refuses it")


def test_matching_selector_passes() -> None:
    assert lint(DEPLOYMENT.replace("app: webapp", "app: web")) == []


def test_match_expressions_are_evaluated() -> None:
    text = DEPLOYMENT.replace(
        "{matchLabels: {app: web}}",
        "\n    matchExpressions:\n      - {key: tier, operator: In, values: [front, back]}")
    assert lint(text) == []
    assert len(lint(text.replace("operator: In", "operator: NotIn"))) == 1


def test_replication_controller_map_selector() -> None:
    text = ("apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n"
            "  selector: {app: a}\n  template:\n    metadata: {labels: {app: b}}\n"
            "    spec: {containers: [{name: c, image: a:1}]}\n")
    assert where(lint(text)) == [(5, 3)]
    assert lint(text.replace("app: b", "app: a")) == []


def test_missing_selector_is_left_to_missing_selector() -> None:
    assert lint(DEPLOYMENT.replace("  selector: {matchLabels: {app: web}}\n", "")) == []


@pytest.mark.parametrize(
    ("selector", "labels", "expected"),
    [
        ({"matchLabels": {"a": "1"}}, {"a": "1", "b": "2"}, True),
        ({"matchLabels": {"a": "1"}}, {"a": 1}, True),  # YAML read the label as a number
        ({"matchLabels": {"a": "1"}}, {}, False),
        ({"matchExpressions": [{"key": "a", "operator": "Exists"}]}, {"a": "x"}, True),
        ({"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]}, {"a": "x"}, False),
        ({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["x"]}]}, {}, True),
        ({"matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]}, {}, None),
    ],
)
def test_selector_semantics(selector: dict[str, Any], labels: dict[str, Any],
                            expected: bool | None) -> None:
    assert selector_matches(selector, labels) is expected
