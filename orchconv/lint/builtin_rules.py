"""Findings the engine itself reports, described like rules for the docs and SARIF.

They have no check(): the engine emits them when a file cannot be read or
parsed, or when the compose/stack/topology loader refuses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule

ALL_KINDS = frozenset(FileKind)


class EngineRule(Rule):
    """Base of the engine's own findings: never run as a check."""


    def check(self, context: LintContext) -> Iterator[Finding]:
        return iter(())


class SyntaxRule(EngineRule):
    """The file cannot be read or is not valid YAML.

    ## What it does
    Reports a file that is missing, unreadable, binary, not UTF-8, or not
    well-formed YAML (including duplicate keys and alias bombs), at the
    position the parser stopped.

    ## Why it matters
    Nothing else can be checked in a file that does not parse, and every tool
    that reads it will refuse it too.  `orchconv lint` exits with status 2.

    ## Example
    ```yaml
    services:
      web:
        image: nginx
       ports: ["80:80"]   # indentation breaks the mapping
    ```

    ## Fix
    Correct the YAML at the reported position.  This finding cannot be
    disabled or suppressed.
    """

    id = "syntax"
    kinds = ALL_KINDS
    level = Level.ERROR
    category = "schema"


class ComposeInvalidRule(EngineRule):
    """The Compose file does not load the way `docker compose config` would load it.

    ## What it does
    Loads the file with orchconv's Compose loader (interpolation, extends,
    include, schema validation, consistency checks) and reports the first
    error, at its position.

    ## Why it matters
    `docker compose` refuses a file that fails to load; rules that need the
    loaded model are skipped for it.

    ## Example
    ```yaml
    services:
      web:
        image: nginx
        depends_on: [db]   # no service "db"
    ```

    ## Fix
    Correct the reported key.  An override file that only loads together with
    its base file may disable this rule for itself in `per-file-ignores`.
    """

    id = "compose-invalid"
    kinds = frozenset({FileKind.COMPOSE})
    level = Level.ERROR
    category = "schema"


class StackInvalidRule(EngineRule):
    """The stack file does not load the way `docker stack deploy` would load it.

    ## What it does
    Loads the file with the stack dialect of the loader (docker/cli's rules)
    and reports the first error, at its position.

    ## Why it matters
    `docker stack deploy` refuses a file that fails to load.

    ## Example
    ```yaml
    version: "3.8"
    services:
      web:
        image: nginx
        deploy:
          replicas: two
    ```

    ## Fix
    Correct the reported key.
    """

    id = "stack-invalid"
    kinds = frozenset({FileKind.STACK})
    level = Level.ERROR
    category = "schema"


class TopologyInvalidRule(EngineRule):
    """The inventory or kind cluster config does not describe a cluster.

    ## What it does
    Reads the topology file (see docs/inventory.md) and reports the first
    problem: an unknown platform or role, a node without a name, a duplicate
    node name, a label that is not a string.

    ## Why it matters
    Topology rules need the cluster the file describes.

    ## Example
    ```yaml
    platform: swarm
    name: prod
    nodes:
      - name: node-1
        roles: [control-plane]   # a Kubernetes role in a swarm
    ```

    ## Fix
    Use the roles of the platform: `manager`/`worker` for swarm,
    `control-plane`/`worker`/`etcd` for Kubernetes.
    """

    id = "topology-invalid"
    kinds = frozenset({FileKind.TOPOLOGY})
    level = Level.ERROR
    category = "schema"


class InternalErrorRule(EngineRule):
    """A rule failed on this file: a bug in orchconv.

    ## What it does
    Reports a rule that raised an unexpected exception, naming the rule, so
    that the other rules' findings are still reported.

    ## Why it matters
    The failing rule checked nothing in this file.

    ## Example
    Any file can trigger it.

    ## Fix
    Please report it with the file (run with `orchconv --debug lint` for the
    traceback); meanwhile `--ignore` the failing rule.
    """

    id = "internal-error"
    kinds = ALL_KINDS
    level = Level.ERROR
    category = "correctness"


class UnusedSuppressionRule(EngineRule):
    """A suppression comment or annotation silences nothing.

    ## What it does
    With `--report-unused-suppressions`, reports each `# orchconv: disable-...`
    comment and `orchconv.io/ignore` annotation whose rules found nothing to
    silence, at the comment (or annotation), naming the unused rules and
    whether they ran at all.

    ## Why it matters
    A suppression outlives the problem it hid: once the file is fixed, it
    would silently hide the next, real finding of that rule.

    ## Example
    ```yaml
    services:
      web:
        image: nginx:1.27   # orchconv: disable-line no-latest-tag
    ```

    ## Fix
    Delete the suppression, or the rule ids in it that are no longer needed.
    """

    id = "unused-suppression"
    kinds = ALL_KINDS
    level = Level.WARNING
    category = "style"
    enabled_by_default = False


ENGINE_RULES: tuple[type[Rule], ...] = (
    SyntaxRule, ComposeInvalidRule, StackInvalidRule, TopologyInvalidRule, InternalErrorRule,
    UnusedSuppressionRule,
)
UNSUPPRESSIBLE = frozenset({SyntaxRule.id, UnusedSuppressionRule.id})
