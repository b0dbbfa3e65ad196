"""End to end: the `orchconv-lint` hook of .pre-commit-hooks.yaml, run by the real pre-commit.

`pre-commit try-repo` builds the hook's virtualenv from a copy of this
repository (committed in a temporary git repository, so work not yet
committed here is what gets installed) and runs it in a project holding a
good and a bad Compose file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.peers import skip_unless_ci

ROOT = Path(__file__).resolve().parents[2]
HOOK_ID = "orchconv-lint"
GOOD = "services:\n  web:\n    image: nginx:1.27\n"
BAD = "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n"
# other rules come and go; the test is about the hook, so it pins the rules that run
CONFIG = "lint:\n  select: [syntax, compose-invalid, no-version-field]\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def copy_of_this_repository(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "orchconv", target / "orchconv", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target


def try_repo(project: Path, repo: Path, home: Path,
             *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(repo), HOOK_ID, "--color", "never", "--files", *files],
        cwd=project, capture_output=True, text=True, env=env, timeout=900, check=False,
    )


@skip_unless_ci(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="needs pre-commit and git")
def test_hook_passes_good_files_and_fails_naming_the_bad_one(tmp_path: Path) -> None:
    from orchconv.cli import main

    if "lint" not in main.commands:
        pytest.fail("orchconv/cli.py does not register the command: main.add_command(lint)")
    repo = copy_of_this_repository(tmp_path / "repo")
    project = tmp_path / "project"
    project.mkdir()
    for name, text in {"good.yml": GOOD, "bad.yml": BAD, ".orchconv.yaml": CONFIG,
                       "ci.yml": "on: push\n"}.items():
        (project / name).write_text(text)
    git(project, "init", "-q")
    git(project, "add", "-A")
    home = tmp_path / "pre-commit-home"

    good = try_repo(project, repo, home, "good.yml", "ci.yml", ".orchconv.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "orchconv lint" in good.stdout and "Passed" in good.stdout

    both = try_repo(project, repo, home, "good.yml", "bad.yml")
    assert both.returncode == 1, both.stdout + both.stderr
    assert "Failed" in both.stdout
    assert "bad.yml:1:1: warning no-version-field" in both.stdout
    assert "good.yml" not in both.stdout.split("Failed", 1)[1]
