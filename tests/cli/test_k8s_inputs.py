"""Kubernetes inputs follow kubectl: a folder's own files, -R to descend, later wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.translate.k8s.load.documents import manifest_files
from tests.cli.test_output_paths import DEPLOYMENT, run


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "k8s"
    (root / "a").mkdir(parents=True)
    (root / "web.yaml").write_text(DEPLOYMENT)
    (root / "a" / "api.yml").write_text(DEPLOYMENT.replace("web", "api"))
    (root / "notes.txt").write_text("not a manifest")
    (root / "upper.YAML").write_text("not read: kubectl matches extensions exactly")
    return root


def test_a_folder_is_read_without_its_sub_folders(tree: Path) -> None:
    done = run("k8s2compose", "k8s")
    assert done.exit_code == 0, done.stderr
    assert "web:" in done.stdout and "api:" not in done.stdout


@pytest.mark.parametrize("flag", ["-R", "--recursive"])
def test_recursive_descends(tree: Path, flag: str) -> None:
    done = run("k8s2compose", "k8s", flag)
    assert done.exit_code == 0, done.stderr
    assert "web:" in done.stdout and "api:" in done.stdout


def test_files_come_in_kubectls_walk_order(tree: Path) -> None:
    (tree / "a.yaml").write_text(DEPLOYMENT)
    (tree / "a" / "z.json").write_text("{}")
    (tree / "a" / "b").mkdir()
    (tree / "a" / "b" / "c.yaml").write_text(DEPLOYMENT)
    found = [p.relative_to(tree).as_posix() for p in manifest_files((tree,), recursive=True)]
    # filepath.Walk: names sorted in each folder, a folder's files where its name sorts
    assert found == ["a/api.yml", "a/b/c.yaml", "a/z.json", "a.yaml", "web.yaml"]
    assert [p.name for p in manifest_files((tree,))] == ["a.yaml", "web.yaml"]
    assert manifest_files((tree / "notes.txt",)) == [tree / "notes.txt"]  # named: read


def test_the_later_definition_wins_with_a_warning(tree: Path) -> None:
    (tree / "all-in-one.yaml").write_text(DEPLOYMENT.replace("nginx:1.27", "nginx:1.25"))
    done = run("k8s2compose", "k8s")
    assert done.exit_code == 0, done.stderr
    assert "nginx:1.27" in done.stdout and "nginx:1.25" not in done.stdout  # web.yaml is later
    first = Path("k8s") / "all-in-one.yaml"
    later = Path("k8s") / "web.yaml"
    warnings = [line for line in done.stderr.splitlines() if "defined again" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {later}:1:1: Deployment/web is defined again")
    assert f"{first}:1:1" in warnings[0]


def test_the_same_name_in_another_namespace_is_another_object(tree: Path) -> None:
    (tree / "other.yaml").write_text(
        DEPLOYMENT.replace("  name: web\n", "  name: web\n  namespace: b\n", 1)
        .replace("name: web, image", "name: other, image"))
    done = run("k8s2compose", "k8s")
    assert done.exit_code == 0, done.stderr
    assert "defined again" not in done.stderr
    assert "  web:" in done.stdout and "  web-2:" in done.stdout


def test_within_one_file_too(tree: Path) -> None:
    (tree / "web.yaml").write_text(DEPLOYMENT + "---\n" + DEPLOYMENT.replace("1.27", "1.28"))
    done = run("k8s2compose", "k8s/web.yaml")
    assert done.exit_code == 0, done.stderr
    assert "nginx:1.28" in done.stdout
    assert f"{Path('k8s') / 'web.yaml'}:15:1: Deployment/web is defined again" in done.stderr
