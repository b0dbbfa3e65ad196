"""privilege-escalation-allowed."""

from __future__ import annotations

from orchconv.lint.context import FileKind
from orchconv.lint.rules.privilege_escalation_allowed import PrivilegeEscalationAllowed
from tests.lint.rules.helpers import run, where

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  containers:
    - name: api
      image: example/api:1.4
      securityContext: {allowPrivilegeEscalation: VALUE}
    - name: side
      image: example/side:1.0
"""


def test_explicit_true_is_reported_at_the_key() -> None:
    found = run(PrivilegeEscalationAllowed, POD.replace("VALUE", "true"),
                kind=FileKind.KUBERNETES)
    assert where(found) == [(8, 25)]
    assert found[0].message == ("container 'api' of Pod 'api' sets allowPrivilegeEscalation:"
                                " true; set-user-ID programs can make it root")


def test_false_and_unset_pass_by_default() -> None:
    assert run(PrivilegeEscalationAllowed, POD.replace("VALUE", "false"),
               kind=FileKind.KUBERNETES) == []


def test_report_unset_option() -> None:
    found = run(PrivilegeEscalationAllowed, POD.replace("VALUE", "false"),
                kind=FileKind.KUBERNETES, options={"report_unset": True})
    assert where(found) == [(9, 13)]
    assert "leaves allowPrivilegeEscalation unset" in found[0].message
