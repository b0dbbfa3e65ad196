"""`orchconv completion SHELL`: the script that makes a shell complete orchconv's arguments."""

from __future__ import annotations

import click


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script: eval "$(orchconv completion bash)"."""
    from click.shell_completion import get_completion_class

    from orchconv.cli import main

    completion_class = get_completion_class(shell)
    assert completion_class is not None
    script = completion_class(main, {}, "orchconv", "_ORCHCONV_COMPLETE").source()
    click.echo(script)
