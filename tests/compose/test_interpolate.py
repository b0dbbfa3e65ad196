"""Interpolation and type casting, checked against compose-go's and docker/cli's
documented behaviour (their template and loader tests)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of, parse_document
from orchconv.translate.compose.interpolate import (
    MAX_NESTING,
    InvalidTemplate,
    MissingRequired,
    interpolate_text,
    interpolate_tree,
    substitute,
)
from orchconv.translate.compose.typecast import (
    cast_in_place,
    cast_kind_for,
    format_path,
)

ENV = {"FOO": "first", "BAR": "", "JSON": '{"json":2}'}


def lookup(name: str) -> str | None:
    return ENV.get(name)


# -- compose dialect -----------------------------------------------------------

@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("foo", "foo"),
        ("$${foo}", "${foo}"),
        ("$$FOO", "$FOO"),
        ("$$$FOO", "$first"),
        # a "$" that starts nothing stays as written
        ("a $ string", "a $ string"),
        ("^REGEX$", "^REGEX$"),
        ("$}", "$}"),
        ("$", "$"),
        ("$1abc", "$1abc"),
        ("$é", "$é"),
        # unbraced names end at the first non-name character
        ("$FOO-bar", "first-bar"),
        ("$FOO:-bar", "first:-bar"),
        ("This $FOO var", "This first var"),
        ("This ${FOO} var", "This first var"),
        ("This ${missing} var", "This  var"),
        ("This ${BAR} var", "This  var"),
        ("${foo}", ""),  # names are case-sensitive
    ],
)
def test_plain_substitution(template: str, expected: str) -> None:
    assert substitute(template, lookup) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # :- falls back when unset or empty, - only when unset
        ("ok ${missing:-def}", "ok def"),
        ("ok ${missing-def}", "ok def"),
        ("ok ${BAR:-def}", "ok def"),
        ("ok ${BAR-def}", "ok "),
        ("ok ${FOO:-def}", "ok first"),
        ("ok ${FOO-def}", "ok first"),
        # :+ replaces when set and non-empty, + when set
        ("ok ${UNSET_VAR:+presence}", "ok "),
        ("ok ${UNSET_VAR+presence}", "ok "),
        ("ok ${FOO:+presence}", "ok presence"),
        ("ok ${FOO+presence}", "ok presence"),
        ("ok ${BAR+presence}", "ok presence"),
        ("ok ${BAR:+presence}", "ok "),
        # ? and :? pass values through when satisfied
        ("ok ${FOO:?err}", "ok first"),
        ("ok ${FOO?err}", "ok first"),
        ("ok ${BAR?err}", "ok "),
        # the operand is literal text apart from its own interpolation
        ("ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric"),
        ("${UNSET_VAR-myerror?msg}", "myerror?msg"),
        ("${FOO?bar-baz}", "first"),
        ("${A:-x}}", "x}"),
        ('ok ${missing:-{"json":1}}', 'ok {"json":1}'),
        ('ok ${JSON-{"json":1}}', 'ok {"json":2}'),
        # text around an expression does not change its meaning
        ("-ok ${BAR:-defaultValue}", "-ok defaultValue"),
        (":-ok ${UNSET-defaultValue}", ":-ok defaultValue"),
        (":?ok ${BAR-defaultValue}", ":?ok "),
        ("?ok ${BAR:-defaultValue}", "?ok defaultValue"),
        ("ok ${SUBDOMAIN:-redis}.${FOO:?}", "ok redis.first"),
        ("${UNSET:-a} ${FOO} ${UNSET:-b}", "a first b"),
    ],
)
def test_operators(template: str, expected: str) -> None:
    assert substitute(template, lookup) == expected


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("ok ${UNSET_VAR-$FOO}", "ok first"),
        ("ok ${UNSET_VAR-${FOO}}", "ok first"),
        ("ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first"),
        ("ok ${BAR:-${FOO}}", "ok first"),
        ("ok ${BAR+$FOO ${FOO:+second}}", "ok first second"),
        ("+ok ${UNSET:-${BAR-defaultValue}}", "+ok "),
        ("${A:-${B:-x}}", "x"),
        ("${A:-${B:-${FOO}}}", "first"),
        ("${A:-$$}", "$"),
        ("${FOO:+${BAR:-y}}", "y"),
    ],
)
def test_nested_operands(template: str, expected: str) -> None:
    assert substitute(template, lookup) == expected


def test_operand_is_evaluated_even_when_unused() -> None:
    # compose-go v2.6.0 (template.withDefaultWhenAbsence & co.) substitutes the
    # operand before looking at the variable; docker compose v2.35.1 agrees.
    with pytest.raises(MissingRequired):
        substitute("${FOO:-${UNSET:?never}}", lookup)
    with pytest.raises(MissingRequired):
        substitute("${UNSET:+${NOPE:?never}}", lookup)
    with pytest.raises(MissingRequired):
        substitute("${UNSET:-${NOPE:?used}}", lookup)
    assert substitute("${FOO:-${UNSET:-unused}}", lookup) == "first"


@pytest.mark.parametrize(
    "template",
    ["${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${VAR", "${VAR:-x", "${1}",
     "${A.B}", "${VAR:x}", "ok ${A:-x\ny}"],
)
def test_invalid_syntax(template: str) -> None:
    with pytest.raises(InvalidTemplate):
        substitute(template, lookup)
    with pytest.raises(InputError, match=r"^invalid interpolation format: bad substitution"):
        interpolate_text(template, lookup)


def test_invalid_syntax_reports_the_position_not_the_value() -> None:
    with pytest.raises(InputError) as caught:
        interpolate_text("s3cr3t-${ x}", lookup, loc=Loc("c.yaml", 3, 9), path="services.a.image")
    message = str(caught.value)
    assert message.startswith("c.yaml:3:9: invalid interpolation format for services.a.image:")
    assert "character 8" in message
    assert "s3cr3t" not in message
    assert caught.value.loc == Loc("c.yaml", 3, 9)


def test_position_inside_a_nested_operand() -> None:
    with pytest.raises(InvalidTemplate) as caught:
        substitute("ab${UNSET:-${ }}", lookup)
    assert caught.value.position == 12


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("not ok ${UNSET_VAR:?Mandatory Variable Unset}",
         "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"),
        ("not ok ${BAR:?Mandatory Variable Empty}",
         "required variable BAR is missing a value: Mandatory Variable Empty"),
        ("not ok ${UNSET_VAR:?}", "required variable UNSET_VAR is missing a value"),
        ("not ok ${UNSET_VAR?Mandatory Variable Unset}",
         "required variable UNSET_VAR is missing a value: Mandatory Variable Unset"),
        ("not ok ${UNSET_VAR?}", "required variable UNSET_VAR is missing a value"),
        ("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}",
         "required variable UNSET_VAR is missing a value: Mandatory Variable first"),
        ("${UNSET_VAR?bar-baz}", "required variable UNSET_VAR is missing a value: bar-baz"),
    ],
)
def test_required_variables(template: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        interpolate_text(template, lookup, loc=Loc("f.yaml", 2, 5))
    assert caught.value.message == message
    assert caught.value.loc == Loc("f.yaml", 2, 5)


def test_required_error_names_the_path() -> None:
    with pytest.raises(InputError, match=r"^error while interpolating services\.web\.image: "
                                         r"required variable TAG is missing a value: set TAG$"):
        interpolate_text("app:${TAG:?set TAG}", lookup, path="services.web.image")


def test_nesting_limit() -> None:
    deep = "${A:-" * (MAX_NESTING + 2) + "x" + "}" * (MAX_NESTING + 2)
    with pytest.raises(InputError, match="nesting deeper"):
        interpolate_text(deep, lookup)
    shallow = "${A:-" * 10 + "x" + "}" * 10
    assert substitute(shallow, lookup) == "x"


def test_on_unset_is_told_about_plain_references_only() -> None:
    unset: list[str] = []
    substitute("$NOPE ${NADA} ${DEFAULTED:-x} ${FOO}", lookup, on_unset=unset.append)
    assert unset == ["NOPE", "NADA"]


# -- stack dialect (docker/cli) -------------------------------------------------

@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("$${foo}", "${foo}"),
        ("This ${missing} var", "This  var"),
        ("This $FOO var", "This first var"),
        ("ok ${missing:-def}", "ok def"),
        ("ok ${BAR-def}", "ok "),
        ("ok ${BAR:-/non:-alphanumeric}", "ok /non:-alphanumeric"),
        ("ok ${FOO?err}", "ok first"),
        # operators also work without braces, and run to the next "}"
        ("$FOO-bar", "first"),
        ("$UNSET-bar baz", "bar baz"),
        ("$BAR:-x}", "x}"),
        # no nesting: the operand stops at the first "}"
        ("${UNSET:-${FOO}}", "${FOO}"),
        # operators are tried as ":-", "-", ":?", "?" on the raw text
        ("${A?err-x}", "x"),
        # an error followed by a valid expression is forgotten, as docker/cli does
        ("${UNSET:?e} $FOO", " first"),
        ("${ }${FOO}", "{ }first"),
    ],
)
def test_stack_dialect(template: str, expected: str) -> None:
    assert substitute(template, lookup, dialect="stack") == expected


@pytest.mark.parametrize(
    "template",
    ["${", "$}", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "a $ string", "$",
     "${A:+x}", "${A+x}", "$FOO ${UNSET:?e}"],
)
def test_stack_dialect_errors(template: str) -> None:
    with pytest.raises(InputError):
        interpolate_text(template, lookup, dialect="stack")


def test_stack_required_message() -> None:
    with pytest.raises(InputError, match=r"required variable X is missing a value: need x$"):
        interpolate_text("${X:?need x}", lookup, dialect="stack")


# -- properties ---------------------------------------------------------------

DIALECTS = st.sampled_from(["compose", "stack"])


@given(st.text().filter(lambda t: "$" not in t), DIALECTS)
def test_text_without_dollar_is_unchanged(text: str, dialect: Any) -> None:
    assert substitute(text, lookup, dialect=dialect) == text


@given(st.text(), DIALECTS)
def test_doubled_dollars_round_trip(text: str, dialect: Any) -> None:
    assert substitute(text.replace("$", "$$"), lookup, dialect=dialect) == text


@given(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True),
    st.text(),
    st.text(st.characters(blacklist_characters="\n}")),
)
def test_default_applies_exactly_when_unset_or_empty(name: str, value: str, default: str) -> None:
    template = f"${{{name}:-{default.replace('$', '$$')}}}"
    for env in ({}, {name: ""}, {name: value}):
        assert substitute(template, env.get) == (env.get(name) or default)


# -- trees --------------------------------------------------------------------

COMPOSE = """\
services:
  web:
    image: "nginx:${TAG:-latest}"
    ${NOT_A_KEY}: keep
    command: [echo, "$$HOME", "${FOO}"]
    deploy:
      replicas: ${N}
x-count: !reset ${N}
"""


def test_tree_interpolates_values_not_keys_and_keeps_locations() -> None:
    document = parse_document(COMPOSE, "c.yaml")
    result = interpolate_tree(document, {"N": "3", "FOO": "bar"}.get)
    assert isinstance(result, YMap)
    web = result["services"]["web"]
    assert web["image"] == "nginx:latest"
    assert web["${NOT_A_KEY}"] == "keep"
    command = web["command"]
    assert isinstance(command, YSeq)
    assert list(command) == ["echo", "$HOME", "bar"]
    assert command.item_locs == document["services"]["web"]["command"].item_locs
    assert web.val_locs["image"] == Loc("c.yaml", 3, 12)
    assert web.key_locs["deploy"] == Loc("c.yaml", 6, 5)
    assert result.tags == {"x-count": "!reset"}
    assert result["x-count"] == "3"
    # the input is not modified
    assert document["services"]["web"]["image"] == "nginx:${TAG:-latest}"


def test_tree_error_points_at_the_scalar() -> None:
    document = parse_document("services:\n  web:\n    image: ${TAG:?no tag}\n", "c.yaml")
    with pytest.raises(InputError) as caught:
        interpolate_tree(document, lookup)
    assert str(caught.value) == (
        "c.yaml:3:12: error while interpolating services.web.image:"
        " required variable TAG is missing a value: no tag"
    )


def test_tree_error_path_has_list_indexes() -> None:
    document = parse_document("services:\n  web:\n    ports:\n      - a\n      - ${\n", "c.yaml")
    with pytest.raises(InputError, match=r"^c\.yaml:5:9: invalid interpolation format for "
                                         r"services\.web\.ports\[1\]"):
        interpolate_tree(document, lookup)


def test_tree_accepts_plain_containers() -> None:
    tree = {"a": ["$FOO", 3, None, True, {"b": "${BAR:-x}"}], 7: "${FOO}"}
    assert interpolate_tree(tree, lookup) == {"a": ["first", 3, None, True, {"b": "x"}],
                                              7: "first"}


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text().filter(lambda t: "$" not in t),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
))
def test_tree_without_dollars_is_unchanged(tree: Any) -> None:
    assert interpolate_tree(tree, lookup) == tree


# -- type casts ---------------------------------------------------------------

def test_compose_casts_every_string_at_typed_paths() -> None:
    tree = {
        "services": {"web": {
            "deploy": {"replicas": "3", "update_config": {"max_failure_ratio": "0.5"}},
            "cpus": "1.5",
            "privileged": "TRUE",
            "read_only": "false",
            "ports": [{"target": "80", "published": "8080"}],
            "ulimits": {"nproc": "65535", "nofile": {"soft": "1024", "hard": "2048"}},
            "healthcheck": {"retries": "4", "disable": "true"},
            "volumes": [{"type": "volume", "read_only": "true", "volume": {"nocopy": "true"}}],
            "secrets": [{"source": "s", "mode": "0440"}],
            "depends_on": {"db": {"condition": "service_started", "required": "false"}},
            "image": "3",
        }},
        "networks": {"front": {"external": "true", "enable_ipv6": "false"}},
        "volumes": {"data": {"external": "false"}},
    }
    cast = cast_in_place(tree)
    web = cast["services"]["web"]
    assert web["deploy"] == {"replicas": 3, "update_config": {"max_failure_ratio": 0.5}}
    assert web["cpus"] == 1.5
    assert web["privileged"] is True
    assert web["read_only"] is False
    # compose-go keeps published a string: it may be a range
    assert web["ports"] == [{"target": 80, "published": "8080"}]
    assert web["ulimits"] == {"nproc": 65535, "nofile": {"soft": 1024, "hard": 2048}}
    assert web["healthcheck"] == {"retries": 4, "disable": True}
    assert web["volumes"][0]["read_only"] is True
    assert web["volumes"][0]["volume"] == {"nocopy": True}
    assert web["secrets"] == [{"source": "s", "mode": "0440"}]  # octal string, not cast
    assert web["depends_on"]["db"]["required"] is False
    assert web["image"] == "3"
    assert cast["networks"] == {"front": {"external": True, "enable_ipv6": False}}
    assert cast["volumes"] == {"data": {"external": False}}


def test_stack_casts_only_what_interpolation_changed() -> None:
    tree = {"services": {"web": {
        "deploy": {"replicas": "2"},
        "ports": [{"target": "${P}", "published": "${P}"}],
        "secrets": [{"source": "s", "mode": "${MODE}"}],
        "privileged": "${ON}",
    }}}
    result = interpolate_tree(tree, {"P": "80", "MODE": "292", "ON": "on"}.get,
                              dialect="stack", cast=True)
    web = result["services"]["web"]
    assert web["deploy"] == {"replicas": "2"}  # unchanged text is not cast
    assert web["ports"] == [{"target": 80, "published": 80}]
    assert web["secrets"] == [{"source": "s", "mode": 292}]
    assert web["privileged"] is True


def test_compose_interpolate_tree_can_cast_in_the_same_walk() -> None:
    tree = {"services": {"web": {"deploy": {"replicas": "2"}, "tty": "${T}"}}}
    result = interpolate_tree(tree, {"T": "false"}.get, cast=True)
    assert result == {"services": {"web": {"deploy": {"replicas": 2}, "tty": False}}}


def test_yaml11_booleans_warn_in_compose_only() -> None:
    warnings: list[tuple[str, Loc | None]] = []
    document = parse_document("services:\n  web:\n    tty: 'yes'\n    init: Off\n", "c.yaml")
    cast = cast_in_place(document, warn=lambda m, loc: warnings.append((m, loc)))
    assert cast["services"]["web"]["tty"] is True
    assert cast["services"]["web"]["init"] is False
    assert sorted(warnings, key=lambda w: str(w[1])) == [  # typed paths come in table order
        ("services.web.tty: 'yes' for boolean is not supported by YAML 1.2, please use true",
         Loc("c.yaml", 3, 10)),
        ("services.web.init: 'Off' for boolean is not supported by YAML 1.2, please use false",
         Loc("c.yaml", 4, 11)),
    ]
    quiet: list[tuple[str, Loc | None]] = []
    document = parse_document("services:\n  web:\n    tty: 'yes'\n    init: Off\n", "c.yaml")
    stack = cast_in_place(document, dialect="stack", warn=lambda m, loc: quiet.append((m, loc)))
    assert stack["services"]["web"]["tty"] is True
    assert quiet == []


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("deploy.replicas", "three", "services.web.deploy.replicas must be an integer"),
        ("deploy.replicas", "2.0", "services.web.deploy.replicas must be an integer"),
        ("deploy.replicas", " 2", "services.web.deploy.replicas must be an integer"),
        ("privileged", "maybe", "services.web.privileged must be a boolean (true or false)"),
        ("cpus", "lots", "services.web.cpus must be a number"),
        ("cpus", "1e39", "services.web.cpus must be a number"),  # beyond float32
    ],
)
def test_cast_errors_are_located(path: str, value: str, message: str) -> None:
    head, _, tail = path.rpartition(".")
    text = f"services:\n  web:\n    {head + ': {' if head else ''}{tail}: '{value}'"
    text += "}\n" if head else "\n"
    document = parse_document(text, "c.yaml")
    with pytest.raises(InputError) as caught:
        cast_in_place(document)
    assert caught.value.message == message
    assert caught.value.loc is not None and caught.value.loc.line == 3
    assert value.strip() not in caught.value.message


def test_cast_kinds() -> None:
    assert cast_kind_for(("services", "web", "ports", 0, "target")) == "int"
    assert cast_kind_for(("services", "web", "ports", "x", "target")) is None
    assert cast_kind_for(("services", "web", "ports", 0, "published")) is None
    assert cast_kind_for(("services", "web", "ports", 0, "published"), "stack") == "int"
    assert cast_kind_for(("services", "web", "cpus")) == "float32"
    assert cast_kind_for(("services", "web", "cpus"), "stack") is None
    assert cast_kind_for(("networks", "n", "enable_ipv4")) == "bool"
    assert cast_kind_for(("x-networks", "n", "external")) is None


def test_format_path() -> None:
    assert format_path(("services", "web", "ports", 0, "target")) == "services.web.ports[0].target"
    assert format_path(()) == ""


def test_cast_in_place_edits_the_located_tree_itself() -> None:
    text = (
        "services:\n  web:\n    image: x\n    privileged: 'true'\n    deploy:\n"
        "      replicas: '3'\n      resources: {limits: {cpus: '0.5'}}\n    ports:\n"
        "      - {target: '80', published: '8080'}\n    ulimits:\n      nproc: '10'\n"
        "      nofile: {soft: '1', hard: '2'}\n    depends_on:\n      db: {required: 'false'}\n"
        "networks:\n  n: {external: 'true'}\n"
    )
    document = parse_document(text, "c")
    assert cast_in_place(document) is document
    web = document["services"]["web"]
    assert web["image"] == "x" and web["privileged"] is True
    # deploy's limits.cpus is not a typed path: it stays as written
    assert web["deploy"] == {"replicas": 3, "resources": {"limits": {"cpus": "0.5"}}}
    assert web["ports"] == [{"target": 80, "published": "8080"}]
    assert web["ulimits"] == {"nproc": 10, "nofile": {"soft": 1, "hard": 2}}
    assert web["depends_on"] == {"db": {"required": False}}
    assert document["networks"] == {"n": {"external": True}}
    assert loc_of(web, "privileged") == Loc("c", 4, 17)  # positions survive the cast
