"""Golden swarm cases: a Compose input and the stack file orchconv makes of it.

    golden/swarm/<case>/
        docker-compose.yml   the input, read with the Compose loader
        args                 optional: emitter options, e.g. "--stack-version 3.0"
        env                  optional: KEY=VALUE lines, the whole environment
        expected.yaml        the stack file
        losses.txt           the losses, one located line each (as --verbose prints them)

Absolute paths under the case folder are written as ${CASE_DIR}.
Regenerate with `python scripts/regen_golden.py swarm` and review the diff.
"""

from __future__ import annotations

from dataclasses import dataclass

from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from orchconv.translate.loss_report import located_line
from orchconv.translate.result import Conversion
from orchconv.translate.swarm.emit.stack import SwarmEmitOptions, emit_stack
from tests.goldens import CASE_DIR, Case, cases, inside

SUITE = "swarm"
INPUT = "docker-compose.yml"
LOSSES = "losses.txt"


def swarm_cases() -> list[Case]:
    return cases(SUITE)


def emit_options(case: Case) -> SwarmEmitOptions:
    """`--stack-version V` and `--image-prefix P` from the case's args file."""
    args = case.args([])
    settings: dict[str, str] = {}
    for flag, name in (("--stack-version", "stack_version"), ("--image-prefix", "image_prefix")):
        if flag in args:
            settings[name] = args[args.index(flag) + 1]
    return SwarmEmitOptions(**settings)


@dataclass(frozen=True)
class Emitted:
    conversion: Conversion
    stack: str  # the YAML text, with the case folder as ${CASE_DIR}
    losses: str

    @property
    def raw_stack(self) -> str:
        """The YAML with real paths, for tools that read the referenced files."""
        return dump_yaml(self.conversion.documents[0].data)


def emit_case(case: Case) -> Emitted:
    """Load the case's input with the Compose loader and emit its stack file."""
    with inside(case.path):
        loaded = load_project(LoadOptions(files=(case.path / INPUT,), working_dir=case.path,
                                          os_environ=case.env()))
        conversion = emit_stack(loaded.project, emit_options(case))
        losses = "".join(f"{located_line(loss)}\n" for loss in conversion.losses)
    folder = str(case.path)
    stack = dump_yaml(conversion.documents[0].data)
    return Emitted(conversion, stack.replace(folder, CASE_DIR), losses.replace(folder, CASE_DIR))

