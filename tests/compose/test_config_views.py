"""`orchconv config`'s views (--services, --hash, --variables, ...) without docker.

tests/test_differential_config_flags.py compares them with docker compose; these
pin the parts compose leaves open (our orders, our digest) and the edge cases.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orchconv.cli import main
from orchconv.translate.compose.config_views import Variable, variables_in, variables_table


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def write(folder: Path, text: str) -> None:
    (folder / "compose.yaml").write_text(textwrap.dedent(text))


def config(*flags: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["config", "-p", "demo", *flags], env=env or {})


STACK = """\
    services:
      web:
        image: nginx:${TAG:-1.27}
        depends_on: [api]
        volumes: ["./site:/usr/share/nginx/html", "logs:/var/log"]
      api:
        build: ./api
        depends_on: [db]
        environment: {MODE: "${MODE:+on}"}
      db:
        image: postgres:16
        networks: [back]
      tools:
        image: busybox
        profiles: [debug, ops]
    networks:
      back: {}
    volumes:
      logs: {}
"""


def test_list_views(project: Path) -> None:
    write(project, STACK)
    assert config("--services").output == "db\napi\nweb\n"  # dependencies first
    assert config("--volumes").output == "logs\n"
    assert config("--networks").output == "back\ndefault\n"
    assert config("--images").output == "demo-api\npostgres:16\nnginx:1.27\n"
    # disabled services count: `tools` is not enabled, its profiles are listed
    assert config("--profiles").output == "debug\nops\n"


def test_hash_lines_sorted_and_stable(project: Path) -> None:
    write(project, STACK)
    first = config("--hash", "web,db")
    assert first.exit_code == 0
    names = [line.split(" ")[0] for line in first.output.splitlines()]
    assert names == ["db", "web"]
    assert config("--hash", "web,db").output == first.output
    everything = config("--hash", "*").output.splitlines()
    assert [line.split(" ")[0] for line in everything] == ["api", "db", "web"]
    # the image is part of the digest, scale and replicas are not
    changed = config("--hash", "web", env={"TAG": "1.28"}).output
    assert changed != first.output.splitlines()[1] + "\n"
    write(project, STACK.replace("image: postgres:16", "image: postgres:16\n        scale: 3"))
    assert config("--hash", "db").output == first.output.splitlines()[0] + "\n"


def test_hash_of_an_unknown_service_prints_nothing(project: Path) -> None:
    write(project, STACK)
    result = config("--hash", "db,nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no such service: nope" in result.stderr


def test_variables_table(project: Path) -> None:
    write(project, STACK)
    assert config("--variables").output == (
        "NAME                REQUIRED            DEFAULT VALUE       ALTERNATE VALUE\n"
        "MODE                false                                   on\n"
        "TAG                 false               1.27                \n"
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("$A and ${B}", [Variable("A"), Variable("B")]),
    ("$$A ${B?need B} $", [Variable("B", required=True)]),
    ("${A:-${B:+on}}", [Variable("A", default="${B:+on}"), Variable("B", alternate="on")]),
    ("${A-x}${A:?} ${1BAD} ${", [Variable("A", default="x"), Variable("A", required=True)]),
])
def test_variables_in(text: str, expected: list[Variable]) -> None:
    assert variables_in(text) == expected


def test_table_columns_widen_for_long_values() -> None:
    table = variables_table({"A": Variable("A", default="a default that is long")})
    assert table.splitlines() == [
        "NAME                REQUIRED            DEFAULT VALUE            ALTERNATE VALUE",
        "A                   false               a default that is long   ",
    ]


def test_no_interpolate_keeps_references_and_warns_nothing(project: Path) -> None:
    write(project, STACK)
    result = config("--no-interpolate")
    assert result.exit_code == 0, result.output
    assert 'image: "nginx:${TAG:-1.27}"' in result.stdout
    assert "name: demo" in result.stdout
    assert result.stderr == ""
    assert config("--no-interpolate", "--services").output == "api\ndb\ntools\nweb\n"


def test_without_normalising_or_resolving_paths(project: Path) -> None:
    write(project, STACK)
    plain = config("--no-normalize").stdout
    assert "default" not in plain  # no implicit network
    assert f"{project}/site" in plain  # paths still resolved
    kept = config("--no-path-resolution").stdout
    assert "source: ./site" in kept
    assert "default:" in kept
    assert str(project) not in kept


def test_quiet_prints_nothing_but_still_validates(project: Path) -> None:
    write(project, STACK)
    assert config("-q", "--services").output == ""
    write(project, "services:\n  web: {}\n")
    assert config("-q").exit_code != 0


def test_no_path_resolution_still_reads_env_files_from_the_project(project: Path) -> None:
    sub = project / "app"
    sub.mkdir()
    (sub / "web.env").write_text("GREETING=hello\n")
    (sub / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    env_file: web.env\n"
        "    volumes: [./html:/usr/share/nginx/html]\n")
    result = config("-f", "app/compose.yaml", "--no-path-resolution")  # run from the parent
    assert result.exit_code == 0, result.output
    assert "GREETING: hello" in result.stdout
    assert "source: ./html" in result.stdout
