"""The normalise stage against compose-go's Normalize/Canonical/ResolveRelativePaths.

Cases follow compose-go's loader/normalize_test.go and what the real
`docker compose config` (v2.35.1) prints for the same files; the peer test at
the end runs that binary when it is installed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.yamltree import YMap, YSeq, parse_document
from orchconv.translate.compose.normalise import normalise_project
from orchconv.translate.compose.service_env import resolve_service_environments
from tests.peers import require_peer

PROJECT = Path("/project")


def load(text: str) -> YMap:
    document = parse_document(text, "compose.yaml")
    assert isinstance(document, YMap)
    return document


def normalise(text: str, **options: Any) -> YMap:
    options.setdefault("project_dir", PROJECT)
    options.setdefault("project_name", "demo")
    return normalise_project(load(text), **options)


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


SEED = """\
services:
  db:
    image: mysql:5.6
    pid: "host"
    volumes:
      - mysql_data:/var/lib/mysql
    devices:
      - "/dev/sba:/dev/sda"
    dns: 8.8.8.8
    env_file:
      - ./dbs.env
  mysql:
    image: mysql:5.6
    volumes:
      - type: volume
        source: /var/lib/mysql
        target: /var/lib/mysql
  wordpress:
    depends_on:
      - db
    image: wordpress:php7.4
    ports:
      - "1000"
      - "1000-1005"
      - "8080:8080"
      - "8888-8890:8888-8890"
      - "2222:22"
      - "127.0.0.1:9999:9999"
      - "127.0.0.1:3000-3005:3000-3005"
      - "6789:6789/udp"
volumes:
  mysql_data: {}
"""


def test_seed_article_project() -> None:
    result = plain(normalise(SEED))
    db = result["services"]["db"]
    assert db["pid"] == "host"
    assert db["volumes"] == [
        {"type": "volume", "source": "mysql_data", "target": "/var/lib/mysql", "volume": {}}]
    # an explicit volume type keeps a path-like source as a volume name
    assert result["services"]["mysql"]["volumes"] == [
        {"type": "volume", "source": "/var/lib/mysql", "target": "/var/lib/mysql"}]
    assert db["devices"] == [{"source": "/dev/sba", "target": "/dev/sda", "permissions": "rwm"}]
    assert db["dns"] == ["8.8.8.8"]
    assert db["env_file"] == [{"path": "/project/dbs.env", "required": True}]
    assert db["networks"] == {"default": None}
    web = result["services"]["wordpress"]
    assert web["depends_on"] == {"db": {"condition": "service_started", "required": True}}
    # "1000" and the 1000 of "1000-1005" are one port: 1 + 6 + 1 + 3 + 1 + 1 + 6 + 1 - 1
    assert len(web["ports"]) == 19
    assert web["ports"][0] == {"mode": "ingress", "target": 1000, "protocol": "tcp"}
    assert web["ports"][-1] == {"mode": "ingress", "target": 6789, "published": "6789",
                                "protocol": "udp"}
    assert result["networks"] == {"default": {"name": "demo_default"}}
    assert result["volumes"] == {"mysql_data": {"name": "demo_mysql_data"}}
    assert result["name"] == "demo"


# --- names and the default network (compose-go normalize_test.go) ----------------------

def test_resource_names() -> None:
    result = plain(normalise("""\
services:
  foo: {image: x}
networks:
  myExternalnet: {external: true}
  myNamedNet: {name: CustomName}
  mynet: {}
  legacy: {external: {name: real}}
volumes:
  myExternalVol: {external: true}
  myvol:
secrets:
  s: {file: ./s.txt}
configs:
  c: {external: true, name: shared}
""", project_name="myProject"))
    assert result["networks"] == {
        "default": {"name": "myProject_default"},
        "myExternalnet": {"external": True, "name": "myExternalnet"},
        "myNamedNet": {"name": "CustomName"},
        "mynet": {"name": "myProject_mynet"},
        "legacy": {"external": True, "name": "real"},
    }
    assert result["volumes"] == {"myExternalVol": {"external": True, "name": "myExternalVol"},
                                 "myvol": {"name": "myProject_myvol"}}
    assert result["secrets"] == {"s": {"file": "/project/s.txt", "name": "myProject_s"}}
    assert result["configs"] == {"c": {"external": True, "name": "shared"}}


def test_conflicting_external_name() -> None:
    with pytest.raises(InputError, match=r"name and external\.name conflict"):
        normalise("networks:\n  n: {name: a, external: {name: b}}\n")


def test_default_network_only_when_used() -> None:
    result = plain(normalise("""\
services:
  host: {image: x, network_mode: host}
  custom: {image: x, networks: [front]}
networks:
  front: {}
"""))
    assert "networks" not in result["services"]["host"]
    assert result["services"]["custom"]["networks"] == {"front": None}
    assert set(result["networks"]) == {"front"}


def test_empty_networks_join_default_and_a_declared_default_is_kept() -> None:
    result = plain(normalise("""\
services:
  a: {image: x, networks: {}}
networks:
  default: {driver: overlay}
"""))
    assert result["services"]["a"]["networks"] == {"default": None}
    assert result["networks"]["default"] == {"driver": "overlay", "name": "demo_default"}


# --- implied dependencies and other Normalize rules --------------------------------------

def test_links_namespaces_and_volumes_from_imply_dependencies() -> None:
    result = plain(normalise("""\
services:
  app:
    image: x
    links: [db:database, cache]
    network_mode: "service:proxy"
    volumes_from: ["data:ro", "container:other"]
    depends_on:
      cache: {condition: service_healthy}
"""))
    assert result["services"]["app"]["depends_on"] == {
        "cache": {"condition": "service_healthy", "required": True},
        "db": {"condition": "service_started", "restart": True, "required": True},
        "proxy": {"condition": "service_started", "restart": True, "required": True},
        "data": {"condition": "service_started", "restart": False, "required": True},
    }


def test_pull_policy_alias() -> None:
    result = normalise("services:\n  a: {image: x, pull_policy: if_not_present}\n")
    assert result["services"]["a"]["pull_policy"] == "missing"


def test_environment_resolution() -> None:
    text = """\
services:
  a:
    image: x
    environment: [FOO, BAR=1, MISSING]
    build:
      context: .
      args: [FOO, NOPE, SET=2]
"""
    normalised = normalise(text, environment={"FOO": "from-env"})
    resolved = plain(normalised)["services"]["a"]
    # build args are Normalize's; environment entries are filled once, by service_env
    assert resolved["environment"] == {"FOO": None, "BAR": "1", "MISSING": None}
    assert resolved["build"]["args"] == {"FOO": "from-env", "SET": "2"}
    filled = plain(resolve_service_environments(normalised, {"FOO": "from-env"}))
    assert filled["services"]["a"]["environment"] == {
        "FOO": "from-env", "BAR": "1", "MISSING": None}
    unresolved = plain(normalise(text))["services"]["a"]
    assert unresolved["build"]["args"] == {"FOO": None, "NOPE": None, "SET": "2"}


# --- paths -------------------------------------------------------------------------------

def test_relative_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/me")
    result = plain(normalise("""\
services:
  a:
    build: ./app
    env_file: [./a.env, {path: ~/b.env, required: false}]
    label_file: labels
    volumes:
      - ./data:/data
      - ~/cache:/cache
      - type: bind
        source: rel
        target: /rel
      - "C:\\\\win:/win"
  b:
    build:
      context: https://github.com/x/y.git
      additional_contexts: [base=../base, img=docker-image://alpine]
secrets:
  s: {file: ../secret.txt}
volumes:
  dev:
    driver: local
    driver_opts: {o: bind, type: none, device: ./devdir}
"""))
    a = result["services"]["a"]
    assert a["build"] == {"context": "/project/app", "dockerfile": "Dockerfile"}
    assert a["env_file"] == [{"path": "/project/a.env", "required": True},
                             {"path": "/home/me/b.env", "required": False}]
    assert a["label_file"] == ["/project/labels"]
    assert [v["source"] for v in a["volumes"]] == [
        "/project/data", "/home/me/cache", "/project/rel", "C:\\win"]
    b = result["services"]["b"]
    assert b["build"]["context"] == "https://github.com/x/y.git"
    assert b["build"]["additional_contexts"] == {"base": "/base", "img": "docker-image://alpine"}
    assert result["secrets"]["s"]["file"] == "/secret.txt"
    assert result["volumes"]["dev"]["driver_opts"]["device"] == "/project/devdir"


# --- values ---------------------------------------------------------------------------------

def test_value_forms() -> None:
    service = plain(normalise("""\
services:
  a:
    image: x
    command: echo "hi there" && ls
    entrypoint: ""
    healthcheck:
      test: curl -f localhost
      interval: 90s
      timeout: 1h
      start_period: 1.5ms
    stop_grace_period: 1m30s
    shm_size: 1g
    mem_limit: 1.5g
    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
    extra_hosts: ["somehost:162.242.195.82", "otherhost=[::1]"]
    labels: [a=b, c]
    environment: [A=1, B, C=]
    sysctls: {net.core.somaxconn: 1024}
    secrets: [s1]
    configs: [c1]
    expose: [80, "90"]
    tmpfs: /run
    privileged: "yes"
    cpus: "1.5"
    gpus: all
    deploy:
      resources:
        limits: {cpus: "0.5", memory: 512m}
        reservations:
          devices: [{capabilities: [gpu]}]
      restart_policy: {delay: 5s}
"""))["services"]["a"]
    assert service["command"] == ["echo", "hi there"]
    assert service["entrypoint"] == []
    assert service["healthcheck"] == {"test": ["CMD-SHELL", "curl -f localhost"],
                                      "interval": "1m30s", "timeout": "1h0m0s",
                                      "start_period": "1.5ms"}
    assert service["stop_grace_period"] == "1m30s"
    assert service["shm_size"] == 1073741824
    assert service["mem_limit"] == 1610612736
    assert service["ulimits"] == {"nproc": 65535, "nofile": {"soft": 20000, "hard": 40000}}
    assert service["extra_hosts"] == ["otherhost=::1", "somehost=162.242.195.82"]
    assert service["labels"] == {"a": "b", "c": ""}
    assert service["environment"] == {"A": "1", "B": None, "C": ""}
    assert service["sysctls"] == {"net.core.somaxconn": "1024"}
    assert service["secrets"] == [{"source": "s1", "target": "/run/secrets/s1"}]
    assert service["configs"] == [{"source": "c1"}]
    assert service["expose"] == ["80", "90"]
    assert service["tmpfs"] == ["/run"]
    assert service["privileged"] is True
    assert service["cpus"] == 1.5
    assert service["gpus"] == [{"count": "all"}]
    assert service["deploy"] == {
        "resources": {"limits": {"cpus": 0.5, "memory": 536870912},
                      "reservations": {"devices": [{"capabilities": ["gpu"], "count": "all"}]}},
        "restart_policy": {"delay": "5s"},
    }


def test_duplicates_keep_the_last_definition_in_the_first_place() -> None:
    service = plain(normalise("""\
services:
  a:
    image: x
    ports: ["998-1001", "1000:1000", "1000"]
    volumes: ["one:/data", "/tmp/x:/other", "two:/data"]
    tmpfs: ["/tmp:size=64m", "/run", "/tmp:size=128m"]
    cap_add: [NET_ADMIN, NET_ADMIN]
    dns: ["1.1.1.1", "", "1.1.1.1"]
    secrets: [s, {source: s, target: /run/secrets/s, mode: 0400}]
"""))["services"]["a"]
    assert [(p["target"], p.get("published")) for p in service["ports"]] == [
        (1000, None), (1001, None), (998, None), (999, None), (1000, "1000")]
    assert [v.get("source") for v in service["volumes"]] == ["two", "/tmp/x"]
    assert service["tmpfs"] == ["/tmp:size=128m", "/run"]
    assert service["cap_add"] == ["NET_ADMIN"]
    assert service["dns"] == ["1.1.1.1"]
    assert service["secrets"] == [{"source": "s", "target": "/run/secrets/s", "mode": 0o400}]


def test_volume_targets_are_cleaned_and_binds_need_a_source() -> None:
    result = plain(normalise(
        "services:\n  a:\n    volumes:\n      - {type: volume, source: v, target: /data/}\n"))
    assert result["services"]["a"]["volumes"][0]["target"] == "/data"
    with pytest.raises(InputError, match="field Source must not be empty"):
        normalise("services:\n  a:\n    volumes:\n      - {type: bind, target: /x}\n")


# --- positions, purity, stages -----------------------------------------------------------

def test_generated_values_point_at_what_produced_them() -> None:
    result = normalise("""\
services:
  web:
    image: x
    ports:
      - "8000-8001:80-81"
    volumes:
      - data:/data
    environment: {A: 1}
""")
    web = result["services"]["web"]
    assert isinstance(web["ports"], YSeq)
    assert web["ports"].item_locs == [Loc("compose.yaml", 5, 9)] * 2
    assert web["ports"][1].key_locs["protocol"] == Loc("compose.yaml", 5, 9)
    assert web["volumes"][0].loc == Loc("compose.yaml", 7, 9)
    assert web["environment"].key_locs["A"] == Loc("compose.yaml", 8, 19)
    assert web["networks"].loc == web.loc == Loc("compose.yaml", 3, 5)
    assert result["networks"]["default"].loc == result.loc


def test_errors_are_located() -> None:
    with pytest.raises(InputError) as caught:
        normalise("services:\n  a:\n    image: x\n    ports:\n      - \"80/xyz\"\n")
    assert caught.value.loc == Loc("compose.yaml", 5, 9)


def test_input_is_left_alone_and_a_second_pass_changes_nothing() -> None:
    document = load(SEED)
    before = plain(document)
    once = normalise_project(document, project_dir=PROJECT, project_name="demo")
    assert plain(document) == before
    twice = normalise_project(once, project_dir=PROJECT, project_name="demo")
    assert plain(twice) == plain(once)


def test_per_file_pass_skips_project_wide_defaults() -> None:
    included = normalise(SEED, project_dir=Path("/inc"), project_name="", defaults=False)
    assert "networks" not in included and "name" not in included
    assert "name" not in included["volumes"]["mysql_data"]
    assert included["services"]["db"]["env_file"][0]["path"] == "/inc/dbs.env"
    final = normalise_project(included, project_dir=PROJECT, project_name="demo")
    assert final["services"]["db"]["env_file"][0]["path"] == "/inc/dbs.env"
    assert final["networks"] == {"default": {"name": "demo_default"}}


def test_plain_dicts_are_accepted() -> None:
    result = normalise_project({"services": {"a": {"image": "x", "ports": ["80"]}}},
                               project_dir=PROJECT, project_name="demo")
    assert isinstance(result, YMap) and isinstance(result["services"]["a"], YMap)
    assert result["services"]["a"]["ports"] == [
        {"mode": "ingress", "target": 80, "protocol": "tcp"}]


# --- against the real docker compose ------------------------------------------------------

PEER_CASE = """\
services:
  web:
    image: nginx
    ports: ["1000", "1000-1005", "8888-8890:8888-8890", "127.0.0.1:3000-3001:3000-3001",
            "6789:6789/udp", "[::1]:7000:7000", "998-1001", "8000-8002:90", 5000]
    volumes: ["mysql_data:/var/lib/mysql", "./data:/data:ro,z", "/a", "/anon", "vol:/v:z",
              "a:/b", {type: volume, source: /var/lib/mysql, target: /var/lib/mysql/}]
    devices: ["/dev/sba:/dev/sda", "/dev/x"]
    dns: 8.8.8.8
    pid: "host"
    command: echo "hi there" && ls
    healthcheck: {test: curl -f localhost, interval: 90s, timeout: 1h, start_period: 1.5ms}
    stop_grace_period: 1m30s
    ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}
    extra_hosts: ["somehost:162.242.195.82", "otherhost=[::1]"]
    labels: [a=b, c]
    environment: {X: 1.0, Y: true, Z: 1000000.0, W: 0.00001, V: null}
    sysctls: {net.core.somaxconn: 1024}
    secrets: [s1]
    depends_on: [db]
    expose: [80, "90"]
    tmpfs: ["/tmp:size=64m", "/run", "/tmp:size=128m"]
    links: ["db:database"]
    volumes_from: [db]
  db:
    image: mysql
    network_mode: "service:web"
    build: {context: ./dir, ssh: [default], additional_contexts: [c=../ctx]}
volumes:
  mysql_data: {}
  vol:
secrets:
  s1: {file: ./s1.txt}
"""


@pytest.mark.peer
def test_agrees_with_docker_compose_config(tmp_path: Path) -> None:
    binary = require_peer("docker-compose", "bash scripts/peers/build-go-peers.sh")
    project = tmp_path / "peer"
    project.mkdir()
    (project / "compose.yaml").write_text(PEER_CASE)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/root")}
    run = subprocess.run([binary, "-f", "compose.yaml", "config", "--no-consistency"],
                         cwd=project, env=env, capture_output=True, text=True, timeout=60,
                         check=True)
    theirs = yaml.safe_load(run.stdout)
    ours = plain(normalise_project(load(PEER_CASE), project_dir=project, project_name="peer"))
    for name in ("web", "db"):
        mine, real = ours["services"][name], theirs["services"][name]
        # compose prints byte counts as strings; ssh as "id" strings (not re-readable)
        assert set(mine) == set(real), name
        for key in mine:
            if key == "build":
                assert {k: v for k, v in mine[key].items() if k != "ssh"} == {
                    k: v for k, v in real[key].items() if k != "ssh"}
            else:
                assert mine[key] == real[key], f"{name}.{key}"
    assert ours["networks"] == theirs["networks"]
    assert ours["secrets"] == theirs["secrets"]
    assert ours["volumes"] == theirs["volumes"]
