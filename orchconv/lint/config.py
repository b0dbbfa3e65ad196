"""The lint configuration: `.orchconv.yaml` or `[tool.orchconv.lint]` in pyproject.toml.

For each linted file the nearest configuration wins, searched upward from the
file's folder; in each folder `.orchconv.yaml` (or `.orchconv.yml`) comes
before a pyproject.toml that has a `[tool.orchconv]` table.  `--config FILE`
replaces the search.  Both spellings hold the same document:

    lint:
      select: [...]            # rule ids, categories or `all`
      ignore: [...]
      fail-level: warning
      target: swarm            # or k8s
      k8s-version: "1.29"
      exclude: ["vendor/**"]
      per-file-ignores: {"**/*.override.yml": [compose-invalid]}
      rules:
        no-version-field: off               # or on / info / warning / error
        some-rule: {level: error, options: {max: 3}}

The document is checked against schemas/lint-config.schema.json; rule ids
and option names are checked against the rules that exist.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orchconv.errors import InputError
from orchconv.lint.finding import Level
from orchconv.lint.settings import LintConfig, RuleSetting
from orchconv.location import Loc

CONFIG_NAMES = (".orchconv.yaml", ".orchconv.yml")
PYPROJECT = "pyproject.toml"
SCHEMA_NAME = "lint-config"


EMPTY = LintConfig()


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above folder `start`."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_orchconv_table(pyproject):
            return pyproject
    return None


def load_config(path: Path) -> LintConfig:
    """Read and check one configuration file; InputError (located) when it is wrong."""
    display = _display(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        document = _toml_document(path, display)
    else:
        document = _yaml_document(path, display)
    _check_schema(document, display)
    return _build(document.get("lint") or {}, path, display)


def _display(path: Path) -> str:
    """Relative to the working folder when inside it, else absolute (as lint names files)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # pragma: no cover - another drive on Windows
        return absolute
    return absolute if relative.startswith("..") else relative


def _yaml_document(path: Path, display: str) -> Any:
    from orchconv.source.files import read_text
    from orchconv.source.yamltree import YMap, parse_documents

    documents = list(parse_documents(read_text(path, display), display))
    if not documents or documents[0][0] is None:
        return YMap(Loc(display, 1, 1))
    if len(documents) > 1:
        raise InputError("a configuration file holds one YAML document", documents[1][1])
    return documents[0][0]


def _toml_document(path: Path, display: str) -> Any:
    import tomllib

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", Loc(display)) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"invalid TOML: {error}", Loc(display)) from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        data = tool.get("orchconv", {}) if isinstance(tool, dict) else {}
    return data


def _has_orchconv_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # a cheap look before parsing: most pyproject files have no such table
    if "tool.orchconv" not in text and "[tool]" not in text:
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return False
    return isinstance(tool, dict) and "orchconv" in tool


def loc_at(document: Any, path: tuple[str | int, ...], display: str, *,
           of_key: bool = False) -> Loc:
    """The position of the value (or key) at `path` in a located document (file level for
    TOML)."""
    from orchconv.source.yamltree import loc_of

    where = loc_of(document, None) or Loc(display)
    node = document
    for index, part in enumerate(path):
        found = loc_of(node, part, of_key=of_key and index == len(path) - 1)
        if found is not None:
            where = found
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return where


def _check_schema(document: Any, display: str) -> None:
    from orchconv.lint.minischema import load_schema, problems

    found = problems(document, load_schema(SCHEMA_NAME))
    if found:
        first = found[0]
        where = ".".join(str(p) for p in first.path)
        text = f"{where}: {first.message}" if where else first.message
        raise InputError(f"invalid configuration: {text}",
                         loc_at(document, first.path, display, of_key=first.about_key))


def _build(lint: Mapping[str, Any], path: Path, display: str) -> LintConfig:
    def loc(*parts: str | int) -> Loc:
        return loc_at(lint, parts, display)

    rules: dict[str, RuleSetting] = {}
    for rule_id, raw in (lint.get("rules") or {}).items():
        rules[rule_id] = _rule_setting(raw, loc("rules", rule_id))
    locs = {f"rules.{rule_id}": loc("rules", rule_id) for rule_id in rules}
    for key in ("select", "ignore"):
        for index, _ in enumerate(lint.get(key) or ()):
            locs[f"{key}.{index}"] = loc(key, index)
    for pattern in lint.get("per-file-ignores") or {}:
        locs[f"per-file-ignores.{pattern}"] = loc("per-file-ignores", pattern)
    select = lint.get("select")
    level = lint.get("fail-level")
    return LintConfig(
        path=path,
        select=tuple(select) if select is not None else None,
        ignore=tuple(lint.get("ignore") or ()),
        fail_level=Level(level) if level else None,
        target=lint.get("target"),
        k8s_version=lint.get("k8s-version"),
        exclude=tuple(lint.get("exclude") or ()),
        per_file_ignores=tuple(
            (pattern, tuple(ids)) for pattern, ids in (lint.get("per-file-ignores") or {}).items()
        ),
        rules=rules,
        locs=locs,
    )


def _rule_setting(raw: Any, where: Loc) -> RuleSetting:
    if isinstance(raw, bool):
        return RuleSetting(enabled=raw, loc=where)
    if raw in ("off", "on"):
        return RuleSetting(enabled=raw == "on", loc=where)
    if isinstance(raw, str):
        return RuleSetting(enabled=True, level=Level(raw), loc=where)
    level = raw.get("level")
    return RuleSetting(
        enabled=raw.get("enabled"),
        level=Level(level) if level else None,
        options=dict(raw.get("options") or {}),
        loc=where,
    )
