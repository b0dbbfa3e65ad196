"""`orchconv lint -j N`: worker processes give the report one process gives.

Every format byte for byte, the files' order, the exit status, the stderr
notices (each once, in the serial order), a file that does not parse among
good ones, a configuration error met in a worker, and the secrets a worker
learns masked in what the parent prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from orchconv.lint import parallel
from orchconv.lint.engine import LintOptions
from orchconv.lint.output import FORMATS
from tests.lint.helpers import Run, working_dir, write

SECRET = "s3cr3tValue42"
COMPOSE = """\
# orchconv: disable-file unknown-{index}
version: "3.8"
services:
  web{index}:
    image: nginx
    environment:
      DB_URL: postgres://user:{secret}@db/app
"""
MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app{index}
spec:
  selector:
    matchLabels: {{app: app{index}}}
  template:
    metadata:
      labels: {{app: app{index}}}
    spec:
      containers:
        - name: app
          image: {secret}:latest
"""
SECRET_MANIFEST = f"""\
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  token: {SECRET}
"""
FILES = 40  # over parallel.AUTO_MIN_FILES, so the default runs workers too
LINTED = FILES + 2  # with the chart's Chart.yaml and the Secret


def tree(folder: Path, *, bad: bool = False, count: int = FILES) -> None:
    """Compose files and manifests in a few folders; the Secret last, so workers other
    than its own report findings quoting its value; optionally a file that is no YAML."""
    files: dict[str, str] = {}
    for index in range(count):
        group = index % 3
        if index % 2:
            files[f"g{group}/m{index:02d}.yaml"] = MANIFEST.format(index=index, secret=SECRET)
        else:
            files[f"g{group}/c{index:02d}.yml"] = COMPOSE.format(index=index, secret=SECRET)
    for group in range(3):  # each folder's configuration names a rule that does not exist
        files[f"g{group}/.orchconv.yaml"] = f"lint:\n  rules:\n    no-such-rule-g{group}: off\n"
    # a Helm chart: discovery's notice, printed between the files' as a serial run does
    files["g1/chart/Chart.yaml"] = "apiVersion: v2\nname: chart\nversion: 1.0.0\n"
    files["g1/chart/templates/app.yaml"] = "kind: ConfigMap\n{{ .Values.x }}\n"
    files["z/secret.yaml"] = SECRET_MANIFEST
    if bad:
        files["g1/broken.yml"] = "services:\n  web: [unclosed\n"
    write(folder, files)


def cli(folder: Path, *args: str) -> Run:
    """The whole CLI (its stderr masking included), in `folder`."""
    from orchconv.cli import main

    with working_dir(folder):
        result = CliRunner().invoke(main, ["lint", *args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_to_one_process(tmp_path: Path, fmt: str) -> None:
    tree(tmp_path)
    serial = cli(tmp_path, "-j", "1", "--format", fmt, ".")
    for jobs in ("2", "3"):
        pooled = cli(tmp_path, "-j", jobs, "--format", fmt, ".")
        assert (pooled.code, pooled.out, pooled.err) == (serial.code, serial.out, serial.err)
    assert serial.code == 1 and serial.out


def test_the_default_uses_workers_for_many_files_and_says_the_same(tmp_path: Path) -> None:
    tree(tmp_path)
    serial = cli(tmp_path, "-j", "1", "--format", "json", ".")
    default = cli(tmp_path, "--format", "json", ".")
    assert (default.code, default.out, default.err) == (serial.code, serial.out, serial.err)
    assert len(serial.json()["files"]) == LINTED


def test_notices_are_printed_once_each_in_the_serial_order(tmp_path: Path) -> None:
    tree(tmp_path)
    serial = cli(tmp_path, "-j", "1", ".")
    pooled = cli(tmp_path, "-j", "2", ".")
    lines = serial.err.splitlines()
    configs = [line for line in lines if "no-such-rule" in line]
    # once per configuration however many files (and workers) it applies to
    assert [line.split("/")[0] for line in configs] == ["g0", "g1", "g2"]
    # one per file's suppression comment, in the files' order, among the others
    suppressions = [line for line in lines if "unknown-" in line]
    assert len(suppressions) == FILES // 2
    chart = [i for i, line in enumerate(lines) if "Helm chart templates skipped" in line]
    assert len(chart) == 1 and lines.index(suppressions[0]) < chart[0] < len(lines) - 1
    assert pooled.err == serial.err


def test_a_file_that_does_not_parse_is_reported_with_the_same_exit(tmp_path: Path) -> None:
    tree(tmp_path, bad=True)
    serial = cli(tmp_path, "-j", "1", "--format", "json", ".")
    pooled = cli(tmp_path, "-j", "2", "--format", "json", ".")
    assert serial.code == pooled.code == 2
    assert pooled.out == serial.out
    broken = [f for f in pooled.json()["findings"] if f["rule"] == "syntax"]
    assert [f["file"] for f in broken] == ["g1/broken.yml"]
    assert len(pooled.json()["files"]) == LINTED + 1  # the others were linted


def test_secrets_a_worker_learns_are_masked_by_the_parent(tmp_path: Path) -> None:
    tree(tmp_path)
    for fmt in FORMATS:
        pooled = cli(tmp_path, "-j", "2", "--format", fmt, ".")
        assert SECRET not in pooled.out + pooled.err
        assert "***" in pooled.out
    # without the Secret the value is no secret: the report quotes it
    (tmp_path / "z" / "secret.yaml").unlink()
    assert SECRET in cli(tmp_path, "-j", "2", ".").out


def test_the_parent_registers_what_the_workers_learnt(tmp_path: Path) -> None:
    from orchconv.redaction import end_run, start_run

    tree(tmp_path)
    registry = start_run()
    try:
        with working_dir(tmp_path):
            report = parallel.lint_paths([Path(".")], LintOptions(), jobs=2)
    finally:
        end_run()
    assert SECRET in registry.values  # linted only in a worker
    assert len(report.files) == LINTED


def test_a_configuration_error_in_a_worker_stops_the_run_as_serially(tmp_path: Path) -> None:
    tree(tmp_path)
    # g2's configuration is read by the worker linting g2's files only
    write(tmp_path, {"g2/.orchconv.yaml": "lint:\n  rules:\n    require-image-tag:\n"
                                          "      options: {no_such_option: 1}\n"})
    serial = cli(tmp_path, "-j", "1", ".")
    pooled = cli(tmp_path, "-j", "2", ".")
    assert serial.code == pooled.code == 2
    assert "no_such_option" in serial.err
    assert (pooled.out, pooled.err) == (serial.out, serial.err)


def test_spawned_workers_give_the_same_report(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The start method of macOS and Windows: workers that import everything afresh."""
    tree(tmp_path, count=parallel.AUTO_MIN_FILES + 4)
    serial = cli(tmp_path, "-j", "1", "--format", "json", ".")
    monkeypatch.setattr(parallel, "START_METHOD", "spawn")
    pooled = cli(tmp_path, "-j", "2", "--format", "json", ".")
    assert (pooled.code, pooled.out, pooled.err) == (serial.code, serial.out, serial.err)
    assert SECRET not in pooled.out


def test_fix_and_diff_are_the_same_in_workers(tmp_path: Path) -> None:
    tree(tmp_path / "one")
    tree(tmp_path / "many")
    serial = cli(tmp_path / "one", "-j", "1", "--diff", ".")
    pooled = cli(tmp_path / "many", "-j", "2", "--diff", ".")
    assert (pooled.code, pooled.out, pooled.err) == (serial.code, serial.out, serial.err)
    assert serial.out.count('-version: "3.8"') == FILES // 2
    serial = cli(tmp_path / "one", "-j", "1", "--fix", "--format", "json", ".")
    pooled = cli(tmp_path / "many", "-j", "2", "--fix", "--format", "json", ".")
    assert (pooled.code, pooled.out, pooled.err) == (serial.code, serial.out, serial.err)
    written = {p.relative_to(tmp_path / "one"): p.read_text(encoding="utf-8")
               for p in sorted((tmp_path / "one").rglob("*.y*ml"))}
    assert written == {p.relative_to(tmp_path / "many"): p.read_text(encoding="utf-8")
                       for p in sorted((tmp_path / "many").rglob("*.y*ml"))}
    assert not any('version: "3.8"' in text for text in written.values())


@pytest.mark.parametrize(("jobs", "expected"), [(None, parallel.usable_cores()),
                                                (0, parallel.usable_cores()), (1, 1), (3, 3)])
def test_worker_count(jobs: int | None, expected: int) -> None:
    assert parallel.worker_count(jobs) == expected


def test_a_few_files_are_linted_without_workers(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Below AUTO_MIN_FILES a pool costs more than it saves: none is started."""
    serial_tree = tmp_path / "few"
    tree(serial_tree, count=parallel.AUTO_MIN_FILES - 2)  # with Chart.yaml and the Secret: 24
    expected = cli(serial_tree, "-j", "1", "--format", "json", ".").out
    monkeypatch.setattr(parallel, "START_METHOD", "no-such-method")  # a pool would fail
    assert cli(serial_tree, "-j", "2", "--format", "json", ".").out == expected
    assert cli(serial_tree, "--format", "json", ".").out == expected
    tree(tmp_path / "many")
    with pytest.raises(ValueError, match="no-such-method"):
        cli(tmp_path / "many", "-j", "2", "--format", "json", ".")


def test_jobs_must_not_be_negative(tmp_path: Path) -> None:
    result = cli(tmp_path, "-j", "-1", ".")
    assert result.code == 2 and "-j" in result.err
