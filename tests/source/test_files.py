"""Reading input files: limits, binary content and encodings give located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.errors import InputError
from orchconv.source.files import read_text
from orchconv.source.output import write_atomic


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.yml")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "b.yml"
    path.write_bytes(b"a: 1\nb: \x00\x01")
    with pytest.raises(InputError) as error:
        read_text(path, "b.yml")
    assert str(error.value) == "b.yml:2:4: binary file (contains NUL bytes)"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "l.yml"
    path.write_bytes("a: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as error:
        read_text(path, "l.yml")
    assert str(error.value) == "l.yml:1:7: not UTF-8 text"


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 100 + "\n")
    monkeypatch.setenv("ORCHCONV_MAX_FILE_SIZE", "50")
    with pytest.raises(InputError, match="larger than the 50-byte limit"):
        read_text(path)


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path) == "a: 1\n"


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "x.yaml"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.yaml"]


def test_atomic_write_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("one\n")
    target.chmod(0o640)
    write_atomic(target, "two\n")
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.yaml"
    write_atomic(fresh, "x\n")
    assert fresh.stat().st_mode & 0o777 != 0o600 or (fresh.stat().st_mode & 0o077) == 0
