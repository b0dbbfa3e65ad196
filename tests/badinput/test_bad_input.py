"""Bad input is harmless: every command refuses it the same careful way.

Each file of `files/` goes through config, compose2k8s, compose2swarm and
k8s2compose (with -o) in a subprocess.  Each must exit 2 with exactly one
line on stderr (a schema error: one line per problem, in file order),
located at file:line:col where the input has such a place, no
traceback, nothing written at the -o path, and every input file unchanged.
`orchconv lint` reports the same problem as a finding instead (exit 2 when
the file does not parse, 1 when it parses but the loader refuses it, 0 when
it is no file lint knows), never a crash.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.source.yamltree import parse_documents
from tests.peers import missing

FILES = Path(__file__).parent / "files"
CONVERTERS = ("config", "compose2k8s", "compose2swarm", "k8s2compose")
UNSET = "ORCHCONV_BADINPUT_UNSET"


@dataclass(frozen=True)
class Case:
    file: str
    compose: str  # how the one stderr line of config/compose2k8s/compose2swarm starts
    k8s: str  # ... of k8s2compose
    lint: tuple[int, str | None]  # lint's exit status and how its finding starts
    compose_lines: int = 1  # schema errors: one line per problem, in file order


def _parse_error(file: str, where: str, message: str, *, k8s: str | None = None) -> Case:
    """A file that does not parse: every command says so at the same place."""
    line = f"{file}:{where}: {message}"
    return Case(file, line, k8s or line, (2, f"{file}:{where}: error syntax {message}"))


def _compose_error(file: str, where: str, message: str) -> Case:
    """A file that parses but that the compose loader refuses."""
    return Case(file, f"{file}:{where}: {message}",
                f"{file}:1:1: object: apiVersion must be a non-empty string",
                (1, f"{file}:{where}: error compose-invalid {message}"))


NOT_K8S = "object: apiVersion must be a non-empty string"
CASES = [
    _parse_error("invalid-yaml.yml", "5:1", "invalid YAML: did not find expected ','"),
    _parse_error("duplicate-keys.yml", "4:5", "duplicate key 'image'"),
    _parse_error("tabs.yml", "2:1", "invalid YAML: found character that cannot start"),
    _parse_error("not-utf8.yml", "5:16", "not UTF-8 text"),
    _parse_error("binary.yml", "3:1", "binary file (contains NUL bytes)"),
    Case("empty.yml", "empty.yml:1:1: empty file: no YAML document",
         "empty.yml: no Kubernetes objects in the input",
         (2, "empty.yml:1:1: error syntax empty file: no YAML document")),  # as config says
    Case("comment-only.yml", "comment-only.yml:1:1: empty file: no YAML document",
         "comment-only.yml: no Kubernetes objects in the input",
         (2, "comment-only.yml:1:1: error syntax empty file: no YAML document")),
    Case("list-document.yml", "list-document.yml:1:1: top-level object must be a mapping",
         "list-document.yml:1:1: a document must be a mapping", (0, None)),
    Case("scalar-document.yml", "scalar-document.yml:1:1: top-level object must be a mapping",
         "scalar-document.yml:1:1: a document must be a mapping", (0, None)),
    Case("two-documents.yml", "two-documents.yml:5:1: expected one YAML document, found several",
         f"two-documents.yml:1:1: {NOT_K8S}",
         (1, "two-documents.yml:5:1: error compose-invalid expected one YAML document")),
    _parse_error("deep-flow.yml", "1:267", "nesting deeper than 256 levels"),
    _parse_error("deep-block.yml", "257:513", "nesting deeper than 256 levels"),
    _parse_error("alias-bomb.yml", "6:13", "aliases expand the document past 200000 nodes"),
    _parse_error("alias-bomb-mapping.yml", "6:14", "aliases expand the document past 200000 nodes"),
    # issue 11: one 10,000-character scalar referenced 9,000 times, few nodes but 90 MB of text
    _parse_error("alias-bomb-text.yml", "424:3",
                 "aliases expand the document past 4194304 characters of text"),
    Case("wrong-type-services-list.yml",
         "wrong-type-services-list.yml:2:3: 'services' must be a mapping, not a list",
         f"wrong-type-services-list.yml:1:1: {NOT_K8S}", (0, None)),  # not taken for compose
    _compose_error("wrong-type-service-string.yml", "2:8",
                   "service 'web' must be a mapping, not a string"),
    _compose_error("wrong-type-string.yml", "3:12",
                   "service 'web': 'image' must be a string, not a list"),
    _compose_error("wrong-type-integer.yml", "5:17",
                   "services.web.deploy.replicas must be an integer"),
    _compose_error("wrong-type-boolean.yml", "4:17", "services.web.privileged must be a boolean"),
    _compose_error("wrong-type-float.yml", "4:11", "services.web.cpus must be a number"),
    _compose_error("wrong-type-duration.yml", "6:17", "invalid duration 'soon'"),
    _compose_error("wrong-type-byte-size.yml", "4:16", "invalid size: 'lots'"),
    _compose_error("wrong-type-list.yml", "4:14",
                   "service 'web': 'cap_add' must be a list, not an integer"),
    _compose_error("wrong-type-list-or-mapping.yml", "4:18",
                   "service 'web': 'environment' must be a mapping or a list, not an integer"),
    _compose_error("wrong-type-mapping.yml", "4:13",
                   "service 'web': 'deploy' must be a mapping, not a string"),
    _compose_error("wrong-type-enum.yml", "4:18",
                   "service 'web': 'pull_policy' must be a pull policy"),
    _compose_error("wrong-type-port.yml", "5:9", "invalid hostPort: eighty"),
    _compose_error("wrong-type-volume.yml", "5:9", "invalid volume ':::'"),
    _compose_error("wrong-type-depends-on.yml", "4:17",
                   "service 'web': 'depends_on' must be a list or a mapping, not an integer"),
    _compose_error("wrong-type-top-level-networks.yml", "5:3",
                   "'networks' must be a mapping, not a list"),
    _compose_error("wrong-type-top-level-volume.yml", "5:9",
                   "volume 'data' must be a mapping, not an integer"),
    _compose_error("wrong-type-unknown-key.yml", "4:5",
                   "unknown key 'imagee' in service 'web'; did you mean 'image'?"),
    _compose_error("unset-required-variable.yml", "3:12",
                   f"error while interpolating services.web.image: required variable {UNSET}"),
    _compose_error("extends-cycle.yml", "4:14", "circular reference with extends"),
    Case("extends-cycle-a.yml", "extends-cycle-a.yml:5:7: circular reference with extends",
         f"extends-cycle-a.yml:1:1: {NOT_K8S}",
         (1, "extends-cycle-b.yml:5:7: error compose-invalid circular reference with extends")),
    Case("include-cycle-a.yml", "include-cycle-b.yml:2:5: include cycle detected",
         f"include-cycle-a.yml:1:1: {NOT_K8S}",
         (1, "include-cycle-a.yml:2:5: error compose-invalid include cycle detected")),
    Case("schema-errors-in-file-order.yml",
         "schema-errors-in-file-order.yml:4:5: unknown key 'enviroment' in service 'web';"
         " did you mean 'environment'?",
         f"schema-errors-in-file-order.yml:1:1: {NOT_K8S}",
         (1, "schema-errors-in-file-order.yml:4:5: error compose-invalid unknown key"),
         compose_lines=3),  # then ports (6:12) and build (7:12), one line each
    _compose_error("include-remote.yml", "2:5",
                   "remote include not supported offline: oci://registry.example.com/"),
    _compose_error("included-top-level-key.yml", "4:1", "unknown top-level key 'foo'"),
    Case("include-top-level-key.yml",
         "included-top-level-key.yml:4:1: unknown top-level key 'foo'",
         f"include-top-level-key.yml:1:1: {NOT_K8S}",
         (1, "included-top-level-key.yml:4:1: error compose-invalid unknown top-level key")),
    Case("k8s-wrong-type.yaml", "k8s-wrong-type.yaml:1:1: unknown top-level key 'apiVersion'",
         "k8s-wrong-type.yaml:6:13: Deployment/web: spec.replicas: must be an integer",
         (1, "k8s-wrong-type.yaml:6:13: error k8s-schema Deployment 'web': spec.replicas"),
         compose_lines=4),  # apiVersion, kind, metadata, spec
    Case("k8s-no-kind.yaml", "k8s-no-kind.yaml:1:1: unknown top-level key 'apiVersion'",
         "k8s-no-kind.yaml:1:1: object: kind must be a non-empty string", (0, None),
         compose_lines=2),
]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A private copy of the corpus: outputs land beside it, not in the repository."""
    folder = tmp_path / "inputs"
    shutil.copytree(FILES, folder)
    return folder


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COMPOSE_", "ORCHCONV_")) and k != UNSET}
    env.update(extra)
    return env


def _orchconv(args: list[str], cwd: Path, env: dict[str, str] | None = None,
              preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "orchconv.cli", *args], cwd=cwd,
                          env=env or _environment(), capture_output=True, text=True,
                          timeout=120, check=False, preexec_fn=preexec)


def _converter_args(command: str, file: str, output: str) -> list[str]:
    if command == "k8s2compose":
        return [command, file, "-o", output]
    return [command, "-f", file, "-o", output]


def _assert_refused(command: str, file: str, expected: str, cwd: Path,
                    env: dict[str, str] | None = None,
                    preexec: Callable[[], None] | None = None, count: int = 1) -> None:
    before = _digest(cwd)
    output = cwd.parent / f"out-{command}"
    done = _orchconv(_converter_args(command, file, str(output)), cwd, env, preexec)
    lines = done.stderr.splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == count, done.stderr
    assert all(line.startswith(f"{file}:") for line in lines[1:]), done.stderr
    assert lines[0].startswith(expected), (lines[0], expected)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    assert not output.exists(), "nothing may be written for bad input"
    assert _digest(cwd) == before, "the input files must stay as they were"


def _assert_linted(file: str, expected: tuple[int, str | None], cwd: Path,
                   env: dict[str, str] | None = None,
                   preexec: Callable[[], None] | None = None) -> None:
    before = _digest(cwd)
    done = _orchconv(["lint", file], cwd, env, preexec)
    code, finding = expected
    assert done.returncode == code, done.stdout + done.stderr
    assert done.stderr == "", done.stderr
    assert "Traceback" not in done.stdout
    assert "internal-error" not in done.stdout
    if finding is not None:
        assert any(line.startswith(finding) for line in done.stdout.splitlines()), done.stdout
    assert _digest(cwd) == before


@pytest.mark.parametrize("command", CONVERTERS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_converters_refuse_bad_input(case: Case, command: str, workdir: Path) -> None:
    if command == "k8s2compose":
        _assert_refused(command, case.file, case.k8s, workdir)
    else:
        _assert_refused(command, case.file, case.compose, workdir, count=case.compose_lines)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_lint_reports_bad_input(case: Case, workdir: Path) -> None:
    _assert_linted(case.file, case.lint, workdir)


def test_every_corpus_file_has_a_case() -> None:
    listed = {case.file for case in CASES} | {"valid.yml", "extends-cycle-b.yml",
                                               "include-cycle-b.yml"}
    assert {p.name for p in FILES.iterdir() if p.is_file()} == listed


# --- files that cannot be read as given ------------------------------------------------


@pytest.mark.parametrize("command", CONVERTERS)
def test_missing_file(command: str, workdir: Path) -> None:
    message = "missing.yml: no such file or folder" if command == "k8s2compose" \
        else "missing.yml: no such file"
    _assert_refused(command, "missing.yml", message, workdir)


def test_missing_file_lint(workdir: Path) -> None:
    _assert_linted("missing.yml", (2, "missing.yml:1:1: error syntax no such file"), workdir)


@pytest.mark.parametrize("command", CONVERTERS)
def test_file_over_the_size_limit(command: str, workdir: Path) -> None:
    env = _environment(ORCHCONV_MAX_FILE_SIZE="32")
    _assert_refused(command, "valid.yml",
                    "valid.yml: file is larger than the 32-byte limit (ORCHCONV_MAX_FILE_SIZE)",
                    workdir, env)


def test_file_over_the_size_limit_lint(workdir: Path) -> None:
    env = _environment(ORCHCONV_MAX_FILE_SIZE="32")
    _assert_linted("valid.yml", (2, "valid.yml:1:1: error syntax file is larger than"),
                   workdir, env)


def _without_root_file_access() -> None:
    """Drop the capabilities that let root read any file (the tests run as root), so
    a mode 000 file is as unreadable to this process as to any user's."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_capabilities() -> bool:
    probe = subprocess.run(["true"], preexec_fn=_without_root_file_access, check=False)
    return probe.returncode == 0


@pytest.fixture
def unreadable(workdir: Path) -> Iterator[str]:
    if not sys.platform.startswith("linux") or not _can_drop_capabilities():
        missing("needs Linux capabilities to make a file unreadable to root")
    locked = workdir / "locked.yml"
    shutil.copyfile(workdir / "valid.yml", locked)
    locked.chmod(0)
    yield locked.name
    locked.chmod(0o644)


@pytest.mark.parametrize("command", CONVERTERS)
def test_unreadable_file(command: str, unreadable: str, workdir: Path) -> None:
    _assert_refused(command, unreadable, f"{unreadable}: permission denied", workdir,
                    preexec=_without_root_file_access)


def test_unreadable_file_lint(unreadable: str, workdir: Path) -> None:
    _assert_linted(unreadable, (2, f"{unreadable}:1:1: error syntax permission denied"),
                   workdir, preexec=_without_root_file_access)


# --- alias bombs: refused fast and small ---------------------------------------------------


@pytest.mark.parametrize("name", ["alias-bomb.yml", "alias-bomb-mapping.yml",
                                  "alias-bomb-text.yml"])
def test_alias_bomb_is_refused_within_a_second_and_100_mb(name: str) -> None:
    text = (FILES / name).read_text(encoding="utf-8")
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(InputError, match="alias bomb"):
        list(parse_documents(text, name))
    spent = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert spent < 1.0
    assert peak < 100 * 1024 * 1024


# Runs a command and prints its peak RSS.  A child forked from this (large) test
# process would start with our pages and report them as its own peak; a child
# of this small launcher starts small.
_PEAK_RSS = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def test_alias_bomb_process_stays_under_100_mb(workdir: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _PEAK_RSS, sys.executable, "-m", "orchconv.cli",
                           "config", "-q", "-f", "alias-bomb.yml"], cwd=workdir,
                          env=_environment(), capture_output=True, text=True, check=True)
    code, peak_kib = (int(field) for field in done.stdout.split())
    assert code == 2
    assert peak_kib < 100 * 1024, f"peak RSS {peak_kib} KiB"


# --- secret values never reach messages ----------------------------------------------------

SECRET_ENV = {
    "API_TOKEN": "TOPSECRET-from-the-environment",
    "SIGNING_KEY_MATERIAL": "TOPSECRET-read-by-a-secret",
}


@pytest.fixture
def secrets_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "secrets"
    shutil.copytree(FILES.parent / "files" / "secrets", folder)
    (folder / "dotenv").rename(folder / ".env")
    return folder


@pytest.mark.parametrize("command", ["compose2k8s", "compose2swarm"])
def test_secrets_stay_out_of_losses_and_warnings(command: str, secrets_dir: Path) -> None:
    report = secrets_dir / "losses.json"
    done = _orchconv([command, "-f", "compose.yml", "--loss-report", str(report), "-v",
                      "-o", str(secrets_dir / "out")], secrets_dir, _environment(**SECRET_ENV))
    assert done.returncode == 0, done.stderr
    assert "loss:" in done.stderr  # the restart value from SESSION_SECRET is one
    assert "TOPSECRET" not in done.stderr
    assert "TOPSECRET" not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["config", "compose2k8s", "compose2swarm"])
@pytest.mark.parametrize("file", ["broken.yml", "broken-port.yml"])
def test_secrets_stay_out_of_errors(command: str, file: str, secrets_dir: Path) -> None:
    done = _orchconv([command, "-f", file], secrets_dir, _environment(**SECRET_ENV))
    assert done.returncode == 2
    assert "***" in done.stderr  # the quoted value is there, masked
    assert "TOPSECRET" not in done.stderr + done.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "codeclimate"])
def test_secrets_stay_out_of_lint_reports(fmt: str, secrets_dir: Path) -> None:
    for file in ("compose.yml", "broken.yml", "manifests.yaml"):
        done = _orchconv(["lint", "--format", fmt, file], secrets_dir,
                         _environment(**SECRET_ENV))
        assert done.returncode in (0, 1), done.stderr
        assert "TOPSECRET" not in done.stdout + done.stderr


def test_secrets_of_manifests_stay_out_of_messages(secrets_dir: Path) -> None:
    report = secrets_dir / "losses.json"
    done = _orchconv(["k8s2compose", "manifests.yaml", "--loss-report", str(report),
                      "-o", str(secrets_dir / "out")], secrets_dir)
    assert done.returncode == 0, done.stderr
    assert "TOPSECRET" not in done.stderr + report.read_text(encoding="utf-8")


# --- env file variable names (files/env-names) ----------------------------------------------


@pytest.mark.parametrize("command", ["config", "compose2k8s", "compose2swarm"])
def test_an_env_file_variable_without_a_name_is_refused(command: str, workdir: Path) -> None:
    folder = workdir / "env-names"
    _assert_refused(command, "empty-name.yml",
                    f"{folder / 'empty-name.env'}:2:1: invalid environment variable: the name "
                    "is empty", folder)


def test_a_name_no_config_map_key_can_hold_is_refused_by_compose2k8s(workdir: Path) -> None:
    folder = workdir / "env-names"
    _assert_refused("compose2k8s", "non-ascii-name.yml",
                    "non-ascii-name.yml:5:15: services.web.env_file[0]: variable 'é' of ",
                    folder)
    # compose and swarm take the name, as docker compose does
    done = _orchconv(["config", "-f", "non-ascii-name.yml"], folder)
    assert done.returncode == 0, done.stderr


# The reproduction: `DB_PASSWORD="Ab\\c-LEAK"` in .env reads as Ab\c-LEAK, which
# messages quote as 'Ab\\c-LEAK' (repr), 'Ab\\\\c-LEAK' (repr in JSON), x-Ab\c-LEAK and
# the container name x-ab-c-leak.
_LEAKED = ("LEAK", "ab-c-leak")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "codeclimate"])
def test_escaped_secrets_stay_out_of_lint_reports(fmt: str, secrets_dir: Path) -> None:
    done = _orchconv(["lint", "--target", "k8s", "--format", fmt, "leak.yml"], secrets_dir)
    assert done.returncode == 1, done.stderr
    assert not any(form in done.stdout + done.stderr for form in _LEAKED), done.stdout


@pytest.mark.parametrize("command", ["compose2k8s", "compose2swarm"])
def test_escaped_secrets_stay_out_of_losses(command: str, secrets_dir: Path) -> None:
    report = secrets_dir / "losses.json"
    done = _orchconv([command, "-f", "leak.yml", "--loss-report", str(report),
                      "-o", str(secrets_dir / "out")], secrets_dir)
    assert done.returncode == 0, done.stderr
    written = done.stderr + report.read_text(encoding="utf-8")
    assert not any(form in written for form in _LEAKED), written
