"""Included files get the main file's checks; remote includes are refused clearly
(issue 12, item 14).

docker compose validates each included file against the schema ("validating
inc.yaml: (root) Additional property foo is not allowed"), and hands `oci://`,
git URLs (`git@host:repo`, `https://...git`, `github.com/...`) and other URLs
to remote loaders, which orchconv, working offline, does not have.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import InputError, ValidationErrors
from orchconv.translate.compose.include import is_remote
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def load(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    load_project(LoadOptions(working_dir=folder, os_environ={}))


MAIN = "include:\n  - inc/other.yaml\nservices:\n  web:\n    image: nginx\n"


def test_an_unknown_top_level_key_in_an_included_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationErrors) as caught:
        load(tmp_path, {"compose.yaml": MAIN,
                        "inc/other.yaml": "services:\n  api:\n    image: x\nfoo: bar\n"})
    assert str(caught.value) == "inc/other.yaml:4:1: unknown top-level key 'foo'"


def test_an_included_file_gets_the_whole_schema(tmp_path: Path) -> None:
    with pytest.raises(ValidationErrors) as caught:
        load(tmp_path, {"compose.yaml": MAIN,
                        "inc/other.yaml": "services:\n  api:\n    image: x\n    prots: []\n"})
    assert str(caught.value) == \
        "inc/other.yaml:4:5: unknown key 'prots' in service 'api'; did you mean 'ports'?"


def test_a_valid_included_file_still_loads(tmp_path: Path) -> None:
    load(tmp_path, {"compose.yaml": MAIN, "inc/other.yaml": "services:\n  api:\n    image: x\n"})


@pytest.mark.parametrize("reference", [
    "oci://docker.io/example/app:1.0",
    "git@github.com:example/app.git",
    "https://github.com/example/app.git#main:deploy",
    "http://example.com/compose.yaml",
    "ssh://git@example.com/app.git",
    "git://example.com/app.git",
    "github.com/example/app",
])
def test_a_remote_include_is_a_located_offline_error(tmp_path: Path, reference: str) -> None:
    text = f"include:\n  - path: {reference}\nservices:\n  web:\n    image: nginx\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, {"compose.yaml": text})
    assert str(caught.value) == \
        f"compose.yaml:2:11: remote include not supported offline: {reference}"


def test_the_short_form_is_located_at_the_entry(tmp_path: Path) -> None:
    text = "include:\n  - oci://docker.io/example/app\nservices: {}\n"
    with pytest.raises(InputError, match=r"^compose\.yaml:2:5: remote include not supported"):
        load(tmp_path, {"compose.yaml": text})


def test_credentials_in_a_remote_url_are_never_shown(tmp_path: Path) -> None:
    text = "include:\n  - https://robot:s3cr3t-token@git.example.com/app.git\nservices: {}\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, {"compose.yaml": text})
    assert "s3cr3t" not in str(caught.value)
    assert str(caught.value).endswith("offline: https://***@git.example.com/app.git")


def test_a_token_as_the_user_of_a_url_is_never_shown(tmp_path: Path) -> None:
    text = "include:\n  - https://ghp_abc123@github.com/example/app.git\nservices: {}\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, {"compose.yaml": text})
    assert "ghp_abc123" not in str(caught.value)


@pytest.mark.parametrize("local", ["inc/other.yaml", "./other.yaml", "../x/compose.yaml",
                                   "/abs/compose.yaml", "github.com.yaml", "my@file.yaml"])
def test_local_paths_are_not_remote(local: str) -> None:
    assert not is_remote(local)
