#!/usr/bin/env python3
"""Write record modules from their dataclass declarations in a `_spec` package.

    python scripts/gen_records.py           # rewrite orchconv/ir/values.py, ...
    python scripts/gen_records.py --check   # exit 1 when one is stale

@dataclass writes and compiles each class's methods when the module is imported,
and a small run paid for that at every start.  Each generated module (SPECS:
`pkg/_spec/name.py` gives `pkg/name.py`) holds the same classes with those methods
written out (compiled once, into the .pyc) and the same dataclass fields
(orchconv.records.declare), so dataclasses.fields, replace and is_dataclass treat
them as before.  Under TYPE_CHECKING the module imports the declarations instead, so
mypy checks every use against the dataclasses themselves.  Everything else in a
declaration module (imports, constants, enums, comments, the classes' own methods)
is copied as written; functions are refused, so logic is written once, outside.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
# the declaration modules, as dotted names; each is written one package up
SPECS = tuple(f"orchconv.{name}" for name in (
    "ir._spec.values", "ir._spec.loss", "ir._spec.deploy", "ir._spec.service",
    "ir._spec.project", "ir._spec.topology",
    "lint._spec.context", "lint._spec.finding", "lint._spec.options", "lint._spec.results",
    "lint._spec.settings",
    "schemas._spec.problem",
    "translate._spec.result", "translate._spec.target_options",
    "translate.compose._spec.load_result", "translate.compose._spec.options",
    "translate.compose._spec.variables", "translate.swarm.emit._spec.options",
    "translate.k8s.emit._spec.options", "translate.k8s.emit._spec.requests",
))
# the IR's field types are objects, which its codec reads; other records keep strings
TYPED = frozenset(spec for spec in SPECS if spec.startswith("orchconv.ir."))
INDENT = "    "
WIDTH = 96  # the line length less the indent of the TYPE_CHECKING block
_SUPPORT_NAMES = ("FACTORY", "MISSING", "Frozen", "declare", "setattr_")
_OPTIONS = ("frozen", "slots", "eq")  # of @dataclass(...); others are refused


def target(spec: str) -> str:
    """The generated module of a declaration module: `a.b._spec.c` gives `a.b.c`."""
    package, marker, name = spec.rpartition("._spec.")
    assert marker, f"{spec}: a declaration module lives in a _spec package"
    return f"{package}.{name}"


def _path(module: str) -> Path:
    return ROOT.joinpath(*module.split(".")).with_suffix(".py")


def _dataclass_options(node: ast.stmt) -> dict[str, bool] | None:
    """The options of a class's @dataclass decorator; None when it has none."""
    if not isinstance(node, ast.ClassDef):
        return None
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Name) and decorator.id == "dataclass":
            return {}
        if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name) \
                and decorator.func.id == "dataclass":
            options = {}
            for keyword in decorator.keywords:
                if keyword.arg not in _OPTIONS or not isinstance(keyword.value, ast.Constant):
                    raise SystemExit(f"{node.name}: @dataclass({keyword.arg}=...) is not supported")
                options[keyword.arg] = bool(keyword.value.value)
            return options
    return None


class _Field:
    """One annotated field of a declaration, read from its source."""

    def __init__(self, node: ast.AnnAssign, source: str) -> None:
        assert isinstance(node.target, ast.Name)
        self.name = node.target.id
        self.type = ast.get_source_segment(source, node.annotation) or ""
        self.default = "MISSING"
        self.factory = "MISSING"
        self.compare = True
        self.shown = True  # field(repr=...)
        self.metadata = "None"
        value = node.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
                and value.func.id == "field":
            for keyword in value.keywords:
                text = ast.get_source_segment(source, keyword.value) or ""
                if keyword.arg == "default":
                    self.default = text
                elif keyword.arg == "default_factory":
                    self.factory = text
                elif keyword.arg == "compare":
                    self.compare = text == "True"
                elif keyword.arg == "repr":
                    self.shown = text == "True"
                elif keyword.arg == "metadata":
                    self.metadata = text
                else:
                    raise SystemExit(f"{self.name}: field({keyword.arg}=...) is not supported")
        elif value is not None:
            self.default = ast.get_source_segment(source, value) or ""

    def parameter(self) -> str:
        if self.factory != "MISSING":
            return f"{self.name}=FACTORY"
        return self.name if self.default == "MISSING" else f"{self.name}={self.default}"

    def assignment(self, frozen: bool) -> str:
        value = self.name
        if self.factory != "MISSING":
            made = {"dict": "{}", "list": "[]"}.get(self.factory, f"{self.factory}()")
            value = f"{made} if {self.name} is FACTORY else {self.name}"
        if frozen:
            return f'setattr_(self, "{self.name}", {value})'
        return f"self.{self.name} = {value}"

    def spec(self, typed: bool) -> str:
        kind = self.type if typed else repr(self.type)
        return (f'("{self.name}", {kind}, {self.default}, {self.factory}, '
                f"{self.compare}, {self.shown}, {self.metadata})")


def _wrap(head: str, items: list[str], tail: str, indent: str, deeper: int = 1) -> list[str]:
    """`head item, item tail` on one line when it fits, else one item a line."""
    line = f"{indent}{head}{', '.join(items)}{tail}"
    if len(line) <= WIDTH:
        return [line]
    return [f"{indent}{head}", *(f"{indent}{INDENT * deeper}{item}," for item in items),
            f"{indent}{tail.lstrip(',')}"]


def _lines(source_lines: list[str], first: int, last: int) -> list[str]:
    return source_lines[first - 1:last]


def _class(node: ast.ClassDef, options: dict[str, bool], typed: bool, source: str,
           source_lines: list[str]) -> tuple[list[str], str, bool]:
    """The written-out class, and its `declare(...)` call (field types as objects when
    `typed`, else as the strings a dataclass keeps under postponed annotations), and
    whether its __slots__ are out of ruff's order (they keep the fields' order)."""
    if node.bases or node.keywords:
        raise SystemExit(f"{node.name}: a generated record has no base class")
    frozen, slots, eq = (options.get("frozen", False), options.get("slots", False),
                         options.get("eq", True))
    fields: list[_Field] = []
    methods: list[str] = []
    doc: list[str] = []
    for index, item in enumerate(node.body):
        if index == 0 and isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            doc = _lines(source_lines, item.lineno, item.end_lineno or item.lineno)
        elif isinstance(item, ast.AnnAssign):
            fields.append(_Field(item, source))
        elif isinstance(item, ast.FunctionDef):
            if item.name == "__post_init__":
                raise SystemExit(f"{node.name}: __post_init__ is not supported")
            first = min([d.lineno for d in item.decorator_list] + [item.lineno])
            methods += ["", *_lines(source_lines, first, item.end_lineno or item.lineno)]
        else:
            raise SystemExit(f"{node.name}: only fields and methods can be generated")
    names = [f'"{f.name}"' for f in fields]
    one = ",)" if len(names) == 1 else ")"
    body = [f"class {node.name}{'(Frozen)' if frozen else ''}:", *doc, ""]
    if slots:
        body += _wrap("__slots__ = (", names, one, INDENT)
        body += [f"{INDENT}__match_args__ = __slots__", ""]
    else:
        body += [*_wrap("__match_args__ = (", names, one, INDENT), ""]
    body += _wrap("def __init__(", ["self", *(f.parameter() for f in fields)], "):", INDENT, 2)
    body += [f"{INDENT * 2}{f.assignment(frozen)}" for f in fields] or [f"{INDENT * 2}pass"]
    shown = [f"{f.name}={{self.{f.name}!r}}" for f in fields if f.shown]
    body += ["", f"{INDENT}def __repr__(self):",
             f'{INDENT * 2}return (f"{{type(self).__qualname__}}("',
             *(f'{INDENT * 4}f"{part}{", " if i < len(shown) - 1 else ")"}"'
               for i, part in enumerate(shown)),
             *([] if shown else [f'{INDENT * 4}")"']),
             f"{INDENT * 4})"]
    if eq:
        body += _equality([f.name for f in fields if f.compare], frozen)
    body += methods
    params = [*(["frozen=True"] if frozen else []), *([] if eq else ["eq=False"])]
    declare = _wrap("declare(", [node.name, *(f.spec(typed) for f in fields), *params], ")", "")
    return body, "\n".join(declare), slots and names != sorted(names)


def _equality(compared: list[str], frozen: bool) -> list[str]:
    """__eq__ on the compared fields, and __hash__ as dataclass makes it (None unless frozen)."""
    mine = [f"self.{name}" for name in compared]
    theirs = [f"other.{name}" for name in compared]
    tail = ",)" if len(compared) == 1 else ")"
    together = f"return ({', '.join(mine)}{tail} == ({', '.join(theirs)}{tail}"
    if len(INDENT * 2 + together) <= WIDTH:
        compare = [INDENT * 2 + together]
    else:
        compare = [*_wrap("mine = (", mine, tail, INDENT * 2),
                   *_wrap("theirs = (", theirs, tail, INDENT * 2),
                   f"{INDENT * 2}return mine == theirs"]
    lines = ["", f"{INDENT}def __eq__(self, other):",
             f"{INDENT * 2}if other.__class__ is not self.__class__:",
             f"{INDENT * 3}return NotImplemented", *compare, ""]
    if frozen:
        return [*lines, f"{INDENT}def __hash__(self):",
                *_wrap("return hash((", mine, tail + ")", INDENT * 2)]
    return [*lines, f"{INDENT}__hash__ = None  # mutable: unhashable, as dataclass makes it"]


def generate(spec: str) -> str:
    path = _path(spec)
    source = path.read_text()
    source_lines = source.splitlines()
    tree = ast.parse(source)
    doc = tree.body[0]
    assert isinstance(doc, ast.Expr), f"{path}: the module needs a docstring"
    exported: list[str] = []
    runtime: list[str] = []
    declares: list[str] = []
    previous_end = doc.end_lineno or doc.lineno
    unsorted_slots = False
    imports: list[tuple[bool, ast.Import | ast.ImportFrom]] = []  # (starts a group, node)
    for node in tree.body[1:]:
        first = min([getattr(d, "lineno", node.lineno) for d in
                     getattr(node, "decorator_list", [])] + [node.lineno])
        gap = _lines(source_lines, previous_end + 1, first - 1)
        between = [line for line in gap if line.strip().startswith("#")]
        previous_end = node.end_lineno or node.lineno
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if not (isinstance(node, ast.ImportFrom)
                    and node.module in ("__future__", "dataclasses")):
                imports.append((any(not line.strip() for line in gap), node))
            continue
        if _type_checking_only(node):  # mypy reads the declarations; run time needs none
            continue
        if isinstance(node, ast.FunctionDef):  # logic stays in a module of its own,
            raise SystemExit(f"{path}: {node.name}(): a declaration module holds records,"
                             " constants and enums, not functions")  # written once
        if isinstance(node, ast.ClassDef):
            exported.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            exported += [t.id for t in targets if isinstance(t, ast.Name)]
        if isinstance(node, ast.ClassDef) or any(not line.strip() for line in gap):
            runtime.append("")
        options = _dataclass_options(node)
        if isinstance(node, ast.ClassDef) and options is not None:
            runtime.append("")
            body, declare, unsorted = _class(node, options, spec in TYPED, source, source_lines)
            unsorted_slots = unsorted_slots or unsorted
            runtime += [*between, *body, ""]
            declares.append(declare)
        else:
            spaced = isinstance(node, ast.ClassDef)
            runtime += ["", *between] if spaced else between
            runtime += _lines(source_lines, first, previous_end)
            if spaced:
                runtime.append("")
    exported.sort(key=_isort_key)
    text = [*_lines(source_lines, doc.lineno, doc.end_lineno or doc.lineno), "",
            "from __future__ import annotations", "", "from typing import TYPE_CHECKING", "",
            "if TYPE_CHECKING:  # mypy checks every use against the declared dataclasses",
            f"{INDENT}from {spec} import (",
            *(f"{INDENT * 2}{n}," for n in exported), f"{INDENT})", "else:"]
    used = {n.id for n in ast.walk(ast.parse("\n".join(runtime + declares)))
            if isinstance(n, ast.Name)}  # string annotations name nothing at run time
    names = [n for n in _SUPPORT_NAMES if n in used]
    runtime = [*_import_block(imports, names, used), *runtime, "",
               *"\n\n".join(declares).splitlines()]
    while runtime and not runtime[-1].strip():
        runtime.pop()
    text += [f"{INDENT}{line}" if line.strip() else "" for line in _squeeze(runtime)]
    listed = sorted(exported, key=lambda n: (_isort_key(n)[0], n))  # ruff sorts __all__ so
    text += ["", "__all__ = [", *(f'{INDENT}"{n}",' for n in listed), "]"]
    # slots stay in field order (ruff would sort them); copied lines gain an indent
    noqa = (["RUF023"] if unsorted_slots else []) \
        + (["E501"] if any(len(line) > WIDTH + 4 for line in text) else [])
    header = [f"# Generated by scripts/gen_records.py from _spec/{path.name}; do not edit.",
              *([f"# ruff: noqa: {', '.join(noqa)}"] if noqa else [])]
    return "\n".join(header + text) + "\n"


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then the rest, as isort orders imported names."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name.casefold()


def _type_checking_only(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
        and node.test.id == "TYPE_CHECKING" and not node.orelse


def _import_block(imports: list[tuple[bool, ast.Import | ast.ImportFrom]], names: list[str],
                  used: set[str]) -> list[str]:
    """The imports the run-time code uses, with orchconv.records's where isort puts it."""
    groups: list[list[tuple[str, list[str]]]] = []
    for new_group, node in imports:
        module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
        kept = [alias for alias in node.names
                if (alias.asname or alias.name).split(".")[0] in used]
        if not kept:
            continue
        if new_group or not groups:
            groups.append([])
        shown = [a.name if a.asname is None else f"{a.name} as {a.asname}" for a in kept]
        groups[-1].append((module, shown) if module else ("", shown))
    ours = ("orchconv.records", names)
    first_party = next((g for g in groups if any(m.startswith("orchconv.") for m, _ in g)), None)
    if first_party is None:
        groups.append([ours])
    else:
        first_party.append(ours)
        first_party.sort(key=lambda entry: entry[0])
    out: list[str] = []
    for group in groups:
        out += [""] if out else []
        for module, shown in group:
            if not module:
                out += [f"import {name}" for name in shown]
            else:
                out += _wrap(f"from {module} import (" if len(shown) > 1 else
                             f"from {module} import ", shown, ")" if len(shown) > 1 else "",
                             "") if len(f"from {module} import {', '.join(shown)}") > WIDTH \
                    else [f"from {module} import {', '.join(shown)}"]
    return out


def _squeeze(lines: list[str]) -> list[str]:
    """At most two blank lines in a row, none at the start."""
    out: list[str] = []
    blank = 0
    for line in lines:
        blank = blank + 1 if not line.strip() else 0
        if blank <= 2 and (out or line.strip()):
            out.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when a module is stale")
    args = parser.parse_args(argv)
    files = {_path(target(spec)): generate(spec) for spec in SPECS}
    return write_or_check(files, args.check, "python scripts/gen_records.py")


if __name__ == "__main__":
    sys.exit(main())
