"""The located YAML reader: values, positions, YAML 1.2 scalars and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of, parse_document, parse_documents


def test_positions_of_keys_values_and_items() -> None:
    doc = parse_document("services:\n  web:\n    ports:\n      - '80:80'\n", "c.yml")
    assert isinstance(doc, YMap)
    web = doc["services"]["web"]
    assert loc_of(doc["services"], "web", of_key=True) == Loc("c.yml", 2, 3)
    ports = web["ports"]
    assert isinstance(ports, YSeq)
    assert ports == ["80:80"]
    assert loc_of(ports, 0) == Loc("c.yml", 4, 9)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("on", "on"),
        ("No", "No"),
        ("true", True),
        ("False", False),
        ("8080:80", "8080:80"),  # YAML 1.1 would read a base-60 integer
        ("~", None),
        ("", None),
        ("0x1F", 31),
        ("0o17", 15),
        ("017", 15),  # go's ParseInt(base 0): a leading zero is octal
        ("1_000", 1000),
        ("1.5", 1.5),
        ("'1.5'", "1.5"),
        ("1e3", 1000.0),
        ("2001-12-14", "2001-12-14"),  # no timestamps in YAML 1.2 core
    ],
)
def test_scalars_follow_yaml_1_2_core(text: str, value: object) -> None:
    assert parse_document(f"k: {text}\n", "f")["k"] == value


def test_merge_keys_and_aliases() -> None:
    doc = parse_document(
        "x-base: &base\n  image: a\n  restart: always\n"
        "services:\n  web:\n    <<: *base\n    image: b\n",
        "f",
    )
    assert doc["services"]["web"] == {"image": "b", "restart": "always"}


def test_reset_and_override_tags_are_kept() -> None:
    doc = parse_document("a: !reset []\nb: !override {x: 1}\n", "f")
    assert doc.tags == {"a": "!reset", "b": "!override"}


def test_duplicate_keys_are_refused_where_they_are() -> None:
    with pytest.raises(InputError) as error:
        parse_document("a: 1\nb: 2\na: 3\n", "f.yml")
    assert str(error.value) == "f.yml:3:1: duplicate key 'a'"


def test_syntax_errors_are_located() -> None:
    with pytest.raises(InputError) as error:
        parse_document("a:\n\t- b\n", "f.yml")
    assert str(error.value).startswith("f.yml:2:1: invalid YAML")


def test_empty_file_is_an_error() -> None:
    with pytest.raises(InputError, match="empty file"):
        parse_document("# nothing\n", "f")


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(10)) + "]")
    with pytest.raises(InputError, match="alias bomb"):
        parse_document("\n".join(lines) + "\n", "bomb.yml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InputError, match="nesting"):
        parse_document("a: " + "[" * 1000 + "]" * 1000 + "\n", "deep.yml")


def test_several_documents() -> None:
    docs = list(parse_documents("a: 1\n---\nb: 2\n", "m.yml"))
    assert [d for d, _ in docs] == [{"a": 1}, {"b": 2}]
    assert docs[1][1] == Loc("m.yml", 3, 1)


@given(st.dictionaries(st.text(alphabet="abcdefgh_", min_size=1, max_size=8),
                       st.integers(min_value=-10**9, max_value=10**9), max_size=8))
def test_integers_round_trip(data: dict[str, int]) -> None:
    text = "".join(f"{k}: {v}\n" for k, v in data.items()) or "{}\n"
    assert parse_document(text, "p") == data


@pytest.mark.parametrize("text", ["._", "+._", "-._"])
def test_numeric_looking_strings_stay_strings(text: str) -> None:
    assert parse_document(f"k: {text}\n", "f")["k"] == text
