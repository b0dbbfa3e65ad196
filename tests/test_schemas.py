"""orchconv's JSON Schemas: generated files, Compose and stack facts, problem reports."""

from __future__ import annotations

import copy
import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchconv.schemas import (
    SchemaProblem,
    fast_validator_code,
    schema,
    schema_text,
    stack_versions,
    validate,
)
from orchconv.source.yamltree import parse_document

REPO = Path(__file__).resolve().parent.parent
ALL_STACKS = [f"stack-{v}" for v in stack_versions()]

WORDPRESS = """\
version: '3'
services:
   mysql:
     image: mysql:5.7
     volumes:
       - mysql_data:/var/lib/mysql
     restart: always
     environment:
       MYSQL_ROOT_PASSWORD: root
   wordpress:
     depends_on:
       - mysql
     image: wordpress:php7.4
     deploy:
       mode: replicated
       replicas: 2
     ports:
       - "8080:80"
     restart: always
volumes:
    mysql_data: {}
"""


def load(text: str) -> Any:
    return parse_document(text, "compose.yaml")


def web(**service: Any) -> dict[str, Any]:
    """A compose document with one service `web` (an image plus the given keys)."""
    return {"services": {"web": {"image": "nginx", **service}}}


def paths(problems: list[SchemaProblem]) -> list[tuple[str | int, ...]]:
    return [p.path for p in problems]


# --- the generated files ----------------------------------------------------


def test_generated_files_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_schemas.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_schema_is_a_valid_draft_07_schema() -> None:
    for name in ["compose", *ALL_STACKS]:
        loaded = schema(name)
        assert loaded["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(loaded)


def test_stack_versions_are_the_docker_cli_3x_series() -> None:
    assert stack_versions() == [f"3.{minor}" for minor in range(14)]


def test_schema_returns_a_fresh_copy_and_text_is_the_file() -> None:
    first = schema("compose")
    first["properties"].clear()
    assert schema("compose")["properties"]
    assert schema_text("stack-3.8").endswith("}\n")


def test_fast_code_has_a_validate_entry_even_for_schemas_with_an_id() -> None:
    # fastjsonschema names its entry function after `$id` (lint-config has one)
    namespace: dict[str, Any] = {}
    exec(fast_validator_code({"$id": "https://example.org/s.json", "type": "object"}), namespace)
    namespace["validate"]({})
    with pytest.raises(fastjsonschema.JsonSchemaException):
        namespace["validate"]([])


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown schema 'stack-2\.4'; known: compose, "):
        schema("stack-2.4")


def test_importing_stays_cheap() -> None:
    code = (
        "import sys, orchconv.schemas; "
        "print(sorted({'jsonschema', 'fastjsonschema'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- Compose ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["compose", *ALL_STACKS])
def test_wordpress_example_is_valid(name: str) -> None:
    assert validate(load(WORDPRESS), name) == []


def test_compose_has_the_current_service_keys() -> None:
    keys = set(schema("compose")["definitions"]["service"]["properties"])
    newer = {"develop", "models", "provider", "post_start", "pre_stop", "use_api_socket", "gpus",
             "label_file", "pull_refresh_after", "annotations", "attach", "cgroup"}
    assert newer <= keys
    assert len(keys) == 92


def test_compose_top_level_sections() -> None:
    top = set(schema("compose")["properties"])
    assert top == {"version", "name", "include", "services", "networks", "volumes", "secrets",
                   "configs", "models"}


def test_compose_short_and_long_syntax() -> None:
    document = load("""
name: shop
include:
  - ../common/compose.yaml
  - path: [a.yaml, b.yaml]
    env_file: .env
services:
  web:
    image: nginx
    ports:
      - 80
      - "8080:80"
      - "127.0.0.1:9000-9001:9000-9001/udp"
      - target: 80
        published: "8081"
        host_ip: 0.0.0.0
        protocol: tcp
        app_protocol: http
        mode: ingress
        x-note: long form
    volumes:
      - ./static:/usr/share/nginx/html:ro
      - data:/data
      - type: bind
        source: ./conf
        target: /etc/nginx/conf.d
        read_only: true
        bind: {create_host_path: true, selinux: z}
      - type: tmpfs
        target: /cache
        tmpfs: {size: 10000, mode: 1777}
      - type: image
        source: alpine
        target: /img
        image: {subpath: etc}
    depends_on:
      db: {condition: service_healthy, restart: true, required: false}
    environment: [DEBUG=1, TOKEN]
    networks:
      front: {aliases: [shop], priority: 10}
      back:
    x-owner: team-a
  db:
    image: postgres
    healthcheck:
      test: [CMD, pg_isready]
      start_interval: 1s
    develop:
      watch:
        - {path: ./src, action: sync+restart, target: /app}
    gpus: all
    provider: {type: model, options: {model: ai/smollm2, tags: [a, b]}}
    post_start:
      - command: [echo, started]
    use_api_socket: true
    label_file: ./labels.env
    pull_policy: every_12h
    pull_refresh_after: 24h
networks:
  front: {driver: bridge, x-extra: 1}
  back: {external: true}
volumes:
  data:
secrets:
  token: {environment: TOKEN}
configs:
  site: {content: "hello", x-kind: inline}
models:
  llm: {model: ai/smollm2, context_size: 4096}
x-defaults: &defaults {restart: always}
""")
    assert validate(document, "compose") == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        # compose-go validates after interpolation and before casting: "${X}" becomes a string
        ("cpus", "0.5"),
        ("init", "true"),
        ("privileged", "${PRIV}"),
        ("mem_limit", "1g"),
        ("scale", "2"),
        ("oom_score_adj", "-500"),
        ("deploy", {"replicas": "3", "resources": {"limits": {"cpus": "1", "pids": "100"}}}),
        ("healthcheck", {"retries": "3", "disable": "false"}),
        ("ulimits", {"nofile": {"soft": "1024", "hard": "2048"}}),
        ("ports", [{"target": "80", "published": "8080"}]),
        ("volumes", [{"type": "volume", "source": "v", "target": "/v", "read_only": "true"}]),
    ],
)
def test_compose_accepts_interpolated_strings(key: str, value: Any) -> None:
    assert validate(web(**{key: value}), "compose") == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("use_api_socket", "true"),  # boolean only in compose-go
        ("depends_on", {"db": {"condition": "service_started", "required": "yes"}}),
        ("cpu_percent", 101),
        ("cgroup", "shared"),
    ],
)
def test_compose_refuses_what_compose_go_refuses(key: str, value: Any) -> None:
    assert validate(web(**{key: value}), "compose") != []


def test_unknown_service_key_is_reported_on_the_key() -> None:
    problems = validate(web(imgae="nginx"), "compose")
    assert problems == [
        SchemaProblem(("services", "web", "imgae"), "additional property 'imgae' is not allowed")
    ]


def test_wrong_type_is_reported_at_the_value() -> None:
    problems = validate({"services": {"web": {"image": 3}}}, "compose")
    assert [str(p) for p in problems] == ["services.web.image: 3 is not of type 'string'"]


def test_bad_port_is_reported_at_the_item() -> None:
    problems = validate(web(ports=["80:80", 8080.5, True]), "compose")
    assert [str(p) for p in problems] == [
        "services.web.ports[1]: 8080.5 is not of type 'integer', 'string', 'object'",
        "services.web.ports[2]: True is not of type 'integer', 'string', 'object'",
    ]


def test_long_port_with_a_typo_points_at_the_typo() -> None:
    problems = validate(web(ports=[{"target": 80, "publshed": 8080}]), "compose")
    assert paths(problems) == [("services", "web", "ports", 0, "publshed")]


def test_a_fitting_alternative_is_explained_instead_of_listing_types() -> None:
    problems = validate(web(depends_on={"db": {"condition": "service_ready"}}), "compose")
    assert [str(p) for p in problems] == [
        "services.web.depends_on.db.condition: 'service_ready' is not one of "
        "'service_started', 'service_healthy', 'service_completed_successfully'"
    ]


def test_bad_names_and_top_level_keys() -> None:
    document = {"services": {"bad name": {"image": "x"}}, "service": {}}
    assert [str(p) for p in validate(document, "compose")] == [
        "service: additional property 'service' is not allowed",
        "services.bad name: 'bad name' is not a valid name (use letters, digits, '.', '_' and '-')",
    ]


def test_problems_are_sorted_by_path_with_numeric_indexes() -> None:
    ports: list[Any] = [str(8000 + i) for i in range(12)]
    ports[2], ports[10] = None, False
    problems = validate({"services": {"b": {"ports": ports}, "a": {"image": 1}}}, "compose")
    assert paths(problems) == [
        ("services", "a", "image"),
        ("services", "b", "ports", 2),
        ("services", "b", "ports", 10),
    ]


def test_values_that_may_be_secrets_are_never_quoted() -> None:
    document = web(environment={"DB_PASSWORD": ["hunter2"]})
    document["services"]["web"]["build"] = {"context": ".", "args": "TOKEN=hunter2"}
    problems = validate(document, "compose")
    assert len(problems) == 2
    assert all("hunter2" not in str(p) for p in problems)


def test_non_string_keys_are_reported() -> None:
    assert [str(p) for p in validate({"services": {1: {}}}, "compose")] == [
        "services.1: key 1 must be a string"
    ]


def test_validation_does_not_change_the_document() -> None:
    document = load(WORDPRESS)
    document["services"]["wordpress"]["image"] = 7
    before = copy.deepcopy(document)
    validate(document, "compose")
    validate(document, "stack-3.13")
    assert document == before


# --- docker/cli stack files -----------------------------------------------------


def stack(version: str, **top: Any) -> dict[str, Any]:
    return {"version": version, "services": {"web": {"image": "nginx"}}, **top}


def test_configs_arrived_in_3_3() -> None:
    document = stack("3.0", configs={"site": {"file": "./site.conf"}})
    document["services"]["web"]["configs"] = ["site"]
    assert [str(p) for p in validate(document, "stack-3.0")] == [
        "configs: additional property 'configs' is not allowed",
        "services.web.configs: additional property 'configs' is not allowed",
    ]
    assert validate({**document, "version": "3.3"}, "stack-3.3") == []


# key path -> first docker/cli schema version that admits it
FIRST_ADMITTED = {
    "secrets": "3.1",
    "service.secrets": "3.1",
    "service.ports.*.published": "3.2",
    "service.volumes.*.consistency": "3.2",
    "service.deploy.endpoint_mode": "3.2",
    "network.attachable": "3.2",
    "configs": "3.3",
    "service.credential_spec.registry": "3.3",
    "service.deploy.placement.preferences": "3.3",
    "service.build.target": "3.4",
    "service.healthcheck.start_period": "3.4",
    "service.deploy.update_config.order": "3.4",
    "volume.name": "3.4",
    "service.isolation": "3.5",
    "network.name": "3.5",
    "secret.name": "3.5",
    "service.deploy.resources.reservations.generic_resources": "3.5",
    "service.volumes.*.tmpfs.size": "3.6",
    "service.init": "3.7",
    "service.deploy.rollback_config": "3.7",
    "secret.template_driver": "3.7",
    "service.credential_spec.config": "3.8",
    "service.deploy.placement.max_replicas_per_node": "3.8",
    "secret.driver_opts": "3.8",
    "service.cgroupns_mode": "3.9",
    "service.build.extra_hosts": "3.9",
    "service.deploy.resources.limits.pids": "3.9",
    "volume.x-cluster-spec": "3.10",
    "service.healthcheck.start_interval": "3.12",
    "service.networks.*.driver_opts": "3.13",
    "service.oom_score_adj": "3.13",
}


def admitted_keys(name: str) -> set[str]:
    """Dotted paths of every named property the schema admits (`*`: list item or any name)."""
    loaded = schema(name)
    definitions = loaded["definitions"]

    def walk(node: Any, path: str, seen: frozenset[str]) -> Iterator[str]:
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            target = node["$ref"].rsplit("/", 1)[-1]
            if target not in seen:
                yield from walk(definitions[target], path, seen | {target})
            return
        for key, sub in node.get("properties", {}).items():
            here = f"{path}.{key}" if path else key
            yield here
            yield from walk(sub, here, seen)
        for sub in node.get("patternProperties", {}).values():
            yield from walk(sub, f"{path}.*" if path else "*", seen)
        for keyword in ("oneOf", "anyOf"):  # alternatives sit at the same place
            for sub in node.get(keyword, []):
                yield from walk(sub, path, seen)
        if "items" in node:
            yield from walk(node["items"], f"{path}.*", seen)

    found = set(walk(loaded, "", frozenset()))
    for definition in ("service", "network", "volume", "secret", "config"):
        if definition in definitions:
            found |= set(walk(definitions[definition], definition, frozenset({definition})))
    return found


@pytest.mark.parametrize(("key", "since"), sorted(FIRST_ADMITTED.items()))
def test_key_arrives_in_its_docker_cli_version(key: str, since: str) -> None:
    admitting = [v for v in stack_versions() if key in admitted_keys(f"stack-{v}")]
    assert admitting, key
    assert admitting[0] == since
    assert admitting == stack_versions()[stack_versions().index(since):]


@pytest.mark.parametrize(("older", "newer"), list(itertools.pairwise(ALL_STACKS)))
def test_each_stack_version_admits_every_key_of_the_previous(older: str, newer: str) -> None:
    assert admitted_keys(older) <= admitted_keys(newer)


def admitting(document: dict[str, Any]) -> list[str]:
    """The stack versions under which `document` (given that version) is valid."""
    return [v for v in stack_versions() if validate({"version": v, **document}, f"stack-{v}") == []]


def test_extension_keys_follow_docker_cli() -> None:
    service_ext = {"services": {"web": {"image": "nginx", "x-team": "a"}}}
    # the 3.4 file opens services to x-*, the 3.5 and 3.6 files close them again, 3.7 on opens them
    assert admitting(service_ext) == ["3.4", *stack_versions()[7:]]
    root = {"x-anchors": {"a": 1}, "services": {"web": {"image": "nginx"}}}
    assert admitting(root) == stack_versions()[4:]


def test_version_is_required_until_3_10() -> None:
    services = {"services": {"web": {"image": "nginx"}}}
    required = [v for v in stack_versions() if validate(services, f"stack-{v}") != []]
    assert required == stack_versions()[:10]
    assert validate(services, "stack-3.9") == [
        SchemaProblem((), "'version' is a required property")
    ]


def test_build_is_unchecked_from_3_11() -> None:
    document = stack("3.10")
    document["services"]["web"]["build"] = {"context": ".", "additional_contexts": {"a": "b"}}
    assert paths(validate(document, "stack-3.10")) == [
        ("services", "web", "build", "additional_contexts")
    ]
    assert validate({**document, "version": "3.11"}, "stack-3.11") == []


@pytest.mark.parametrize("value", ["10s", "1m30s", "0", "1.5h", "-2ms", "300us"])
def test_stack_durations_follow_go(value: str) -> None:
    document = stack("3.8")
    document["services"]["web"]["stop_grace_period"] = value
    assert validate(document, "stack-3.8") == []


@pytest.mark.parametrize("value", ["10", "10x", "", "1 m", "s"])
def test_stack_durations_refuse_what_go_refuses(value: str) -> None:
    document = stack("3.8")
    document["services"]["web"]["healthcheck"] = {"interval": value}
    assert [str(p) for p in validate(document, "stack-3.8")] == [
        f"services.web.healthcheck.interval: {value!r} is not a duration such as 10s or 1m30s"
    ]


def test_stack_cpus_must_be_a_string() -> None:
    document = stack("3.13")
    document["services"]["web"]["deploy"] = {"resources": {"limits": {"cpus": 0.5}}}
    assert [str(p) for p in validate(document, "stack-3.13")] == [
        "services.web.deploy.resources.limits.cpus: 0.5 is not of type 'string'"
    ]
    document["services"]["web"]["deploy"]["resources"]["limits"]["cpus"] = "0.5"
    assert validate(document, "stack-3.13") == []


def test_stack_keys_compose_added_later_are_refused() -> None:
    document = stack("3.13")
    document["services"]["web"].update(profiles=["debug"], group_add=["audio"])
    assert paths(validate(document, "stack-3.13")) == [
        ("services", "web", "group_add"),
        ("services", "web", "profiles"),
    ]


# --- the fast path agrees with jsonschema ------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.floats(-2, 2),
                    st.sampled_from(["", "80", "8080:80", "10s", "nginx", "x-y", "true"]))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["target", "published", "type", "source", "x-a", "zz"]),
                        inner, max_size=3),
    ),
    max_leaves=6,
)
service_keys = st.sampled_from(["image", "ports", "volumes", "deploy", "environment",
                                "healthcheck", "init", "cpus", "networks", "imgae", "x-e"])
documents = st.fixed_dictionaries({
    "services": st.dictionaries(st.sampled_from(["web", "db", "bad name"]),
                                st.dictionaries(service_keys, values, max_size=4), max_size=2),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from(["compose", "stack-3.0", "stack-3.8", "stack-3.13"]))
def test_fast_and_full_validation_agree(document: dict[str, Any], name: str) -> None:
    if name.startswith("stack-"):
        document = {"version": name[6:], **document}
    full_is_valid = jsonschema.Draft7Validator(schema(name)).is_valid(document)
    assert (validate(document, name) == []) == full_is_valid
