""".env parsing, checked against compose-go's dotenv tests and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.dotenv import load_env_files, parse_dotenv


def nothing(name: str) -> str | None:
    return None


def parse(text: str, env: dict[str, str] | None = None) -> dict[str, str | None]:
    return parse_dotenv(text, "app.env", (env or {}).get)


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("FOO=bar", "FOO", "bar"),
        ("FOO =bar", "FOO", "bar"),
        ("FOO= bar", "FOO", "bar"),
        ('FOO="bar"', "FOO", "bar"),
        ("FOO='bar'", "FOO", "bar"),
        (r'FOO="escaped\"bar"', "FOO", 'escaped"bar'),
        (r'FOO="\"quoted\""', "FOO", '"quoted"'),
        ("FOO=\"'d'\"", "FOO", "'d'"),
        # yaml-style separator
        ("OPTION_A: 1", "OPTION_A", "1"),
        ("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar"),
        ("OPTION_A=1:B", "OPTION_A", "1:B"),
        # export
        ("export OPTION_A=2", "OPTION_A", "2"),
        (r"export OPTION_B='\n'", "OPTION_B", r"\n"),
        ("export exportFoo=2", "exportFoo", "2"),
        ("exportFOO=2", "exportFOO", "2"),
        ("export_FOO =2", "export_FOO", "2"),
        ("export.FOO= 2", "export.FOO", "2"),
        ("export\tOPTION_A=2", "OPTION_A", "2"),
        ("  export OPTION_A=2", "OPTION_A", "2"),
        ('export OPTION_A="export A"', "OPTION_A", "export A"),
        # escapes only in double quotes
        (r'FOO="bar\nbaz"', "FOO", "bar\nbaz"),
        (r"FOO=a\tb", "FOO", r"a\tb"),
        (r'FOO="a\tb"', "FOO", "a\tb"),
        (r'KEY="Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\Z\0123Z"', "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ"),
        (r'KEY="\0123"', "KEY", "S"),
        (r'KEY="\x07"', "KEY", r"\x07"),
        (r'KEY="\u12e4"', "KEY", r"\u12e4"),
        (r'KEY="\U00101234"', "KEY", r"\U00101234"),
        (r'KEY="\c"', "KEY", r"\c"),
        (r'KEY="\012"', "KEY", r"\012"),  # octal needs three digits after \0
        (r'KEY="\0400"', "KEY", r"\0400"),  # and fits a byte
        (r'FOO="bar\n\ b\az"', "FOO", "bar\n\\ b\az"),
        (r'FOO="bar\\\n\ b\az"', "FOO", "bar\\\n\\ b\az"),
        (r'FOO="bar\\r\ b\az"', "FOO", "bar\\r\\ b\az"),
        (r'FOO="bar\nbaz\\"', "FOO", "bar\nbaz\\"),
        (r"FOO='it\'s'", "FOO", "it's"),
        (r"FOO='C:\\dir'", "FOO", r"C:\\dir"),
        # names
        ("FOO.BAR=foobar", "FOO.BAR", "foobar"),
        ("VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes"),
        ("ARR[0]=x", "ARR[0]", "x"),
        ("ÉTÉ=chaud", "ÉTÉ", "chaud"),
        ('="value"', "", "value"),
        # values
        ("FOO=foobar=", "FOO", "foobar="),
        ("FOO=bar ", "FOO", "bar"),
        ("FOO=bar\r", "FOO", "bar"),
        ("FOO=", "FOO", ""),
        ("FOO=''", "FOO", ""),
        # inline comments: only " #" on unquoted values
        ("FOO=bar # this is foo", "FOO", "bar"),
        ("FOO=bar #this is foo", "FOO", "bar"),
        ("FOO=bar #", "FOO", "bar"),
        ("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment"),
        ("FOO=bar\t#tab-is-not-a-comment-start", "FOO", "bar\t#tab-is-not-a-comment-start"),
        ("FOO= # comment", "FOO", "# comment"),
        ('FOO="bar#baz"', "FOO", "bar#baz"),
        ('FOO="bar#baz"#', "FOO", "bar#baz"),
        ('FOO="bar#baz" # comment', "FOO", "bar#baz"),
        ("FOO='bar#baz' # comment", "FOO", "bar#baz"),
        ('FOO="bar#baz#bang" # comment', "FOO", "bar#baz#bang"),
        # leading whitespace
        (" KEY =value", "KEY", "value"),
        ("   KEY=value", "KEY", "value"),
        ("\tKEY=value", "KEY", "value"),
    ],
)
def test_statements(line: str, key: str, value: str) -> None:
    assert parse(line) == {key: value}


def test_quoted_fixture() -> None:
    text = (
        "OPTION_A='1'\nOPTION_B='2'\nOPTION_C=''\nOPTION_D='\\n'\nOPTION_E=\"1\"\n"
        "OPTION_F=\"2\"\nOPTION_G=\"\"\nOPTION_H=\"\\n\"\nOPTION_I = \"echo 'asd'\"\n"
        "OPTION_J = 'first line\nsecond line\nthird line\nand so on'\n"
        "OPTION_Z = \"last value\"\n"
    )
    assert parse(text) == {
        "OPTION_A": "1", "OPTION_B": "2", "OPTION_C": "", "OPTION_D": "\\n",
        "OPTION_E": "1", "OPTION_F": "2", "OPTION_G": "", "OPTION_H": "\n",
        "OPTION_I": "echo 'asd'", "OPTION_J": "first line\nsecond line\nthird line\nand so on",
        "OPTION_Z": "last value",
    }


def test_comments_blank_lines_and_crlf() -> None:
    text = "# heading\r\n\r\n\t # indented comment\r\nA=1\r\n  \r\nB='2' # trailing\r\n#C=3"
    assert parse(text) == {"A": "1", "B": "2"}


def test_byte_order_mark_is_ignored() -> None:
    assert parse("\ufeffOPTION_A=1\nOPTION_B=2") == {"OPTION_A": "1", "OPTION_B": "2"}


def test_later_statements_win() -> None:
    assert parse("A=1\nA=2") == {"A": "2"}


# -- interpolation --------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FOO=test\nBAR=$FOO", {"FOO": "test", "BAR": "test"}),
        ("FOO=test\nBAR=${FOO}bar", {"FOO": "test", "BAR": "testbar"}),
        ("BAR=$FOO", {"BAR": ""}),
        ('FOO=test\nBAR="quote $FOO"', {"FOO": "test", "BAR": "quote test"}),
        ("BAR='quote $FOO'", {"BAR": "quote $FOO"}),
        (r'FOO="foo\$BAR"', {"FOO": "foo$BAR"}),
        (r'FOO="foo\${BAR}"', {"FOO": "foo${BAR}"}),
        ('FOO=test\nBAR="foo\\${FOO} ${FOO}"', {"FOO": "test", "BAR": "foo${FOO} test"}),
        ("A=$$B", {"A": "$B"}),
        ("A=${UNSET:-fallback}", {"A": "fallback"}),
        ("A=${UNSET:-${ALSO:-deep}}", {"A": "deep"}),
        ('A="line1\n${UNSET:-line2}"', {"A": "line1\nline2"}),
    ],
)
def test_interpolation(text: str, expected: dict[str, str]) -> None:
    assert parse(text) == expected


def test_environment_wins_over_earlier_keys_of_the_file() -> None:
    text = ("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\n"
            "OPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n")
    assert parse(text, {"OPTION_A": "5"}) == {
        "OPTION_A": "1", "OPTION_B": "5", "OPTION_C": "5", "OPTION_D": "5_5", "OPTION_E": "",
    }
    assert parse(text) == {
        "OPTION_A": "1", "OPTION_B": "1", "OPTION_C": "1", "OPTION_D": "1_1", "OPTION_E": "",
    }


def test_defaults_fixture() -> None:
    text = "OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\n"
    assert parse(text, {"OPTION_A": "5"}) == {"OPTION_A": "5", "OPTION_B": "5"}
    assert parse(text) == {"OPTION_A": "1", "OPTION_B": "1"}


def test_lookup_in_expansion() -> None:
    assert parse("TEST=$ME", {"ME": "YES"}) == {"TEST": "YES"}


# -- bare keys ------------------------------------------------------------------

def test_bare_key_takes_the_environment_value() -> None:
    text = "FOO=bar\nVAR_FROM_ENV\nBAR=baz\n"
    assert parse(text, {"VAR_FROM_ENV": "x"}) == {"FOO": "bar", "VAR_FROM_ENV": "x", "BAR": "baz"}


def test_bare_key_unset_is_none() -> None:
    assert parse("FOO=bar\nVARIABLE_NOT_FOUND\nBAR=baz\n") == {
        "FOO": "bar", "VARIABLE_NOT_FOUND": None, "BAR": "baz",
    }


def test_bare_key_at_end_of_file_without_newline() -> None:
    assert parse("A=1\nLAST", {"LAST": "v"}) == {"A": "1", "LAST": "v"}


def test_unset_bare_key_keeps_an_earlier_value() -> None:
    # compose only assigns a bare key when the lookup knows it
    assert parse("A=1\nA\n") == {"A": "1"}
    assert parse("A=1\nA\n", {"A": "env"}) == {"A": "env"}


# -- errors ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "message", "loc"),
    [
        ("lol$wut", "unexpected character '$' in variable name 'lol'", (1, 4)),
        ("A=1\n\n  B!=2", "unexpected character '!' in variable name 'B'", (3, 4)),
        ("A=1\nFOO BAR=1", "variable name 'FOO BAR' cannot contain a space", (2, 1)),
        ('KEY="', "unterminated quoted value", (1, 5)),
        ('KEY="value', "unterminated quoted value", (1, 5)),
        ('KEY="value\\"', "unterminated quoted value", (1, 5)),
        ("KEY=\"value'", "unterminated quoted value", (1, 5)),
        ("X=1\nKEY='", "unterminated quoted value", (2, 5)),
        ("KEY='value\\'", "unterminated quoted value", (1, 5)),
        ("KEY='value\"", "unterminated quoted value", (1, 5)),
        ("export ", "expected a variable name after 'export'", (1, 1)),
        ("A=1\nB=${NEED:?set NEED}", "required variable NEED is missing a value: set NEED",
         (2, 3)),
        ("A=\"x\n${\"", "invalid interpolation format: bad substitution at character 3 of the"
                       " value; you may need to escape any $ with another $", (1, 4)),
    ],
)
def test_errors_are_located(text: str, message: str, loc: tuple[int, int]) -> None:
    with pytest.raises(InputError) as caught:
        parse(text)
    assert caught.value.message == message
    assert caught.value.loc == Loc("app.env", *loc)


def test_errors_do_not_repeat_values() -> None:
    with pytest.raises(InputError) as caught:
        parse('PASSWORD="hunter2')
    assert "hunter2" not in str(caught.value)
    with pytest.raises(InputError) as caught:
        parse("TOKEN=abc${ def")
    assert "abc" not in str(caught.value)


# -- several files ----------------------------------------------------------------

def test_load_env_files(tmp_path: Path) -> None:
    first = tmp_path / "a.env"
    second = tmp_path / "b.env"
    first.write_text("A=1\nB=from-a\nSHARED=a\nUNSET_BARE\n")
    second.write_text("B=from-b\nC=${A}-${SHARED}\nSHARED=b\nFROM_ENV\n")
    env = {"FROM_ENV": "env", "SHARED": "os"}
    assert load_env_files([first, second], env.get) == {
        "A": "1", "B": "from-b", "SHARED": "b", "C": "1-os", "FROM_ENV": "env",
    }


def test_load_env_files_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_env_files([tmp_path / "nope.env"], nothing)


# -- properties -------------------------------------------------------------------

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,12}", fullmatch=True)


@given(NAMES, st.text(st.characters(blacklist_characters="'\\", blacklist_categories=["Cs"])))
def test_single_quoted_values_are_literal(key: str, value: str) -> None:
    assert parse_dotenv(f"{key}='{value}'\n", "p.env", nothing) == {key: value}


@given(st.dictionaries(NAMES, st.text(st.characters(
    blacklist_characters="\\\"$", blacklist_categories=["Cs"]))))
def test_double_quoted_round_trip(values: dict[str, str]) -> None:
    text = "".join(f'export {key}="{value}"\n' for key, value in values.items())
    assert parse_dotenv(text, "p.env", nothing) == values
