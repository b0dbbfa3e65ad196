"""Unit tests of the secret registry, the forms it masks and the masked stderr."""

from __future__ import annotations

import base64
import io
import json
import shlex
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import click
import pytest
import yaml
from click.testing import CliRunner

from orchconv.deploy.progress import UnitStatus, progress_for
from orchconv.diagnostics import MaskingWriter, masked
from orchconv.ir.loss import Loss
from orchconv.location import Loc
from orchconv.redaction import (
    MASK,
    end_run,
    is_secret_name,
    manifest_secret_values,
    mask,
    redact,
    register,
    renderings,
    secret_values,
    start_run,
)
from orchconv.translate.loss_report import print_losses, write_loss_report

LEAK = "Ab\\c-LEAK"  # what `DB_PASSWORD="Ab\\c-LEAK"` in a .env file reads as


@pytest.fixture
def run() -> Iterator[None]:
    start_run()
    yield
    end_run()


@pytest.mark.parametrize("name", [
    "DB_PASSWORD", "PASSWORD", "MYSQL_ROOT_PASSWORD", "PGPASS", "DB_PASS", "REDIS_PASSWD",
    "MYSQL_PWD", "API_KEY", "apiKey", "STRIPE_APIKEY", "GITHUB_TOKEN", "CLIENT_SECRET",
    "AWS_SECRET_ACCESS_KEY", "SSH_PRIVATE_KEY", "GCP_CREDENTIALS", "BASIC_AUTH",
    "SENTRY_DSN", "db-password", "app.secret", "NPM_TOKENS", "dbPassword",
])
def test_credential_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize("name", [
    "PATH", "PASSENGER_COUNT", "COMPASS_HEADING", "BYPASS_CACHE", "PWD", "OLDPWD",
    "POSTGRES_PASSWORD_FILE", "TOKEN_URL", "AWS_ACCESS_KEY_ID", "SESSION_TOKEN_TTL",
    "AUTH_TYPE", "AUTHOR", "DB_USER", "HOSTNAME", "PASSWORD_LENGTH", "KEYBOARD", "GIT_ASKPASS",
])
def test_ordinary_names(name: str) -> None:
    assert not is_secret_name(name)


def test_switches_and_short_values_are_no_secrets() -> None:
    env = {"MYSQL_RANDOM_ROOT_PASSWORD": "true", "DB_PASS": "abc", "API_TOKEN": "tok-12345",
           "HOME": "/root", "PGPASS": None}
    assert secret_values(env) == {"tok-12345"}


MESSAGE_FORMS = {
    "repr": f"look up {LEAK!r} in the image",
    "json of repr (SARIF, JSON)": json.dumps(f"look up {LEAK!r}"),
    "json, ASCII": json.dumps(LEAK + "é"),
    "json, unicode": json.dumps(LEAK + "é", ensure_ascii=False),
    "embedded": f"container 'x-{LEAK}'",
    "k8s name made of it": "so it is 'x-ab-c-leak'",
    "yaml double-quoted": yaml.safe_dump(LEAK, default_style='"'),
    "shell": shlex.quote(f"it's {LEAK}"),
    "base64": base64.b64encode(LEAK.encode()).decode(),
    "junit attribute": ElementTree.tostring(ElementTree.Element("failure", message=LEAK),
                                            encoding="unicode"),
    "compose $$": "x-A$$b-LEAK",
}


@pytest.mark.parametrize("form", MESSAGE_FORMS, ids=list(MESSAGE_FORMS))
def test_every_form_is_masked(form: str, run: None) -> None:
    register([LEAK, "A$b-LEAK"])
    masked_text = mask(MESSAGE_FORMS[form])
    assert "LEAK" not in masked_text and "leak" not in masked_text
    assert MASK in masked_text


def test_the_message_around_the_value_stays(run: None) -> None:
    register([LEAK])
    assert mask(f"look up {LEAK!r} in the image") == "look up '***' in the image"


def test_each_line_of_a_multi_line_secret_is_masked(run: None) -> None:
    register(["-----BEGIN KEY-----\nMIIEvQIBADAN\nab\n-----END KEY-----\n"])
    text = mask("line MIIEvQIBADAN and -----END KEY----- but ab stays")
    assert text == "line *** and *** but ab stays"


def test_nothing_is_masked_outside_a_run() -> None:
    end_run()
    register([LEAK])  # a library call: no run, nothing to remember
    assert mask(LEAK) == LEAK


def test_without_secrets_the_text_is_returned_as_is(run: None) -> None:
    text = "x" * 1_000_000
    assert mask(text) is text
    register(["not-in-there"])
    assert mask(text) is text


def test_a_loaders_own_redaction_knows_the_forms_too() -> None:
    assert redact(f"invalid size: {LEAK!r}", frozenset({LEAK})) == "invalid size: '***'"


def test_renderings_are_long_enough_to_mask() -> None:
    assert all(len(form.strip()) >= 4 for form in renderings("abcd\n-x\n"))


def test_values_of_secret_manifests() -> None:
    encoded = base64.b64encode(b"from-data").decode()
    secret = {"kind": "Secret", "data": {"a": encoded, "b": "not base64!"},
              "stringData": {"c": "from-string-data"}}
    values = manifest_secret_values(secret)
    assert {"from-data", "from-string-data", encoded, "not base64!"} <= set(values)
    assert manifest_secret_values({"kind": "ConfigMap", "data": {"a": "plain"}}) == []


def test_the_masking_writer_keeps_its_runs_registry_after_the_run() -> None:
    registry = start_run()
    registry.add([LEAK])
    out = io.StringIO()
    writer = MaskingWriter(out, registry)
    end_run()  # the command is over; its traceback is printed after this
    writer.write(f"ValueError: {LEAK!r}\n")
    assert out.getvalue() == "ValueError: '***'\n"


def test_the_masking_writer_hides_the_byte_stream_beneath(run: None) -> None:
    register([LEAK])
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    writer = masked(out)
    assert masked(writer) is writer
    assert not hasattr(writer, "buffer")  # click would write bytes there, unmasked
    click.echo(f"error: {LEAK}", file=writer)
    out.flush()
    assert out.buffer.getvalue() == b"error: ***\n"


def test_the_cli_masks_stderr_and_a_fresh_run_starts_each_time(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('DB_PASSWORD="Ab\\\\c-LEAK"\n', encoding="utf-8")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx:1.27\n    mem_limit: ${DB_PASSWORD}\n",
        encoding="utf-8")
    from orchconv.cli import main

    result = CliRunner().invoke(main, ["config", "-f", str(tmp_path / "compose.yaml")])
    assert result.exit_code == 2
    assert result.stderr.endswith("invalid size: '***'\n")
    assert mask(LEAK) == LEAK  # the run is over


def test_loss_lines_and_reports_are_masked(run: None, tmp_path: Path) -> None:
    register([LEAK])
    losses = [Loss(Loc("compose.yaml", 4, 5), "services.web.user", "k8s",
                   f"look up {LEAK!r} in the image")]
    stream = io.StringIO()
    print_losses(losses, stream, verbose=True)  # the located line, then its group
    assert stream.getvalue().splitlines()[:2] == [
        "compose.yaml:4:5: warning: loss: services.web.user -> k8s: look up '***' in the image",
        "warning: 1\N{MULTIPLICATION SIGN} services.*.user -> k8s: look up '***' in the image"]
    assert LEAK not in stream.getvalue()
    report = tmp_path / "losses.json"
    write_loss_report(losses, report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["losses"][0]["reason"] == "look up '***' in the image"


def test_progress_lines_are_masked(run: None) -> None:
    register(["hunter2-pass"])
    stream = io.StringIO()
    progress = progress_for(stream)
    progress.show([UnitStatus("web", "waiting", False, failure="bad env hunter2-pass")])
    assert stream.getvalue() == "[!!] web: bad env ***\n"
