"""The engine: which files, which rules, loader failures as findings, exit codes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchconv.ir.topology import NodeRole, Platform
from orchconv.lint.catalog import RuleInfo
from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import ActiveRule, Linter, LintOptions, lint_paths
from orchconv.lint.finding import Finding, Level
from orchconv.lint.registry import all_rules, rule_module_names, rules_in_module
from orchconv.lint.rule import Rule
from tests.lint.helpers import lines, only_engine_test_rules, run_lint, write

CLEAN = "services:\n  web:\n    image: nginx:1.27\n"
VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def test_clean_file_exits_0_and_prints_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": CLEAN})
    run = run_lint(tmp_path, "compose.yaml")
    assert (run.code, run.out) == (0, "")


def test_finding_format_and_exit_1(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED})
    run = run_lint(tmp_path, "compose.yaml")
    assert run.code == 1
    assert lines(run.out)[0] == ("compose.yaml:1:1: warning no-version-field the top-level"
                                 " `version` is obsolete and ignored by docker compose")
    assert lines(run.out)[1] == "1 problem (1 warning); 1 fixable with --fix"


def test_unparseable_file_is_a_located_syntax_finding_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"bad.yml": "services:\n  web:\n    image: nginx\n   ports: [1]\n",
                     "good.yml": VERSIONED})
    run = run_lint(tmp_path, ".")
    assert run.code == 2
    assert lines(run.out)[0].startswith("bad.yml:4:4: error syntax invalid YAML")
    # the other file was still linted
    assert any(line.startswith("good.yml:1:1: warning no-version-field") for line in lines(run.out))


def test_duplicate_keys_and_missing_files_are_syntax_findings(tmp_path: Path) -> None:
    write(tmp_path, {"dup.yml": "services:\n  a: {image: x}\n  a: {image: y}\n"})
    run = run_lint(tmp_path, "--format", "json", "dup.yml", "missing.yml")
    assert run.code == 2
    found = {(f["file"], f["rule"], f["line"]) for f in run.json()["findings"]}
    assert found == {("dup.yml", "syntax", 3), ("missing.yml", "syntax", 0)}


def test_compose_load_failure_is_compose_invalid_and_source_rules_still_run(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"c.yml": "version: '3'\nservices:\n  web:\n    image: nginx\n"
                              "    depends_on: [db]\n"})
    run = run_lint(tmp_path, "c.yml")
    assert run.code == 1
    assert lines(run.out)[:2] == [
        "c.yml:1:1: warning no-version-field the top-level `version` is obsolete and ignored"
        " by docker compose",
        'c.yml:5:18: error compose-invalid service "web" depends on undefined service "db"',
    ]


def test_stack_and_topology_load_failures(tmp_path: Path) -> None:
    write(tmp_path, {
        "stack.yml": "version: '3.8'\nservices:\n  web:\n    image: nginx\n    deploy:\n"
                     "      replicas: two\n",
        "inventory.yml": "platform: swarm\nname: s\nnodes:\n  - name: a\n"
                         "    roles: [control-plane]\n",
    })
    run = run_lint(tmp_path, "--format", "json", ".")
    found = {(f["file"], f["rule"], f["line"], f["column"]) for f in run.json()["findings"]}
    assert found == {("stack.yml", "stack-invalid", 6, 17),
                     ("inventory.yml", "topology-invalid", 5, 13)}
    assert run.code == 1  # loader failures are errors, not unparseable input


def test_ignoring_compose_invalid_skips_loading(tmp_path: Path) -> None:
    write(tmp_path, {"c.yml": "services:\n  web:\n    image: nginx\n    depends_on: [db]\n"})
    assert run_lint(tmp_path, "--ignore", "compose-invalid", "c.yml").code == 0


def test_folders_are_walked_for_yaml_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    write(tmp_path, {
        "a/compose.yaml": VERSIONED,
        "a/b/c.yml": VERSIONED,
        "a/notes.txt": VERSIONED,
        ".hidden/compose.yaml": VERSIONED,
        "node_modules/x/compose.yaml": VERSIONED,
        "ci.yml": "on: push\njobs: {}\n",
    })
    run = run_lint(tmp_path, "--format", "json", ".")
    files = {f["path"]: f["skipped"] for f in run.json()["files"]}
    assert set(files) == {"a/b/c.yml", "a/compose.yaml", "ci.yml"}
    assert files["ci.yml"] is not None and files["a/compose.yaml"] is None
    assert sorted({f["file"] for f in run.json()["findings"]}) == ["a/b/c.yml", "a/compose.yaml"]


def test_no_paths_means_the_current_folder(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED})
    assert run_lint(tmp_path).code == 1


def test_standard_input(tmp_path: Path) -> None:
    run = run_lint(tmp_path, "-", stdin=VERSIONED)
    assert lines(run.out)[0].startswith("<stdin>:1:1: warning no-version-field")


def test_files_outside_the_working_folder_are_named_absolutely(tmp_path: Path) -> None:
    write(tmp_path, {"inner/here/compose.yaml": VERSIONED})
    target = tmp_path / "inner" / "here" / "compose.yaml"
    (tmp_path / "elsewhere").mkdir()
    run = run_lint(tmp_path / "elsewhere", "--format", "json", str(target))
    assert run.json()["findings"][0]["file"] == str(target)


def test_select_and_ignore(tmp_path: Path) -> None:
    text = "version: '3.8'\nservices:\n  web:\n    image: nginx\n    privileged: true\n"
    write(tmp_path, {"stack.yml": text, "compose.yml": VERSIONED})
    both = run_lint(tmp_path, "--format", "json", ".").rules()
    assert sorted(both) == ["no-version-field", "stack-unsupported-key"]
    assert run_lint(tmp_path, "--format", "json", "--select", "portability", ".").rules() == [
        "stack-unsupported-key"]
    assert run_lint(tmp_path, "--format", "json", "--ignore", "style,portability",
                    ".").rules() == []
    assert run_lint(tmp_path, "--format", "json", "--select", "all", "--ignore",
                    "no-version-field", ".").rules() == ["stack-unsupported-key"]


def test_unknown_rule_on_the_command_line_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": CLEAN})
    run = run_lint(tmp_path, "--select", "no-such-rule", "compose.yaml")
    assert run.code == 0
    assert run.err == "warning: --select: unknown rule or category 'no-such-rule'\n"


def test_target_swarm_checks_compose_files_as_stacks(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web:\n    image: nginx\n    restart: always\n"})
    assert run_lint(tmp_path, "compose.yaml").code == 0
    run = run_lint(tmp_path, "--target", "swarm", "compose.yaml")
    assert lines(run.out)[0] == (
        "compose.yaml:4:5: warning stack-unsupported-key service 'web': `restart` is ignored"
        " by docker stack deploy; use deploy.restart_policy")


def test_every_unsupported_stack_key_is_reported_at_the_key(tmp_path: Path) -> None:
    from orchconv.lint.rules.stack_unsupported_key import UNSUPPORTED_SERVICE_KEYS

    body = "".join(f"    {key}: x\n" for key in UNSUPPORTED_SERVICE_KEYS)
    write(tmp_path, {"stack.yml": f"services:\n  web:\n    image: nginx\n{body}"})
    run = run_lint(tmp_path, "--ignore", "stack-invalid", "--format", "json", "stack.yml")
    found = [(f["line"], f["column"]) for f in run.json()["findings"]]
    assert found == [(4 + i, 5) for i in range(len(UNSUPPORTED_SERVICE_KEYS))]


@pytest.mark.parametrize(("flag", "code"), [("info", 1), ("warning", 1), ("error", 0)])
def test_fail_level(tmp_path: Path, flag: str, code: int) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED})
    assert run_lint(tmp_path, "--fail-level", flag, "compose.yaml").code == code


def test_bad_k8s_version_is_a_usage_error(tmp_path: Path) -> None:
    run = run_lint(tmp_path, "--k8s-version", "1.2.3")
    assert run.code == 2 and "MAJOR.MINOR" in run.err


def test_fix_refuses_standard_input(tmp_path: Path) -> None:
    run = run_lint(tmp_path, "--fix", "-", stdin=VERSIONED)
    assert run.code == 2 and "--fix cannot write to standard input" in run.err


class _Crashes(Rule):
    """Crashes."""

    id = "crashes"
    kinds = frozenset(FileKind)
    category = "correctness"

    def check(self, context: LintContext) -> Iterator[Finding]:
        raise KeyError("boom")


def test_a_crashing_rule_is_an_internal_error_finding(tmp_path: Path) -> None:
    linter = Linter()
    entry = ActiveRule(RuleInfo.of(_Crashes), None, {})
    context = LintContext("c.yml", FileKind.COMPOSE, "", [])
    (finding,) = list(linter._run(entry, context))
    assert (finding.rule, finding.level) == ("internal-error", Level.ERROR)
    assert "rule 'crashes' failed: KeyError" in finding.message
    with pytest.raises(KeyError):
        list(Linter(LintOptions(debug=True))._run(entry, context))


def test_configured_level_replaces_the_rules_level(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED,
                     ".orchconv.yaml": "lint:\n  rules:\n    no-version-field: error\n"})
    report = lint_paths([tmp_path / "compose.yaml"])
    assert [f.level for f in report.findings] == [Level.ERROR]


def test_topology_files_give_rules_their_cluster(tmp_path: Path) -> None:
    seen: list[LintContext] = []

    class Spy(Rule):
        """Spy."""

        id = "spy"
        kinds = frozenset({FileKind.TOPOLOGY})
        category = "topology"

        def check(self, context: LintContext) -> Iterator[Finding]:
            seen.append(context)
            return iter(())

    write(tmp_path, {"inventory.yml": (Path(__file__).resolve().parents[2] / "examples"
                                       / "swarm-topology" / "inventory.yaml").read_text()})
    linter = Linter()
    linter.rules = {**linter.rules, "spy": Spy}
    linter.lint_path(tmp_path / "inventory.yml")
    (context,) = seen
    assert context.cluster is not None
    assert context.cluster.platform is Platform.SWARM
    assert [n.roles for n in context.cluster.nodes] == [(NodeRole.MANAGER,)] + [
        (NodeRole.WORKER,)] * 3


def test_registry_finds_one_rule_per_module_with_unique_ids() -> None:
    import importlib

    for name in rule_module_names():
        assert len(rules_in_module(importlib.import_module(name))) == 1, name
    rules = all_rules()
    assert {"syntax", "compose-invalid", "no-version-field", "stack-unsupported-key"} <= set(rules)
    assert all(rule_id == rule.id for rule_id, rule in rules.items())


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2])
    return set(done.stdout.split())


def test_importing_the_command_loads_only_click() -> None:
    loaded = _modules_after("import orchconv.lint.command")
    heavy = {"orchconv.lint.engine", "orchconv.lint.registry", "yaml", "ruamel.yaml",
             "jsonschema", "fastjsonschema", "kubernetes"}
    assert not loaded & heavy


def test_linting_with_source_rules_only_imports_nothing_heavy(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED})
    code = (f"from orchconv.lint.engine import lint_paths, LintOptions\n"
            f"from pathlib import Path\n"
            f"lint_paths([Path({str(tmp_path / 'compose.yaml')!r})],"
            f" LintOptions(ignore=('compose-invalid',)))")
    loaded = _modules_after(code)
    for heavy in ("ruamel.yaml", "jsonschema", "fastjsonschema", "kubernetes",
                  "orchconv.translate.compose.loader", "orchconv.ir.project"):
        assert heavy not in loaded, heavy


def test_a_live_cluster_reaches_rules_of_every_file_but_topologies(tmp_path: Path) -> None:
    from orchconv.ir.topology import Cluster, ClusterNode

    seen: dict[str, Cluster | None] = {}

    class Spy(Rule):
        """Spy."""

        id = "spy"
        kinds = frozenset(FileKind)
        category = "topology"

        def check(self, context: LintContext) -> Iterator[Finding]:
            seen[context.path] = context.cluster
            return iter(())

    live = Cluster("live", Platform.SWARM, (ClusterNode("n", (NodeRole.MANAGER,)),))
    write(tmp_path, {"c.yml": CLEAN, "inventory.yml": "platform: kubernetes\nname: k\nnodes:\n"
                     "  - {name: a, roles: [worker]}\n"})
    linter = Linter(LintOptions(cluster=live))
    linter.rules = {**linter.rules, "spy": Spy}
    for name in ("c.yml", "inventory.yml"):
        linter.lint_path(tmp_path / name)
    assert seen[str(tmp_path / "c.yml")] is live  # outside the working folder: absolute
    inventory = seen[str(tmp_path / "inventory.yml")]
    assert inventory is not None and inventory.name == "k"
