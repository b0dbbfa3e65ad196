"""duplicate-env-var."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.duplicate_env_var import DuplicateEnvVar
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: example/api:1.4
      env:
        - {name: LOG_LEVEL, value: info}
        - {name: PORT, value: "80"}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: cfg, key: level}}
"""


def test_second_entry_is_reported_with_the_first_line() -> None:
    found = run(DuplicateEnvVar, POD, kind=FileKind.KUBERNETES)
    assert where(found) == [(11, 17)]
    assert found[0].message == ("container 'api' of Pod 'api': env var 'LOG_LEVEL' is set again"
                                " (first set on line 9); the last entry wins")


def test_distinct_names_pass_and_containers_are_separate() -> None:
    distinct = POD.replace("- name: LOG_LEVEL\n", "- name: LEVEL\n")
    assert run(DuplicateEnvVar, distinct, kind=FileKind.KUBERNETES) == []
    second = ("        - name: LOG_LEVEL\n"
              "          valueFrom: {configMapKeyRef: {name: cfg, key: level}}\n")
    two = POD.replace(
        second,
        "    - name: side\n      image: a:1\n      env: [{name: LOG_LEVEL, value: x}]\n")
    assert run(DuplicateEnvVar, two, kind=FileKind.KUBERNETES) == []
