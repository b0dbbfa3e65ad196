"""--fix on real files: through symlinks, with a UTF-8 BOM, comments at the top of a replaced
block kept; and the line diff under --fix/--diff that keeps them linear in the file size."""

from __future__ import annotations

import difflib
import random
from pathlib import Path
from typing import Any

import pytest

from orchconv.lint.finding import Fix
from orchconv.lint.fix import apply_fixes, unified_diff
from orchconv.lint.linediff import matching_pairs, opcodes, unified_lines
from tests.lint.helpers import run_lint, write

CONFIG = "lint:\n  select: [syntax, no-version-field]\n"
VERSIONED = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"
FIXED = "services:\n  web:\n    image: nginx:1.27\n"
LONG_DEPENDS_ON = """\
services:
  web:
    image: x
    depends_on:
      # db first
      # (it migrates)
      db:
        condition: service_started
  db:
    image: y
"""


def test_fix_goes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": CONFIG, "real/compose.yaml": VERSIONED})
    link = tmp_path / "compose.yaml"
    link.symlink_to(Path("real") / "compose.yaml")
    assert run_lint(tmp_path, "--fix", "compose.yaml").code == 0
    assert link.is_symlink() and link.readlink() == Path("real") / "compose.yaml"
    assert (tmp_path / "real" / "compose.yaml").read_text() == FIXED


def test_fix_keeps_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    write(tmp_path, {".orchconv.yaml": CONFIG})
    path = tmp_path / "compose.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VERSIONED.encode())
    assert run_lint(tmp_path, "--fix", "compose.yaml").code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    plain = tmp_path / "plain.yaml"
    plain.write_text(VERSIONED)
    assert run_lint(tmp_path, "--fix", "plain.yaml").code == 0
    assert plain.read_bytes() == FIXED.encode()  # no mark where there was none


def test_comments_at_the_top_of_a_replaced_block_stay_on_their_own_lines() -> None:
    fixed = apply_fixes(LONG_DEPENDS_ON, [Fix("", ("services", "web", "depends_on"), "set-key",
                                              (("value", "[db]"),))])
    assert fixed == LONG_DEPENDS_ON.replace(
        "    depends_on:\n      # db first\n      # (it migrates)\n      db:\n"
        "        condition: service_started\n",
        "    # db first\n    # (it migrates)\n    depends_on: [db]\n")


def test_an_end_of_line_comment_of_the_replaced_key_stays_on_it() -> None:
    text = LONG_DEPENDS_ON.replace("    depends_on:\n      # db first\n      # (it migrates)\n",
                                   "    depends_on:  # the order\n")
    fixed = apply_fixes(text, [Fix("", ("services", "web", "depends_on"), "set-key",
                                   (("value", "[db]"),))])
    assert "    depends_on: [db]  # the order\n" in fixed


def _random_pair(rng: random.Random) -> tuple[list[str], list[str]]:
    words = ["services:\n", "  web:\n", "    networks:\n", "      - backend\n", "\n", "x\n"]
    a = [rng.choice(words) for _ in range(rng.randint(0, 40))]
    b = list(a)
    for _ in range(rng.randint(0, 6)):
        at = rng.randint(0, len(b))
        if b and rng.random() < 0.4:
            del b[min(at, len(b) - 1)]
        else:
            b.insert(at, rng.choice([*words, "new\n"]))
    return a, b


def test_line_diff_is_a_correct_diff() -> None:
    rng = random.Random(12)
    for _ in range(2000):
        a, b = _random_pair(rng)
        pairs = matching_pairs(a, b)
        assert all(a[i] == b[j] for i, j in pairs)
        assert pairs == sorted(pairs) and len({i for i, _ in pairs}) == len(pairs)
        assert len({j for _, j in pairs}) == len(pairs)
        rebuilt: list[str] = []
        for tag, i1, i2, j1, j2 in opcodes(a, b):
            rebuilt += a[i1:i2] if tag == "equal" else b[j1:j2]
            if tag == "equal":
                assert a[i1:i2] == b[j1:j2]
        assert rebuilt == b
        assert (list(unified_lines(a, b, "a/f", "b/f")) == []) == (a == b)


def test_unified_diff_reads_like_diff_u() -> None:
    before = "".join(f"  svc{i}:\n    image: x\n" for i in range(20))
    after = before.replace("  svc7:\n    image: x\n", "  svc7:\n    image: y\n")
    ours = unified_diff("f.yml", before, after)
    theirs = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                          "a/f.yml", "b/f.yml"))
    assert ours == theirs
    assert ours.splitlines()[2] == "@@ -13,7 +13,7 @@"


SERVICES = "".join(
    f"  svc{i}:\n    image: nginx:1.27\n    # the ports\n    ports:\n    - \"{8000 + i}:80\"\n"
    f"    depends_on:\n      db:\n        condition: service_started\n\n" for i in range(30))
MANY = f"version: '3'  # obsolete\n# services follow\nservices:\n{SERVICES}  db:\n    image: x\n"
SPARSE_FIXES = [
    Fix("", ("version",), "remove-key"),
    Fix("", ("services", "svc3", "depends_on"), "set-key", (("value", "[db]"),)),
    Fix("", ("services", "svc7", "ports"), "rename-key", (("to", "expose"),)),
    Fix("", ("services", "svc9"), "remove-key"),
]


def test_sparse_fixes_round_trip_only_their_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    from orchconv.lint import fixscope

    calls: list[str | None] = []
    real = fixscope.apply_scoped

    def spy(*args: Any) -> str | None:
        calls.append(real(*args))
        return calls[-1]

    monkeypatch.setattr(fixscope, "apply_scoped", spy)
    scoped = apply_fixes(MANY, SPARSE_FIXES)
    monkeypatch.setattr(fixscope, "apply_scoped", lambda *args: None)
    whole = apply_fixes(MANY, SPARSE_FIXES)
    assert calls and calls[0] is not None  # the scoped path ran
    assert scoped == whole
    assert scoped.startswith("# services follow\nservices:\n")
    assert "  svc3:\n    image: nginx:1.27\n    # the ports\n" in scoped
    assert "    depends_on: [db]\n\n  svc4:" in scoped
    assert "  svc7:\n    image: nginx:1.27\n    # the ports\n    expose:\n" in scoped
    assert "svc9" not in scoped and "  svc10:\n" in scoped


def test_anchors_and_dense_fixes_take_the_whole_file_path() -> None:
    from orchconv.lint.fix import EDITS, _round_trip_yaml
    from orchconv.lint.fixscope import apply_scoped

    unique = [(f.document, f.path, f.apply, f.arguments) for f in SPARSE_FIXES]
    assert apply_scoped(MANY, unique, EDITS, _round_trip_yaml(MANY, block=True)) is not None
    anchored = MANY.replace("    image: x\n", "    image: &img x\n")
    assert apply_scoped(anchored, unique, EDITS, _round_trip_yaml(anchored, block=True)) is None
    dense = [(0, ("services", f"svc{i}", "depends_on"), "set-key", (("value", "[db]"),))
             for i in range(30)]
    assert apply_scoped(MANY, dense, EDITS, _round_trip_yaml(MANY, block=True)) is None
