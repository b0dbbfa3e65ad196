"""The merge stage: cases from compose-spec's 13-merge.md and compose-go's override tests."""

from __future__ import annotations

import copy
import textwrap
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.errors import InputError
from orchconv.location import NOWHERE, Loc
from orchconv.source.yamltree import YMap, YSeq, parse_document
from orchconv.translate.compose.merge import (
    apply_resets,
    merge_documents,
    merge_service,
    unique_entries,
)


def load(text: str, file: str) -> YMap:
    document = parse_document(textwrap.dedent(text), file)
    assert isinstance(document, YMap)
    return document


def merge(base: str, override: str) -> YMap:
    return merge_documents(load(base, "base.yaml"), load(override, "override.yaml"))


def service(document: YMap, name: str = "app") -> Any:
    return document["services"][name]


def app(**attributes: Any) -> dict[str, Any]:
    return {"services": {"app": attributes}}


def merged_app(base: dict[str, Any], override: dict[str, Any]) -> Any:
    return service(merge_documents(app(**base), app(**override)))


# ----------------------------------------------------------- general rules


def test_mappings_add_missing_entries_and_merge_conflicting_ones() -> None:
    result = merge(
        """
        services:
          foo:
            key1: value1
            key2: value2
        """,
        """
        services:
          foo:
            key2: VALUE
            key3: value3
        """,
    )
    assert result == {"services": {"foo": {"key1": "value1", "key2": "VALUE", "key3": "value3"}}}


def test_scalars_from_the_last_file_win() -> None:
    files = [app(image="foo", scale=1), app(image="bar"), app(scale=2)]
    result = merge_documents(merge_documents(files[0], files[1]), files[2])
    assert service(result) == {"image": "bar", "scale": 2}


def test_sequences_append() -> None:
    result = merge(
        "services: {foo: {DNS: [1.1.1.1]}}",
        "services: {foo: {DNS: [8.8.8.8]}}",
    )
    assert service(result, "foo")["DNS"] == ["1.1.1.1", "8.8.8.8"]


def test_lists_without_a_unique_key_keep_repeats() -> None:
    assert merged_app({"security_opt": ["a"]}, {"security_opt": ["a"]})["security_opt"] == [
        "a", "a",
    ]


def test_a_null_override_keeps_the_base_value() -> None:
    assert merged_app({"image": "foo"}, {"image": None}) == {"image": "foo"}


def test_a_null_base_takes_the_override() -> None:
    assert merged_app({"image": None}, {"image": "foo"}) == {"image": "foo"}


def test_a_mapping_cannot_be_overridden_by_a_list() -> None:
    base = load("services: {app: {deploy: {replicas: 2}}}", "base.yaml")
    override = load("services: {app: {deploy: [x]}}", "override.yaml")
    with pytest.raises(InputError, match=r"services\.app\.deploy") as error:
        merge_documents(base, override)
    assert error.value.loc == Loc("override.yaml", 1, 26)


# ------------------------------------------------------------ replaced paths


@pytest.mark.parametrize("attribute", ["command", "entrypoint"])
def test_shell_commands_are_replaced(attribute: str) -> None:
    result = merged_app({attribute: ["echo", "foo"]}, {attribute: ["echo", "bar"]})
    assert result[attribute] == ["echo", "bar"]


def test_healthcheck_test_is_replaced_and_the_rest_merges() -> None:
    result = merged_app(
        {"healthcheck": {"test": ["CMD", "a"], "interval": "5s"}},
        {"healthcheck": {"test": ["CMD", "b"]}},
    )
    assert result["healthcheck"] == {"test": ["CMD", "b"], "interval": "5s"}


def test_a_null_command_replaces_too() -> None:
    assert merged_app({"command": ["a"]}, {"command": None}) == {"command": None}


def test_each_ulimit_is_replaced_whole() -> None:
    result = merged_app(
        {"ulimits": {"nofile": {"soft": 20000, "hard": 40000}, "nproc": 65535,
                     "locks": {"soft": 20000, "hard": 40000}}},
        {"ulimits": {"nofile": {"soft": 10000, "hard": 40000}, "nproc": {"soft": 65535},
                     "locks": {"hard": 65535}}},
    )
    assert result["ulimits"] == {
        "nofile": {"soft": 10000, "hard": 40000},
        "nproc": {"soft": 65535},
        "locks": {"hard": 65535},
    }


def test_logging_options_merge_for_the_same_driver() -> None:
    result = merged_app(
        {"logging": {"driver": "syslog", "options": {"syslog-address": "tcp://192.168.0.42:123"}}},
        {"logging": {"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}}},
    )
    assert result["logging"] == {
        "driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"},
    }


def test_logging_is_replaced_for_another_driver() -> None:
    result = merged_app(
        {"logging": {"driver": "local", "options": {"max-size": "10m"}}},
        {"logging": {"driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"}}},
    )
    assert result["logging"] == {
        "driver": "syslog", "options": {"syslog-address": "tcp://127.0.0.1:123"},
    }


def test_logging_without_a_driver_merges() -> None:
    result = merged_app(
        {"logging": {"options": {"max-size": "10m"}}},
        {"logging": {"options": {"max-file": 3}}},
    )
    assert result["logging"] == {"options": {"max-size": "10m", "max-file": 3}}


# ----------------------------------------------------- list-or-mapping attributes


def test_environment_mappings_merge_key_by_key() -> None:
    result = merged_app(
        {"environment": {"FOO": "1", "BAR": "2"}},
        {"environment": {"FOO": "3", "UNSET": None}},
    )
    assert result["environment"] == {"FOO": "3", "BAR": "2", "UNSET": None}


def test_environment_list_and_mapping_merge_by_key() -> None:
    result = merged_app(
        {"environment": ["FOO=1", "BAR=2", "PASS"]},
        {"environment": {"FOO": "3", "PASS": "x", "NEW": None}},
    )
    # the mapping becomes sorted KEY=VALUE lines; the later line of a key wins in place
    assert result["environment"] == ["FOO=3", "BAR=2", "PASS=x", "NEW"]


def test_key_value_lines_print_scalars_as_go_does() -> None:
    result = merged_app(
        {"environment": ["A=x"]},
        {"environment": {"B": True, "C": 1.0, "D": 2.5, "E": 1000000.0, "F": 7, "G": -0.0}},
    )
    # -0.0 prints "-0" as in docker compose config (the merge stage used to print "0")
    assert result["environment"] == [
        "A=x", "B=true", "C=1", "D=2.5", "E=1e+06", "F=7", "G=-0"]


def test_labels_de_duplicate_by_key() -> None:
    result = merged_app({"labels": ["a=1", "b=2"]}, {"labels": ["a=3"]})
    assert result["labels"] == ["a=3", "b=2"]


def test_build_args_mapping_and_list_mix() -> None:
    # compose-go Test_mergeYamlArgsMixed
    result = merged_app(
        {"build": {"context": ".", "args": {"FOO": "BAR"},
                   "additional_contexts": ["resources=/path/to/resources",
                                           "app=docker-image://my-app:latest"],
                   "platforms": "linux/amd64", "tags": ["myimage:mytag"]}},
        {"build": {"args": ["QIX=ZOT"],
                   "additional_contexts": {"app": "docker-image://new-app:latest",
                                           "source": "https://github.com/myuser/project.git"},
                   "tags": ["registry/username/myrepos:my-other-tag"]}},
    )
    assert result["build"] == {
        "context": ".",
        "args": ["FOO=BAR", "QIX=ZOT"],
        "additional_contexts": ["resources=/path/to/resources",
                                "app=docker-image://new-app:latest",
                                "source=https://github.com/myuser/project.git"],
        "platforms": "linux/amd64",
        "tags": ["myimage:mytag", "registry/username/myrepos:my-other-tag"],
    }


def test_build_string_is_a_context() -> None:
    result = merged_app({"build": "."}, {"build": {"dockerfile": "Other.Dockerfile"}})
    assert result["build"] == {"context": ".", "dockerfile": "Other.Dockerfile"}


def test_dns_string_and_list_append_without_repeats() -> None:
    result = merged_app({"dns": "8.8.8.8"}, {"dns": ["1.1.1.1", "8.8.8.8"]})
    assert result["dns"] == ["8.8.8.8", "1.1.1.1"]


def test_tmpfs_string_and_list_append() -> None:
    assert merged_app({"tmpfs": "/run"}, {"tmpfs": ["/tmp"]})["tmpfs"] == ["/run", "/tmp"]


def test_extra_hosts_drop_exact_repeats_but_keep_other_addresses() -> None:
    # compose-go Test_mergeYamlBuildSequence, build.extra_hosts part
    result = merged_app(
        {"extra_hosts": ["somehost=162.242.195.82", "otherhost=50.31.209.229"]},
        {"extra_hosts": {"otherhost": "50.31.209.230", "somehost": "162.242.195.82"}},
    )
    assert result["extra_hosts"] == [
        "somehost=162.242.195.82", "otherhost=50.31.209.229", "otherhost=50.31.209.230",
    ]


def test_network_lists_become_a_mapping() -> None:
    # compose-go Test_mergeYamlNetworkSequence
    result = merged_app({"networks": ["front-network", "back-network"]},
                        {"networks": ["front-network"]})
    assert result["networks"] == {"front-network": None, "back-network": None}


def test_network_list_and_mapping_merge() -> None:
    result = merged_app(
        {"networks": ["front", "network1"]},
        {"networks": {"network1": {"aliases": ["alias1"]}}},
    )
    assert result["networks"] == {"front": None, "network1": {"aliases": ["alias1"]}}


def test_network_aliases_de_duplicate() -> None:
    # compose-go Test_mergeYamlNetworksMapping
    result = merged_app(
        {"networks": {"network1": {"aliases": ["alias1", "alias2"],
                                   "link_local_ips": ["57.123.22.11", "57.123.22.13"]}}},
        {"networks": {"network1": {"aliases": ["alias3", "alias1"],
                                   "link_local_ips": ["57.123.22.12", "57.123.22.13"]}}},
    )
    assert result["networks"] == {"network1": {
        "aliases": ["alias1", "alias2", "alias3"],
        "link_local_ips": ["57.123.22.11", "57.123.22.13", "57.123.22.12"],
    }}


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ("networks", None),
        ("models", None),
        ("depends_on", {"condition": "service_started", "required": True}),
    ],
)
def test_null_override_of_a_name_list_keeps_it_as_a_mapping(
    attribute: str, expected: object
) -> None:
    # compose-go Test_mergeYamlNullOverrideOfMappingLikeAttribute
    result = merged_app({"image": "foo", attribute: ["runtime"]}, {attribute: None})
    assert result == {"image": "foo", attribute: {"runtime": expected}}
    reverse = merged_app({"image": "foo", attribute: None}, {attribute: ["runtime"]})
    assert reverse == {"image": "foo", attribute: {"runtime": expected}}


def test_depends_on_list_and_mapping_merge_with_defaults() -> None:
    result = merged_app(
        {"depends_on": ["db"]},
        {"depends_on": {"db": {"condition": "service_healthy"}, "cache": {"required": False}}},
    )
    assert result["depends_on"] == {
        "db": {"condition": "service_healthy", "required": True},
        "cache": {"required": False},
    }


# --------------------------------------------------------------- unique keys


def test_volumes_are_unique_by_target() -> None:
    result = merge(
        "services: {foo: {volumes: ['foo:/work', '/data']}}",
        "services: {foo: {volumes: ['bar:/work']}}",
    )
    assert service(result, "foo")["volumes"] == ["bar:/work", "/data"]


def test_volume_short_and_long_syntax_share_the_target() -> None:
    result = merged_app(
        {"volumes": ["./data:/data:ro", "C:\\logs:/logs"]},
        {"volumes": [{"type": "volume", "source": "data", "target": "/data"}, "D:\\x:/logs:rw"]},
    )
    assert result["volumes"] == [
        {"type": "volume", "source": "data", "target": "/data"}, "D:\\x:/logs:rw",
    ]


def test_invalid_volume_spec_is_a_located_error() -> None:
    base = load("services: {app: {volumes: ['ab::/c']}}", "base.yaml")
    with pytest.raises(InputError, match="empty section") as error:
        merge_documents(base, {})
    assert error.value.loc == Loc("base.yaml", 1, 28)


def test_ports_short_and_long_syntax_share_a_binding() -> None:
    result = merged_app(
        {"ports": ["8080:80", "127.0.0.1:8081:81", "53:53/udp", 9000]},
        {"ports": [
            {"target": 80, "published": "8080"},
            {"target": 81, "published": 8081},
            {"target": 53, "published": 53, "protocol": "udp", "host_ip": "0.0.0.0"},
            {"target": 9000},
        ]},
    )
    assert result["ports"] == [
        {"target": 80, "published": "8080"},
        "127.0.0.1:8081:81",  # another host address: another binding
        {"target": 53, "published": 53, "protocol": "udp", "host_ip": "0.0.0.0"},
        {"target": 9000},
        {"target": 81, "published": 8081},
    ]


def test_ipv6_host_addresses_in_short_ports() -> None:
    result = merged_app({"ports": ["[::1]:8080:80"]}, {"ports": [
        {"host_ip": "::1", "target": 80, "published": "8080"}]})
    assert result["ports"] == [{"host_ip": "::1", "target": 80, "published": "8080"}]


def test_expose_is_unique_across_numbers_and_strings() -> None:
    assert merged_app({"expose": [80, "90"]}, {"expose": ["80"]})["expose"] == ["80", "90"]


def test_secrets_are_unique_by_target() -> None:
    # a relative target is keyed as written (compose-go's mountIndexer), so `api` and
    # `target: api` stay two entries, as docker compose config keeps them
    result = merged_app(
        {"secrets": ["db", "api", {"source": "tls", "target": "/etc/tls"}]},
        {"secrets": [{"source": "db", "mode": 0o400}, {"source": "x", "target": "api"},
                     {"source": "other", "target": "/etc/tls"}]},
    )
    assert result["secrets"] == [
        {"source": "db", "mode": 0o400},
        "api",
        {"source": "other", "target": "/etc/tls"},
        {"source": "x", "target": "api"},
    ]


def test_configs_are_unique_by_target() -> None:
    result = merged_app(
        {"configs": ["nginx", {"source": "a", "target": "/etc/a"}]},
        {"configs": [{"source": "nginx", "target": "/nginx"}, "a"]},
    )
    assert result["configs"] == [{"source": "nginx", "target": "/nginx"},
                                 {"source": "a", "target": "/etc/a"}, "a"]


def test_env_files_are_unique_by_path() -> None:
    result = merged_app({"env_file": "a.env"},
                        {"env_file": [{"path": "a.env", "required": False}, "b.env"]})
    assert result["env_file"] == [{"path": "a.env", "required": False}, "b.env"]


def test_devices_are_unique_by_container_path() -> None:
    result = merged_app({"devices": ["/dev/sda:/dev/xvda:rwm"]},
                        {"devices": [{"source": "/dev/sdb", "target": "/dev/xvda"}]})
    assert result["devices"] == [{"source": "/dev/sdb", "target": "/dev/xvda"}]


@pytest.mark.parametrize("attribute", ["cap_add", "cap_drop", "profiles", "links"])
def test_name_lists_drop_repeats(attribute: str) -> None:
    assert merged_app({attribute: ["a", "b"]}, {attribute: ["b", "c"]})[attribute] == [
        "a", "b", "c",
    ]


def test_ipam_pools_merge_by_subnet() -> None:
    base = {"networks": {"n": {"ipam": {"config": [
        {"subnet": "10.0.0.0/24", "gateway": "10.0.0.1", "ip_range": "10.0.0.0/25"}]}}}}
    override = {"networks": {"n": {"ipam": {"config": [
        {"subnet": "10.0.0.0/24", "gateway": "10.0.0.254"}, {"subnet": "10.1.0.0/24"}]}}}}
    result = merge_documents(base, override)
    assert result["networks"]["n"]["ipam"]["config"] == [
        {"subnet": "10.0.0.0/24", "gateway": "10.0.0.254", "ip_range": "10.0.0.0/25"},
        {"subnet": "10.1.0.0/24"},
    ]


def test_a_lone_document_is_de_duplicated_too() -> None:
    document = app(environment=["A=1", "B=2", "A=3"], volumes=["xx:/d", "yy:/d"])
    assert service(unique_entries(document)) == {
        "environment": ["A=3", "B=2"], "volumes": ["yy:/d"],
    }


def test_a_one_letter_volume_source_reads_as_a_drive_as_in_compose_go() -> None:
    document = app(volumes=["x:/d", "yy:/d", "C:\\d:/d"])
    assert service(unique_entries(document)) == {"volumes": ["x:/d", "C:\\d:/d"]}


# ----------------------------------------------------------- !reset / !override


def test_reset_on_a_list_and_on_a_mapping_key() -> None:
    # compose-spec 13-merge.md, "Reset value"
    result = merge(
        """
        services:
          app:
            image: myapp
            ports:
              - "8080:80"
            environment:
              FOO: BAR
        """,
        """
        services:
          app:
            image: myapp
            ports: !reset []
            environment:
              FOO: !reset null
        """,
    )
    assert service(result) == {"image": "myapp", "environment": {}}


def test_reset_on_a_scalar_and_on_a_whole_attribute() -> None:
    # compose-go Test_LoadWithReset
    result = merge(
        """
        services:
          foo:
            build:
              context: .
              dockerfile: foo.Dockerfile
            environment:
              FOO: BAR
        """,
        """
        services:
          foo:
            image: foo
            build: !reset
            environment:
              FOO: !reset
        """,
    )
    assert service(result, "foo") == {"image": "foo", "environment": {}}


def test_reset_of_a_top_level_element() -> None:
    # compose-go TestResetRemove
    result = merge("networks: {test: {name: test, external: true}}", "networks: {test: !reset {}}")
    assert result == {"networks": {}}


def test_reset_of_a_whole_service() -> None:
    result = merge(
        "services: {app: {image: a}, db: {image: b}}",
        "services: {app: !reset null, db: {image: c}}",
    )
    assert result == {"services": {"db": {"image": "c"}}}


def test_reset_of_a_key_an_earlier_file_wrote_as_a_list() -> None:
    # compose-go Test_LoadWithResetOnKeysNormalizedToSequence (docker/compose#11816)
    first = load(
        """
        services:
          foo:
            image: foo
            environment: {FOO: BAR, KEEP: ME}
            labels: {com.example.foo: bar}
        """,
        "base.yaml",
    )
    second = load(
        """
        services:
          foo:
            environment: [ANOTHER=BAR, PASSTHROUGH]
            labels: {com.example.extra: bar}
        """,
        "extra.yaml",
    )
    third = load(
        """
        services:
          foo:
            environment:
              FOO: !reset
              ANOTHER: !reset
              PASSTHROUGH: !reset
            labels:
              com.example.foo: !reset
        """,
        "override.yaml",
    )
    result = merge_documents(merge_documents(first, second), third)
    assert service(result, "foo")["environment"] == ["KEEP=ME"]
    assert service(result, "foo")["labels"] == {"com.example.extra": "bar"}


def test_override_replaces_a_list() -> None:
    # compose-spec 13-merge.md, "Replace value"
    result = merge(
        """
        services:
          app:
            image: myapp
            ports:
              - "8080:80"
        """,
        """
        services:
          app:
            ports: !override
              - "8443:443"
        """,
    )
    assert service(result) == {"image": "myapp", "ports": ["8443:443"]}


def test_override_replaces_a_mapping() -> None:
    # compose-go TestOverrideReplace
    result = merge("networks: {test: {name: test, external: true}}",
                   "networks: {test: !override {}}")
    assert result == {"networks": {"test": {}}}


def test_tags_in_the_first_file_act_on_nothing_earlier() -> None:
    result = merge_documents(
        load("services: {app: {image: a, ports: !reset ['80'], dns: !override [x]}}", "a.yaml"),
        {},
    )
    assert service(result) == {"image": "a", "dns": ["x"]}


def test_reset_of_an_attribute_the_base_lacks_leaves_nothing() -> None:
    result = merge("services: {app: {image: a}}", "services: {app: {ports: !reset ['80']}}")
    assert service(result) == {"image": "a"}


def test_tags_inside_list_items_only_strip_their_own_file() -> None:
    result = merge(
        "services: {app: {ports: [{target: '80', published: '8080'}]}}",
        "services: {app: {ports: [{target: '81', published: !reset '9090'}]}}",
    )
    assert service(result)["ports"] == [{"target": "80", "published": "8080"}, {"target": "81"}]


def test_apply_resets_alone_clears_the_earlier_content() -> None:
    base = load("services: {app: {image: a, ports: ['80'], dns: [x]}}", "a.yaml")
    override = load("services: {app: {ports: !reset [], dns: !override [y]}}", "b.yaml")
    assert apply_resets(base, override) == {"services": {"app": {"image": "a"}}}


def test_result_carries_no_tags() -> None:
    result = merge(
        "services: {app: {image: a, environment: {A: '1'}}}",
        "services: {app: {environment: !override {B: '2'}, labels: {x: !reset y}}}",
    )
    assert list(_tag_tables(result)) == []
    assert service(result) == {"image": "a", "environment": {"B": "2"}, "labels": {}}


def _tag_tables(value: object) -> Any:
    if isinstance(value, YMap):
        if value.tags:
            yield value.tags
        for item in value.values():
            yield from _tag_tables(item)
    elif isinstance(value, list):
        for item in value:
            yield from _tag_tables(item)


# ------------------------------------------------------------- extends


def test_merge_service_applies_the_same_rules() -> None:
    base = load(
        """
        image: base
        command: [a]
        environment: {A: '1', B: '2'}
        ports: ['8080:80']
        volumes: ['xx:/data']
        """,
        "base.yaml",
    )
    extending = load(
        """
        command: [b]
        environment:
          B: !reset
        ports: ['8081:81']
        volumes: ['yy:/data']
        """,
        "app.yaml",
    )
    result = merge_service(base, extending, name="web")
    assert result == {
        "image": "base", "command": ["b"], "environment": {"A": "1"},
        "ports": ["8080:80", "8081:81"], "volumes": ["yy:/data"],
    }


def test_merge_service_names_the_service_in_errors() -> None:
    with pytest.raises(InputError, match=r"services\.web\.environment"):
        merge_service({"environment": {"A": "1"}}, {"environment": 3}, name="web")


# ------------------------------------------------------------- positions


def test_positions_follow_the_file_each_value_came_from() -> None:
    base = load(
        """
        services:
          app:
            image: old
            user: root
            ports: ['8080:80', '9000:9000']
        """,
        "base.yaml",
    )
    override = load(
        """
        services:
          app:
            image: new
            ports: [{target: '80', published: '8080'}]
        """,
        "override.yaml",
    )
    app_result = service(merge_documents(base, override))
    assert app_result.val_locs["image"] == Loc("override.yaml", 4, 12)
    assert app_result.key_locs["image"] == Loc("override.yaml", 4, 5)
    assert app_result.val_locs["user"] == Loc("base.yaml", 5, 11)
    ports = app_result["ports"]
    assert isinstance(ports, YSeq)
    assert ports.loc == Loc("base.yaml", 6, 12)
    assert ports.item_locs == [Loc("override.yaml", 5, 13), Loc("base.yaml", 6, 24)]
    assert ports[0].loc == Loc("override.yaml", 5, 13)


def test_converted_values_point_at_what_the_user_wrote() -> None:
    result = merge(
        "services: {app: {depends_on: [db], build: ., environment: {B: x}}}",
        "services: {app: {depends_on: {cache: {}}, build: {target: t}, environment: [A=1]}}",
    )
    app_result = service(result)
    assert app_result["depends_on"].key_locs["db"] == Loc("base.yaml", 1, 31)
    assert app_result["depends_on"].key_locs["cache"] == Loc("override.yaml", 1, 31)
    assert app_result["build"].val_locs["context"] == Loc("base.yaml", 1, 43)
    assert app_result["environment"].item_locs == [Loc("base.yaml", 1, 60),
                                                   Loc("override.yaml", 1, 77)]


def test_plain_dicts_get_generated_positions() -> None:
    result = merge_documents({"services": {"a": {"dns": ["x"]}}}, {"services": {"a": {}}})
    assert result.loc == NOWHERE
    assert result["services"]["a"]["dns"].item_locs == [NOWHERE]


def test_inputs_are_not_modified() -> None:
    base = load("services: {app: {ports: ['80'], environment: [A=1], build: .}}", "a.yaml")
    override = load(
        "services: {app: {ports: ['81'], environment: {A: '2'}, build: {target: t},"
        " dns: !reset []}}",
        "b.yaml",
    )
    before = (copy.deepcopy(dict(base)), copy.deepcopy(dict(override)), dict(override["services"]
              ["app"].tags))
    result = merge_documents(base, override)
    result["services"]["app"]["ports"].append("99")
    assert (dict(base), dict(override), dict(override["services"]["app"].tags)) == before


def test_a_document_must_be_a_mapping() -> None:
    with pytest.raises(InputError, match="must be a mapping"):
        merge_documents({}, [])  # type: ignore[arg-type]


# --------------------------------------------------------------- properties

_names = st.sampled_from(["a", "b", "c", "d"])
_short_ports = st.builds(lambda p, t: f"{p}:{t}", st.integers(1, 5), st.integers(1, 5))
_long_ports = st.builds(lambda p, t: {"target": t, "published": str(p)},
                        st.integers(6, 9), st.integers(1, 5))
_volumes = st.builds(lambda s, t: f"vol{s}:/{t}", _names, _names)


def _unique_by(key: Any) -> Any:
    return lambda items: list({key(item): item for item in items}.values())


_services = st.fixed_dictionaries(
    {"image": st.text("abc", min_size=1, max_size=3)},
    optional={
        "environment": st.one_of(
            st.dictionaries(_names, st.text("xyz", max_size=2)),
            st.lists(st.builds(lambda k, v: f"{k}={v}", _names, st.text("xyz", max_size=2)))
            .map(_unique_by(lambda line: line.partition("=")[0])),
        ),
        "ports": st.lists(st.one_of(_short_ports, _long_ports)).map(_unique_by(
            lambda p: p if isinstance(p, str) else f"{p['published']}:{p['target']}")),
        "volumes": st.lists(_volumes).map(_unique_by(lambda v: v.partition(":")[2])),
        "dns": st.lists(_names, unique=True),
        "command": st.lists(_names),
        "labels": st.dictionaries(_names, _names),
        "healthcheck": st.fixed_dictionaries({"test": st.lists(_names), "retries": st.integers()}),
    },
)
_documents = st.fixed_dictionaries(
    {"services": st.dictionaries(_names, _services, max_size=3)},
    optional={"name": st.text("pq", min_size=1, max_size=3)},
)


@given(_documents)
def test_merging_with_an_empty_document_is_identity(document: dict[str, Any]) -> None:
    assert merge_documents(document, {}) == document
    assert merge_documents({}, document) == document


@given(_documents)
def test_merging_a_document_with_itself_is_idempotent(document: dict[str, Any]) -> None:
    assert merge_documents(document, document) == document


@given(_documents, _documents)
def test_merging_leaves_its_inputs_alone(base: dict[str, Any], override: dict[str, Any]) -> None:
    before = copy.deepcopy((base, override))
    merge_documents(base, override)
    assert (base, override) == before
