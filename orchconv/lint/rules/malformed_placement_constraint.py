"""malformed-placement-constraint: placement constraints a swarm refuses or never satisfies."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Fix, Level
from orchconv.lint.rules._compose import (
    ServiceRef,
    SwarmServiceRule,
    has_variable,
    mapping_at,
    string_items,
)
from orchconv.location import Loc

# swarmkit's constraint grammar (manager/constraint): `key op value`, the
# operators tried in this order, key and value from these character sets.
OPERATORS = ("==", "!=")


@cache
def _key() -> re.Pattern[str]:
    return re.compile(r"[a-z_][a-z0-9_.\-]+", re.IGNORECASE | re.ASCII)


@cache
def _value() -> re.Pattern[str]:
    return re.compile(r"[a-z0-9:_.\-\s*()?+\[\]\\^$|/]+", re.IGNORECASE | re.ASCII)


# The attributes a node is matched on (case-insensitive); any other key
# matches no node at all.
NODE_ATTRIBUTES = frozenset({
    "node.id", "node.hostname", "node.ip", "node.role", "node.platform.os", "node.platform.arch",
})
LABEL_PREFIXES = ("node.labels.", "engine.labels.")
NODE_ROLES = frozenset({"manager", "worker"})


class Constraint(NamedTuple):  # not a dataclass, whose methods compile at every start
    """A constraint split into key, operator and value."""

    key: str
    operator: str
    value: str


def parse_constraint(text: str) -> Constraint | str:
    """The constraint, or why swarmkit refuses it."""
    for operator in OPERATORS:
        if operator not in text:
            continue
        key, _, value = text.partition(operator)
        key, value = key.strip(), value.strip()
        if not _key().fullmatch(key):
            return f"{key!r} is not a valid constraint key"
        if not _value().fullmatch(value):
            return f"{value!r} is not a valid constraint value"
        return Constraint(key, operator, value)
    return "a constraint needs `==` or `!=`"


def never_matches(constraint: Constraint) -> str | None:
    """Why a well-formed constraint cannot select nodes as meant, or None."""
    key = constraint.key.lower()
    if any(key.startswith(p) and len(key) > len(p) for p in LABEL_PREFIXES):
        return None
    if key not in NODE_ATTRIBUTES:
        return (f"{constraint.key!r} is not a node attribute (node.id, node.hostname, node.ip,"
                " node.role, node.platform.os, node.platform.arch, node.labels.<label>,"
                " engine.labels.<label>), so it matches no node")
    if key == "node.role" and constraint.value.lower() not in NODE_ROLES:
        return f"node.role is `manager` or `worker`, never {constraint.value!r}"
    if key == "node.ip" and not _is_address_or_network(constraint.value):
        return f"node.ip needs an IP address or a CIDR network, not {constraint.value!r}"
    return None


def _is_address_or_network(text: str) -> bool:
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return True


def single_equals_fix(text: str) -> str | None:
    """`node.role=manager` written with `==`, when that is all that is wrong."""
    if text.count("=") != 1 or "!" in text:
        return None
    repaired = text.replace("=", "==")
    parsed = parse_constraint(repaired)
    return repaired if isinstance(parsed, Constraint) and never_matches(parsed) is None else None


class MalformedPlacementConstraint(SwarmServiceRule):
    """A placement constraint the swarm refuses, or one that can never be met.

    ## What it does
    Checks each `deploy.placement.constraints` entry of a stack file (or of
    a Compose file linted with `--target swarm`) the way the swarm manager
    reads it: `<key> == <value>` or `<key> != <value>`, where the key is
    `node.id`, `node.hostname`, `node.ip`, `node.role`, `node.platform.os`,
    `node.platform.arch`, `node.labels.<label>` or `engine.labels.<label>`.
    It reports entries without an operator (`node.role=manager`), keys and
    values with characters the grammar does not allow (quotes, `=`, `<`),
    unknown attributes (`node.rol`), roles other than `manager`/`worker`,
    and `node.ip` values that are not an address or a network.

    ## Why it matters
    The swarm manager refuses a service whose constraint does not parse, so
    the deploy fails.  A constraint on an unknown attribute parses but
    matches no node: the service is created and its tasks stay pending
    forever with "no suitable node".

    ## Example
    ```yaml
    version: "3.8"
    services:
      db:
        image: postgres:16
        deploy:
          placement:
            constraints:
              - node.role=manager
              - node.labels.disk == "ssd"
    ```

    ## Fix
    Write `node.role == manager` and `node.labels.disk == ssd` (no quotes
    inside the constraint).  `--fix` repairs a single `=` that should be
    `==`.
    """

    id = "malformed-placement-constraint"
    level = Level.ERROR
    category = "correctness"
    fixable = True

    def check_service(self, context: LintContext, ref: ServiceRef) -> Iterator[Finding]:
        placement = mapping_at(ref.service, "deploy", "placement")
        if placement is None:
            return
        for index, text, loc in string_items(placement.get("constraints")):
            if not has_variable(text):
                yield from self._check_one(context, ref, index, text, loc)

    def _check_one(self, context: LintContext, ref: ServiceRef, index: int, text: str,
                   loc: Loc | None) -> Iterator[Finding]:
        parsed = parse_constraint(text)
        if isinstance(parsed, Constraint):
            problem = never_matches(parsed)
            if problem:
                yield self.finding(
                    context, f"service {ref.name!r}: placement constraint {text!r}: {problem}",
                    loc)
            return
        fix = None
        repaired = single_equals_fix(text)
        if repaired is not None:
            path = ref.path("deploy", "placement", "constraints", index)
            fix = Fix(f"write {repaired!r}", path, "set-key", (("value", json.dumps(repaired)),),
                      document=ref.document)
        yield self.finding(
            context,
            f"service {ref.name!r}: placement constraint {text!r} is refused by swarm: {parsed}",
            loc, fix=fix)
