"""Property: no rendering of a secret value reaches a diagnostic, whatever the value holds.

A value drawn with backslashes, quotes, `$`, newlines and non-ASCII text is
put in `.env`, an `env_file`, a secret file and the process environment, and
interpolated into keys whose messages quote it (`user:`, `container_name:
x-${...}`, an invalid `mem_limit:`).  Every command runs on it in-process
(config, compose2k8s, compose2swarm, lint in every format, to stdout and to a
file, `--loss-report`), and `--debug` runs in a subprocess, where the
interpreter prints the traceback.  Neither stderr nor any report may hold the
value in any form this test knows (its own list, built with the standard
library, not orchconv's); the artifacts (`config` output) do hold it.
"""

from __future__ import annotations

import base64
import html
import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchconv.cli import main

LINT_FORMATS = ("text", "json", "sarif", "github", "junit", "codeclimate")
_TRICKY = "\\'\"$ {}-_:@/%#&<>=,;\téü日😀"
_TOKEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@st.composite
def secret_values(draw: st.DrawFn) -> str:
    """1-3 lines, each with a distinct token (so no line is an ordinary word of the
    output) and a tail of characters that need escaping in some format."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        token = draw(st.text(_TOKEN, min_size=4, max_size=5))
        tail = draw(st.text(_TRICKY + "abcxyz", max_size=10))
        lines.append(f"Kq{token}{tail}".rstrip(" \t"))
    return "\n".join(lines)


def _dotenv_quoted(value: str) -> str:
    """A double-quoted dotenv value that reads back as `value` (\\$ keeps a literal $)."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
               .replace("\n", "\\n").replace("\t", "\\t"))
    return f'"{escaped}"'


def _quotings(text: str) -> Iterator[str]:
    """How a message may quote a value."""
    yield text
    yield json.dumps(text)[1:-1]
    yield json.dumps(text, ensure_ascii=False)[1:-1]
    yield repr(text)[1:-1]
    yield repr(text + '"')[1:-2]  # inside a repr that also holds both quotes
    for unicode in (True, False):
        dumped = yaml.safe_dump(text, default_style='"', width=10**9, allow_unicode=unicode)
        yield dumped.strip()[1:-1]
    yield text.replace("'", "''")
    yield shlex.quote(text).removeprefix("'").removesuffix("'")
    yield text.replace("$", "$$")
    yield base64.b64encode(text.encode()).decode()


def _escapings(text: str) -> Iterator[str]:
    """How a report format may escape a message."""
    yield text
    yield json.dumps(text)[1:-1]
    yield json.dumps(text, ensure_ascii=False)[1:-1]
    yield escape(text)
    yield quoteattr(text)[1:-1]
    yield html.escape(text)
    yield text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def forbidden(value: str) -> set[str]:
    pieces = {value} | {line for line in value.splitlines() if len(line.strip()) >= 4}
    return {outer for piece in pieces for quoted in _quotings(piece)
            for outer in _escapings(quoted) if len(outer.strip()) >= 4}


def assert_clean(text: str, value: str, where: str) -> None:
    leaked = sorted(form for form in forbidden(value) if form in text)
    assert not leaked, f"{where} shows {leaked!r}:\n{text[:3000]}"


COMPOSE = """\
services:
  web:
    image: nginx:1.27
    user: ${DB_PASSWORD}
    container_name: x-${DB_PASSWORD}
    env_file: [creds.env]
    environment:
      APP_AUTH: "pre-${DB_PASSWORD}"
      FROM_CI: ${CI_TOKEN}
    secrets: [db]
secrets:
  db:
    file: ./db_secret.txt
"""
BROKEN = """\
services:
  web:
    image: nginx:1.27
    mem_limit: ${DB_PASSWORD}
"""
BROKEN_FROM_ENVIRONMENT = """\
services:
  web:
    image: nginx:1.27
    ports: ["${CI_TOKEN}:80"]
"""


def _project(folder: Path, value: str, other: str) -> dict[str, str]:
    folder.mkdir()
    (folder / ".env").write_text(f"DB_PASSWORD={_dotenv_quoted(value)}\n", encoding="utf-8")
    (folder / "creds.env").write_text(f"API_TOKEN={_dotenv_quoted(value)}\n"
                                      f"PGPASS={_dotenv_quoted(other)}\n", encoding="utf-8")
    (folder / "db_secret.txt").write_text(value, encoding="utf-8")
    (folder / "compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "broken-env.yaml").write_text(BROKEN_FROM_ENVIRONMENT, encoding="utf-8")
    return {"CI_TOKEN": other}


def _clean_environment() -> dict[str, str | None]:
    # what the run sees: no COMPOSE_* or ORCHCONV_* settings of the developer's shell
    return {k: None for k in os.environ if k.startswith(("COMPOSE_", "ORCHCONV_"))}


def _invoke(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, env={**_clean_environment(), **env})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args} crashed") from result.exception
    return result.exit_code, result.stdout, result.stderr


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=secret_values(), other=secret_values())
def test_no_rendering_of_a_secret_reaches_a_diagnostic(value: str, other: str,
                                                       tmp_path_factory: object) -> None:
    base = Path(tmp_path_factory.mktemp("secret"))  # type: ignore[attr-defined]
    folder = base / "project"
    env = _project(folder, value, other)
    compose, broken = str(folder / "compose.yaml"), str(folder / "broken.yaml")
    reports = base / "reports"
    reports.mkdir()

    code, out, err = _invoke(["config", "-f", compose], env)
    assert code == 0, err
    assert_clean(err, value, "config stderr")
    # the artifact holds it, as docker compose prints it (a literal `$` as `$$`)
    assert yaml.safe_load(out)["services"]["web"]["user"] == value.replace("$", "$$")

    for command in ("compose2k8s", "compose2swarm"):
        report = reports / f"{command}.json"
        code, out, err = _invoke([command, "-f", compose, "--loss-report", str(report),
                                  "-o", str(base / f"out-{command}"), "--verbose"], env)
        assert code == 0, err
        assert "loss:" in err  # container_name is lost either way: its reason quotes it
        for text, where in ((err, "stderr"), (report.read_text(encoding="utf-8"), "report")):
            assert_clean(text, value, f"{command} {where}")
            assert_clean(text, other, f"{command} {where}")

    for file in (broken, str(folder / "broken-env.yaml")):
        for command in ("config", "compose2k8s", "compose2swarm"):
            code, out, err = _invoke([command, "-f", file], env)
            assert code == 2, err
            assert_clean(err + out, value, f"{command} error")
            assert_clean(err + out, other, f"{command} error")

    for fmt in LINT_FORMATS:
        code, out, err = _invoke(["lint", "--target", "k8s", "--format", fmt, compose, broken],
                                 env)
        assert code in (0, 1), err
        assert_clean(out + err, value, f"lint --format {fmt}")
    report = reports / "lint.sarif"
    _invoke(["lint", "--target", "k8s", "--format", "sarif", "-o", str(report), compose], env)
    assert_clean(report.read_text(encoding="utf-8"), value, "lint -o report")


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=secret_values())
def test_debug_tracebacks_show_no_secret(value: str, tmp_path_factory: object) -> None:
    base = Path(tmp_path_factory.mktemp("debug"))  # type: ignore[attr-defined]
    folder = base / "project"
    env = _project(folder, value, value)
    clean = {k: v for k, v in os.environ.items() if k not in _clean_environment()}
    for command in ("config", "compose2k8s"):
        done = subprocess.run([sys.executable, "-m", "orchconv", "--debug", command,
                               "-f", "broken.yaml"], cwd=folder, env={**clean, **env},
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode != 0
        assert "Traceback" in done.stderr  # --debug shows it...
        assert_clean(done.stderr, value, f"--debug {command}")  # ...masked
