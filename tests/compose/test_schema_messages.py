"""Schema errors people can act on (issue 12, item 10).

Each problem is reported at the key (an unknown key) or the value (a wrong
type), in file order, all of them up to a limit, one line each, in the
compose-spec's words rather than jsonschema's, with a did-you-mean.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.errors import ValidationErrors
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.compose.schema_check import MAX_SHOWN


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the current folder


def refused(folder: Path, text: str) -> ValidationErrors:
    (folder / "compose.yaml").write_text(text)
    with pytest.raises(ValidationErrors) as caught:
        load_project(LoadOptions(working_dir=folder, os_environ={}))
    return caught.value


def lines(folder: Path, text: str) -> list[str]:
    return str(refused(folder, text)).splitlines()


def test_an_unknown_key_is_reported_at_the_key_with_a_did_you_mean(tmp_path: Path) -> None:
    text = "services:\n  web:\n    image: nginx\n    enviroment:\n      A: b\n"
    assert lines(tmp_path, text) == [
        "compose.yaml:4:5: unknown key 'enviroment' in service 'web'; did you mean 'environment'?"
    ]


def test_every_problem_is_listed_in_file_order(tmp_path: Path) -> None:
    text = (
        "servces: {}\n"                       # 1
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "    ports: 80\n"                     # 5
        "    build: 3\n"                      # 6
        "    deploy:\n"
        "      resources:\n"
        "        limits:\n"
        "          cpu: '1'\n"                # 10
        "  db: null\n"                        # 11
        "networks:\n"
        "  front:\n"
        "    driver: 3\n"                     # 14
    )
    assert lines(tmp_path, text) == [
        "compose.yaml:1:1: unknown top-level key 'servces'; did you mean 'services'?",
        "compose.yaml:5:12: service 'web': 'ports' must be a list, not an integer",
        "compose.yaml:6:12: service 'web': 'build' must be a string or a mapping, not an integer",
        "compose.yaml:10:11: unknown key 'cpu' in 'deploy.resources.limits' of service 'web';"
        " did you mean 'cpus'?",
        "compose.yaml:11:7: service 'db' must be a mapping, not null",
        "compose.yaml:14:13: network 'front': 'driver' must be a string, not an integer",
    ]


def test_no_jsonschema_phrasing_remains(tmp_path: Path) -> None:
    text = ("services:\n  web: null\n  api:\n    image: x\n    build: 3\n"
            "    pull_policy: sometimes\n    depends_on: {web: {condition: ready}}\n")
    message = str(refused(tmp_path, text))
    for jsonschema_words in ("is not of type", "is not valid under any", "None",
                             "additional property", "is not valid here"):
        assert jsonschema_words not in message
    assert "service 'api': 'pull_policy' must be a pull policy" in message
    assert "service 'api': 'depends_on.web.condition' must be one of 'service_started'" in message


def test_a_key_written_one_level_too_high_is_pointed_to_its_section(tmp_path: Path) -> None:
    text = "services:\n  app:\n    image: x\n    replicas: 2\n"
    assert lines(tmp_path, text) == [
        "compose.yaml:4:5: unknown key 'replicas' in service 'app'; it belongs under 'deploy'"
    ]


def test_past_the_limit_one_line_counts_the_rest(tmp_path: Path) -> None:
    keys = "".join(f"    unknown{i:02}: x\n" for i in range(MAX_SHOWN + 5))
    shown = lines(tmp_path, "services:\n  web:\n    image: x\n" + keys)
    assert len(shown) == MAX_SHOWN + 1
    assert shown[0].startswith("compose.yaml:4:5: unknown key 'unknown00'")
    assert shown[MAX_SHOWN - 1].startswith(f"compose.yaml:{3 + MAX_SHOWN}:5: ")
    assert shown[-1] == "compose.yaml: and 5 more schema errors"


def test_invalid_names_are_said_in_the_specs_words(tmp_path: Path) -> None:
    text = "services:\n  'bad name':\n    image: x\n"
    assert lines(tmp_path, text) == [
        "compose.yaml:2:3: invalid service name 'bad name': use only letters, digits, '.', '_'"
        " and '-', starting with a letter or digit"
    ]


def test_values_under_sensitive_keys_are_never_quoted(tmp_path: Path) -> None:
    text = ("services:\n  web:\n    image: x\n    environment:\n      TOKEN: [hunter2]\n"
            "    build: {context: ., args: hunter2}\n")
    assert "hunter2" not in str(refused(tmp_path, text))


def test_the_command_line_prints_each_problem_on_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    enviroment: {}\n    prots: []\n")
    done = subprocess.run([sys.executable, "-m", "orchconv.cli", "config"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "compose.yaml:4:5: unknown key 'enviroment' in service 'web';"
        " did you mean 'environment'?",
        "compose.yaml:5:5: unknown key 'prots' in service 'web'; did you mean 'ports'?",
    ]


def test_lint_reports_one_finding_per_problem(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:1\n    enviroment: {}\n    ports: 80\n")
    done = subprocess.run([sys.executable, "-m", "orchconv.cli", "lint", "compose.yaml",
                           "--select", "compose-invalid"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    found = [line for line in done.stdout.splitlines() if "compose-invalid" in line]
    assert found == [
        "compose.yaml:4:5: error compose-invalid unknown key 'enviroment' in service 'web';"
        " did you mean 'environment'?",
        "compose.yaml:5:12: error compose-invalid service 'web': 'ports' must be a list,"
        " not an integer",
    ]


def test_stack_files_list_every_problem_in_file_order_too(tmp_path: Path) -> None:
    from orchconv.translate.swarm.loader import load_stack

    (tmp_path / "stack.yml").write_text(
        'version: "3.8"\nservices:\n  a:\n    image: x\n    cpus: 0.5\n'
        "    depends_on:\n      b: {condition: service_started}\n  b:\n    image: y\n")
    with pytest.raises(ValidationErrors) as caught:
        load_stack(LoadOptions(files=(Path("stack.yml"),), working_dir=tmp_path,
                               os_environ={}))
    assert str(caught.value).splitlines() == [  # docker/cli's words, at the key
        "stack.yml:5:5: services.a: additional property 'cpus' is not allowed",
        "stack.yml:7:7: services.a.depends_on must be a list",
    ]
