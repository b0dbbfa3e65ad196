"""Compose short syntax and Go-formatted scalars, read the way compose-go reads them.

Each parser takes one value as the user wrote it (after interpolation) and
returns the long form `docker compose config` prints.  Results are plain dicts
and lists; when the input carries positions (YMap/YSeq) the results are
YMap/YSeq with the same positions, so later stages still point at
file:line:col.  Bad input raises a located InputError.

The reference is compose-go v2.6.0, the version docker compose v2.35.1 builds
with (transform/*.go, format/volume.go, types/*.go), and the Go libraries it
relies on: go-connections/nat (ports), go-units (byte sizes), str2duration and
time.Duration (durations), go-shellwords (command strings).  Their quirks are
kept on purpose; each is named where it happens.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from orchconv.errors import InputError
from orchconv.ir.location import NOWHERE, Loc
from orchconv.source.yamltree import YMap, YSeq, loc_of

# ---------------------------------------------------------------------------
# Located containers


def new_map(loc: Loc | None) -> YMap:
    return YMap(loc or NOWHERE)


def new_seq(loc: Loc | None) -> YSeq:
    return YSeq(loc or NOWHERE)


def put(target: YMap, key: str, value: Any, loc: Loc | None = None) -> None:
    """Add a generated key: it points where its container does unless told otherwise."""
    where = loc or target.loc
    target.put(key, value, where, where)


def set_value(target: YMap, key: str, value: Any) -> None:
    """Replace a value, keeping the position of a key the user wrote."""
    if key in target and key in target.key_locs:
        target[key] = value
    else:
        put(target, key, value)


def copy_tree(value: Any, loc: Loc | None = None) -> Any:
    """A deep copy as YMap/YSeq; plain containers get `loc` for every position."""
    if isinstance(value, YMap):
        return _copy_map(value)
    if isinstance(value, YSeq):
        return _copy_seq(value)
    if isinstance(value, Mapping):
        result = new_map(value.loc if isinstance(value, YMap) else loc)
        for key, item, key_loc, val_loc in entries(value, loc):
            result.put(key, copy_tree(item, val_loc), key_loc, val_loc)
        if isinstance(value, YMap) and value.tags:
            result.tags = dict(value.tags)
        return result
    if isinstance(value, list):
        seq = new_seq(value.loc if isinstance(value, YSeq) else loc)
        for item, item_loc in items(value, loc):
            seq.add(copy_tree(item, item_loc), item_loc)
        return seq
    return value


def _copy_map(value: YMap) -> YMap:
    """copy_tree of a located mapping: the hot path of normalisation, kept lean."""
    own = value.loc
    result = YMap(own)
    key_locs, val_locs = value.key_locs, value.val_locs
    new_key_locs, new_val_locs = result.key_locs, result.val_locs
    for key, item in value.items():
        val_loc = val_locs.get(key, own)
        result[key] = copy_tree(item, val_loc) if isinstance(item, dict | list) else item
        new_key_locs[key] = key_locs.get(key, own)
        new_val_locs[key] = val_loc
    if value.tags:
        result.tags = dict(value.tags)
    return result


def _copy_seq(value: YSeq) -> YSeq:
    own = value.loc
    result = YSeq(own)
    known = value.item_locs
    locs = known if len(known) == len(value) else [
        known[index] if index < len(known) else own for index in range(len(value))]
    for item, item_loc in zip(value, locs, strict=True):
        result.append(copy_tree(item, item_loc) if isinstance(item, dict | list) else item)
    result.item_locs = list(locs)
    return result


def entries(mapping: Mapping[str, Any], loc: Loc | None) -> Iterator[tuple[str, Any, Loc, Loc]]:
    """(key, value, key position, value position) for each entry."""
    if isinstance(mapping, YMap):
        own, key_locs, val_locs = mapping.loc, mapping.key_locs, mapping.val_locs
        for key, value in mapping.items():
            yield key, value, key_locs.get(key, own), val_locs.get(key, own)
        return
    fallback = loc or NOWHERE
    for key, value in mapping.items():
        key_loc = loc_of(mapping, key, of_key=True) or fallback
        yield str(key), value, key_loc, loc_of(mapping, key) or key_loc


def items(seq: list[Any], loc: Loc | None) -> Iterator[tuple[Any, Loc]]:
    if isinstance(seq, YSeq) and len(seq.item_locs) == len(seq):
        yield from zip(seq, seq.item_locs, strict=True)
        return
    fallback = loc or NOWHERE
    for index, value in enumerate(seq):
        yield value, loc_of(seq, index) or fallback


def _container_loc(value: Any, loc: Loc | None) -> Loc | None:
    return value.loc if isinstance(value, YMap | YSeq) else loc


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


# ---------------------------------------------------------------------------
# Go formatting and scalar casts


def go_format_float(value: float) -> str:
    """fmt.Sprint of a float64: shortest digits, exponent form past 1e+06 or below 1e-04."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    mantissa, _, exp_text = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    # Decimal exponent of the first significant digit.
    exponent = len(whole) - 1 + (int(exp_text) if exp_text else 0)
    if whole == "0":
        exponent = -(len(fraction) - len(fraction.lstrip("0"))) - 1
    digits = digits.rstrip("0") or "0"
    if exponent < -4 or exponent >= 6:
        tail = f".{digits[1:]}" if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{tail}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    if exponent < 0:
        return f"{sign}0.{'0' * (-exponent - 1)}{digits}"
    if len(digits) <= exponent + 1:
        return sign + digits + "0" * (exponent + 1 - len(digits))
    return f"{sign}{digits[: exponent + 1]}.{digits[exponent + 1 :]}"


def go_sprint(value: Any) -> str:
    """fmt.Sprint of a YAML scalar, as compose-go turns values into strings."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_format_float(value)
    return str(value)


def go_path_clean(path: str) -> str:
    """Go's path.Clean: lexical, slash-separated, no filesystem access."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    joined = "/".join(parts)
    if rooted:
        return "/" + joined
    return joined or "."


_GO_INT_RE = re.compile(r"[+-]?[0-9]+")
_DIGITS = r"[0-9](?:_?[0-9])*"  # Go allows an underscore between digits
_GO_FLOAT_RE = re.compile(
    rf"[+-]?(?:(?:{_DIGITS}\.?(?:{_DIGITS})?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?"
    r"|inf|infinity|nan)",
    re.IGNORECASE,
)


def _parse_go_float(text: str) -> float | None:
    """strconv.ParseFloat for decimal input (hex floats are not accepted)."""
    if not _GO_FLOAT_RE.fullmatch(text):
        return None
    return float(text)


def to_int(value: Any, loc: Loc | None, what: str) -> int:
    """An integer field; strings are cast as compose-go's interpolation does (base 10)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _GO_INT_RE.fullmatch(value):
        return int(value)
    raise InputError(f"{what} must be an integer, not {_type_name(value)} {value!r}", loc)


def to_float(value: Any, loc: Loc | None, what: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        parsed = _parse_go_float(value)
        if parsed is not None:
            return parsed
    raise InputError(f"{what} must be a number, not {_type_name(value)} {value!r}", loc)


_TRUE_WORDS = frozenset({"true", "y", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "n", "no", "off"})


def to_bool(value: Any, loc: Loc | None, what: str) -> bool:
    """A boolean field; strings use compose-go's cast, which still knows YAML 1.1 words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.lower()
        if lowered in _TRUE_WORDS:
            return True
        if lowered in _FALSE_WORDS:
            return False
    raise InputError(f"{what} must be a boolean, not {_type_name(value)} {value!r}", loc)


# ---------------------------------------------------------------------------
# Durations: str2duration syntax in, time.Duration.String() out

_NANOS_PER_UNIT = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60 * 1_000_000_000,
    "h": 3600 * 1_000_000_000,
    "d": 24 * 3600 * 1_000_000_000,
    "w": 168 * 3600 * 1_000_000_000,
}
_DURATION_PART_RE = re.compile(r"([0-9]*)(?:\.([0-9]*))?([^0-9.]*)")
_MAX_INT64 = (1 << 63) - 1


def parse_duration(text: str, loc: Loc | None) -> int:
    """Nanoseconds of a duration such as "1m30s", "1.5h" or "2d" (str2duration rules)."""
    rest = text
    negative = False
    if rest[:1] in ("-", "+"):
        negative = rest[0] == "-"
        rest = rest[1:]
    if rest == "0":
        return 0
    if not rest:
        raise InputError(f"invalid duration {text!r}", loc)
    total = 0
    while rest:
        match = _DURATION_PART_RE.match(rest)
        assert match is not None  # the pattern matches every string, possibly empty
        whole, fraction, unit = match.group(1), match.group(2), match.group(3)
        if not whole and not fraction:
            raise InputError(f"invalid duration {text!r}", loc)
        if not unit:
            raise InputError(f"missing unit in duration {text!r}", loc)
        scale = _NANOS_PER_UNIT.get(unit)
        if scale is None:
            raise InputError(f"unknown unit {unit!r} in duration {text!r}", loc)
        value = int(whole or "0") * scale
        if fraction:
            # Go scales the fraction through a float64, as we do.
            value += int(int(fraction) * (scale / 10 ** len(fraction)))
        total += value
        if total > _MAX_INT64:
            raise InputError(f"invalid duration {text!r}: too long", loc)
        rest = rest[match.end() :]
    return -total if negative else total


def _fraction_text(value: int, precision: int) -> tuple[int, str]:
    whole, fraction = divmod(value, 10**precision)
    digits = f"{fraction:0{precision}d}".rstrip("0") if precision else ""
    return whole, f".{digits}" if digits else ""


def format_duration(nanos: int) -> str:
    """Go's time.Duration.String(): "1h0m0s", "1m30s", "1.5ms", "0s"."""
    sign = "-" if nanos < 0 else ""
    size = abs(nanos)
    if size == 0:
        return "0s"
    if size < 1_000_000_000:
        if size < 1_000:
            unit, precision = "ns", 0
        elif size < 1_000_000:
            unit, precision = "µs", 3
        else:
            unit, precision = "ms", 6
        whole, fraction = _fraction_text(size, precision)
        return f"{sign}{whole}{fraction}{unit}"
    seconds, fraction = _fraction_text(size, 9)
    text = f"{seconds % 60}{fraction}s"
    minutes = seconds // 60
    if minutes:
        text = f"{minutes % 60}m{text}"
        hours = minutes // 60
        if hours:
            text = f"{hours}h{text}"
    return sign + text


def duration(value: Any, loc: Loc | None) -> str:
    """A duration field as `docker compose config` prints it."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"a duration must be a string like 1m30s, not {_type_name(value)}", loc)
    return format_duration(parse_duration(go_sprint(value), loc))


# ---------------------------------------------------------------------------
# Byte sizes: go-units RAMInBytes (binary multiples), printed as a decimal string

_BINARY_MULTIPLIERS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def parse_byte_size(text: str, loc: Loc | None) -> int:
    """Bytes of "512m", "1.5g", "100kb", "2 GiB" or a bare number."""
    split = max(text.rfind(c) for c in "0123456789. ")
    if split < 0:
        raise InputError(f"invalid size: {text!r}", loc)
    number, suffix = (text[:split], text[split + 1 :]) if text[split] == " " else (
        text[: split + 1], text[split + 1 :])
    size = _parse_go_float(number)
    if size is None or math.isnan(size):
        raise InputError(f"invalid size: {text!r}", loc)
    if size < 0:
        raise InputError(f"invalid size: {text!r}", loc)
    suffix = suffix.lower()
    if suffix and suffix[0] != "b":
        multiplier = _BINARY_MULTIPLIERS.get(suffix[0])
        if multiplier is None or len(suffix) > 3 or (
            len(suffix) == 2 and suffix[1] != "b") or (len(suffix) == 3 and suffix[1:] != "ib"):
            raise InputError(f"invalid size suffix {suffix!r} in {text!r}", loc)
        size *= multiplier
    elif len(suffix) > 1:
        raise InputError(f"invalid size suffix {suffix!r} in {text!r}", loc)
    if math.isinf(size) or size > _MAX_INT64:
        raise InputError(f"size {text!r} is too large", loc)
    return int(size)


def byte_size(value: Any, loc: Loc | None) -> int:
    """A size field (mem_limit, shm_size, memory...) in bytes.

    `docker compose config` prints the count as a quoted string ("1073741824");
    this stage keeps it an integer, as the IR does.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return parse_byte_size(value, loc)
    # compose-go silently turns a float into 0 here; refusing is kinder.
    raise InputError(
        f"a size must be an integer or a string like 512m, not {_type_name(value)} {value!r}",
        loc)


# ---------------------------------------------------------------------------
# Command strings: go-shellwords with its default options

_SHELL_SPACES = frozenset(" \t\r\n")
_NO_WORD, _PLAIN_WORD, _QUOTED_WORD = 0, 1, 2


def split_command(line: str, loc: Loc | None) -> list[str]:
    """Split a command string into words as compose-go does (go-shellwords).

    This is not POSIX `shlex`: a backslash escapes any character even inside
    double quotes, and an unquoted `;`, `&`, `|`, `<` or `>` ends the command
    (the rest of the string is ignored, as docker compose ignores it; a word
    of digits right before `>` is dropped too).  An unquoted `(` not preceded
    by `$` is an error; `$(...)` and backquotes are kept verbatim as part of
    a word.  Variables are not expanded.
    """
    words: list[str] = []
    word: list[str] = []
    got = _NO_WORD
    escaped = single = double = backquote = dollar = False
    for char in line:
        if escaped:
            word.append(char)
            escaped = False
            got = _PLAIN_WORD
            continue
        if char == "\\":
            if single:
                word.append(char)
            else:
                escaped = True
            continue
        if char in _SHELL_SPACES:
            if single or double or backquote or dollar:
                word.append(char)
            elif got != _NO_WORD:
                words.append("".join(word))
                word = []
                got = _NO_WORD
            continue
        quoted = single or double
        if char == "`" and not quoted and not dollar:
            backquote = not backquote
        elif char == ")" and not quoted and not backquote:
            dollar = not dollar
        elif char == "(" and not quoted and not backquote:
            if dollar or not word or word[-1] != "$":
                raise InputError(f"invalid command string {line!r}: unexpected '('", loc)
            dollar = True
            word.append(char)
            continue
        elif char == '"' and not single and not dollar:
            if double:
                got = _QUOTED_WORD
            double = not double
            continue
        elif char == "'" and not double and not dollar:
            if single:
                got = _QUOTED_WORD
            single = not single
            continue
        elif char in ";&|<>" and not (quoted or backquote or dollar):
            if char == ">" and word and word[0] in "0123456789":
                got = _NO_WORD
            break
        got = _PLAIN_WORD
        word.append(char)
    if got != _NO_WORD:
        words.append("".join(word))
    if escaped or single or double or backquote or dollar:
        raise InputError(
            f"invalid command string {line!r}: unclosed quote, escape or parenthesis", loc)
    return words


def command(value: Any, loc: Loc | None, what: str = "command") -> YSeq | None:
    """command / entrypoint: a string is split into words; null stays null."""
    if value is None:
        return None
    if isinstance(value, str):
        seq = new_seq(loc)
        for word in split_command(value, loc):
            seq.add(word, seq.loc)
        return seq
    if isinstance(value, list):
        seq = new_seq(_container_loc(value, loc))
        for item, item_loc in items(value, loc):
            if not isinstance(item, str):
                raise InputError(f"{what} items must be strings, not {_type_name(item)}", item_loc)
            seq.add(item, item_loc)
        return seq
    raise InputError(f"{what} must be a string or a list of strings", loc)


def healthcheck_test(value: Any, loc: Loc | None) -> YSeq:
    """A test string runs in a shell: ["CMD-SHELL", s]."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add("CMD-SHELL", seq.loc)
        seq.add(value, seq.loc)
        return seq
    result = command(value, loc, "healthcheck.test")
    if result is None:
        raise InputError("healthcheck.test must be a string or a list of strings", loc)
    return result


# ---------------------------------------------------------------------------
# Ports: go-connections/nat ParsePortSpec, then compose-go's ParsePortConfig

_PROTOCOLS = frozenset({"tcp", "udp", "sctp"})
_MAX_PORT = 65535


def _split_port_parts(raw: str) -> tuple[str, str, str]:
    """(host ip, published, target): an unbracketed IPv6 ip keeps its colons."""
    parts = raw.split(":")
    if len(parts) == 1:
        return "", "", parts[0]
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return ":".join(parts[:-2]), parts[-2], parts[-1]


def _split_protocol(raw: str) -> tuple[str, str]:
    """("tcp", "80") from "80", ("udp", "80") from "80/udp"."""
    parts = raw.split("/")
    if not raw or not parts[0]:
        return "", ""
    if len(parts) == 1 or not parts[1]:
        return "tcp", parts[0]
    return parts[1], parts[0]


def _port_number(text: str) -> int | None:
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number <= _MAX_PORT else None


def _port_range(text: str) -> tuple[int, int] | None:
    """"8000-8005" or "80"; like nat.ParsePortRange, a third "-part" is ignored."""
    if "-" not in text:
        number = _port_number(text)
        return None if number is None else (number, number)
    parts = text.split("-")
    start, end = _port_number(parts[0]), _port_number(parts[1])
    if start is None or end is None or end < start:
        return None
    return start, end


def _host_ip(raw: str, spec: str, loc: Loc | None) -> str:
    ip = raw
    if ip.startswith("["):
        if ip.find("]") != len(ip) - 1 or "[" in ip[1:]:
            raise InputError(f"invalid IP address {raw} in port {spec!r}", loc)
        ip = ip[1:-1]
    if ip:
        import ipaddress  # only ports with a host IP need it

        try:
            if "%" in ip:  # Go's ParseIP refuses zones
                raise ValueError(ip)
            ipaddress.ip_address(ip)
        except ValueError:
            raise InputError(f"invalid IP address: {ip} in port {spec!r}", loc) from None
    return ip


def parse_ports(spec: str | int, loc: Loc | None) -> list[dict[str, Any]]:
    """One short-syntax port entry as the long-form entries it stands for.

    "8888-8890:8888-8890" gives three entries.  Entries are ordered by the
    string "<target>/<protocol>", as compose-go sorts them, so "998-1001"
    yields 1000, 1001, 998, 999.
    """
    if isinstance(spec, bool) or not isinstance(spec, str | int):
        raise InputError(f"a port must be a string, a number or a mapping, not "
                         f"{_type_name(spec)}", loc)
    raw = str(spec)
    ip_text, published_text, target_text = _split_port_parts(raw)
    protocol, target_text = _split_protocol(target_text)
    host_ip = _host_ip(ip_text, raw, loc)
    if not target_text:
        raise InputError(f"no port specified: {raw}<empty>", loc)
    targets = _port_range(target_text)
    if targets is None:
        raise InputError(f"invalid containerPort: {target_text} in port {raw!r}", loc)
    published_range = (0, 0)
    if published_text:
        parsed = _port_range(published_text)
        if parsed is None:
            raise InputError(f"invalid hostPort: {published_text} in port {raw!r}", loc)
        published_range = parsed
    start, end = targets
    first_published, last_published = published_range
    if published_text and end - start != last_published - first_published and end != start:
        raise InputError(
            f"invalid ranges specified for container and host Ports: {target_text} and "
            f"{published_text}", loc)
    protocol = protocol.lower()
    if protocol not in _PROTOCOLS:
        raise InputError(f"invalid proto: {protocol} in port {raw!r}", loc)
    keyed: list[tuple[str, dict[str, Any]]] = []
    for offset in range(end - start + 1):
        entry: dict[str, Any] = {"mode": "ingress"}
        if host_ip:
            entry["host_ip"] = host_ip
        entry["target"] = start + offset
        if published_text:
            published = str(first_published + offset)
            if start == end and first_published != last_published:
                published = f"{published}-{last_published}"  # a range to pick one port from
            entry["published"] = published
        entry["protocol"] = protocol
        keyed.append((f"{start + offset}/{protocol}", entry))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _, entry in keyed]


def port_mapping(value: Mapping[str, Any], loc: Loc | None) -> YMap:
    """A long-form port: target as an int, published as a string, tcp/ingress defaults."""
    result: YMap = copy_tree(value, loc)
    if "target" not in result:
        raise InputError("a port mapping needs a target port", _container_loc(value, loc))
    target_loc = loc_of(result, "target")
    target = to_int(result["target"], target_loc, "ports.target")
    if not 0 <= target <= 0xFFFFFFFF:
        raise InputError(f"ports.target {target} is out of range", target_loc)
    result["target"] = target
    published = result.get("published")
    if published is not None:
        if isinstance(published, bool) or not isinstance(published, str | int):
            raise InputError("ports.published must be a string or a number",
                             loc_of(result, "published"))
        result["published"] = str(published)
    for key, default in (("protocol", "tcp"), ("mode", "ingress")):
        if key not in result:
            put(result, key, default)
    return result


# ---------------------------------------------------------------------------
# Volumes: format.ParseVolume

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
    if not isinstance(spec, str):
        raise InputError(f"a volume must be a string or a mapping, not {_type_name(spec)}", loc)
    if not spec:
        raise InputError("invalid empty volume spec", loc)
    if len(spec) <= 2:
        return {"type": "volume", "target": go_path_clean(spec)}
    fields: dict[str, Any] = {}
    buffer: list[str] = []
    end = "\x00"
    for char in spec + end:
        if _is_windows_drive(buffer, char):
            buffer.append(char)
        elif char in (":", end):
            _volume_section(spec, "".join(buffer), char == end, fields, loc)
            buffer = []
        else:
            buffer.append(char)
    return _volume_long_form(fields)


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
    result["target"] = go_path_clean(fields["target"]) if fields.get("target") else ""
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


# ---------------------------------------------------------------------------
# Devices, GPUs and other device requests


def device_mapping(value: Any, loc: Loc | None) -> YMap:
    """"/dev/a:/dev/b:rwm" as {source, target, permissions}; the long form is kept."""
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, str):
        raise InputError(f"a device must be a string or a mapping, not {_type_name(value)}", loc)
    parts = value.split(":")
    if len(parts) > 3:
        raise InputError(f"confusing device mapping, please use long syntax: {value}", loc)
    result = new_map(loc)
    put(result, "source", parts[0])
    put(result, "target", (parts[1] if len(parts) > 1 else "") or parts[0])
    put(result, "permissions", parts[2] if len(parts) > 2 else "rwm")
    return result


def device_count(value: Any, loc: Loc | None) -> int | str:
    """A device request's count: a number, or "all" (compose prints that as -1)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return "all" if value == -1 else value
    if isinstance(value, str):
        if value.lower() == "all":
            return "all"
        if _GO_INT_RE.fullmatch(value):
            return int(value)
    raise InputError(f"invalid device count {value!r}: use 'all' or a number", loc)


def device_request(value: Any, loc: Loc | None) -> YMap:
    """A GPU or device reservation: count defaults to all unless device_ids are given."""
    if not isinstance(value, Mapping):
        raise InputError(f"a device request must be a mapping, not {_type_name(value)}", loc)
    result: YMap = copy_tree(value, loc)
    if "count" not in result and "device_ids" not in result:
        put(result, "count", "all")
    if "count" in result:
        result["count"] = device_count(result["count"], loc_of(result, "count"))
    return result


def gpus(value: Any, loc: Loc | None) -> YSeq:
    """`gpus: all` is one request for every GPU."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add(device_request({}, loc), seq.loc)
        return seq
    if not isinstance(value, list):
        raise InputError(f"gpus must be 'all' or a list, not {_type_name(value)}", loc)
    seq = new_seq(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        seq.add(device_request(item, item_loc), item_loc)
    return seq


# ---------------------------------------------------------------------------
# Key/value forms


def _split_entry(item: Any, what: str, loc: Loc | None) -> tuple[str, str | None]:
    if isinstance(item, list | Mapping):
        raise InputError(f"{what} entries must be scalars, not {_type_name(item)}", loc)
    key, sep, value = go_sprint(item).partition("=")
    return key, (value if sep else None)


def mapping_with_equals(value: Any, loc: Loc | None, what: str = "environment") -> YMap:
    """environment / build.args: KEY=VALUE list or mapping; a bare KEY maps to null.

    Scalars become strings the way Go prints them (1.0 -> "1", true -> "true").
    """
    result = new_map(_container_loc(value, loc))
    if isinstance(value, Mapping):
        for key, item, key_loc, val_loc in entries(value, loc):
            if isinstance(item, list | Mapping):
                raise InputError(f"{what}.{key} must be a scalar", val_loc)
            result.put(key, None if item is None else go_sprint(item), key_loc, val_loc)
        return result
    if isinstance(value, list):
        for item, item_loc in items(value, loc):
            key, text = _split_entry(item, what, item_loc)
            if not key:
                raise InputError(f"{what} entry has an empty variable name", item_loc)
            if key[-1].isspace():
                raise InputError(
                    f"{what} variable {key!r} is declared with a trailing space", item_loc)
            result.put(key, text, item_loc, item_loc)
        return result
    raise InputError(f"{what} must be a mapping or a list, not {_type_name(value)}", loc)


def string_mapping(value: Any, loc: Loc | None, what: str, *, allow_list: bool = True) -> YMap:
    """labels, annotations, sysctls, driver_opts...: every value a string, null as ""."""
    result = new_map(_container_loc(value, loc))
    if isinstance(value, Mapping):
        for key, item, key_loc, val_loc in entries(value, loc):
            if isinstance(item, list | Mapping):
                raise InputError(f"{what}.{key} must be a scalar", val_loc)
            result.put(key, "" if item is None else go_sprint(item), key_loc, val_loc)
        return result
    if isinstance(value, list) and allow_list:
        for item, item_loc in items(value, loc):
            key, text = _split_entry(item, what, item_loc)
            result.put(key, text or "", item_loc, item_loc)
        return result
    kinds = "a mapping or a list" if allow_list else "a mapping"
    raise InputError(f"{what} must be {kinds}, not {_type_name(value)}", loc)


def key_value_map(value: Any, loc: Loc | None, what: str) -> YMap:
    """A mapping also written as a list of "key=value" (build.additional_contexts)."""
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, list):
        raise InputError(f"{what} must be a mapping or a list, not {_type_name(value)}", loc)
    result = new_map(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if not isinstance(item, str) or "=" not in item:
            raise InputError(f"invalid {what} entry {item!r}: expected key=value", item_loc)
        key, _, text = item.partition("=")
        result.put(key, text, item_loc, item_loc)
    return result


def extra_hosts(value: Any, loc: Loc | None) -> YSeq:
    """extra_hosts as compose prints them: sorted "host=ip", one per address."""
    pairs: list[tuple[str, str, Loc]] = []
    if isinstance(value, Mapping):
        for host, item, _, val_loc in entries(value, loc):
            if item is None or isinstance(item, str):
                pairs.append((host, item or "", val_loc))
            elif isinstance(item, list):
                pairs.extend((host, go_sprint(ip), ip_loc) for ip, ip_loc in items(item, val_loc))
            else:
                raise InputError(f"extra_hosts.{host} must be a string or a list", val_loc)
    elif isinstance(value, list):
        for item, item_loc in items(value, loc):
            text = go_sprint(item)
            for separator in ("=", ":"):
                host, found, ips = text.partition(separator)
                if found:
                    pairs.extend((host, ip, item_loc) for ip in ips.split(","))
                    break
            else:
                raise InputError(f"invalid additional host, missing IP: {text}", item_loc)
    else:
        raise InputError(f"extra_hosts must be a mapping or a list, not {_type_name(value)}", loc)
    lines: list[tuple[str, Loc]] = []
    for host, ip, where in pairs:
        if not host or ":" in host or "=" in host:
            raise InputError(f"bad host name {host!r} in extra_hosts", where)
        bare = ip[1:-1] if len(ip) > 2 and ip[0] == "[" and ip[-1] == "]" else ip
        lines.append((f"{host}={bare}", where))
    seq = new_seq(_container_loc(value, loc))
    for line, where in sorted(lines, key=lambda pair: pair[0]):
        seq.add(line, where)
    return seq


# ---------------------------------------------------------------------------
# Lists


def string_list(value: Any, loc: Loc | None, what: str) -> YSeq:
    """A field written as one string or a list of strings (dns, tmpfs, cache_from...)."""
    if isinstance(value, str):
        seq = new_seq(loc)
        seq.add(value, seq.loc)
        return seq
    if not isinstance(value, list):
        raise InputError(f"{what} must be a string or a list, not {_type_name(value)}", loc)
    seq = new_seq(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if not isinstance(item, str):
            raise InputError(f"{what} items must be strings, not {_type_name(item)}", item_loc)
        seq.add(item, item_loc)
    return seq


def expose_list(value: Any, loc: Loc | None) -> YSeq:
    """expose: numbers become strings ("80", "8000-8010/udp")."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"expose must be a list, not {_type_name(value)}", loc)
    seq = new_seq(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if isinstance(item, list | Mapping):
            raise InputError("expose items must be strings or numbers", item_loc)
        seq.add(go_sprint(item), item_loc)
    return seq


# ---------------------------------------------------------------------------
# Service references and mounts of top-level objects


def depends_on(value: Any, loc: Loc | None) -> YMap:
    """A list of services means: started, and required."""
    result = new_map(_container_loc(value, loc))
    if isinstance(value, list):
        for item, item_loc in items(value, loc):
            if not isinstance(item, str):
                raise InputError("depends_on items must be service names", item_loc)
            entry = new_map(item_loc)
            put(entry, "condition", "service_started")
            put(entry, "required", True)
            result.put(item, entry, item_loc, item_loc)
        return result
    if not isinstance(value, Mapping):
        raise InputError(f"depends_on must be a list or a mapping, not {_type_name(value)}", loc)
    for name, item, key_loc, val_loc in entries(value, loc):
        if not isinstance(item, Mapping):
            raise InputError(f"depends_on.{name} must be a mapping", val_loc)
        entry = copy_tree(item, val_loc)
        if "condition" not in entry:
            put(entry, "condition", "service_started")
        for flag in ("required", "restart"):
            if flag in entry:
                entry[flag] = to_bool(entry[flag], loc_of(entry, flag), f"depends_on.{flag}")
        if "required" not in entry:
            put(entry, "required", True)
        result.put(name, entry, key_loc, val_loc)
    return result


def service_networks(value: Any, loc: Loc | None) -> YMap:
    """A list of networks is a mapping of network names to null."""
    if value is None:
        return new_map(loc)
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, list):
        raise InputError(f"networks must be a list or a mapping, not {_type_name(value)}", loc)
    result = new_map(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if not isinstance(item, str):
            raise InputError("networks items must be network names", item_loc)
        result.put(item, None, item_loc, item_loc)
    return result


def env_files(value: Any, loc: Loc | None) -> YSeq:
    """env_file entries as {path, required (default true), format?}; paths stay as written."""
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list):
        raise InputError(f"env_file must be a string or a list, not {_type_name(value)}", loc)
    seq = new_seq(_container_loc(value, loc) if isinstance(value, list) else loc)
    for item, item_loc in items(listed, loc):
        if isinstance(item, str):
            entry = new_map(item_loc)
            put(entry, "path", item)
            put(entry, "required", True)
        elif isinstance(item, Mapping):
            entry = copy_tree(item, item_loc)
            if not isinstance(entry.get("path"), str):
                raise InputError("an env_file entry needs a path", item_loc)
            if "required" in entry:
                entry["required"] = to_bool(entry["required"], loc_of(entry, "required"),
                                            "env_file.required")
            else:
                put(entry, "required", True)
        else:
            raise InputError(f"env_file entries must be strings or mappings, not "
                             f"{_type_name(item)}", item_loc)
        seq.add(entry, item_loc)
    return seq


def file_mode(value: Any, loc: Loc | None) -> int:
    """A file mode; strings are read as octal.  compose prints it as "0440"."""
    if isinstance(value, int) and not isinstance(value, bool):
        mode = value
    elif isinstance(value, str) and re.fullmatch(r"[+-]?[0-7]+", value):
        mode = int(value, 8)
    else:
        raise InputError(f"invalid file mode {value!r}: use an octal number like 0440", loc)
    return mode


def file_mount(value: Any, loc: Loc | None, what: str) -> YMap:
    """A service's secret or config: a name alone means {source: name}."""
    if isinstance(value, str):
        named = new_map(loc)
        put(named, "source", value)
        return named
    if not isinstance(value, Mapping):
        raise InputError(f"{what} entries must be strings or mappings, not {_type_name(value)}",
                         loc)
    result: YMap = copy_tree(value, loc)
    for key in ("uid", "gid"):
        if isinstance(result.get(key), int) and not isinstance(result[key], bool):
            result[key] = str(result[key])
    if result.get("mode") is not None:
        result["mode"] = file_mode(result["mode"], loc_of(result, "mode"))
    return result


# ---------------------------------------------------------------------------
# build, ssh, ulimits


def parse_build(value: Any, loc: Loc | None) -> YMap:
    """`build: ./dir` is {context: ./dir}; context defaults to "." and dockerfile to
    "Dockerfile" unless dockerfile_inline is given."""
    if isinstance(value, str):
        result = new_map(loc)
        put(result, "context", value)
    elif isinstance(value, Mapping):
        result = copy_tree(value, loc)
    else:
        raise InputError(f"build must be a string or a mapping, not {_type_name(value)}", loc)
    if result.get("context") is None:
        set_value(result, "context", ".")
    if result.get("dockerfile") is None and result.get("dockerfile_inline") is None:
        set_value(result, "dockerfile", "Dockerfile")
    return result


def ssh_map(value: Any, loc: Loc | None) -> YMap:
    """build.ssh: ["default", "id=path"] as {default: null, id: path}.

    `docker compose config` prints this as a list of "id" and "id: path"
    strings, which compose cannot read back; the mapping is the form it reads.
    """
    if isinstance(value, Mapping):
        result: YMap = copy_tree(value, loc)
        return result
    if not isinstance(value, list):
        raise InputError(f"build.ssh must be a list or a mapping, not {_type_name(value)}", loc)
    result = new_map(_container_loc(value, loc))
    for item, item_loc in items(value, loc):
        if not isinstance(item, str):
            raise InputError(f"invalid ssh key type {_type_name(item)}", item_loc)
        key, found, path = item.partition("=")
        if not found and key != "default":
            raise InputError(f"invalid ssh key {item!r}: expected id=path or default", item_loc)
        result.put(key, path if found else None, item_loc, item_loc)
    return result


def ulimit(value: Any, loc: Loc | None) -> int | YMap:
    """A number sets both limits; a mapping always prints soft and hard (0 when unset).

    As in compose, 0 alone prints as {soft: 0, hard: 0}.
    """
    if isinstance(value, int | str) and not isinstance(value, bool):
        single = to_int(value, loc, "ulimit")
        if single != 0:
            return single
        value = {}
    if not isinstance(value, Mapping):
        raise InputError(f"a ulimit must be a number or a mapping, not {_type_name(value)}", loc)
    result: YMap = copy_tree(value, loc)
    for key in ("soft", "hard"):
        if key in result:
            result[key] = to_int(result[key], loc_of(result, key), f"ulimit {key}")
        else:
            put(result, key, 0)
    return result
