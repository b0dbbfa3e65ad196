"""Output is written one Kubernetes document at a time (memory, issue 11), with the same
bytes as the whole text, and still atomically."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.source.output import write_atomic
from orchconv.source.yamlout import dump_yaml, dump_yaml_documents
from orchconv.translate.result import Conversion, Document
from orchconv.translate.writing import render, render_chunks, write_output


def _conversion(count: int) -> Conversion:
    return Conversion(documents=[
        Document(f"web{i}-service", {"apiVersion": "v1", "kind": "Service",
                                      "metadata": {"name": f"web{i}"},
                                      "spec": {"ports": [{"port": 80 + i}]}})
        for i in range(count)])


def test_one_piece_per_document_same_text() -> None:
    conversion = _conversion(3)
    pieces = list(render_chunks(conversion, "k8s"))
    assert pieces == ["---\n" + dump_yaml(d.data) for d in conversion.documents]
    assert "".join(pieces) == dump_yaml_documents(d.data for d in conversion.documents)
    assert render(conversion, "k8s") == "".join(pieces)


def test_stdout_and_file_get_the_same_bytes(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    conversion = _conversion(4)
    write_output(conversion, "k8s", None)
    printed = capsys.readouterr().out
    target = tmp_path / "out.yaml"
    write_output(conversion, "k8s", str(target))
    assert target.read_text(encoding="utf-8") == printed == render(conversion, "k8s")


def test_a_second_document_is_refused_before_any_piece() -> None:
    with pytest.raises(InputError, match="expected one compose document, got 2"):
        render_chunks(_conversion(2), "compose")  # no iteration: refused on the call


def test_a_failure_half_way_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("before\n")

    def pieces() -> Iterator[str]:
        yield "---\na: 1\n"
        raise InputError("stop")

    with pytest.raises(InputError):
        write_atomic(target, pieces())
    assert target.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]  # no temporary file left
