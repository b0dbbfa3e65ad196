"""Differential tests of `orchconv config`'s flags against `docker compose config`.

Each flag runs on a representative set of golden compose cases with both tools.
Outputs are compared as text, sorted only where docker compose walks a Go map
(its order then changes from run to run): --volumes, --images, --variables rows.
Known, explained disagreements are strict xfails (docs/compose-differences.md).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from typing import Any

import pytest
import yaml

from tests.goldens import CASE_DIR, GOLDEN, Case, portable, run_cli
from tests.peers import require_peer

pytestmark = pytest.mark.peer

CASES = [Case("compose", GOLDEN / "compose" / name) for name in (
    "build-forms", "depends-on-conditions", "implicit-dependencies", "profiles-flag",
    "profiles-optional-dependency", "external-resources", "networks-ipam", "include-basic",
    "extends-other-file", "multi-file-other-folder", "volumes-long-syntax",
    "secrets-configs-usage", "interp-nested", "interp-required-set", "env-dotenv",
    "err-undefined-network", "err-interp-required-missing", "develop-and-hooks",
    "env-file-forms",
)]
# cases whose variables each appear with one meaning: compose keeps a random one otherwise
VARIABLE_CASES = [Case("compose", GOLDEN / "compose" / name) for name in (
    "interp-unbraced", "interp-required-set", "interp-escaped-dollar",
    "env-dotenv", "config-content-interpolation", "build-forms", "profiles-flag",
)]


def ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


def compose(case: Case, *flags: str) -> subprocess.CompletedProcess[str]:
    binary = require_peer("docker-compose", "bash scripts/peers/build-go-peers.sh")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/root"),
           **case.env()}
    result = subprocess.run([binary, *case.args([]), "config", *flags], cwd=case.path, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    result.stdout = portable(result.stdout, case.path)
    return result


def both(case: Case, *flags: str) -> tuple[str, str]:
    """Both tools' stdout; both must succeed, or both fail."""
    theirs = compose(case, *flags)
    ours = run_cli(case, ["config", *flags], [])
    assert (ours.exit_code == 0) == (theirs.returncode == 0), (ours.stderr, theirs.stderr)
    return ours.stdout, theirs.stdout


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_quiet_validates_only(case: Case) -> None:
    ours, theirs = both(case, "-q")
    assert ours == theirs == ""


def compose_model(case: Case) -> dict[str, Any] | None:
    result = compose(case, "--format", "json")
    return json.loads(result.stdout) if result.returncode == 0 else None


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_services_in_dependency_order(case: Case) -> None:
    ours, theirs = both(case, "--services")
    # one level of the graph may come in any order from compose's concurrent walk
    assert sorted(ours.splitlines()) == sorted(theirs.splitlines())
    model = compose_model(case)
    if model is None:
        return
    listed, seen = set(ours.splitlines()), set[str]()
    for name in ours.splitlines():  # a dependency on a disabled service is not listed
        assert set(model["services"][name].get("depends_on") or {}) & listed <= seen, name
        seen.add(name)


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
@pytest.mark.parametrize("flag", ["--volumes", "--images"])
def test_name_lists(case: Case, flag: str) -> None:
    ours, theirs = both(case, flag)
    assert sorted(ours.splitlines()) == sorted(theirs.splitlines())


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_profiles(case: Case) -> None:
    ours, theirs = both(case, "--profiles")
    assert ours == theirs


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_networks_are_the_models_networks(case: Case) -> None:
    """docker compose v2.35 has no --networks: compare with the networks of its model."""
    ours = run_cli(case, ["config", "--networks"], [])
    model = compose_model(case)
    if model is None:
        assert ours.exit_code != 0
        return
    assert ours.stdout.splitlines() == sorted(model.get("networks") or {})


HASH_LINE = re.compile(r"^(\S+) ([0-9a-f]{64})$")


@pytest.mark.parametrize("case", CASES, ids=ids(CASES))
def test_hash_format(case: Case) -> None:
    """Same lines and names; the digests differ (compose hashes Go's JSON of its struct)."""
    ours, theirs = both(case, "--hash", "*")
    our_lines = [HASH_LINE.fullmatch(line) for line in ours.splitlines()]
    their_lines = [HASH_LINE.fullmatch(line) for line in theirs.splitlines()]
    assert all(our_lines) and all(their_lines)
    assert [m.group(1) for m in our_lines if m] == [m.group(1) for m in their_lines if m]


def test_hash_of_named_services() -> None:
    case = Case("compose", GOLDEN / "compose" / "depends-on-conditions")
    ours, theirs = both(case, "--hash", "web,db")
    assert [line.split()[0] for line in ours.splitlines()] == \
        [line.split()[0] for line in theirs.splitlines()] == ["db", "web"]


@pytest.mark.parametrize("case", VARIABLE_CASES, ids=ids(VARIABLE_CASES))
def test_variables_table(case: Case) -> None:
    ours, theirs = both(case, "--variables")
    our_rows, their_rows = ours.splitlines(), theirs.splitlines()
    assert our_rows[0] == their_rows[0]  # the header, laid out alike
    assert our_rows[1:] == sorted(their_rows[1:])


def references(text: str) -> list[str]:
    """Every string value that still holds a `${...}` reference, sorted."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and "${" in value.replace(CASE_DIR, ""):
            found.append(value)  # compose resolves paths there too: the case folder is no ref

    walk(yaml.safe_load(text))
    return sorted(found)


@pytest.mark.parametrize("case", VARIABLE_CASES, ids=ids(VARIABLE_CASES))
def test_no_interpolate_keeps_references(case: Case) -> None:
    ours, theirs = both(case, "--no-interpolate")
    assert references(ours) == references(theirs)
    assert sorted(yaml.safe_load(ours)["services"]) == sorted(yaml.safe_load(theirs)["services"])


# (flag, case) -> why orchconv differs from compose (docs/compose-differences.md)
MODEL_DIFFERENCES: dict[tuple[str, str], str] = {
    ("--no-path-resolution", "extends-other-file"):
        "compose rebases an extended file's relative paths onto the project folder",
    ("--no-path-resolution", "include-basic"):
        "compose rebases an included file's relative paths onto the project folder",
    ("--no-normalize", "build-forms"):
        "orchconv fills build.dockerfile while reading the file, compose while normalising",
    ("--no-normalize", "extends-other-file"):
        "orchconv fills build.dockerfile while reading the file, compose while normalising",
    ("--no-normalize", "develop-and-hooks"):
        "orchconv fills build.dockerfile while reading the file, compose while normalising",
    ("--no-normalize", "multi-file-other-folder"):
        "orchconv fills build.dockerfile while reading the file, compose while normalising",
}


@pytest.mark.parametrize(
    ("flag", "case"),
    [
        pytest.param(flag, c, id=f"{flag}-{c.name}", marks=pytest.mark.xfail(
            reason=MODEL_DIFFERENCES[flag, c.name], strict=True))
        if (flag, c.name) in MODEL_DIFFERENCES else pytest.param(flag, c, id=f"{flag}-{c.name}")
        for flag in ("--no-normalize", "--no-path-resolution") for c in CASES
    ],
)
def test_model_without_a_stage(flag: str, case: Case) -> None:
    ours, theirs = both(case, flag)
    assert yaml.safe_load(ours) == yaml.safe_load(theirs)
