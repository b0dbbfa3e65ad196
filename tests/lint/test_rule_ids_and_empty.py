"""Unknown rule ids are located warnings with a did-you-mean; unused suppressions are reported
on request; an empty file is refused as `orchconv config` refuses it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from orchconv.cli import main
from tests.lint.helpers import run_lint, working_dir, write

VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"
CLEAN = "services:\n  web:\n    image: nginx:1.27\n"
ONLY_VERSION = "lint:\n  select: [syntax, no-version-field]\n"


def test_empty_and_comment_only_files_get_the_config_finding(tmp_path: Path) -> None:
    write(tmp_path, {"empty.yaml": "", "comments.yml": "# nothing here\n\n# yet\n"})
    for name in ("empty.yaml", "comments.yml"):
        run = run_lint(tmp_path, name)
        assert run.code == 2, name
        assert run.out.splitlines()[0] == f"{name}:1:1: error syntax empty file: no YAML document"
        with working_dir(tmp_path):
            config = CliRunner().invoke(main, ["config", "-f", name])
        assert config.exit_code == 2
        assert config.stderr.strip().endswith(f"{name}:1:1: empty file: no YAML document")


def test_unknown_ids_in_select_and_ignore_are_warnings_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": VERSIONED})
    run = run_lint(tmp_path, "--select", "no-version-feld,syntax", "--ignore", "stlye",
                   "compose.yaml")
    assert run.err.splitlines() == [
        "warning: --select: unknown rule or category 'no-version-feld';"
        " did you mean 'no-version-field'?",
        "warning: --ignore: unknown rule or category 'stlye'; did you mean 'style'?",
    ]
    assert run.code == 0  # the known ids still apply: only syntax ran


def test_unknown_ids_in_the_configuration_are_located_warnings(tmp_path: Path) -> None:
    write(tmp_path, {
        ".orchconv.yaml": "lint:\n  select: [syntax, no-version-field, no-lates-tag]\n"
                          "  ignore: [zzz-nothing-like-it]\n"
                          "  rules:\n    no-versoin-field: error\n",
        "compose.yaml": VERSIONED, "other.yaml": VERSIONED,
    })
    run = run_lint(tmp_path, "compose.yaml", "other.yaml")
    assert run.err.splitlines() == [  # once, however many files share the configuration
        ".orchconv.yaml:5:23: warning: configuration names an unknown rule 'no-versoin-field';"
        " did you mean 'no-version-field'?",
        ".orchconv.yaml:2:38: warning: select: unknown rule or category 'no-lates-tag';"
        " did you mean 'no-latest-tag'?",
        ".orchconv.yaml:3:12: warning: ignore: unknown rule or category 'zzz-nothing-like-it'",
    ]
    assert run.code == 1  # no-version-field still runs on both files
    assert len(run.out.splitlines()) == 3


def test_unknown_ids_in_suppression_comments_are_located_warnings(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": ONLY_VERSION,
                     "compose.yaml": "version: '3'  # orchconv: disable-line no-version-fild\n"
                                     "services:\n  web:\n    image: nginx:1.27\n"})
    run = run_lint(tmp_path, "compose.yaml")
    assert run.err == ("compose.yaml:1:15: warning: suppression names an unknown rule"
                       " 'no-version-fild'; did you mean 'no-version-field'?\n")
    assert run.code == 1  # the misspelt suppression silenced nothing


def test_unused_suppressions_are_reported_when_asked(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": ONLY_VERSION, "compose.yaml": (
        "# orchconv: disable-file no-latest-tag\n"
        "version: '3'  # orchconv: disable-line no-version-field\n"
        "services:\n"
        "  web:\n"
        "    # orchconv: disable-next-line no-version-field -- stale\n"
        "    image: nginx:1.27\n")})
    assert run_lint(tmp_path, "compose.yaml").code == 0
    run = run_lint(tmp_path, "--report-unused-suppressions", "compose.yaml")
    assert run.code == 1
    assert run.out.splitlines()[:2] == [
        "compose.yaml:1:1: warning unused-suppression unused suppression of 'no-latest-tag'"
        " ('no-latest-tag' not run)",
        "compose.yaml:5:5: warning unused-suppression unused suppression of"
        " 'no-version-field'",
    ]
    assert len(run.out.splitlines()) == 3  # and the summary: the used one is not reported


def test_unused_kubernetes_annotation_is_reported_at_the_annotation(tmp_path: Path) -> None:
    write(tmp_path, {"m.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
                               "  annotations:\n    orchconv.io/ignore: all\n"})
    run = run_lint(tmp_path, "--report-unused-suppressions", "m.yaml")
    assert run.out.splitlines()[0] == (
        "m.yaml:6:25: warning unused-suppression unused suppression of 'all'")
