"""The options every command that reports losses shares: -v/--verbose and --strict[=LEVEL].

`--strict` takes an optional value, which click reads from the next argument
when there is one: `--strict compose.yaml` would make the file the level.  A
command built with `LossCommand` gives `--strict` its value only with `=`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from orchconv.ir.loss import Loss

F = TypeVar("F", bound=Callable[..., Any])

STRICT_LEVELS = ("warning", "info")  # orchconv.ir.loss.LEVELS, without importing the IR


class LossCommand(click.Command):
    """A command whose bare `--strict` never takes the following argument as its level."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rewritten: list[str] = []
        for index, arg in enumerate(args):
            if arg == "--":
                rewritten += args[index:]
                break
            rewritten.append("--strict=warning" if arg == "--strict" else arg)
        return super().parse_args(ctx, rewritten)


def loss_options(strict_help: str) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        command = click.option(
            "--strict", type=click.Choice(STRICT_LEVELS), is_flag=False, flag_value="warning",
            default=None, metavar="[=warning|info]",
            help=f"{strict_help} --strict (or --strict=warning) fails on warnings,"
                 " --strict=info on every loss.")(command)
        return click.option("-v", "--verbose", is_flag=True,
                            help="List every loss where it was written, not only the"
                                 " grouped summary.")(command)
    return decorate


def report_losses(losses: Sequence[Loss], verbose: bool, strict: str | None,
                  refused: str) -> None:
    """Print the losses; under --strict, exit 1 when any is at the strict level or above."""
    from orchconv.translate.loss_report import failing, print_losses

    print_losses(losses, sys.stderr, verbose=verbose)
    failed = failing(losses, strict)
    if failed:
        click.echo(f"error: {len(failed)} loss(es) at level {strict} or above in strict mode;"
                   f" {refused}", err=True)
        sys.exit(1)
