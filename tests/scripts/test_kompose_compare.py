"""scripts/peers/kompose_compare.py: its parsing and reporting helpers, on inputs
written here (CI has no kompose checkout, so the comparison itself is not run)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "peers"))

import kompose_compare as kc

DEPLOYMENT = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}
SERVICE = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}}
PVC = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data"}}


def test_is_compose_needs_a_services_mapping() -> None:
    assert kc.is_compose("services:\n  web:\n    image: nginx\n")
    assert kc.is_compose("services:\n  bar:\n    deploy: {replicas: 2}\n")  # an override file
    assert not kc.is_compose("apiVersion: v1\nkind: Service\n")
    assert not kc.is_compose("services: [web]\n")
    assert not kc.is_compose("services: {web: [\n")  # not YAML


def test_discover_skips_expected_outputs_and_other_yaml(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    compose = "services:\n  web:\n    image: nginx\n"
    (tmp_path / "b" / "deep" / "docker-compose.yml").write_text(compose)
    (tmp_path / "a" / "compose.yaml").write_text(compose)
    (tmp_path / "a" / "output-k8s.yaml").write_text(compose)  # kompose's expected output
    (tmp_path / "a" / "values.yaml").write_text("replicas: 2\n")
    (tmp_path / "a" / "compose.json").write_text('{"services": {}}')
    assert kc.discover(tmp_path) == [Path("a/compose.yaml"), Path("b/deep/docker-compose.yml")]


SCRIPT = """\
DIR="v2"
k8s_cmd="kompose -f $KOMPOSE_ROOT/script/test/fixtures/$DIR/compose.yaml convert --stdout"
os_cmd="kompose --provider=openshift -f $R/script/test/fixtures/$DIR/compose.yaml convert"
# k8s_cmd="kompose -f $KOMPOSE_ROOT/script/test/fixtures/commented/compose.yaml convert -x"
if true; then
  EXTRA="--build-command 'podman build'"
fi
k8s_cmd="kompose -f $R/script/test/fixtures/sts/c.yaml convert --stdout --controller statefulset"
cmd="kompose -f ${KOMPOSE_ROOT}/script/test/fixtures/sts/c.yaml convert -o $TEMP_DIR/x -j $EXTRA"
convert::check "kompose -f $KOMPOSE_ROOT/script/test/fixtures/ns/c.yaml convert -n 'my ns'" "out"
"""


def test_test_flags_reads_the_fixtures_kompose_tests_run_and_their_flags() -> None:
    assert kc.test_flags(SCRIPT) == {
        "v2/compose.yaml": [""],
        "sts/c.yaml": ["--controller statefulset", ""],
        "ns/c.yaml": ["-n 'my ns'"],
    }


def test_split_objects_flattens_lists_and_skips_empty_documents() -> None:
    text = ("---\n"
            "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service}\n"
            "- {apiVersion: apps/v1, kind: Deployment}\n"
            "---\n---\napiVersion: v1\nkind: ConfigMap\n")
    assert [item["kind"] for item in kc.split_objects(text)] == [
        "Service", "Deployment", "ConfigMap"]


def test_parse_validation_keeps_errors_per_file() -> None:
    report = (
        "ERROR /t/out-1.yaml did not validate for resource deployment/web against version"
        " 1.37: spec: 'selector' is a required property\n"
        "WARN /t/out-1.yaml Couldn't find schema for kind Foo with api version v1\n"
        "INFO /t/out-2.yaml validated against version 1.37\n"
        "ERROR /elsewhere.yaml did not validate for resource service/x\n")
    assert kc.parse_validation(report, ["/t/out-1.yaml", "/t/out-2.yaml"]) == {
        "/t/out-1.yaml": ["deployment/web: spec: 'selector' is a required property"],
        "/t/out-2.yaml": [],
    }


def test_first_error_strips_colour_and_the_scratch_folder(tmp_path: Path) -> None:
    stderr = (f"\x1b[33mWARN\x1b[0m something\n"
              f"\x1b[31mFATA\x1b[0m {tmp_path}/x/compose.yaml: services.web.image is required\n"
              "exit\n")
    assert kc.first_error(stderr, tmp_path) == (
        "FATA x/compose.yaml: services.web.image is required")
    assert kc.first_error("one\nlast words\n", tmp_path) == "last words"
    assert kc.first_error("", tmp_path) == "(no message)"


def test_run_tool_tells_a_conversion_from_a_refusal(tmp_path: Path) -> None:
    converted = kc.run_tool(
        [sys.executable, "-c", "print('kind: Service\\n---\\nkind: Deployment')"],
        tmp_path, tmp_path)
    assert converted.converted
    assert [o["kind"] for o in converted.objects] == ["Service", "Deployment"]
    refused = kc.run_tool(
        [sys.executable, "-c", "import sys; sys.exit('c.yml:3:5: error: no image')"],
        tmp_path, tmp_path)
    assert not refused.converted
    assert refused.message == "exit 1: c.yml:3:5: error: no image"
    garbled = kc.run_tool([sys.executable, "-c", "print('a: [')"], tmp_path, tmp_path)
    assert not garbled.converted
    assert garbled.message.startswith("exit 0 but the output is not YAML")


def _row(name: str, kompose: kc.Result, ours: kc.Result) -> kc.Row:
    for result in (kompose, ours):
        result.validated = result.converted
    return kc.Row(name, kompose, ours, ("", "--controller statefulset"))


@pytest.fixture
def rows() -> list[kc.Row]:
    invalid = kc.Result(True, [DEPLOYMENT], errors=["deployment/web: a | b", "second"])
    return [
        _row("same/compose.yaml", kc.Result(True, [DEPLOYMENT, SERVICE]),
             kc.Result(True, [SERVICE, DEPLOYMENT])),
        _row("kinds/compose.yaml", kc.Result(True, [DEPLOYMENT, PVC]),
             kc.Result(True, [DEPLOYMENT, SERVICE])),
        _row("refused/compose.yaml", kc.Result(False, message="exit 1: FATA bad"),
             kc.Result(False, message="exit 2: c.yml:1:1: bad")),
        _row("ours/compose.yaml", kc.Result(False, message="exit 1: FATA no"), invalid),
    ]


def test_tally_and_describe(rows: list[kc.Row]) -> None:
    counts = kc.tally(rows)
    assert counts["both converted"] == 2
    assert counts["both refused"] == 1
    assert counts["only orchconv converts"] == 1
    assert counts["only kompose converts"] == 0
    assert counts["both converted, different kinds"] == 1
    assert counts["orchconv output invalid"] == 1
    assert counts["kompose output invalid"] == 0
    assert kc.describe(rows[0].kompose, rows[0].ours) == ""
    assert kc.describe(rows[1].kompose, rows[1].ours) == (
        "only kompose: 1 PersistentVolumeClaim; only orchconv: 1 Service")
    assert kc.describe(rows[3].kompose, rows[3].ours) == (
        "kompose refuses: exit 1: FATA no; orchconv invalid: deployment/web: a | b (+1 more)")
    assert kc.outcome(rows[3].ours) == "1 object, INVALID"
    assert kc.outcome(rows[2].kompose) == "refused"


def test_render_counts_rows_notes_and_escapes_pipes(rows: list[kc.Row]) -> None:
    notes = {
        "kinds/compose.yaml": kc.Note(
            "only kompose: 1 PersistentVolumeClaim; only orchconv: 1 Service",
            "kompose keeps | the PVC"),
        "same/compose.yaml": kc.Note("only kompose: 1 Pod", "kompose makes a Pod"),
    }
    text = kc.render(rows, {"kompose": "1.0"}, notes)
    assert ("**4 fixtures: converted by both 2, refused by both 1, differ 1** (only kompose"
            " converts 0, only orchconv converts 1)") in text
    assert "- kompose: 1.0" in text
    assert "| `kinds/compose.yaml` | kompose keeps \\| the PVC |" in text
    assert ("| `ours/compose.yaml` | refused | 1 object, INVALID | kompose refuses: exit 1:"
            " FATA no; orchconv invalid: deployment/web: a \\| b (+1 more) |"
            " (none); `--controller statefulset` |") in text
    assert ("| `same/compose.yaml` | kompose makes a Pod **(outputs changed since this note"
            " was written: review it again)** |") in text
    table = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(table) == 6  # two notes, four fixtures
