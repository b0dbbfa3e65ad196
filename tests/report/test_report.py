"""`orchconv report`: the page opened in headless Chromium (loads, no console errors, a
screenshot), its counts against the loss report, every row linked to a real line, the JSON
form, the checklist, escaping, and no secret value anywhere in it."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from orchconv.location import Loc
from orchconv.report.data import ReportData, Summary
from orchconv.report.fates import KeyRow, Reason
from orchconv.report.html import write_html
from tests.peers import require_peer
from tests.report.browser import visit

ROOT = Path(__file__).resolve().parent.parent.parent
SHOP = "tests/report/cases/shop/docker-compose.yml"
WORDPRESS = "examples/wordpress/docker-compose.yml"
SECRET_VALUES = ("pw-in-env-123456", "s3cr3t-file-content-xyz", "mywordpress")
CHROMIUM_HOW = "Debian package chromium; scripts/peers/install-report-peers.sh"


def orchconv(*args: str) -> tuple[int, str, str]:
    from orchconv.cli import main

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(here)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


class _Page(HTMLParser):
    """The counts, the key rows and their links of a report page."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, str] = {}
        self.rows: list[dict[str, str]] = []  # one per key row: its fate and its link
        self.links: list[dict[str, str]] = []
        self._count: str | None = None
        self._in_row = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "data-count" in attributes:
            self._count = attributes["data-count"]
        if tag == "tr" and "key" in attributes.get("class", "").split():
            self._in_row = True
            self.rows.append({"fate": attributes["data-fate"]})
        if tag == "a" and attributes.get("class") == "loc":
            self.links.append(attributes)
            if self._in_row:
                self.rows[-1].update(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._in_row = False

    def handle_data(self, data: str) -> None:
        if self._count is not None:
            self.counts[self._count] = data.strip()
            self._count = None


def _loss_report(tmp_path: Path, path: str, target: str) -> dict[str, int]:
    report = tmp_path / "losses.json"
    code, _, err = orchconv(f"compose2{target}", "-f", path, "-o", str(tmp_path / "out/"),
                            "--loss-report", str(report))
    assert code == 0, err
    levels = [entry["level"] for entry in json.loads(report.read_text())["losses"]]
    return {"total": len(levels), "warning": levels.count("warning"),
            "info": levels.count("info")}


@pytest.mark.parametrize(("path", "target"), [(WORDPRESS, "k8s"), (SHOP, "k8s"),
                                              (SHOP, "swarm")])
def test_page_counts_match_the_loss_report_and_rows_link_real_lines(
        tmp_path: Path, path: str, target: str) -> None:
    page_path = tmp_path / "site" / "report.html"
    page_path.parent.mkdir()
    code, _, err = orchconv("report", "-f", path, "--to", target, "-o", str(page_path))
    assert code == 0, err
    page = _Page()
    page.feed(page_path.read_text())
    losses = _loss_report(tmp_path, path, target)
    assert {level: int(page.counts[f"losses-{level}"]) for level in losses} == losses
    fates = [row["fate"] for row in page.rows]
    for fate in ("mapped", "changed", "lost"):
        assert int(page.counts[f"keys-{fate}"]) == fates.count(fate)
    assert page.rows and all("href" in row for row in page.rows)  # every row has its link
    for link in page.links:
        file, _, anchor = unquote(link["href"]).partition("#L")
        source = (page_path.parent / file).resolve()
        assert source.is_file(), link
        line = int(anchor)
        assert line == int(link["data-line"]) and 1 <= line <= len(
            source.read_text().splitlines()), link


def test_json_gives_the_same_data(tmp_path: Path) -> None:
    code, out, err = orchconv("report", "-f", SHOP, "--to", "k8s", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["services"] == 2 and data["summary"]["lossy"] == 1
    fates = {(row["owner"], row["key"]): row["fate"] for row in data["rows"]}
    assert fates[("web", "depends_on")] == "lost"
    assert fates[("web", "ports")] == "changed"
    assert fates[("db", "image")] == "mapped"
    assert data["summary"]["losses"] == _loss_report(tmp_path, SHOP, "k8s")
    assert {f["rule"] for group in data["findings"].values() for f in group}
    checklist = "\n".join(data["checklist"])
    for needle in ("Build the image of service web", "Create the Secret web-env",
                   "Pick a storage class", "Point DNS for shop.example.com"):
        assert needle in checklist


@pytest.mark.parametrize("fmt", ["html", "json"])
@pytest.mark.parametrize("target", ["k8s", "swarm"])
def test_no_secret_value_appears(fmt: str, target: str) -> None:
    code, out, err = orchconv("report", "-f", SHOP, "--to", target, "--format", fmt)
    assert code == 0, err
    for value in SECRET_VALUES:
        assert value not in out and value not in err
    if target == "k8s":  # the generated Secrets are shown with their keys only
        assert "DB_PASSWORD" in out and "api_key" in out


def test_text_is_escaped() -> None:
    row = KeyRow("web", "labels", "lost", "x.yml", 1, 1,
                 [Reason("services.web.labels", "warning", "<script>alert(1)</script>",
                         "x.yml", 1, 1)])
    data = ReportData("p<b>", "compose", "k8s", Summary(), [row], {}, [], ["<i>do</i>"],
                      "flowchart TB", "digraph {}", None, "no-dot")
    page = write_html(data)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "p&lt;b&gt;" in page and "&lt;i&gt;do&lt;/i&gt;" in page
    assert "mermaid-source" in page  # no SVG: the Mermaid source instead
    assert Loc("x.yml", 1, 1)  # rows point at file:line


def test_without_dot_the_graph_is_mermaid_source(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, out, err = orchconv("report", "-f", WORDPRESS, "--to", "k8s")
    assert code == 0, err
    assert '<code class="mermaid-source">flowchart TB' in out and "<svg" not in out


def test_same_source_and_target_is_a_usage_error() -> None:
    code, _, err = orchconv("report", "-f", "golden/compose/seed-wordpress-stack/"
                            "docker-compose.yml", "--from", "swarm", "--to", "swarm")
    assert code == 2 and "nothing moves" in err


def test_page_loads_in_chromium_without_console_errors(tmp_path: Path) -> None:
    chromium = require_peer("chromium", CHROMIUM_HOW)
    require_peer("dot", "Debian package graphviz")
    page_path = tmp_path / "report.html"
    code, _, err = orchconv("report", "-f", SHOP, "--to", "k8s", "-o", str(page_path))
    assert code == 0, err
    shot = tmp_path / "report.png"
    seen = visit(chromium, page_path, shot)
    assert seen.console == []
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    assert 'id="summary"' in seen.dom and 'id="checklist"' in seen.dom
    assert "<svg" in seen.dom and seen.dom.count('class="key fate-') > 10


def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    chromium = require_peer("chromium", CHROMIUM_HOW)
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>t</title><link rel=icon href='data:,'>"
                    "<script>console.error('seen'); missing();</script>")
    seen = visit(chromium, page)
    assert any("seen" in line for line in seen.console)
    assert any("missing" in line for line in seen.console)


def test_docs_pictures_are_current() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_report_screenshot.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
