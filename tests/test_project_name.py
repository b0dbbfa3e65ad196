"""The one project-name rule (orchconv.project_name), as compose-go's loader.NormalizeProjectName
states it, and its users that once carried their own copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchconv.deploy.base import name_from
from orchconv.errors import InputError
from orchconv.project_name import check_project_name, normalise_project_name
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions


@pytest.mark.parametrize(("raw", "name"), [
    ("My.Project v2", "myprojectv2"),
    ("__-web", "web"),            # leading '_' and '-' go ...
    ("web-_", "web-_"),           # ... trailing ones stay
    ("Straße", "strae"),          # letters outside a-z are dropped, not transliterated
    ("ÄÖÜ", ""),
    ("İstanbul", "istanbul"),     # Go's ToLower and Python's lower() agree once filtered
])
def test_normalise_keeps_lowercase_letters_digits_dash_underscore(raw: str, name: str) -> None:
    assert normalise_project_name(raw) == name


@given(st.text())
def test_a_normalised_name_is_stable_and_accepted(raw: str) -> None:
    name = normalise_project_name(raw)
    assert normalise_project_name(name) == name
    assert re.fullmatch(r"([a-z0-9][a-z0-9_-]*)?", name)
    if name:
        assert check_project_name(name) == name


@pytest.mark.parametrize("name", ["", "Web", "-web", "web.1", "web\n"])
def test_a_given_name_must_already_be_normal(name: str) -> None:
    with pytest.raises(InputError, match="invalid project name"):
        check_project_name(name)


@pytest.mark.parametrize("where", ["flag", "env"])
def test_a_trailing_newline_is_not_a_valid_name(tmp_path: Path, where: str) -> None:
    # compose-go compares the name with its normal form, so "shop\n" is refused; a regex
    # ending in `$` once let it through (`$` also matches before a final newline)
    (tmp_path / "compose.yaml").write_text("services:\n  app:\n    image: example/app:1\n")
    options = (LoadOptions(working_dir=tmp_path, os_environ={}, project_name="shop\n")
               if where == "flag" else
               LoadOptions(working_dir=tmp_path, os_environ={"COMPOSE_PROJECT_NAME": "shop\n"}))
    with pytest.raises(InputError, match="invalid project name"):
        load_project(options)


@pytest.mark.parametrize(("raw", "name"), [
    ("My.Service", "myservice"),  # swarm export once turned this into "my-service"
    ("web_", "web_"),             # ... and stripped the trailing underscore
    ("...", "swarm"),             # nothing left: the caller's fallback
])
def test_deployment_names_follow_the_same_rule(raw: str, name: str) -> None:
    assert name_from(raw, "swarm") == name
