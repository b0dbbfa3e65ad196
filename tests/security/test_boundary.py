"""Host files are embedded only from inside the project (or an --allow-read folder).

Every refusal is one located line and exit 2; /proc, /sys, /dev, FIFOs,
sockets and devices are refused even when allowed; `config` keeps compose's
semantics and reads what compose reads.
"""

from __future__ import annotations

import base64
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from orchconv.cli import main
from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.source.boundary import ReadBoundary, located

CONTENT = "not-a-real-credential-4711"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def refused(result: Result) -> str:
    """The one stderr line of a refusal (exit 2, no traceback, nothing on stdout)."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/project (the working dir) and tmp/outside holding a shadow-like file."""
    (tmp_path / "project").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "shadow").write_text(f"root:{CONTENT}:19000::::::\n")
    (tmp_path / "outside" / "app.env").write_text(f"TOKEN_VALUE={CONTENT}\n")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path


def compose(secret_file: str) -> str:
    return ("services:\n"
            "  app:\n"
            "    image: nginx\n"
            "    secrets: [a]\n"
            "secrets:\n"
            "  a:\n"
            f"    file: {secret_file}\n")


def write(text: str) -> None:
    Path("compose.yml").write_text(text)


def secret_data(result: Result) -> str:
    assert result.exit_code == 0, result.output
    secret = next(d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "Secret")
    return base64.b64decode(next(iter(secret["data"].values()))).decode()


# --- secrets and configs --------------------------------------------------------------


def test_a_secret_from_proc_is_refused_even_when_allowed(tree: Path) -> None:
    write(compose("/proc/self/environ"))
    for extra in ([], ["--allow-read", "/"]):
        line = refused(run("compose2k8s", "-f", "compose.yml", *extra))
        assert line.startswith("compose.yml:7:5: /proc/self/environ is under /proc")


def test_proc_self_mem_is_one_line_not_a_traceback(tree: Path) -> None:
    write(compose("/proc/self/mem"))
    assert "/proc/self/mem is under /proc" in refused(run("compose2k8s", "-f", "compose.yml"))


def test_an_absolute_path_outside_the_project_is_refused(tree: Path) -> None:
    shadow = tree / "outside" / "shadow"
    write(compose(str(shadow)))
    line = refused(run("compose2k8s", "-f", "compose.yml"))
    assert line.startswith(f"compose.yml:7:5: {shadow} is outside the project directory")
    assert f"pass --allow-read {tree / 'outside'} to allow it" in line
    assert CONTENT not in line


def test_a_dotdot_path_is_refused(tree: Path) -> None:
    write(compose("../outside/shadow"))
    assert "is outside the project directory" in refused(run("compose2k8s", "-f", "compose.yml"))


def test_a_missing_file_outside_is_refused_too(tree: Path) -> None:
    write(compose("../outside/nothing-here"))
    assert "is outside the project directory" in refused(run("compose2k8s", "-f", "compose.yml"))


def test_allow_read_widens_the_boundary(tree: Path) -> None:
    write(compose("../outside/shadow"))
    result = run("compose2k8s", "-f", "compose.yml", "--allow-read", str(tree / "outside"))
    assert CONTENT in secret_data(result)


def test_a_file_inside_the_project_is_embedded(tree: Path) -> None:
    Path("secret.txt").write_text(CONTENT)
    write(compose("./secret.txt"))
    assert secret_data(run("compose2k8s", "-f", "compose.yml")) == CONTENT


def test_a_symlink_inside_the_project_to_a_file_outside_is_refused(tree: Path) -> None:
    Path("innocent.txt").symlink_to(tree / "outside" / "shadow")
    write(compose("./innocent.txt"))
    line = refused(run("compose2k8s", "-f", "compose.yml"))
    assert f"(resolving to {tree / 'outside' / 'shadow'}) is outside" in line


def test_a_fifo_is_refused_even_when_allowed(tree: Path) -> None:
    os.mkfifo("pipe")
    write(compose("./pipe"))
    for extra in ([], ["--allow-read", str(tree)]):
        line = refused(run("compose2k8s", "-f", "compose.yml", *extra))
        assert line.startswith("compose.yml:7:5: ") and "/pipe is a FIFO" in line


def test_a_directory_as_secret_file_is_one_line(tree: Path) -> None:
    Path("folder").mkdir()
    write(compose("./folder"))
    line = refused(run("compose2k8s", "-f", "compose.yml"))
    assert line.startswith("compose.yml:7:5: ")
    assert "/folder is a directory, not a file" in line


def test_a_link_to_a_device_is_refused(tree: Path) -> None:
    Path("null").symlink_to("/dev/null")
    write(compose("./null"))
    assert "is under /dev" in refused(run("compose2k8s", "-f", "compose.yml"))


def test_a_config_file_outside_is_refused(tree: Path) -> None:
    write("services:\n  app:\n    image: nginx\n    configs: [c]\n"
          "configs:\n  c:\n    file: ../outside/shadow\n")
    assert "is outside the project" in refused(run("compose2k8s", "-f", "compose.yml"))


def test_swarm_output_keeps_the_path_and_embeds_nothing(tree: Path) -> None:
    write(compose("../outside/shadow"))
    result = run("compose2swarm", "-f", "compose.yml")
    assert result.exit_code == 0, result.output
    assert CONTENT not in result.stdout


# --- env_file -------------------------------------------------------------------------


def with_env_file(path: str) -> str:
    return f"services:\n  app:\n    image: nginx\n    env_file: {path}\n"


@pytest.mark.parametrize("command", ["compose2k8s", "compose2swarm"])
def test_an_env_file_outside_is_refused_where_it_is_embedded(tree: Path, command: str) -> None:
    write(with_env_file("../outside/app.env"))
    line = refused(run(command, "-f", "compose.yml"))
    assert line.startswith("compose.yml:4:15: ")
    assert "outside/app.env is outside the project directory" in line
    assert "--allow-read" in line


def test_an_env_file_outside_is_embedded_when_allowed(tree: Path) -> None:
    write(with_env_file("../outside/app.env"))
    result = run("compose2swarm", "-f", "compose.yml", "--allow-read", "../outside")
    assert result.exit_code == 0, result.output
    assert CONTENT in result.stdout


def test_config_reads_env_files_as_compose_does(tree: Path) -> None:
    write(with_env_file("../outside/app.env"))
    result = run("config", "-f", "compose.yml")
    assert result.exit_code == 0, result.output
    assert CONTENT in result.stdout


def test_an_env_file_that_is_a_directory_is_one_line(tree: Path) -> None:
    Path("envdir").mkdir()
    write(with_env_file("./envdir"))
    line = refused(run("compose2k8s", "-f", "compose.yml"))  # the loader's own words
    assert line.startswith("compose.yml:4:15: ") and "envdir" in line


def test_lint_discards_its_conversion_so_reads_as_config_does(tree: Path) -> None:
    write(with_env_file("../outside/app.env"))
    result = run("lint", "--target", "k8s", "compose.yml")
    assert result.exit_code in (0, 1), result.output
    assert "outside the project" not in result.output


# --- --bind-as-configmap trees ---------------------------------------------------------


def with_bind(source: str) -> str:
    return f"services:\n  app:\n    image: nginx\n    volumes:\n      - {source}:/etc/app:ro\n"


def test_a_bind_tree_that_is_a_link_out_is_refused(tree: Path) -> None:
    Path("conf").symlink_to(tree / "outside")
    write(with_bind("./conf"))
    line = refused(run("compose2k8s", "-f", "compose.yml", "--bind-as-configmap"))
    assert line.startswith("compose.yml:5:9: ")
    assert f"(resolving to {tree / 'outside'}) is outside" in line


def test_a_link_out_inside_a_bind_tree_is_refused(tree: Path) -> None:
    Path("conf").mkdir()
    Path("conf/app.conf").write_text("a=1\n")
    Path("conf/shadow").symlink_to(tree / "outside" / "shadow")
    write(with_bind("./conf"))
    line = refused(run("compose2k8s", "-f", "compose.yml", "--bind-as-configmap"))
    assert line.startswith("compose.yml:5:9: ")
    assert "conf/shadow (resolving to" in line
    assert CONTENT not in line


def test_a_fifo_inside_a_bind_tree_is_refused(tree: Path) -> None:
    Path("conf").mkdir()
    os.mkfifo("conf/pipe")
    write(with_bind("./conf"))
    assert "is a FIFO" in refused(run("compose2k8s", "-f", "compose.yml", "--bind-as-configmap"))


def test_a_bind_tree_inside_the_project_is_embedded(tree: Path) -> None:
    Path("conf").mkdir()
    Path("conf/app.conf").write_text("a=1\n")
    Path("conf/same.conf").symlink_to("app.conf")  # a link that stays inside is fine
    write(with_bind("./conf"))
    result = run("compose2k8s", "-f", "compose.yml", "--bind-as-configmap")
    assert result.exit_code == 0, result.output
    maps = [d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "ConfigMap"]
    assert maps[0]["data"] == {"app.conf": "a=1\n", "same.conf": "a=1\n"}


# --- the boundary itself -----------------------------------------------------------------


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def test_a_socket_is_refused_even_anywhere(unix_socket: Path) -> None:
    with pytest.raises(InputError, match="is a socket"):
        ReadBoundary(anywhere=True).admit(unix_socket)


@pytest.mark.parametrize("path", ["/proc/self/status", "/sys/kernel", "/dev/null"])
def test_kernel_and_device_trees_are_refused_anywhere(path: str) -> None:
    with pytest.raises(InputError, match="orchconv never embeds"):
        ReadBoundary(anywhere=True).admit(path, folder=True)


def test_the_project_and_allowed_folders_are_inside(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "extra").mkdir()
    (tmp_path / "p" / "f").write_text("x")
    (tmp_path / "extra" / "g").write_text("y")
    boundary = ReadBoundary.around(tmp_path / "p", [tmp_path / "extra"])
    assert boundary.admit(tmp_path / "p" / "f") == (tmp_path / "p" / "f").resolve()
    assert boundary.admit(tmp_path / "extra" / "g") is not None
    assert boundary.admit(tmp_path / "p" / "missing") is None
    with pytest.raises(InputError, match="outside the project directory"):
        ReadBoundary.around(tmp_path / "p").admit(tmp_path / "extra" / "g")


def test_a_sibling_with_a_common_prefix_is_outside(tmp_path: Path) -> None:
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj-other").mkdir()
    (tmp_path / "proj-other" / "f").write_text("x")
    with pytest.raises(InputError, match="outside"):
        ReadBoundary.around(tmp_path / "proj").admit(tmp_path / "proj-other" / "f")


def test_located_adds_the_key_location_only_when_missing() -> None:
    here, there = Loc("a.yml", 3, 5), Loc("b.yml", 1, 1)
    with pytest.raises(InputError) as caught, located(here):
        raise InputError("no")
    assert str(caught.value) == "a.yml:3:5: no"
    with pytest.raises(InputError) as kept, located(here):
        raise InputError("no", there)
    assert kept.value.loc == there


def test_allow_read_is_a_usage_error_where_no_host_file_is_read(tree: Path) -> None:
    Path("m.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    result = run("k8s2compose", "m.yaml", "--allow-read", "/tmp")
    assert result.exit_code == 2
    assert "--allow-read applies only to compose or swarm input" in result.stderr
