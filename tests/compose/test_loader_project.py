"""Project-level loader rules: files, environment, project name, profiles.

Each case is a rule of compose-go v2.6.0's `cli/options.go` and `loader.go`
(as docker compose v2.35.1 applies them in `toProjectOptions`), checked
against the real binary in the golden cases named in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.ir.project import Project
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def load(folder: Path, env: dict[str, str] | None = None, **options: object) -> Project:
    return load_project(LoadOptions(working_dir=folder, os_environ=env or {},
                                    **options)).project  # type: ignore[arg-type]


APP = "services:\n  app:\n    image: example/app:1\n"


def environment_of(project: Project, service: str = "app") -> dict[str, str | None]:
    return dict(project.services[service].environment)


# -- project name (golden: project-name-*, Project.Dir_Name, err-project-name-*) ----------

def test_name_precedence_flag_env_file_folder(tmp_path: Path) -> None:
    folder = tmp_path / "My.Dir"
    write(folder, {"compose.yaml": "name: From-File\n" + APP})
    assert load(folder).name == "from-file"
    assert load(folder, {"COMPOSE_PROJECT_NAME": "from-env"}).name == "from-env"
    assert load(folder, {"COMPOSE_PROJECT_NAME": "from-env"},
                project_name="from-flag").name == "from-flag"
    (folder / "compose.yaml").write_text(APP)
    assert load(folder).name == "mydir"


def test_name_from_the_last_file_that_sets_one(tmp_path: Path) -> None:
    write(tmp_path, {"a.yml": "name: first\n" + APP, "b.yml": "name: second\n",
                     "c.yml": "services: {}\n"})
    assert load(tmp_path, files=(Path("a.yml"), Path("b.yml"), Path("c.yml"))).name == "second"


def test_top_level_name_is_interpolated_then_normalised(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": "name: '__Shop ${STAGE}'\n" + APP})
    assert load(tmp_path, {"STAGE": "Prod.2"}).name == "shopprod2"


@pytest.mark.parametrize("where", ["flag", "env"])
def test_imperative_names_are_not_normalised(tmp_path: Path, where: str) -> None:
    write(tmp_path, {"compose.yaml": APP})
    with pytest.raises(InputError, match=r"invalid project name 'Bad\.Name'"):
        if where == "flag":
            load(tmp_path, project_name="Bad.Name")
        else:
            load(tmp_path, {"COMPOSE_PROJECT_NAME": "Bad.Name"})


def test_files_see_the_final_project_name(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": APP + "    environment:\n      P: ${COMPOSE_PROJECT_NAME}\n"})
    assert environment_of(load(tmp_path, project_name="given"))["P"] == "given"


def test_a_name_that_normalises_to_nothing_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "___"
    write(folder, {"compose.yaml": APP})
    with pytest.raises(InputError, match="project name must not be empty"):
        load(folder)


# -- environment (golden: env-*) --------------------------------------------------------

def test_shell_wins_over_dotenv_also_inside_dotenv(tmp_path: Path) -> None:
    write(tmp_path, {
        ".env": "TAG=dotenv\nDERIVED=${TAG}-x\n",
        "compose.yaml": APP + "    environment:\n      T: $TAG\n      D: $DERIVED\n",
    })
    assert environment_of(load(tmp_path, {"TAG": "shell"})) == {"T": "shell", "D": "shell-x"}


def test_env_files_replace_dotenv_and_later_ones_win(tmp_path: Path) -> None:
    """A reference in an env file sees the shell and the earlier files, not its own file
    (compose-go's GetEnvFromFile looks up the current environment, then earlier files)."""
    write(tmp_path, {
        ".env": "A=dotenv\n", "one.env": "A=one\nB=one\n", "two.env": "B=two\nC=${B}\n",
        "compose.yaml": APP + "    environment:\n      A: $A\n      B: $B\n      C: $C\n",
    })
    project = load(tmp_path, env_files=(Path("one.env"), Path("two.env")))
    assert environment_of(project) == {"A": "one", "B": "two", "C": "one"}


def test_pwd_is_the_current_folder(tmp_path: Path) -> None:
    write(tmp_path, {"compose.yaml": APP + "    working_dir: ${PWD}/src\n"})
    assert load(tmp_path).services["app"].working_dir == f"{tmp_path}/src"


def test_compose_disable_env_file_skips_dotenv(tmp_path: Path) -> None:
    write(tmp_path, {".env": "TAG=dotenv\n",
                     "compose.yaml": APP + "    environment:\n      T: ${TAG:-none}\n"})
    assert environment_of(load(tmp_path))["T"] == "dotenv"
    assert environment_of(load(tmp_path, {"COMPOSE_DISABLE_ENV_FILE": "true"}))["T"] == "none"


def test_compose_file_from_dotenv_names_the_files(tmp_path: Path) -> None:
    write(tmp_path, {
        ".env": "COMPOSE_FILE=base.yml:extra.yml\n", "base.yml": APP,
        "extra.yml": "services:\n  app:\n    environment:\n      EXTRA: 'yes'\n",
    })
    assert environment_of(load(tmp_path)) == {"EXTRA": "yes"}


def test_dotenv_of_the_project_directory(tmp_path: Path) -> None:
    write(tmp_path, {"sub/compose.yaml": "services:\n  app:\n    image: x:${TAG}\n",
                     "elsewhere/.env": "TAG=elsewhere\n"})
    project = load(tmp_path, files=(Path("sub/compose.yaml"),),
                   project_directory=Path("elsewhere"))
    assert project.services["app"].image == "x:elsewhere"
    assert project.name == "elsewhere"


# -- profiles (golden: profiles-*) ----------------------------------------------------------

PROFILED = APP + "  debug:\n    image: x:1\n    profiles: [debug]\n" \
                 "  docs:\n    image: x:1\n    profiles: [docs]\n"


@pytest.mark.parametrize(("env", "flags", "expected"), [
    ({}, (), {"app"}),
    ({"COMPOSE_PROFILES": "debug, docs"}, (), {"app", "debug", "docs"}),
    ({"COMPOSE_PROFILES": "debug"}, ("docs",), {"app", "docs"}),  # the flag replaces the env
    ({}, ("*",), {"app", "debug", "docs"}),
])
def test_active_profiles(tmp_path: Path, env: dict[str, str], flags: tuple[str, ...],
                         expected: set[str]) -> None:
    write(tmp_path, {"compose.yaml": PROFILED})
    assert set(load(tmp_path, env, profiles=flags).services) == expected
