"""The lint configuration: where it is found, what it may say, how it applies."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.lint.builtin_rules import SyntaxRule
from orchconv.lint.config import find_config_file, load_config
from orchconv.lint.context import FileKind, LintContext
from orchconv.lint.engine import LintOptions, UsageError, resolve_rules
from orchconv.lint.finding import Finding, Level
from orchconv.lint.minischema import load_schema, problems
from orchconv.lint.rule import Rule
from orchconv.lint.settings import LintConfig, RuleSetting
from tests.lint.helpers import only_engine_test_rules, run_lint, write

VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


# --- finding the file ----------------------------------------------------------


def test_nearest_config_above_the_file_wins(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint: {}\n", "a/b/.orchconv.yml": "lint: {}\n",
                     "a/b/c/d/compose.yaml": ""})
    assert find_config_file(tmp_path / "a/b/c/d") == (tmp_path / "a/b/.orchconv.yml").resolve()
    assert find_config_file(tmp_path / "a") == (tmp_path / ".orchconv.yaml").resolve()


def test_pyproject_counts_only_with_a_tool_orchconv_table(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint: {}\n",
                     "a/pyproject.toml": "[tool.ruff]\nline-length = 100\n",
                     "a/b/pyproject.toml": "[tool.orchconv.lint]\nignore = ['style']\n"})
    assert find_config_file(tmp_path / "a") == (tmp_path / ".orchconv.yaml").resolve()
    assert find_config_file(tmp_path / "a/b") == (tmp_path / "a/b/pyproject.toml").resolve()


def test_orchconv_yaml_comes_before_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint: {}\n",
                     "pyproject.toml": "[tool.orchconv.lint]\nignore = ['style']\n"})
    assert find_config_file(tmp_path) == (tmp_path / ".orchconv.yaml").resolve()


def test_pyproject_table_applies(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.orchconv.lint.rules]\nno-version-field = 'off'\n",
                     "compose.yaml": VERSIONED})
    assert run_lint(tmp_path, "compose.yaml").code == 0


def test_config_option_replaces_the_search(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint:\n  ignore: [style]\n",
                     "strict.yaml": "lint:\n  rules:\n    no-version-field: error\n",
                     "compose.yaml": VERSIONED})
    assert run_lint(tmp_path, "compose.yaml").code == 0
    run = run_lint(tmp_path, "--config", "strict.yaml", "compose.yaml")
    assert run.out.startswith("compose.yaml:1:1: error no-version-field")


# --- what it says ---------------------------------------------------------------


def test_every_setting_is_read(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": """\
lint:
  select: [all]
  ignore: [style]
  fail-level: error
  target: swarm
  k8s-version: "1.29"
  exclude: ["vendor/**"]
  per-file-ignores:
    "*.override.yml": [compose-invalid]
  rules:
    a: off
    b: true
    c: info
    d: {enabled: false, level: error, options: {max: 3}}
"""})
    config = load_config(tmp_path / ".orchconv.yaml")
    assert (config.select, config.ignore, config.fail_level) == (("all",), ("style",),
                                                                 Level.ERROR)
    assert (config.target, config.k8s_version, config.exclude) == ("swarm", "1.29",
                                                                   ("vendor/**",))
    assert config.per_file_ignores == (("*.override.yml", ("compose-invalid",)),)
    settings_ = {k: (v.enabled, v.level, dict(v.options)) for k, v in config.rules.items()}
    assert settings_ == {"a": (False, None, {}), "b": (True, None, {}),
                         "c": (True, Level.INFO, {}), "d": (False, Level.ERROR, {"max": 3})}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("lint:\n  selct: [all]\n", ":2:3", "lint.selct: unknown key 'selct'"),
        ("lint:\n  fail-level: fatal\n", ":2:15",
         "lint.fail-level: must be one of 'info', 'warning', 'error'"),
        ("lint:\n  rules:\n    no-version-field: loud\n", ":3:23", "lint.rules.no-version-field"),
        ("lint:\n  rules:\n    x: {level: error, max: 3}\n", ":3:23", "unknown key 'max'"),
        ("lint:\n  k8s-version: 1.29\n", ":2:16", "must be a string"),
        ("lint:\n  select: [Style]\n", ":2:12", "'Style' is not a rule id, a category or `all`"),
        ("lint:\n  ignore: [a, a]\n", ":2:15", "'a' is listed twice"),
        ("lint: [a]\n", ":1:7", "lint: must be a mapping"),
        ("other: 1\n", ":1:1", "unknown key 'other'"),
    ],
)
def test_invalid_config_is_a_located_error(tmp_path: Path, text: str, where: str,
                                           message: str) -> None:
    write(tmp_path, {".orchconv.yaml": text, "compose.yaml": VERSIONED})
    with pytest.raises(InputError) as raised:
        load_config(tmp_path / ".orchconv.yaml")
    assert str(raised.value.loc).endswith(".orchconv.yaml" + where)
    assert message in raised.value.message
    run = run_lint(tmp_path, "compose.yaml")
    assert run.code == 2 and message in run.err


def test_invalid_toml_config(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "[tool.orchconv.lint]\nfail-level = 'loud'\n"})
    with pytest.raises(InputError, match="fail-level: must be one of"):
        load_config(tmp_path / "pyproject.toml")


def test_unknown_rule_in_config_is_a_warning_at_its_line(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint:\n  rules:\n    no-such-rule: off\n",
                     "compose.yaml": VERSIONED})
    run = run_lint(tmp_path, "compose.yaml")
    assert run.code == 1  # the file's own finding; the unknown id does not stop the run
    assert run.err.strip() == (".orchconv.yaml:3:19: warning: configuration names an unknown"
                               " rule 'no-such-rule'")


def test_fail_level_from_config(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint:\n  fail-level: error\n", "compose.yaml": VERSIONED})
    assert run_lint(tmp_path, "compose.yaml").code == 0
    assert run_lint(tmp_path, "--fail-level", "warning", "compose.yaml").code == 1


def test_target_from_config(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": "lint:\n  target: swarm\n",
                     "compose.yaml": "services:\n  web:\n    image: x\n    privileged: true\n"})
    assert run_lint(tmp_path, "--format", "json", "compose.yaml").rules() == [
        "stack-unsupported-key"]


def test_exclude_and_per_file_ignores(tmp_path: Path) -> None:
    write(tmp_path, {
        ".orchconv.yaml": "lint:\n  exclude: ['vendor/**', 'tmp']\n  per-file-ignores:\n"
                          "    '**/legacy/*.yml': [no-version-field]\n",
        "vendor/x/compose.yaml": VERSIONED,
        "a/tmp/compose.yaml": VERSIONED,
        "a/legacy/compose.yml": VERSIONED,
        "a/compose.yml": VERSIONED,
    })
    run = run_lint(tmp_path, "--format", "json", ".")
    assert sorted(f["path"] for f in run.json()["files"]) == ["a/compose.yml",
                                                               "a/legacy/compose.yml"]
    assert [f["file"] for f in run.json()["findings"]] == ["a/compose.yml"]


def test_a_config_in_a_subfolder_applies_to_its_files_only(tmp_path: Path) -> None:
    write(tmp_path, {"quiet/.orchconv.yaml": "lint:\n  ignore: [all]\n",
                     "quiet/compose.yaml": VERSIONED, "loud/compose.yaml": VERSIONED})
    run = run_lint(tmp_path, "--format", "json", ".")
    assert [f["file"] for f in run.json()["findings"]] == ["loud/compose.yaml"]


# --- rule selection and options ----------------------------------------------------


class _WithOptions(Rule):
    """A rule with options."""

    id = "with-options"
    kinds = frozenset({FileKind.COMPOSE})
    category = "style"
    options: ClassVar[Mapping[str, Any]] = {"max": 3, "names": ["a"], "strict": False}

    def check(self, context: LintContext) -> Any:
        return iter(())


class _OffByDefault(_WithOptions):
    """Off unless selected."""

    id = "off-by-default"
    options: ClassVar[Mapping[str, Any]] = {}
    enabled_by_default = False


RULES: dict[str, type[Rule]] = {"syntax": SyntaxRule, "with-options": _WithOptions,
                              "off-by-default": _OffByDefault}


def test_options_are_merged_over_defaults() -> None:
    config = LintConfig(rules={"with-options": RuleSetting(options={"max": 5})})
    active = resolve_rules(config, LintOptions(), RULES)
    assert dict(active["with-options"].options) == {"max": 5, "names": ["a"], "strict": False}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"maxx": 5}, "has no option 'maxx' (options: max, names, strict)"),
        ({"max": "5"}, "option 'max' of rule 'with-options' must be a int"),
        ({"max": True}, "must be a int"),
        ({"strict": 1}, "must be a bool"),
    ],
)
def test_bad_options_are_usage_errors(options: dict[str, Any], message: str) -> None:
    config = LintConfig(rules={"with-options": RuleSetting(options=options)})
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        resolve_rules(config, LintOptions(), RULES)


def test_rules_off_by_default_run_when_selected_or_enabled() -> None:
    assert set(resolve_rules(LintConfig(), LintOptions(), RULES)) == {"with-options", "syntax"}
    enabled = LintConfig(rules={"off-by-default": RuleSetting(enabled=True)})
    assert "off-by-default" in resolve_rules(enabled, LintOptions(), RULES)
    selected = LintOptions(select=("off-by-default",))
    assert set(resolve_rules(LintConfig(), selected, RULES)) == {"off-by-default", "syntax"}


def test_command_line_select_replaces_and_ignore_adds() -> None:
    config = LintConfig(select=("with-options",), ignore=("off-by-default",))
    assert set(resolve_rules(config, LintOptions(select=("all",)), RULES)) == {
        "with-options", "syntax"}
    assert set(resolve_rules(config, LintOptions(ignore=("style",)), RULES)) == {"syntax"}


def test_syntax_cannot_be_ignored() -> None:
    assert set(resolve_rules(LintConfig(), LintOptions(ignore=("all",)), RULES)) == {"syntax"}


def test_rule_finding_uses_its_own_class() -> None:
    rule = _WithOptions()
    context = LintContext("c.yml", FileKind.COMPOSE, "", [])
    finding = rule.finding(context, "m", None)
    assert finding == Finding("with-options", Level.WARNING, "m", finding.loc)


# --- the schema and its checker agree ------------------------------------------------


def _jsonschema_valid(instance: Any, name: str) -> bool:
    return jsonschema.Draft7Validator(load_schema(name)).is_valid(instance)


@pytest.mark.parametrize("name", ["lint-config", "inventory"])
def test_schemas_are_valid_draft_07(name: str) -> None:
    jsonschema.Draft7Validator.check_schema(load_schema(name))


_keys = st.sampled_from(["lint", "select", "ignore", "fail-level", "target", "k8s-version",
                         "exclude", "per-file-ignores", "rules", "enabled", "level", "options",
                         "no-version-field", "x-extra", "Bad Key"])
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2, 2),
                     st.sampled_from(["off", "on", "info", "warning", "error", "swarm", "k8s",
                                      "1.29", "all", "style", "", "a", "A b"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)
_configs = st.dictionaries(st.sampled_from(["lint", "x-a", "other"]),
                           st.one_of(_values, st.dictionaries(_keys, _values, max_size=6)),
                           max_size=2)


@settings(max_examples=400, deadline=None)
@given(_configs)
def test_minischema_agrees_with_jsonschema_on_lint_configs(config: dict[str, Any]) -> None:
    assert (not problems(config, load_schema("lint-config"))) == _jsonschema_valid(
        config, "lint-config")


_nodes = st.lists(st.dictionaries(
    st.sampled_from(["name", "address", "roles", "labels", "role"]),
    st.one_of(_scalars, st.lists(st.sampled_from(["manager", "worker", "control-plane", "etcd",
                                                  "boss"]), max_size=3),
              st.dictionaries(st.sampled_from(["zone", "tier"]), _scalars, max_size=2)),
    max_size=4), max_size=3)
_inventories = st.fixed_dictionaries(
    {}, optional={"platform": st.sampled_from(["swarm", "kubernetes", "nomad"]),
                  "name": st.sampled_from(["", "prod"]), "nodes": _nodes, "extra": _scalars})


@settings(max_examples=400, deadline=None)
@given(_inventories)
def test_minischema_agrees_with_jsonschema_on_inventories(inventory: dict[str, Any]) -> None:
    assert (not problems(inventory, load_schema("inventory"))) == _jsonschema_valid(
        inventory, "inventory")


def test_off_in_config_beats_a_category_but_not_the_rules_own_id() -> None:
    config = LintConfig(select=("all",), rules={"with-options": RuleSetting(enabled=False)})
    assert set(resolve_rules(config, LintOptions(), RULES)) == {"off-by-default", "syntax"}
    named = LintOptions(select=("with-options",))
    assert set(resolve_rules(config, named, RULES)) == {"with-options", "syntax"}
