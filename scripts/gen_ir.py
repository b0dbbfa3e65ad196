#!/usr/bin/env python3
"""Write the IR modules from their dataclass declarations in orchconv/ir/_spec.

    python scripts/gen_ir.py           # rewrite orchconv/ir/{values,loss,...}.py
    python scripts/gen_ir.py --check   # exit 1 when one is stale

@dataclass writes and compiles each class's methods when the module is imported,
and a small run paid for that at every start.  Each generated module holds the
same classes with those methods written out (compiled once, into the .pyc) and the
same dataclass fields (orchconv.ir._frozen.declare), so dataclasses.fields, replace
and is_dataclass treat them as before.  Under TYPE_CHECKING the module imports the
declarations instead, so mypy checks every use against the dataclasses themselves.
Everything else in a declaration module (imports, constants, enums, comments, the
classes' own methods) is copied as written.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
IR = ROOT / "orchconv" / "ir"
MODULES = ("values", "loss", "deploy", "service", "project", "topology")
INDENT = "    "
WIDTH = 96  # the line length less the indent of the TYPE_CHECKING block
_FROZEN_NAMES = ("FACTORY", "MISSING", "Frozen", "declare", "setattr_")


def _is_dataclass(node: ast.stmt) -> bool:
    return isinstance(node, ast.ClassDef) and any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id == "dataclass"
        for d in node.decorator_list)


class _Field:
    """One annotated field of a declaration, read from its source."""

    def __init__(self, node: ast.AnnAssign, source: str) -> None:
        assert isinstance(node.target, ast.Name)
        self.name = node.target.id
        self.type = ast.get_source_segment(source, node.annotation) or ""
        self.default = "MISSING"
        self.factory = "MISSING"
        self.compare = True
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

    def assignment(self) -> str:
        value = self.name
        if self.factory != "MISSING":
            made = "{}" if self.factory == "dict" else f"{self.factory}()"
            value = f"{made} if {self.name} is FACTORY else {self.name}"
        return f'setattr_(self, "{self.name}", {value})'

    def spec(self) -> str:
        return (f'("{self.name}", {self.type}, {self.default}, {self.factory}, '
                f"{self.compare}, {self.metadata})")


def _wrap(head: str, items: list[str], tail: str, indent: str, deeper: int = 1) -> list[str]:
    """`head item, item tail` on one line when it fits, else one item a line."""
    line = f"{indent}{head}{', '.join(items)}{tail}"
    if len(line) <= WIDTH:
        return [line]
    return [f"{indent}{head}", *(f"{indent}{INDENT * deeper}{item}," for item in items),
            f"{indent}{tail.lstrip(',')}"]


def _lines(source_lines: list[str], first: int, last: int) -> list[str]:
    return source_lines[first - 1:last]


def _class(node: ast.ClassDef, source: str, source_lines: list[str]) -> tuple[list[str], str]:
    """The written-out class, and its `declare(...)` call."""
    fields: list[_Field] = []
    methods: list[str] = []
    doc: list[str] = []
    for index, item in enumerate(node.body):
        if index == 0 and isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
            doc = _lines(source_lines, item.lineno, item.end_lineno or item.lineno)
        elif isinstance(item, ast.AnnAssign):
            fields.append(_Field(item, source))
        elif isinstance(item, ast.FunctionDef):
            first = min([d.lineno for d in item.decorator_list] + [item.lineno])
            methods += ["", *_lines(source_lines, first, item.end_lineno or item.lineno)]
        else:
            raise SystemExit(f"{node.name}: only fields and methods can be generated")
    names = [f'"{f.name}"' for f in fields]
    body = [f"class {node.name}(Frozen):", *doc, ""]
    body += _wrap("__slots__ = (", names, ",)" if len(names) == 1 else ")", INDENT)
    body += [f"{INDENT}__match_args__ = __slots__", ""]
    body += _wrap("def __init__(", ["self", *(f.parameter() for f in fields)], "):", INDENT, 2)
    body += [f"{INDENT * 2}{f.assignment()}" for f in fields]
    shown = [f"{f.name}={{self.{f.name}!r}}" for f in fields]
    body += ["", f"{INDENT}def __repr__(self):",
             f'{INDENT * 2}return (f"{{type(self).__qualname__}}("',
             *(f'{INDENT * 4}f"{part}{", " if i < len(shown) - 1 else ")"}"'
               for i, part in enumerate(shown)),
             f"{INDENT * 4})"]
    compared = [f.name for f in fields if f.compare]
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
    body += ["", f"{INDENT}def __eq__(self, other):",
             f"{INDENT * 2}if other.__class__ is not self.__class__:",
             f"{INDENT * 3}return NotImplemented", *compare,
             "", f"{INDENT}def __hash__(self):",
             *_wrap("return hash((", mine, tail + ")", INDENT * 2)]
    body += methods
    declare = _wrap("declare(", [node.name, *(f.spec() for f in fields)], ")", "")
    return body, "\n".join(declare)


def generate(name: str) -> str:
    path = IR / "_spec" / f"{name}.py"
    source = path.read_text()
    source_lines = source.splitlines()
    tree = ast.parse(source)
    doc = tree.body[0]
    assert isinstance(doc, ast.Expr), f"{path}: the module needs a docstring"
    exported: list[str] = []
    runtime: list[str] = []
    declares: list[str] = []
    previous_end = doc.end_lineno or doc.lineno
    imports: list[str] = []  # the import block, as written less dataclasses
    for node in tree.body[1:]:
        first = min([getattr(d, "lineno", node.lineno) for d in
                     getattr(node, "decorator_list", [])] + [node.lineno])
        gap = _lines(source_lines, previous_end + 1, first - 1)
        between = [line for line in gap if line.strip().startswith("#")]
        previous_end = node.end_lineno or node.lineno
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports += gap
            if not (isinstance(node, ast.ImportFrom)
                    and node.module in ("__future__", "dataclasses")):
                imports += _lines(source_lines, first, previous_end)
            continue
        if isinstance(node, ast.ClassDef):
            exported.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            exported += [t.id for t in targets if isinstance(t, ast.Name)]
        if isinstance(node, ast.ClassDef) or any(not line.strip() for line in gap):
            runtime.append("")
        if isinstance(node, ast.ClassDef) and _is_dataclass(node):
            runtime.append("")
            body, declare = _class(node, source, source_lines)
            runtime += [*between, *body, ""]
            declares.append(declare)
        else:
            if isinstance(node, ast.ClassDef):
                runtime += ["", *between]
            else:
                runtime += between
            runtime += _lines(source_lines, first, previous_end)
            if isinstance(node, ast.ClassDef):
                runtime.append("")
    exported.sort(key=_isort_key)
    text = [*_lines(source_lines, doc.lineno, doc.end_lineno or doc.lineno), "",
            "from __future__ import annotations", "", "from typing import TYPE_CHECKING", "",
            "if TYPE_CHECKING:  # mypy checks every use against the declared dataclasses",
            f"{INDENT}from orchconv.ir._spec.{name} import (",
            *(f"{INDENT * 2}{n}," for n in exported), f"{INDENT})", "else:"]
    names = [n for n in _FROZEN_NAMES if n != "FACTORY" or any("FACTORY" in r for r in runtime)]
    runtime = [*_import_block(imports, names), *runtime, "",
               *"\n\n".join(declares).splitlines()]
    while runtime and not runtime[-1].strip():
        runtime.pop()
    text += [f"{INDENT}{line}" if line.strip() else "" for line in _squeeze(runtime)]
    listed = sorted(exported, key=lambda n: (_isort_key(n)[0], n))  # ruff sorts __all__ so
    text += ["", "__all__ = [", *(f'{INDENT}"{n}",' for n in listed), "]"]
    # slots stay in field order (ruff would sort them); copied lines gain an indent
    noqa = ["RUF023"] + (["E501"] if any(len(line) > WIDTH + 4 for line in text) else [])
    header = [f"# Generated by scripts/gen_ir.py from orchconv/ir/_spec/{name}.py; do not edit.",
              f"# ruff: noqa: {', '.join(noqa)}"]
    return "\n".join(header + text) + "\n"


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then the rest, as isort orders imported names."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name.casefold()


def _import_block(lines: list[str], names: list[str]) -> list[str]:
    """The imports with orchconv.ir._frozen's where isort puts it, one blank between groups."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line)
    frozen = f"from orchconv.ir._frozen import {', '.join(names)}"
    at = next((i for i, line in enumerate(out) if line.startswith("from orchconv.")), None)
    if at is None:
        out += ["", frozen]
    else:
        out.insert(at, frozen)
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
    files = {IR / f"{name}.py": generate(name) for name in MODULES}
    return write_or_check(files, args.check, "python scripts/gen_ir.py")


if __name__ == "__main__":
    sys.exit(main())
