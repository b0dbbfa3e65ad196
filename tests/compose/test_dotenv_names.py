"""Variable names in env files: refused where docker refuses them, located, exit 2.

compose-go's parser takes a statement with no name (`=x`), and the engine then
refuses to create the container ("invalid environment variable"); so a
service's env_file refuses it at file:line:col.  A `.env` file only feeds
interpolation and keeps compose's leniency.  `é=1` is a name compose and the
engine accept; only Kubernetes refuses it, as a ConfigMap key (compose2k8s).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from orchconv.cli import main
from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.dotenv import parse_dotenv, parse_env_file


def nothing(_: str) -> str | None:
    return None


@pytest.mark.parametrize("text, where", [
    ("=x\n", (1, 1)), ("A=1\n=x\n", (2, 1)), ("A=1\n  = x\n", (2, 3)),
    (": x\n", (1, 1)), ("export =secret-value\n", (1, 8)), ("B='a\nb'\n=x", (3, 1))])
def test_an_env_file_statement_without_a_name_is_refused_where_it_is(
        text: str, where: tuple[int, int]) -> None:
    with pytest.raises(InputError) as raised:
        parse_env_file(text, "app.env", nothing)
    assert raised.value.loc == Loc("app.env", *where)
    assert raised.value.message == "invalid environment variable: the name is empty"


def test_names_compose_accepts_stay_accepted() -> None:
    text = "é=1\nÉTÉ=chaud\nA.B-C[0]=x\n_=y\n"
    assert parse_env_file(text, "app.env", nothing) == {
        "é": "1", "ÉTÉ": "chaud", "A.B-C[0]": "x", "_": "y"}


def test_a_dot_env_file_keeps_composes_leniency() -> None:
    assert parse_dotenv("=x\nA=1\n", ".env", nothing) == {"": "x", "A": "1"}


def _run(folder: Path, *args: str) -> tuple[int, str, str]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(before)
    assert not (result.exception and not isinstance(result.exception, SystemExit))
    return result.exit_code, result.stdout, result.stderr


def _project(folder: Path, env_file: str) -> None:
    (folder / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    env_file: app.env\n")
    (folder / "app.env").write_text(env_file)


@pytest.mark.parametrize("command", ["config", "compose2k8s", "compose2swarm"])
def test_every_command_refuses_an_unnamed_variable_at_its_line(tmp_path: Path,
                                                               command: str) -> None:
    _project(tmp_path, "A=1\n=s3cr3t-value\n")
    code, out, err = _run(tmp_path, command)
    assert code == 2
    assert out == ""
    assert err == f"{tmp_path / 'app.env'}:2:1: invalid environment variable: " \
                  "the name is empty\n"


def test_compose2k8s_refuses_a_name_that_cannot_be_a_config_map_key(tmp_path: Path) -> None:
    _project(tmp_path, "A=1\né=1\n")
    code, out, err = _run(tmp_path, "compose2k8s")
    assert code == 2
    assert out == ""
    assert err.startswith("compose.yaml:4:15: services.web.env_file[0]: variable 'é' of ")
    assert err.count("\n") == 1
    # compose itself takes the name
    code, out, _ = _run(tmp_path, "config")
    assert code == 0
    assert '"é": "1"' in out
