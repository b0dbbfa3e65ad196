"""Aliases may repeat a node, not blow the document up: nodes and text are budgeted.

The budget is relative to the input (ten times what the file writes) above a
floor no hand-written file reaches, and an alias is weighed before it is
replayed, so a bomb is refused at the alias that crosses the line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.deploy.workflow import is_manifest_file
from orchconv.errors import InputError
from orchconv.source.yamltree import (
    EXPANSION_FLOOR_CHARS,
    EXPANSION_FLOOR_NODES,
    parse_document,
    parse_documents,
)

BLOB = "A" * 10_000


def issue_bomb() -> str:
    """The issue's file: one 10,000-character anchored scalar, referenced 9,000 times."""
    lines = [f"x-blob: &blob {BLOB}", "services:", "  web:", "    image: nginx", "    command:"]
    lines += ["      - *blob"] * 9_000
    return "\n".join(lines) + "\n"


def _line(text: str, number: int) -> str:
    return text.splitlines()[number - 1]


def test_the_issue_bomb_is_refused_at_the_alias_that_crosses_the_budget() -> None:
    text = issue_bomb()
    with pytest.raises(InputError, match="alias bomb") as caught:
        parse_document(text, "bomb.yml")
    loc = caught.value.loc
    assert loc is not None and loc.file == "bomb.yml"
    assert _line(text, loc.line)[loc.col - 1:] == "*blob"
    # refused once the text passes the budget, not before: every earlier alias fitted
    replayed = loc.line - 6 + 1  # the aliases start on line 6
    assert (replayed - 1) * len(BLOB) < EXPANSION_FLOOR_CHARS < replayed * len(BLOB) + len(text)
    assert "characters of text" in caught.value.message


def test_nested_aliases_are_weighed_without_being_expanded() -> None:
    levels = ['x-0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"x-{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    text = "\n".join(levels) + "\n"
    with pytest.raises(InputError, match="past 200000 nodes") as caught:
        parse_document(text, "laughs.yml")
    loc = caught.value.loc
    assert loc is not None and loc.line <= len(levels)
    assert _line(text, loc.line)[loc.col - 1:].startswith("*l")


def test_text_is_counted_not_only_nodes() -> None:
    """A few aliases of one long scalar: few nodes, much text."""
    size = 100_000
    fits = EXPANSION_FLOOR_CHARS // size - 2  # the file's own copy counts too
    head = f"a: &a {'x' * size}\nb: ["
    accepted = parse_document(head + ", ".join(["*a"] * fits) + "]\n", "ok.yml")
    assert len(accepted["b"]) == fits and accepted["b"][0] == "x" * size
    with pytest.raises(InputError, match="characters of text") as caught:
        parse_document(head + ", ".join(["*a"] * (fits + 3)) + "]\n", "big.yml")
    assert caught.value.loc is not None and caught.value.loc.line == 2


def test_a_large_file_with_many_aliases_loads() -> None:
    """Past the floor, ten times what the file writes is still fine."""
    services = 12_000
    lines = ["x-common: &common", *[f"  key{k}: value{k}" for k in range(9)], "services:"]
    lines += [f"  svc{i}: {{<<: *common, image: img{i}}}" for i in range(services)]
    document = parse_document("\n".join(lines) + "\n", "many.yml")
    assert len(document["services"]) == services
    last = document["services"][f"svc{services - 1}"]
    assert last["image"] == f"img{services - 1}" and last["key8"] == "value8"
    assert services * 19 > EXPANSION_FLOOR_NODES  # the expansion did pass the floor


def test_aliases_keep_their_meaning() -> None:
    text = "base: &b {p: 1, q: [yes, 2]}\nuse: *b\nmerged:\n  <<: *b\n  p: 3\n"
    document = parse_document(text, "f.yml")
    assert document["use"] == {"p": 1, "q": ["yes", 2]}
    assert document["use"] is not document["base"]  # each alias is its own copy
    assert document["merged"] == {"p": 3, "q": ["yes", 2]}
    assert document["use"].val_locs["p"].line == 1  # positions are the anchored node's


@pytest.mark.parametrize(("text", "where", "message"), [
    ("a: *x\n", (1, 4), "found undefined alias"),
    ("a: &x 1\nb: &x 2\n", (2, 4), "duplicate anchor"),
    ("a: &a [*a]\n", (1, 4), "nesting deeper than"),
])
def test_alias_errors_stay_located(text: str, where: tuple[int, int], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        list(parse_documents(text, "f.yml"))
    loc = caught.value.loc
    assert loc is not None and (loc.line, loc.col) == where


def test_a_syntax_error_later_in_the_stream_is_still_the_one_reported() -> None:
    with pytest.raises(InputError, match="invalid YAML") as caught:
        list(parse_documents("a: 1\na: 2\n---\nb: [\n", "f.yml"))
    assert caught.value.loc is not None and caught.value.loc.line == 5


@pytest.mark.parametrize("args", [
    ["config", "-f", "bomb.yml"],
    ["compose2k8s", "-f", "bomb.yml", "-o", "out"],
    ["lint", "bomb.yml"],
])
def test_every_command_refuses_the_bomb_in_one_located_line(tmp_path: Path,
                                                             args: list[str]) -> None:
    (tmp_path / "bomb.yml").write_text(issue_bomb(), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "orchconv.cli", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    report = done.stderr if args[0] != "lint" else done.stdout
    lines = [line for line in report.splitlines() if "alias bomb" in line]
    assert len(lines) == 1 and lines[0].startswith("bomb.yml:")
    assert "Traceback" not in done.stderr
    if args[0] != "lint":
        assert done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_deploy_reads_manifests_with_the_same_budget(tmp_path: Path) -> None:
    manifest = tmp_path / "bomb.yaml"
    manifest.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
                        f"blob: &blob {BLOB}\ndata:\n" +
                        "".join(f"  k{i}: *blob\n" for i in range(1_000)), encoding="utf-8")
    with pytest.raises(InputError, match="alias bomb"):
        is_manifest_file(manifest)
