"""Our YAML emitter: whatever it writes reads back as the same data, in YAML 1.1 and 1.2."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from orchconv.source.yamlout import dump_yaml
from orchconv.source.yamltree import parse_document

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=True),
    st.text(),
    st.sampled_from(["yes", "no", "on", "off", "y", "n", "~", "null", "0o17", "0x1f", "1_000",
                     "1:20", "2001-12-14", ".inf", "- x", "a: b", "#c", "x #c", "*a", "&a",
                     "!t", "|", ">", "'q'", '"q"', "%x", "@x", "`x`", "1e3", "+1", ".5"]),
)
keys = st.one_of(st.text(min_size=1), st.sampled_from(["yes", "1", "null", "a b", "-k"]))
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=20,
)


def _keyed(data: Any) -> Any:
    return data if isinstance(data, (dict, list)) else {"value": data}


@settings(max_examples=300)
@given(documents)
def test_round_trip_yaml_1_1(data: Any) -> None:
    document = _keyed(data)
    assert yaml.safe_load(dump_yaml(document)) == document


@settings(max_examples=300)
@given(st.dictionaries(keys, documents, min_size=1, max_size=4))
def test_round_trip_yaml_1_2(document: dict[str, Any]) -> None:
    assert parse_document(dump_yaml(document), "x") == document


def test_go_style_layout() -> None:
    text = dump_yaml({"services": {"web": {"ports": [{"target": 80, "published": "8080"}]}}})
    assert text == (
        "services:\n  web:\n    ports:\n      - target: 80\n        published: \"8080\"\n"
    )
