"""Bad input of another kind: compose files naming host files that must not be embedded.

`files/hostfiles/project` is a project beside `files/hostfiles/outside`.  Each
compose file names a file that compose2k8s would copy into a manifest: from
/proc, outside the project, a FIFO, a directory, a link out of the project.
compose2k8s (and compose2swarm where it embeds the file too) must exit 2 with
one located line, write nothing and change no input; `config` reads as docker
compose does and succeeds.  The FIFO and the link are made here: git keeps
neither a FIFO nor, usefully, a link pointing out of the checkout.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.badinput.test_bad_input import FILES, _environment, _orchconv


@dataclass(frozen=True)
class HostCase:
    file: str
    where: str  # line:col of the key naming the file
    says: str  # a fragment of the one stderr line
    commands: tuple[str, ...] = ("compose2k8s",)
    options: tuple[str, ...] = ()


OUTSIDE = "is outside the project directory"
CASES = [
    HostCase("secret-proc-environ.yml", "7:5", "/proc/self/environ is under /proc"),
    HostCase("secret-proc-mem.yml", "7:5", "/proc/self/mem is under /proc"),
    HostCase("secret-outside.yml", "7:5", OUTSIDE),
    HostCase("secret-directory.yml", "7:5", "/conf is a directory, not a file"),
    HostCase("secret-fifo.yml", "7:5", "/pipe is a FIFO"),
    HostCase("env-file-outside.yml", "4:15", OUTSIDE, ("compose2k8s", "compose2swarm")),
    HostCase("bind-link-out.yml", "5:9", f"(resolving to {{outside}}) {OUTSIDE}",
             options=("--bind-as-configmap",)),
]


def _digest(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for root, _, names in os.walk(folder):  # links to folders are not followed
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                found[str(path.relative_to(folder))] = hashlib.sha256(
                    path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def hostfiles(tmp_path: Path) -> Path:
    folder = tmp_path / "hostfiles"
    shutil.copytree(FILES / "hostfiles", folder)
    os.mkfifo(folder / "project" / "pipe")
    (folder / "project" / "etc-link").symlink_to(folder / "outside")
    return folder


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_converters_refuse_host_files(case: HostCase, hostfiles: Path) -> None:
    project = hostfiles / "project"
    says = case.says.format(outside=hostfiles / "outside")
    for command in case.commands:
        before = _digest(hostfiles)
        output = hostfiles / f"out-{command}"
        done = _orchconv([command, "-f", case.file, "-o", f"{output}/", *case.options],
                         project)
        lines = done.stderr.splitlines()
        assert done.returncode == 2, done.stderr
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith(f"{case.file}:{case.where}: "), lines[0]
        assert says in lines[0], (lines[0], says)
        assert "not-a-real" not in done.stderr + done.stdout
        assert not output.exists(), "nothing may be written"
        assert _digest(hostfiles) == before


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_config_reads_as_compose_does(case: HostCase, hostfiles: Path) -> None:
    done = _orchconv(["config", "-q", "-f", case.file], hostfiles / "project")
    assert done.returncode == 0, done.stderr


def test_allow_read_lets_the_outside_in(hostfiles: Path) -> None:
    done = _orchconv(["compose2k8s", "-f", "secret-outside.yml", "--allow-read", "../outside"],
                     hostfiles / "project", _environment())
    assert done.returncode == 0, done.stderr
    assert "kind: Secret" in done.stdout
