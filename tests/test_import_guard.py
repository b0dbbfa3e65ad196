"""Start-up guard, by module names rather than time: pre-commit runs orchconv once per commit
on a few small files, so what a command imports is what it costs.

Each case runs the console script's entry point in a fresh interpreter and reads
sys.modules at exit.  click itself imports inspect, uuid and platform (click.core and
click.types); the floor (`import click, yaml`) is measured in the same way, and a module
of the floor is not counted against orchconv.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from orchconv.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
WORDPRESS = str(ROOT / "examples" / "wordpress" / "docker-compose.yml")

_AT_EXIT = """
import atexit, sys
def _dump():
    with open({out!r}, "w") as stream:
        stream.write("\\n".join(sorted(sys.modules)))
atexit.register(_dump)
sys.argv = {argv!r}
{run}
"""
_RUN_ORCHCONV = "from orchconv.launch import run\nrun()"

# nothing a plain run on a small compose file needs (issue 15)
HEAVY = frozenset({"ruamel", "ruamel.yaml", "jsonschema", "kubernetes", "jinja2", "inspect",
                   "uuid", "platform"})
COMMAND_PACKAGES = ("orchconv.translate", "orchconv.lint", "orchconv.deploy", "orchconv.graph",
                    "orchconv.report", "orchconv.commands")


def _modules(tmp_path: Path, argv: list[str], run: str = _RUN_ORCHCONV) -> set[str]:
    out = tmp_path / "modules.txt"
    script = _AT_EXIT.format(out=str(out), argv=["orchconv", *argv], run=run)
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                   check=False)
    return set(out.read_text().split())


def _under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)}


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    return _modules(tmp_path_factory.mktemp("floor"), [], run="import click, yaml")


def test_the_floor_is_measured(floor: set[str]) -> None:
    # click's own imports are the only heavy ones a command may not avoid
    assert {"click", "yaml"} <= floor
    assert HEAVY & floor <= {"inspect", "uuid", "platform"}


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["-h"]])
def test_version_and_help_import_no_command(tmp_path: Path, floor: set[str],
                                            argv: list[str]) -> None:
    modules = _modules(tmp_path, argv)
    assert "click" in modules  # the run happened
    assert _under(modules, *COMMAND_PACKAGES) == set()
    assert _under(modules, "orchconv") == {"orchconv", "orchconv.cli", "orchconv.launch"}
    assert "yaml" not in modules
    assert (modules - floor) & HEAVY == set()


@pytest.mark.parametrize("argv, needed, unwanted", [
    (["lint", WORDPRESS], "orchconv.lint.engine",
     ("orchconv.commands", "orchconv.deploy", "orchconv.graph", "orchconv.report",
      "orchconv.translate.helm", "orchconv.translate.k8s.emit", "subprocess", "shutil")),
    (["compose2k8s", WORDPRESS], "orchconv.translate.k8s.emit",
     ("orchconv.lint", "orchconv.deploy", "orchconv.graph", "orchconv.report",
      "orchconv.translate.helm", "orchconv.commands.config", "subprocess")),
    (["config", "-f", WORDPRESS], "orchconv.commands.config",
     ("orchconv.lint", "orchconv.deploy", "orchconv.graph", "orchconv.report",
      "orchconv.translate.helm", "orchconv.translate.k8s.emit", "orchconv.commands.convert",
      "subprocess", "shutil")),
])
def test_a_small_compose_file_loads_only_its_command(tmp_path: Path, floor: set[str],
                                                      argv: list[str], needed: str,
                                                      unwanted: tuple[str, ...]) -> None:
    modules = _modules(tmp_path, argv)
    assert needed in modules  # the command ran
    assert "orchconv.diagnostics" in modules  # the masking writer is installed for it
    assert (modules - floor) & HEAVY == set()
    assert _under(modules, *unwanted) == set()


# made lazy for issue 15 (the compiled Compose validator and the IR's declarations; then
# Kubernetes quantities' decimal and fractions, `include:`, the schema error messages and
# their difflib, the `-o DIR` writer, Helm rendering, in-file suppressions, `config --hash`'s
# hashlib and the shlex of probe labels)
LAZY = frozenset({"decimal", "_decimal", "fractions", "fastjsonschema", "orchconv.ir._spec",
                  "orchconv.translate.compose.include",
                  "orchconv.translate.compose.schema_messages", "difflib",
                  "orchconv.translate.output_dir", "orchconv.lint.helm",
                  "orchconv.lint.suppress", "hashlib", "_hashlib", "shlex"})
# click's parser looks a short option (-f, -o) up among the long ones first and, missing,
# imports difflib to suggest one: that is click's, and lint's plain call has no option
CLICK_SHORT_OPTIONS = {"difflib"}


@pytest.mark.parametrize("argv, allowed", [
    (["lint", WORDPRESS], set()),
    (["compose2k8s", "-f", WORDPRESS, "-o", "-"], CLICK_SHORT_OPTIONS),
    (["config", "-f", WORDPRESS], CLICK_SHORT_OPTIONS),
])
def test_a_valid_small_file_imports_none_of_the_lazy_modules(
        tmp_path: Path, floor: set[str], argv: list[str], allowed: set[str]) -> None:
    modules = _modules(tmp_path, argv)
    assert "orchconv.schemas._compiled_compose" in modules  # the file was validated
    assert "orchconv.ir.service" in modules
    assert (modules - floor) & LAZY <= allowed
    assert _under(modules, "orchconv.ir._spec") == set()  # the declarations are for mypy


CONFIG = ["config", "-f", "compose.yaml"]
TO_K8S = ["compose2k8s", "-f", "compose.yaml", "-o", "-"]


def test_quantities_need_neither_decimal_nor_fractions(tmp_path: Path) -> None:
    # CPU counts, durations and sizes are exact integer arithmetic (emit/quantities.py)
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    stop_grace_period: 1m30s\n"
        "    shm_size: 1.5g\n    healthcheck:\n      test: [CMD, 'true']\n"
        "      interval: 1.5s\n    deploy:\n      resources:\n"
        "        limits: {cpus: '0.5', memory: 512M}\n")
    modules = _modules(tmp_path, TO_K8S)
    assert "orchconv.translate.k8s.emit.quantities" in modules  # they were converted
    assert modules & {"decimal", "_decimal", "fractions"} == set()


@pytest.mark.parametrize("text, argv, needed", [
    # each lazy module still loads when the file needs it
    ("include:\n  - other.yml\nservices:\n  web:\n    image: nginx\n", CONFIG,
     "orchconv.translate.compose.include"),
    ("services:\n  web:\n    image: nginx\n    restart: 5\n", CONFIG,
     "orchconv.translate.compose.schema_messages"),
    ("services:\n  web:\n    image: nginx\n", [*CONFIG, "--hash", "*"], "hashlib"),
    ("services:\n  web:\n    image: nginx\n    labels:\n"
     "      orchconv.io/liveness.test: CMD true\n", TO_K8S, "shlex"),
    ("services:\n  web:\n    image: nginx\n    privileged: true"
     "  # orchconv: disable-line privileged-container\n", ["lint", "compose.yaml"],
     "orchconv.lint.suppress"),
])
def test_a_lazy_module_loads_when_the_file_needs_it(tmp_path: Path, text: str,
                                                    argv: list[str], needed: str) -> None:
    (tmp_path / "other.yml").write_text("services:\n  db:\n    image: postgres\n")
    (tmp_path / "compose.yaml").write_text(text)
    assert needed in _modules(tmp_path, argv)


@pytest.mark.parametrize("argv", [
    ["lint", WORDPRESS], ["compose2k8s", "-f", WORDPRESS, "-o", "-"],
    ["config", "-f", WORDPRESS], ["compose2swarm", "-f", WORDPRESS, "-o", "-"],
], ids=["lint", "compose2k8s", "config", "compose2swarm"])
def test_a_small_run_builds_no_dataclass(tmp_path: Path, argv: list[str]) -> None:
    # scripts/gen_records.py writes the records' methods out; @dataclass would compile
    # them at every start (about 0.5 ms a class)
    refuse = ("import dataclasses\n"
              "def refuse(cls, *args, **kwargs):\n"
              "    raise SystemExit(f'@dataclass ran for {cls.__module__}.{cls.__qualname__}')\n"
              "dataclasses._process_class = refuse\n")
    script = _AT_EXIT.format(out=str(tmp_path / "modules.txt"), argv=["orchconv", *argv],
                             run=refuse + _RUN_ORCHCONV)
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert "@dataclass ran" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr  # lint: 1 for the example's findings


def test_the_table_matches_the_commands() -> None:
    # --help prints the table's summaries: each must be what the command's help says
    assert list(main.list_commands(click.Context(main))) == sorted(COMMANDS)
    for name, entry in COMMANDS.items():
        command = main.commands[name]
        assert command.name == name
        assert entry.summary == " ".join((command.help or "").split("\n\n")[0].split())
        assert not command.hidden
    assert "nosuch" not in main.commands
    assert main.get_command(click.Context(main), "nosuch") is None


def test_completion_lists_every_command(tmp_path: Path) -> None:
    script = "import sys; sys.argv = ['orchconv']; from orchconv.launch import run; run()"
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, text=True,
                          capture_output=True, check=True,
                          env={"_ORCHCONV_COMPLETE": "bash_complete",
                               "COMP_WORDS": "orchconv ", "COMP_CWORD": "1",
                               "PATH": "/usr/bin:/bin"})
    assert [line.split(",")[1] for line in done.stdout.splitlines()] == sorted(COMMANDS)
