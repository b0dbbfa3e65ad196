"""`orchconv graph`: goldens in DOT and Mermaid, SVG/PNG drawn by Graphviz, escaping,
the layer flags, a clear error without `dot`, and no secret value in any picture."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from orchconv.graph.dot import quote, write_dot
from orchconv.graph.mermaid import label, write_mermaid
from orchconv.graph.model import SECRET, SERVICE, VOLUME, Graph, Node
from tests.graph.cases import CASES, ROOT, SUFFIXES, golden_path, run_graph
from tests.peers import require_peer

SVG = "{http://www.w3.org/2000/svg}"
DOT_HOW = "Debian package graphviz; scripts/peers/install-report-peers.sh"


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    code, out, err = run_graph([*CASES[case], "--format", fmt])
    assert code == 0, err
    assert out == golden_path(case, fmt).read_text(), (
        f"{case}.{fmt} changed: python -m tests.graph.cases regenerates; review the diff")


def test_wordpress_shows_what_the_issue_asks() -> None:
    text = golden_path("wordpress", "dot").read_text()
    assert '"service:wordpress" -> "service:mysql" [label="service_started"];' in text
    assert '"port:8080/tcp" -> "service:wordpress" [label="80"];' in text
    assert '"service:mysql" -> "volume:mysql_data" [label="/var/lib/mysql"];' in text
    assert "{ rank=source; \"port:8080/tcp\"; }" in text  # ports on the edge of the picture
    assert "rankdir=TB" in text


def test_depends_on_conditions_label_the_edges() -> None:
    text = golden_path("depends-on-conditions", "dot").read_text()
    assert '"service:web" -> "service:db" [label="service_healthy, restart"];' in text
    assert '"service:web" -> "service:migrate" [label="service_completed_successfully"];' in text
    # required: false is a dashed (optional) edge
    assert '"service:web" -> "service:cache" [label="service_started", style=dashed];' in text


def test_layer_flags_leave_out_their_nodes() -> None:
    bare = golden_path("wordpress-horizontal-bare", "dot").read_text()
    full = golden_path("wordpress", "dot").read_text()
    assert "rankdir=LR" in bare
    for prefix in ("volume:", "network:", "port:"):
        assert f'"{prefix}' in full
        assert f'"{prefix}' not in bare
    assert '"service:wordpress" -> "service:mysql"' in bare
    assert golden_path("wordpress-horizontal-bare", "mermaid").read_text().startswith(
        "flowchart LR\n")


def test_manifests_join_services_ingresses_claims_and_secrets() -> None:
    text = golden_path("k8s-shop", "dot").read_text()
    assert '"shop/Service/web" -> "shop/Deployment/web" [label="80→8080"];' in text
    assert '"shop/Ingress/shop" -> "shop/Service/web" [label="shop.example.com/"];' in text
    assert '"shop/Deployment/web" -> "shop/PersistentVolumeClaim/uploads"' in text
    assert '"shop/StatefulSet/db" -> "shop/Secret/db-credentials" [label="env"];' in text
    assert '"port:NodePort:30080/TCP" -> "shop/Service/web"' in text
    assert 'subgraph "cluster_shop"' in text
    assert '"shop/Service/db" [label="db\\nService (Headless)"' in text


def test_no_secret_value_in_any_picture() -> None:
    for case in CASES:
        for fmt in SUFFIXES:
            text = golden_path(case, fmt).read_text()
            assert "hunter2" not in text and "token-from-env" not in text
            assert "mywordpress" not in text  # WordPress's passwords
    assert "db_password" in golden_path("secrets-configs", "dot").read_text()  # names shown


def test_output_is_stable_whatever_the_insertion_order() -> None:
    nodes = [Node(f"service:{n}", SERVICE, (n,)) for n in ("b", "a", "c")]
    first, second = Graph("p"), Graph("p")
    for node in nodes:
        first.add(node)
    for node in reversed(nodes):
        second.add(node)
    first.link("service:a", "service:b", "x")
    first.link("service:c", "service:a")
    second.link("service:c", "service:a")
    second.link("service:a", "service:b", "x")
    assert write_dot(first) == write_dot(second)
    assert write_mermaid(first) == write_mermaid(second)


NASTY = 'a "quoted" \\N back\\slash <b>&amp; #x\nnext'


def test_dot_and_mermaid_escape_every_name() -> None:
    assert quote('say "hi"\\n') == '"say \\"hi\\"\\\\n"'
    assert quote("two\nlines") == '"two\\nlines"'
    assert quote("a&amp;b") == '"a&amp;amp;b"'  # Graphviz reads entities: & is one too
    assert label(['x "y" <z> & #1']) == '"x #quot;y#quot; #lt;z#gt; #amp; #35;1"'
    graph = Graph('p"roj')
    graph.add(Node("service:web", SERVICE, ("web", NASTY)))
    graph.add(Node(f"volume:{NASTY}", VOLUME, (NASTY,)))
    graph.link("service:web", f"volume:{NASTY}", NASTY)
    mermaid = write_mermaid(graph)
    for line in mermaid.splitlines()[1:]:
        # every label is one quoted string: quotes only at its two ends
        for text in line.split('"')[1::2]:
            assert "<b>" not in text and "\n" not in text
    assert mermaid.count('"') % 2 == 0


def test_dot_draws_nasty_names_as_written() -> None:
    dot = require_peer("dot", DOT_HOW)
    graph = Graph('p"roj')
    graph.add(Node("service:web", SERVICE, ("web", NASTY)))
    graph.add(Node(f"secret:{NASTY}", SECRET, (NASTY,)))
    graph.link("service:web", f"secret:{NASTY}", "edge")
    done = subprocess.run([dot, "-Tsvg"], input=write_dot(graph), capture_output=True,
                          text=True, check=True)
    root = ET.fromstring(done.stdout)
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert 'a "quoted" \\N back\\slash <b>&amp; #x' in texts  # shown, not interpreted
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) == 2


@pytest.mark.parametrize("case", ["wordpress", "depends-on-conditions", "secrets-configs",
                                  "networks", "volumes", "k8s-shop"])
def test_svg_parses_and_holds_every_service(case: str, tmp_path: Path) -> None:
    require_peer("dot", DOT_HOW)
    output = tmp_path / "graph.svg"
    code, _, err = run_graph([*CASES[case], "--format", "svg", "-o", str(output)])
    assert code == 0, err
    root = ET.parse(output).getroot()
    assert root.tag == f"{SVG}svg"
    titles = {t.text for g in root.iter(f"{SVG}g") if g.get("class") == "node"
              for t in g.iter(f"{SVG}title")}
    services = {line.split('"')[1] for line in golden_path(case, "dot").read_text().splitlines()
                if 'style="rounded,filled"' in line}
    assert services and services <= titles


def test_png_is_a_png(tmp_path: Path) -> None:
    require_peer("dot", DOT_HOW)
    output = tmp_path / "graph.png"
    code, _, err = run_graph([*CASES["wordpress"], "--format", "png", "-o", str(output)])
    assert code == 0, err
    assert output.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_missing_dot_is_one_line_naming_the_package(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` anywhere
    output = tmp_path / "graph.svg"
    code, out, err = run_graph([*CASES["wordpress"], "--format", "svg", "-o", str(output)])
    assert code == 2
    lines = [line for line in err.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1 and "graphviz" in lines[0] and "Traceback" not in err
    assert not output.exists() and out == ""


def test_bad_input_is_one_located_line() -> None:
    code, _, err = run_graph(["-f", "tests/graph/cases/no-such.yml"])
    assert code == 2
    assert err.count("\n") == 1 and "no-such.yml" in err


def test_help_names_the_docker_compose_viz_flags() -> None:
    from click.testing import CliRunner

    from orchconv.cli import main

    text = CliRunner().invoke(main, ["graph", "--help"]).output
    for flag in ("--no-volumes", "--no-networks", "--no-ports", "--horizontal", "--from",
                 "--format", "-o, --output"):
        assert flag in text
    assert os.path.isfile(ROOT / "examples" / "wordpress" / "docker-compose.yml")
