"""Volumes: compose-go's format.ParseVolume and the long form it stands for."""

from __future__ import annotations

from typing import Any

from orchconv.errors import InputError
from orchconv.location import Loc
from orchconv.translate.compose.syntax.golang import path_clean
from orchconv.translate.compose.syntax.located import type_name

_SELINUX_OPTIONS = frozenset({"z", "Z"})
_PROPAGATIONS = frozenset({"rprivate", "private", "rshared", "shared", "rslave", "slave"})


def _is_windows_drive(buffer: list[str], char: str) -> bool:
    return char == ":" and len(buffer) == 1 and buffer[0].isalpha()


def is_host_path(source: str) -> bool:
    """Whether a volume source names a host path (bind) rather than a volume."""
    if not source:
        return False
    if source[0] in "./~" or source.startswith("\\\\"):
        return True
    return len(source) > 1 and source[0].isalpha() and source[1] == ":"


def _apply_volume_options(text: str, volume: dict[str, Any]) -> None:
    for option in text.split(","):
        if option == "ro":
            volume["read_only"] = True
        elif option == "rw":
            volume.pop("read_only", None)
        elif option == "nocopy":
            volume["volume"] = {"nocopy": True}
        elif option in _SELINUX_OPTIONS:
            volume.setdefault("bind", {})["selinux"] = option
        elif option in _PROPAGATIONS:
            volume.setdefault("bind", {})["propagation"] = option
        # compose-go ignores any other option without a word


def parse_volume(spec: str, loc: Loc | None) -> dict[str, Any]:
    """A short-syntax volume ("src:dst:opts", "name:/dst", "/anonymous") in long form.

    A source starting with ".", "/", "~", a drive letter or "\\\\" is a host
    path (bind, created when missing); anything else names a volume.  Quirks
    kept from compose-go: a one- or two-character spec is an anonymous
    volume with no `volume: {}`; a one-letter source is read as a Windows
    drive, so "a:/b" is an anonymous volume at "a:/b"; unknown options are
    ignored; bind options (z, Z, propagation) are kept on named volumes too.
    """
    fields = volume_fields(spec, loc)
    if len(spec) <= 2:
        return {"type": "volume", "target": path_clean(spec)}
    return _volume_long_form(fields)


def volume_fields(spec: str, loc: Loc | None) -> dict[str, Any]:
    """The source, target (not cleaned) and options of a short-syntax volume, as
    ParseVolume splits it; what merging keys volumes by."""
    if not isinstance(spec, str):
        raise InputError(f"a volume must be a string or a mapping, not {type_name(spec)}", loc)
    if not spec:
        raise InputError("invalid empty volume spec", loc)
    if len(spec) <= 2:
        return {"target": spec}
    fields: dict[str, Any] = {}
    for text, last in _sections(spec) if "\x00" not in spec else _sections_by_char(spec):
        _volume_section(spec, text, last, fields, loc)
    return fields


def _sections(spec: str) -> list[tuple[str, bool]]:
    """The colon-separated sections; a lone letter before a colon is a drive ("C:")."""
    parts = spec.split(":")
    sections: list[tuple[str, bool]] = []
    drive = ""
    for index, part in enumerate(parts):
        text = drive + part
        last = index == len(parts) - 1
        if not last and len(text) == 1 and text.isalpha():
            drive = text + ":"
            continue
        drive = ""
        sections.append((text, last))
    return sections


def _sections_by_char(spec: str) -> list[tuple[str, bool]]:
    """ParseVolume's own loop, which also ends a section at a NUL character."""
    sections: list[tuple[str, bool]] = []
    buffer: list[str] = []
    end = "\x00"
    for char in spec + end:
        if _is_windows_drive(buffer, char):
            buffer.append(char)
        elif char in (":", end):
            sections.append(("".join(buffer), char == end))
            buffer = []
        else:
            buffer.append(char)
    return sections


def _volume_section(spec: str, text: str, last: bool, fields: dict[str, Any],
                    loc: Loc | None) -> None:
    if not text:
        raise InputError(f"invalid volume {spec!r}: empty section between colons", loc)
    if "source" not in fields and last:
        fields["target"] = text
    elif "source" not in fields:
        fields["source"] = text
    elif "target" not in fields:
        fields["target"] = text
    elif not last:
        raise InputError(f"invalid volume {spec!r}: too many colons", loc)
    else:
        _apply_volume_options(text, fields)


def _volume_long_form(fields: dict[str, Any]) -> dict[str, Any]:
    source = fields.get("source", "")
    bind = is_host_path(source)
    result: dict[str, Any] = {"type": "bind" if bind else "volume"}
    if source:
        result["source"] = source
    result["target"] = path_clean(fields["target"]) if fields.get("target") else ""
    if fields.get("read_only"):
        result["read_only"] = True
    options = fields.get("bind")
    if bind:
        options = {**(options or {}), "create_host_path": True}
    if options is not None:
        result["bind"] = options
    volume = fields.get("volume")
    if volume is None and not bind:
        volume = {}
    if volume is not None:
        result["volume"] = volume
    return result
