"""The generated rule index is current, and a lint imports only the rules of its file's kind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.lint.catalog import RuleInfo, rule_catalog
from orchconv.lint.context import FileKind
from orchconv.lint.registry import all_rules

ROOT = Path(__file__).resolve().parents[2]
STACK = """\
version: "3.8"
services:
  web:
    image: nginx:1.27
    deploy:
      replicas: 2
"""
# What only --fix, --diff or SARIF need, and the package listing the index replaces.
NEVER_FOR_PLAIN_LINT = ("orchconv.lint.registry", "orchconv.lint.fix", "orchconv.lint.linediff",
                        "orchconv.lint.output.sarif", "ruamel.yaml")


def test_the_index_is_current() -> None:
    done = subprocess.run([sys.executable, "scripts/gen_rule_index.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + " (run: python scripts/gen_rule_index.py)"


def test_the_index_describes_every_rule_as_its_class_does() -> None:
    indexed = rule_catalog().infos
    classes = all_rules()
    assert list(indexed) == list(classes), "run: python scripts/gen_rule_index.py"
    for rule_id, rule in classes.items():
        assert indexed[rule_id].entry() == RuleInfo.of(rule).entry(), rule_id
        assert indexed[rule_id].load() is rule


def _modules_after_lint(path: Path) -> set[str]:
    """The modules loaded by `orchconv lint PATH` in a fresh interpreter, at its exit."""
    listing = path.parent / "modules.txt"
    script = ("import atexit, sys\n"
              f"atexit.register(lambda: open({str(listing)!r}, 'w').write("
              "'\\n'.join(sorted(sys.modules))))\n"
              "from orchconv.launch import run\n"
              f"sys.argv = ['orchconv', 'lint', {str(path)!r}]\n"
              "run()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=path.parent, capture_output=True,
                          text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return set(listing.read_text(encoding="utf-8").split())


def _rule_modules(kind: FileKind | None = None) -> set[str]:
    """The modules of the rules that check `kind` (of every rule when None)."""
    return {info.module for info in rule_catalog().infos.values()
            if info.module.startswith("orchconv.lint.rules.")
            and (kind is None or kind in info.kinds)}


@pytest.mark.parametrize(("name", "source", "kind"), [
    ("docker-compose.yml", ROOT / "examples" / "wordpress" / "docker-compose.yml",
     FileKind.COMPOSE),
    ("deployment.yaml", ROOT / "examples" / "hello-k8s" / "deployment.yaml",
     FileKind.KUBERNETES),
    ("stack.yml", None, FileKind.STACK),
])
def test_a_lint_imports_the_rules_of_its_files_kind_only(
    tmp_path: Path, name: str, source: Path | None, kind: FileKind
) -> None:
    path = tmp_path / name
    if source is None:
        path.write_text(STACK, encoding="utf-8")
    else:
        shutil.copyfile(source, path)
    loaded = _modules_after_lint(path)
    imported = loaded & _rule_modules()
    others = sorted(imported - _rule_modules(kind))
    assert not others, f"a {kind} lint imported rules of other kinds: {others}"
    # and it did run the rules of its kind (each is imported to run)
    defaults = {info.module for info in rule_catalog().infos.values()
                if kind in info.kinds and info.enabled_by_default
                and info.module.startswith("orchconv.lint.rules.")}
    assert defaults <= imported
    assert not loaded & set(NEVER_FOR_PLAIN_LINT)


def test_selecting_and_describing_rules_imports_no_rule_module() -> None:
    script = ("import sys\n"
              "from orchconv.lint.config import EMPTY\n"
              "from orchconv.lint.engine import LintOptions, resolve_rules\n"
              "from orchconv.lint.catalog import rule_catalog\n"
              "active = resolve_rules(EMPTY, LintOptions(select=('all',)), rule_catalog())\n"
              "assert len(active) == len(rule_catalog())\n"
              "print('\\n'.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert not set(done.stdout.split()) & _rule_modules()
