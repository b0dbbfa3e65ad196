"""Command strings split as go-shellwords splits them.

Expected values come from compose-go v2.6.0's own tests and from running the real
`docker compose config` (v2.35.1) on the same input.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.shellwords import command, healthcheck_test, split_command

HERE = Loc("compose.yaml", 3, 7)


# --- command strings -----------------------------------------------------------

@pytest.mark.parametrize(("line", "words"), [
    ("sleep 3000", ["sleep", "3000"]),
    ("echo 'a b' \"c d\"", ["echo", "a b", "c d"]),
    # go-shellwords differs from POSIX shlex in these:
    ('echo "hi there" && ls', ["echo", "hi there"]),
    ('sh -c "echo \\"x\\"" 2>&1', ["sh", "-c", 'echo "x"']),
    ('"a\\nb"', ["anb"]),
    ("echo $(date +%s) `id -u`", ["echo", "$(date +%s)", "`id -u`"]),
    ("a ''", ["a", ""]),
    ("echo a\\;b", ["echo", "a;b"]),
    ("", []),
])
def test_split_command_like_go_shellwords(line: str, words: list[str]) -> None:
    assert split_command(line, HERE) == words


@pytest.mark.parametrize("line", ['echo "x', "it's", "a\\", "echo (x", "a)b c"])
def test_split_command_errors(line: str) -> None:
    with pytest.raises(InputError, match="invalid command string"):
        split_command(line, HERE)


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="'\\\x00", codec="utf-8"),
                        max_size=8), max_size=6))
def test_single_quoted_words_round_trip(words: list[str]) -> None:
    line = " ".join(f"'{w}'" for w in words)
    assert split_command(line, HERE) == words


def test_command_forms() -> None:
    assert command("sleep 3000", HERE) == ["sleep", "3000"]
    assert command(["sleep", "3000"], HERE) == ["sleep", "3000"]
    assert command("", HERE) == []
    assert command(None, HERE) is None
    with pytest.raises(InputError, match="items must be strings"):
        command(["sleep", 3000], HERE)


def test_healthcheck_test_string_runs_in_a_shell() -> None:
    assert healthcheck_test("curl -f localhost", HERE) == ["CMD-SHELL", "curl -f localhost"]
    assert healthcheck_test(["NONE"], HERE) == ["NONE"]
