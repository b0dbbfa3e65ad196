"""`orchconv schema`: the JSON Schemas orchconv validates with, for editors."""

from __future__ import annotations

import click

from orchconv.commands.common import report_errors


@click.command()
@click.argument("name", type=click.Choice(["compose", "list"]), default="compose",
                required=False)
@click.option("--stack-version", help="Print the schema of a stack file version (3.0-3.13).")
@report_errors
def schema(name: str, stack_version: str | None) -> None:
    """Print orchconv's JSON Schema (for editors), or `list` the available ones."""
    from orchconv.schemas import schema_text, stack_versions

    if name == "list":
        click.echo("compose")
        for version in stack_versions():
            click.echo(f"stack-{version}")
        return
    if stack_version:
        if stack_version not in stack_versions():
            raise click.BadParameter(f"unknown stack version {stack_version}",
                                     param_hint="--stack-version")
        click.echo(schema_text(f"stack-{stack_version}"), nl=False)
        return
    click.echo(schema_text("compose"), nl=False)
