"""The console script leaves without the interpreter's teardown (orchconv/launch.py), and
nothing a user can see changes: exit statuses, complete output, exit handlers, threads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orchconv.launch import BROKEN_STREAM, _status

ROOT = Path(__file__).resolve().parents[2]
WORDPRESS = ROOT / "examples" / "wordpress" / "docker-compose.yml"
_RUN = "import sys; sys.argv[0] = 'orchconv'\n{before}\nfrom orchconv.launch import run\nrun()\n"


def _orchconv(*args: str, before: str = "", cwd: Path | None = None
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _RUN.format(before=before), *args],
                          capture_output=True, text=True, check=False, cwd=cwd)


@pytest.mark.parametrize(("args", "status"), [
    (["--version"], 0),
    (["config", "--quiet", "-f", str(WORDPRESS)], 0),
    (["lint", str(WORDPRESS)], 1),  # the example's findings
    (["no-such-command"], 2),
    (["config", "-f", "missing.yml"], 2),
])
def test_the_exit_status_is_the_commands(tmp_path: Path, args: list[str], status: int) -> None:
    assert _orchconv(*args, cwd=tmp_path).returncode == status


def test_every_byte_written_reaches_the_reader(tmp_path: Path) -> None:
    # far more than a pipe's buffer, so most of it is still in ours when the command ends
    services = "".join(f"  s{i}:\n    image: nginx:1.27\n    ports: ['{8000 + i}:80']\n"
                       for i in range(400))
    (tmp_path / "compose.yaml").write_text(f"services:\n{services}")
    done = _orchconv("compose2k8s", "-f", "compose.yaml", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("kind: Deployment") == 400
    assert done.stdout.rstrip().endswith("protocol: TCP")
    assert "losses" in done.stderr or "loss(es)" in done.stderr  # stderr flushed as well


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    before = ("import atexit\n"
              "atexit.register(lambda: open('handler-ran', 'w').close())")
    assert _orchconv("--version", before=before, cwd=tmp_path).returncode == 0
    assert (tmp_path / "handler-ran").exists()


def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    before = ("import threading, time\n"
              "def late():\n"
              "    time.sleep(0.3)\n"
              "    open('thread-finished', 'w').close()\n"
              "threading.Thread(target=late).start()")
    assert _orchconv("--version", before=before, cwd=tmp_path).returncode == 0
    assert (tmp_path / "thread-finished").exists()


def test_a_stream_that_cannot_be_flushed_gives_pythons_status(tmp_path: Path) -> None:
    # a reader that went away (`orchconv config | head -1`): Python's own exit gives 120
    script = ("import io, sys\n"
              "class Gone(io.StringIO):\n"
              "    def flush(self):\n"
              "        raise BrokenPipeError(32, 'Broken pipe')\n"
              "sys.stdout = Gone()\n"
              "from orchconv.launch import leave\n"
              "leave(0)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, cwd=tmp_path)
    assert done.returncode == BROKEN_STREAM
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (2, 2), (256 + 3, 3)])
def test_status_as_system_exit_gives_it(code: object, status: int) -> None:
    assert _status(code) == status


def test_a_message_is_printed_and_gives_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert _status("stopped: reason") == 1
    assert capsys.readouterr().err == "stopped: reason\n"
