"""`-o DIR/` is all-or-nothing and current: stale files go, the user's files stay, and a
file orchconv did not write is never overwritten without --force."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from orchconv.source.output import write_atomic
from orchconv.translate import output_dir
from orchconv.translate.output_dir import MANIFEST_NAME
from tests.cli.test_output_paths import COMPOSE, run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compose.yml").write_text(COMPOSE)
    return tmp_path


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_objects_of_removed_services_disappear(project: Path) -> None:
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    assert {"db-deployment.yaml", "web-deployment.yaml"} <= _names(project / "out")
    (project / "compose.yml").write_text(COMPOSE.split("  db:")[0])
    done = run("compose2k8s", "-f", "compose.yml", "-o", "out/")
    assert done.exit_code == 0, done.stderr
    names = _names(project / "out")
    assert "web-deployment.yaml" in names
    assert not {n for n in names if n.startswith("db-")}
    kustomization = (project / "out" / "kustomization.yaml").read_text()
    assert "db-" not in kustomization
    manifest = (project / "out" / MANIFEST_NAME).read_text()
    assert "db-" not in manifest and "web-deployment.yaml" in manifest


def test_a_file_the_user_added_stays(project: Path) -> None:
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    (project / "out" / "patch.yaml").write_text("mine\n")
    (project / "out" / "notes").mkdir()
    (project / "out" / "notes" / "a.txt").write_text("kept\n")
    (project / "compose.yml").write_text(COMPOSE.split("  db:")[0])
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    assert (project / "out" / "patch.yaml").read_text() == "mine\n"
    assert (project / "out" / "notes" / "a.txt").read_text() == "kept\n"
    assert "patch.yaml" not in (project / "out" / MANIFEST_NAME).read_text()


def test_an_edited_file_is_refused_without_force(project: Path) -> None:
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    kustomization = project / "out" / "kustomization.yaml"
    kustomization.write_text(kustomization.read_text() + "patches: [{path: patch.yaml}]\n")
    before = _snapshot(project / "out")
    done = run("compose2k8s", "-f", "compose.yml", "-o", "out/", "--namespace", "other")
    assert done.exit_code == 2
    # the loss summary comes first; the refusal is one located line of its own
    refusals = [line for line in done.stderr.splitlines()
                if line.startswith(f"{Path('out') / 'kustomization.yaml'}: ")]
    assert len(refusals) == 1 and "--force" in refusals[0], done.stderr
    assert done.stderr.splitlines()[-1] == refusals[0]
    assert _snapshot(project / "out") == before
    done = run("compose2k8s", "-f", "compose.yml", "-o", "out/", "--namespace", "other",
               "--force")
    assert done.exit_code == 0, done.stderr
    assert "patches" not in kustomization.read_text()
    assert "namespace: other" in kustomization.read_text()


def test_a_file_orchconv_did_not_write_is_refused(project: Path) -> None:
    (project / "out").mkdir()
    (project / "out" / "stack.yml").write_text("by hand\n")
    done = run("compose2swarm", "-f", "compose.yml", "-o", "out")
    assert done.exit_code == 2
    assert "stack.yml" in done.stderr and "--force" in done.stderr
    assert (project / "out" / "stack.yml").read_text() == "by hand\n"


def test_a_stale_file_edited_since_is_kept_with_a_warning(project: Path) -> None:
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    (project / "out" / "db-service.yaml").write_text("edited\n")
    (project / "compose.yml").write_text(COMPOSE.split("  db:")[0])
    done = run("compose2k8s", "-f", "compose.yml", "-o", "out/")
    assert done.exit_code == 0, done.stderr
    assert (project / "out" / "db-service.yaml").read_text() == "edited\n"
    assert "db-service.yaml: kept" in done.stderr
    assert not (project / "out" / "db-deployment.yaml").exists()


def test_a_failure_half_way_leaves_the_previous_folder(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("compose2k8s", "-f", "compose.yml", "-o", "out/").exit_code == 0
    (project / "out" / "patch.yaml").write_text("mine\n")
    before = _snapshot(project / "out")
    written: list[Path] = []

    def failing(path: Path, text: str, private: bool = False) -> None:
        if written:
            raise OSError(28, "No space left on device")
        write_atomic(path, text, private)
        written.append(path)

    monkeypatch.setattr(output_dir, "write_atomic", failing)
    done = run("compose2k8s", "-f", "compose.yml", "-o", "out/", "--namespace", "other")
    assert done.exit_code == 2
    assert "No space left on device" in done.stderr
    assert written and written[0].parent != project / "out"  # staged beside, not inside
    assert _snapshot(project / "out") == before
    assert _names(project) == {"compose.yml", "out"}  # the staging folder is gone


def test_an_interrupted_run_leaves_the_previous_folder(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("compose2swarm", "-f", "compose.yml", "-o", "out/").exit_code == 0
    before = _snapshot(project / "out")

    def interrupted(stage: Path, folder: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output_dir, "_swap_in", interrupted)
    done = run("compose2swarm", "-f", "compose.yml", "-o", "out/", "--stack-version", "3.8")
    assert done.exit_code == 130
    assert _snapshot(project / "out") == before
    assert _names(project) == {"compose.yml", "out"}


def test_the_folder_keeps_its_mode_and_the_env_file_is_private(project: Path) -> None:
    manifests = project / "m"
    manifests.mkdir()
    (manifests / "app.yaml").write_text(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\n"
        "stringData: {token: a-long-secret-value-1234}\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
        "  selector: {matchLabels: {app: web}}\n  template:\n"
        "    metadata: {labels: {app: web}}\n    spec:\n      containers:\n"
        "        - name: web\n          image: nginx:1.27\n          env:\n"
        "            - name: TOKEN\n              valueFrom: {secretKeyRef: {name: creds,"
        " key: token}}\n")
    (project / "out").mkdir()
    (project / "out").chmod(0o750)
    done = run("k8s2compose", "m", "-o", "out")
    assert done.exit_code == 0, done.stderr
    assert stat.S_IMODE((project / "out").stat().st_mode) == 0o750
    env = project / "out" / ".env"
    assert "a-long-secret-value-1234" in env.read_text()
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    assert stat.S_IMODE((project / "out" / MANIFEST_NAME).stat().st_mode) == 0o600
    assert "a-long-secret-value-1234" not in done.stderr


def test_the_current_folder_is_written_in_place(project: Path) -> None:
    out = project / "out"
    out.mkdir()
    os.chdir(out)
    done = run("compose2swarm", "-f", "../compose.yml", "-o", ".")
    assert done.exit_code == 0, done.stderr
    assert Path.cwd().samefile(out)  # still a live folder: not swapped away
    assert (out / "stack.yml").is_file() and (out / MANIFEST_NAME).is_file()


def test_a_symlinked_folder_stays_a_symlink(project: Path) -> None:
    (project / "real").mkdir()
    (project / "real" / "mine.txt").write_text("kept\n")
    (project / "link").symlink_to("real")
    done = run("compose2k8s", "-f", "compose.yml", "-o", "link")
    assert done.exit_code == 0, done.stderr
    assert (project / "link").is_symlink()
    assert (project / "real" / "kustomization.yaml").is_file()
    assert (project / "real" / "mine.txt").read_text() == "kept\n"
