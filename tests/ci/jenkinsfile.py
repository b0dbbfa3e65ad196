"""Read a declarative Jenkinsfile without Jenkins: its structure and its steps.

Only the Groovy that declarative pipelines are written in is understood: blocks
(`name(args) { ... }`), steps (`name args`), `NAME = 'value'` in `environment`,
string, number, boolean, list and call arguments.  The checks are the ones
Jenkins' declarative validator makes first (known sections, `agent` and
`stages` present, one `steps`/`stages`/`parallel`/`matrix` per stage, known
`post` conditions), so a recipe that breaks them fails here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

Value: TypeAlias = "str | int | bool | list[Value] | Call | None"


class JenkinsfileError(ValueError):
    """A located problem: `line:col: message`."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")


@dataclass(frozen=True)
class Call:
    """A step or a nested call: `name positional..., key: value...`."""

    name: str
    positional: list[Value]
    named: dict[str, Value]
    line: int


@dataclass
class Stage:
    name: str
    steps: list[Call]


@dataclass
class Pipeline:
    environment: dict[str, str]
    stages: list[Stage]
    post: dict[str, list[Call]] = field(default_factory=dict)


PIPELINE_SECTIONS = {"agent", "environment", "options", "parameters", "triggers", "tools",
                     "stages", "post", "libraries"}
STAGE_SECTIONS = {"agent", "environment", "options", "when", "input", "tools", "post",
                  "steps", "stages", "parallel", "matrix", "failFast"}
STAGE_BODIES = {"steps", "stages", "parallel", "matrix"}
POST_CONDITIONS = {"always", "changed", "fixed", "regression", "aborted", "failure", "success",
                   "unstable", "unsuccessful", "cleanup"}


# ---- tokens -------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str  # word, number, string, gstring, punct, newline, end
    text: str
    line: int
    col: int


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "$": "$",
            "b": "\b", "f": "\f", "\n": ""}
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, line, line_start = 0, 1, 0
    while i < len(text):
        ch = text[i]
        col = i - line_start + 1
        if ch == "\n":
            tokens.append(Token("newline", "\n", line, col))
            i, line, line_start = i + 1, line + 1, i + 1
        elif ch in " \t\r":
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise JenkinsfileError(line, col, "unterminated comment")
            line += text.count("\n", i, end)
            if "\n" in text[i:end]:
                line_start = text.rfind("\n", i, end) + 1
            i = end + 2
        elif ch in "'\"":
            quote = text[i:i + 3] if text[i:i + 3] in ("'''", '"""') else ch
            value, end = _read_string(text, i + len(quote), quote, line, col)
            kind = "gstring" if ch == '"' and re.search(r"(?<!\\)\$", text[i:end]) else "string"
            tokens.append(Token(kind, value, line, col))
            line += text.count("\n", i, end)
            if "\n" in text[i:end]:
                line_start = text.rfind("\n", i, end) + 1
            i = end
        elif m := _WORD.match(text, i):
            tokens.append(Token("word", m.group(), line, col))
            i = m.end()
        elif m := _NUMBER.match(text, i):
            tokens.append(Token("number", m.group(), line, col))
            i = m.end()
        else:
            tokens.append(Token("punct", ch, line, col))
            i += 1
    tokens.append(Token("end", "", line, i - line_start + 1))
    return tokens


def _read_string(text: str, i: int, quote: str, line: int, col: int) -> tuple[str, int]:
    out: list[str] = []
    while i < len(text):
        if text.startswith(quote, i):
            return "".join(out), i + len(quote)
        ch = text[i]
        if ch == "\n" and len(quote) == 1:
            break
        if ch == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
            continue
        out.append(ch)
        i += 1
    raise JenkinsfileError(line, col, f"unterminated string {quote}")


# ---- statements and blocks ----------------------------------------------------

@dataclass
class Block:
    name: str
    args: list[Token]
    body: list[Block | list[Token]]
    line: int
    col: int


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def body(self, closing: bool) -> list[Block | list[Token]]:
        """Statements up to the matching `}` (closing) or the end of the file."""
        items: list[Block | list[Token]] = []
        while True:
            tok = self.peek()
            if tok.kind == "newline" or tok.text == ";":
                self.i += 1
            elif tok.kind == "end":
                if closing:
                    raise JenkinsfileError(tok.line, tok.col, "missing '}'")
                return items
            elif tok.text == "}":
                if not closing:
                    raise JenkinsfileError(tok.line, tok.col, "unexpected '}'")
                self.i += 1
                return items
            else:
                items.append(self.statement())

    def statement(self) -> Block | list[Token]:
        """One statement: tokens to the end of the line, or a named block."""
        start = self.peek()
        toks: list[Token] = []
        depth = 0
        while True:
            tok = self.peek()
            if tok.kind == "end":
                break
            if tok.kind == "punct" and tok.text in {"(", "["}:
                depth += 1
            elif tok.kind == "punct" and tok.text in {")", "]"}:
                depth -= 1
                if depth < 0:
                    raise JenkinsfileError(tok.line, tok.col, f"unbalanced {tok.text!r}")
            elif depth == 0 and tok.kind == "punct" and tok.text == "{":
                if not toks or toks[0].kind != "word":
                    raise JenkinsfileError(tok.line, tok.col, "a block needs a name")
                self.i += 1
                return Block(toks[0].text, toks[1:], self.body(closing=True),
                             start.line, start.col)
            elif depth == 0 and tok.text in {"}", ";"}:
                break
            elif tok.kind == "newline":
                # a line continues inside brackets and after a trailing comma or operator
                if depth == 0 and not (toks and toks[-1].text in {",", "=", "+", ":"}):
                    break
                self.i += 1
                continue
            toks.append(tok)
            self.i += 1
        if depth:
            raise JenkinsfileError(start.line, start.col, "unclosed bracket")
        return toks


# ---- values -------------------------------------------------------------------

class _Args:
    def __init__(self, toks: list[Token], where: Token) -> None:
        self.toks = [*toks, Token("end", "", where.line, where.col)]
        self.i = 0

    def take(self, text: str | None = None) -> Token:
        tok = self.toks[self.i]
        if text is not None and tok.text != text:
            raise JenkinsfileError(tok.line, tok.col, f"expected {text!r}, found {tok.text!r}")
        self.i += 1
        return tok

    def at(self, text: str) -> bool:
        return self.toks[self.i].text == text and self.toks[self.i].kind == "punct"

    def arguments(self, closing: str | None) -> tuple[list[Value], dict[str, Value]]:
        positional: list[Value] = []
        named: dict[str, Value] = {}
        while not (self.toks[self.i].kind == "end" or (closing and self.at(closing))):
            tok = self.toks[self.i]
            nxt = self.toks[self.i + 1]
            if tok.kind == "word" and nxt.text == ":":
                self.i += 2
                named[tok.text] = self.value()
            else:
                positional.append(self.value())
            if not self.at(","):
                break
            self.take(",")
        if closing:
            self.take(closing)
        elif self.toks[self.i].kind != "end":
            tok = self.toks[self.i]
            raise JenkinsfileError(tok.line, tok.col, f"unexpected {tok.text!r}")
        return positional, named

    def value(self) -> Value:
        tok = self.take()
        if tok.kind == "string":
            return tok.text
        if tok.kind == "gstring":
            raise JenkinsfileError(tok.line, tok.col,
                                   "a double-quoted string with $: Groovy, not the shell, would "
                                   "expand it; use single quotes")
        if tok.kind == "number":
            return int(tok.text) if tok.text.isdigit() else tok.text
        if tok.kind == "word":
            if tok.text in ("true", "false"):
                return tok.text == "true"
            if tok.text == "null":
                return None
            if self.at("("):
                self.take("(")
                positional, named = self.arguments(")")
                return Call(tok.text, positional, named, tok.line)
            return tok.text
        if tok.text == "[":
            items: list[Value] = []
            while not self.at("]"):
                items.append(self.value())
                if not self.at(","):
                    break
                self.take(",")
            self.take("]")
            return items
        raise JenkinsfileError(tok.line, tok.col, f"unexpected {tok.text!r}")


def _step(toks: list[Token]) -> Call:
    head = toks[0]
    if head.kind != "word":
        raise JenkinsfileError(head.line, head.col, f"a step starts with a name, not {head.text!r}")
    args = _Args(toks[1:], head)
    if args.at("("):  # sh(script: '...') form
        args.take("(")
        positional, named = args.arguments(")")
        args.arguments(None)
    else:
        positional, named = args.arguments(None)
    return Call(head.text, positional, named, head.line)


# ---- declarative structure ----------------------------------------------------

def _blocks(items: list[Block | list[Token]], where: str,
            one_liners: frozenset[str] = frozenset()) -> list[Block]:
    """The blocks of a body; `agent any` and the like become argument-only blocks."""
    out = []
    for item in items:
        if isinstance(item, list):
            if item[0].text not in one_liners:
                raise JenkinsfileError(item[0].line, item[0].col, f"{where}: expected a block")
            out.append(Block(item[0].text, item[1:], [], item[0].line, item[0].col))
        else:
            out.append(item)
    return out


def _steps(block: Block) -> list[Call]:
    steps: list[Call] = []
    for item in block.body:
        if isinstance(item, Block):
            if item.name != "script" and not item.args:
                raise JenkinsfileError(item.line, item.col, f"unknown step block {item.name!r}")
            continue  # script { } and wrappers such as withCredentials(...) { }
        steps.append(_step(item))
    return steps


def _stage(block: Block) -> Stage:
    args = _Args(block.args, Token("end", "", block.line, block.col))
    args.take("(")
    positional, _ = args.arguments(")")
    if block.name != "stage" or len(positional) != 1 or not isinstance(positional[0], str):
        raise JenkinsfileError(block.line, block.col, "stages holds stage('name') { ... } blocks")
    sections = _blocks(block.body, f"stage {positional[0]!r}", frozenset({"agent", "failFast"}))
    unknown = [s for s in sections if s.name not in STAGE_SECTIONS]
    if unknown:
        raise JenkinsfileError(unknown[0].line, unknown[0].col,
                               f"unknown stage section {unknown[0].name!r}")
    bodies = [s for s in sections if s.name in STAGE_BODIES]
    if len(bodies) != 1:
        raise JenkinsfileError(block.line, block.col,
                               "a stage has exactly one of steps, stages, parallel, matrix")
    steps = _steps(bodies[0]) if bodies[0].name == "steps" else []
    return Stage(positional[0], steps)


def _environment(block: Block) -> dict[str, str]:
    env: dict[str, str] = {}
    for item in block.body:
        if isinstance(item, Block) or len(item) != 3 or item[1].text != "=":
            where = item if isinstance(item, Block) else item[0]
            raise JenkinsfileError(where.line, where.col, "environment holds NAME = 'value' lines")
        if item[2].kind != "string":
            raise JenkinsfileError(item[2].line, item[2].col,
                                   "only single-quoted environment values are read here")
        env[item[0].text] = item[2].text
    return env


def parse(text: str) -> Pipeline:
    top = _blocks(_Reader(tokenize(text)).body(closing=False), "top level")
    if [b.name for b in top] != ["pipeline"]:
        raise JenkinsfileError(1, 1, "a declarative Jenkinsfile is one pipeline { ... } block")
    sections = _blocks(top[0].body, "pipeline", frozenset({"agent"}))
    names = [s.name for s in sections]
    for s in sections:
        if s.name not in PIPELINE_SECTIONS:
            raise JenkinsfileError(s.line, s.col, f"unknown pipeline section {s.name!r}")
        if names.count(s.name) > 1:
            raise JenkinsfileError(s.line, s.col, f"section {s.name!r} given twice")
    if "agent" not in names:
        raise JenkinsfileError(top[0].line, top[0].col, "pipeline needs an agent")
    if "stages" not in names:
        raise JenkinsfileError(top[0].line, top[0].col, "pipeline needs stages")
    by_name = {s.name: s for s in sections}
    stages = [_stage(b) for b in _blocks(by_name["stages"].body, "stages")]
    if not stages:
        raise JenkinsfileError(by_name["stages"].line, by_name["stages"].col, "no stage")
    env = _environment(by_name["environment"]) if "environment" in by_name else {}
    post: dict[str, list[Call]] = {}
    if "post" in by_name:
        for cond in _blocks(by_name["post"].body, "post"):
            if cond.name not in POST_CONDITIONS:
                raise JenkinsfileError(cond.line, cond.col, f"unknown post condition {cond.name!r}")
            post[cond.name] = _steps(cond)
    return Pipeline(env, stages, post)
