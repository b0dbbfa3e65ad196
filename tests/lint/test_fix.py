"""--fix and --diff: the edits, comments and formatting kept, idempotence."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orchconv.lint.finding import Fix
from orchconv.lint.fix import (
    apply_fixes,
    guess_indentation,
    image_has_tag,
    swarm_restart_policy,
    transplant,
)
from orchconv.source.yamltree import parse_documents
from tests.lint.helpers import only_engine_test_rules, run_lint, write

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

COMMENTED = """\
# Our web stack.
version: '3'  # obsolete
# The services follow.

services:
  web:
    image: nginx:1.27   # pinned
    restart: always  # keeps it up
    # the ports come next
    ports:
      - "80:80"
"""

pytestmark = pytest.mark.usefixtures(only_engine_test_rules.__name__)


def plain(text: str) -> Any:
    """The documents' plain data (YMap/YSeq compare like dict/list)."""
    return [data for data, _ in parse_documents(text, "t.yml")]


def test_remove_key_keeps_the_comments_around_it() -> None:
    fixed = apply_fixes(COMMENTED, [Fix("", ("version",), "remove-key")])
    assert fixed == COMMENTED.replace("version: '3'  # obsolete\n", "")


def test_move_restart_keeps_comments_quotes_and_the_rest_byte_for_byte() -> None:
    fixed = apply_fixes(COMMENTED, [Fix("", ("services", "web", "restart"),
                                        "move-restart-to-deploy")])
    assert fixed == COMMENTED.replace(
        "    restart: always  # keeps it up\n",
        "    deploy:\n      restart_policy:\n        condition: any\n")


def test_comments_inside_a_removed_block_go_with_it() -> None:
    text = ("services:\n  web:\n    image: x\n    deploy:\n      replicas: 2\n"
            "      # replicas was 3\n    # about ports\n    ports: ['80:80']\n")
    fixed = apply_fixes(text, [Fix("", ("services", "web", "deploy"), "remove-key")])
    assert fixed == ("services:\n  web:\n    image: x\n    # about ports\n"
                     "    ports: ['80:80']\n")


def test_fixing_twice_changes_nothing_more() -> None:
    fixes = [Fix("", ("version",), "remove-key"),
             Fix("", ("services", "web", "restart"), "move-restart-to-deploy")]
    once = apply_fixes(COMMENTED, fixes)
    assert apply_fixes(once, fixes) == once


def test_seed_stack_fix_keeps_its_odd_indentation() -> None:
    text = (EXAMPLES / "wordpress-stack" / "docker-compose.yml").read_text()
    fixes = [Fix("", ("services", name, "restart"), "move-restart-to-deploy")
             for name in ("mysql", "wordpress")]
    fixed = apply_fixes(text, fixes)
    expected = text.replace(
        "     restart: always\n     environment:\n       MYSQL_ROOT_PASSWORD",
        "     deploy:\n       restart_policy:\n         condition: any\n"
        "     environment:\n       MYSQL_ROOT_PASSWORD",
    ).replace(
        "       replicas: 2\n     ports:\n       - \"8080:80\"\n     restart: always\n",
        "       replicas: 2\n       restart_policy:\n         condition: any\n"
        "     ports:\n       - \"8080:80\"\n",
    )
    assert fixed == expected


@pytest.mark.parametrize(
    ("restart", "policy"),
    [
        ("no", {"condition": "none"}),
        ("always", {"condition": "any"}),
        ("unless-stopped", {"condition": "any"}),
        ("on-failure", {"condition": "on-failure"}),
        ("on-failure:3", {"condition": "on-failure", "max_attempts": 3}),
        ("on-failure:0", {"condition": "on-failure"}),
        ("always:2", {"condition": "any", "max_attempts": 2}),
        ("sometimes", None),
        ("on-failure:x", None),
    ],
)
def test_restart_to_swarm_policy(restart: str, policy: dict[str, Any] | None) -> None:
    # docker/cli convertRestartPolicy: always/unless-stopped -> any, on-failure[:N] ->
    # on-failure (+ MaxAttempts N when N > 0); "no" is kept as "none" (see the rule doc)
    assert swarm_restart_policy(restart) == policy


def test_restart_with_an_existing_policy_is_just_removed() -> None:
    text = ("services:\n  web:\n    image: x\n    restart: always\n    deploy:\n"
            "      restart_policy: {condition: on-failure}\n")
    fixed = apply_fixes(text, [Fix("", ("services", "web", "restart"),
                                   "move-restart-to-deploy")])
    assert fixed == text.replace("    restart: always\n", "")


def test_restart_joins_an_existing_deploy_section() -> None:
    text = "services:\n  web:\n    restart: on-failure:5\n    deploy:\n      replicas: 2\n"
    fixed = apply_fixes(text, [Fix("", ("services", "web", "restart"),
                                   "move-restart-to-deploy")])
    assert plain(fixed) == [{"services": {"web": {"deploy": {
        "replicas": 2, "restart_policy": {"condition": "on-failure", "max_attempts": 5}}}}}]


def test_invalid_restart_is_left_alone() -> None:
    text = "services:\n  web:\n    restart: sometimes\n"
    assert apply_fixes(text, [Fix("", ("services", "web", "restart"),
                                  "move-restart-to-deploy")]) == text


def test_set_rename_and_image_tag_edits() -> None:
    text = "services:\n  web:\n    image: \"nginx\"  # web\n    ports: [80]\n  db:\n" \
           "    image: postgres@sha256:abc\n"
    fixed = apply_fixes(text, [
        Fix("", ("services", "web", "image"), "add-image-tag", (("tag", "1.27"),)),
        Fix("", ("services", "db", "image"), "add-image-tag", (("tag", "16"),)),
        Fix("", ("services", "web", "ports"), "rename-key", (("to", "expose"),)),
        Fix("", ("services", "web", "init"), "set-key", (("value", "true"),)),
    ])
    assert fixed == ("services:\n  web:\n    image: \"nginx:1.27\"  # web\n    expose: [80]\n"
                     "    init: true\n  db:\n    image: postgres@sha256:abc\n")


@pytest.mark.parametrize(
    ("image", "tagged"),
    [("nginx", False), ("nginx:1", True), ("localhost:5000/app", False),
     ("localhost:5000/app:2", True), ("app@sha256:00", True)],
)
def test_image_has_tag(image: str, tagged: bool) -> None:
    assert image_has_tag(image) is tagged


def test_fix_in_the_second_document_of_a_stream() -> None:
    text = "a: 1\n---\n# second\nversion: '3'\nb: 2\n"
    fixed = apply_fixes(text, [Fix("", ("version",), "remove-key", document=1)])
    assert fixed == "a: 1\n---\n# second\nb: 2\n"


def test_crlf_files_stay_crlf() -> None:
    text = "version: '3'\r\nservices:\r\n  web:\r\n    restart: always\r\n"
    fixed = apply_fixes(text, [Fix("", ("version",), "remove-key"),
                               Fix("", ("services", "web", "restart"), "move-restart-to-deploy")])
    assert fixed == ("services:\r\n  web:\r\n    deploy:\r\n      restart_policy:\r\n"
                     "        condition: any\r\n")


def test_unknown_edit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown fix edit"):
        apply_fixes("a: 1\n", [Fix("", ("a",), "teleport")])


def test_transplant_falls_back_to_ruamel_when_lines_cannot_be_aligned() -> None:
    assert transplant("x: 1\n", "a: 1\nb: 2\n", "a: 1\n") == "a: 1\n"


@pytest.mark.parametrize(
    ("text", "indentation"),
    [
        ("a:\n  b:\n    - c\n", (2, 4, 2)),
        ("a:\n    b:\n    - c\n", (4, 2, 0)),
        ("spec:\n  containers:\n  - name: x\n    ports:\n    - 80\n", (2, 2, 0)),
        ("a: 1\n", (2, 4, 2)),
    ],
)
def test_guess_indentation(text: str, indentation: tuple[int, int, int]) -> None:
    assert guess_indentation(text) == indentation


# --- the property: any indentation style, same meaning, untouched lines untouched -----


@st.composite
def compose_files(draw: st.DrawFn) -> tuple[str, list[str]]:
    step = draw(st.sampled_from([2, 3, 4]))
    dash = draw(st.sampled_from([0, 2]))
    names = draw(st.lists(st.sampled_from(["web", "db", "cache"]), min_size=1, max_size=3,
                          unique=True))
    pad = " " * step
    out = ["# header", "version: '3.8'  # old"] if draw(st.booleans()) else []
    out.append("services:")
    restarts = []
    for name in names:
        out.append(f"{pad}{name}:")
        out.append(f"{pad * 2}image: {name}:1  # pinned")
        if draw(st.booleans()):
            value = draw(st.sampled_from(["always", "no", "on-failure:2", "unless-stopped"]))
            out.append(f"{pad * 2}restart: \"{value}\"")
            restarts.append(name)
        out.append(f"{pad * 2}ports:")
        out.append(f"{pad * 2}{' ' * dash}- \"80\"")
        if draw(st.booleans()):
            out.append(f"{pad * 2}# trailing note")
    return "\n".join(out) + "\n", restarts


@settings(max_examples=150, deadline=None)
@given(compose_files())
def test_fixes_keep_meaning_and_untouched_lines(case: tuple[str, list[str]]) -> None:
    text, restarts = case
    fixes = [Fix("", ("version",), "remove-key")] + [
        Fix("", ("services", name, "restart"), "move-restart-to-deploy") for name in restarts]
    fixed = apply_fixes(text, fixes)
    (before,), (after,) = plain(text), plain(fixed)
    before.pop("version", None)
    for name in restarts:
        restart = before["services"][name].pop("restart")
        before["services"][name]["deploy"] = {"restart_policy": swarm_restart_policy(restart)}
    assert after == before
    # every line that stays is the original line, in the original order
    kept = [line for line in text.splitlines()
            if "version" not in line and "restart" not in line]
    assert [line for line in fixed.splitlines() if line in kept] == kept
    assert apply_fixes(fixed, fixes) == fixed


# --- the command -------------------------------------------------------------------


def test_diff_previews_without_writing(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": COMMENTED})
    run = run_lint(tmp_path, "--diff", "compose.yaml")
    assert run.code == 1
    assert run.out == ("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,5 +1,4 @@\n"
                       " # Our web stack.\n-version: '3'  # obsolete\n # The services follow.\n"
                       " \n services:\n")
    assert (tmp_path / "compose.yaml").read_text() == COMMENTED
    assert run_lint(tmp_path, "--diff", "--ignore", "no-version-field", "compose.yaml").code == 0


def test_fix_writes_reports_what_is_left_and_keeps_the_file_mode(tmp_path: Path) -> None:
    text = COMMENTED.replace("version: '3'  # obsolete\n", "version: '3.8'  # obsolete\n")
    write(tmp_path, {"stack.yml": text + "    privileged: true\n"})
    os.chmod(tmp_path / "stack.yml", 0o640)
    run = run_lint(tmp_path, "--fix", "stack.yml")
    fixed = (tmp_path / "stack.yml").read_text()
    assert "restart:" not in fixed and "condition: any" in fixed
    assert run.out.splitlines() == [
        "stack.yml:14:5: warning stack-unsupported-key service 'web': `privileged` is ignored"
        " by docker stack deploy",
        "1 problem (1 warning)",
    ]
    assert run.code == 1
    assert stat.S_IMODE((tmp_path / "stack.yml").stat().st_mode) == 0o640
    again = run_lint(tmp_path, "--fix", "stack.yml")
    assert (tmp_path / "stack.yml").read_text() == fixed and again.out == run.out


def test_fix_of_a_clean_file_does_not_touch_it(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "services:\n  web: {image: x}\n"})
    before = (tmp_path / "compose.yaml").stat().st_mtime_ns
    assert run_lint(tmp_path, "--fix", "compose.yaml").code == 0
    assert (tmp_path / "compose.yaml").stat().st_mtime_ns == before


def test_a_fix_that_would_break_the_file_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orchconv.lint import fix

    monkeypatch.setitem(fix.EDITS, "remove-key", lambda root, path, arguments: bool(
        root.insert(0, "x", {"a": "b"}) or True))  # a buggy edit: always changes the tree
    monkeypatch.setattr(fix, "transplant", lambda original, before, after: after + "a: [\n")
    write(tmp_path, {"compose.yaml": COMMENTED})
    run = run_lint(tmp_path, "--fix", "compose.yaml")
    assert (tmp_path / "compose.yaml").read_text() == COMMENTED
    assert "error internal-error fixes not applied: the result would not parse" in run.out
