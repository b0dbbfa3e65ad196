"""`orchconv report`: click wiring only (see orchconv/graph/command.py for why the shared
options are taken from orchconv/commands/common.py when the command is built)."""

from __future__ import annotations

from pathlib import Path

import click


def report_command() -> click.Command:
    from orchconv.commands.common import compose_options
    from orchconv.commands.common import load_options as _load_options
    from orchconv.commands.common import report_errors as _report_errors

    @click.command("report")
    @click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, readable=False))
    @compose_options
    @click.option("--from", "source", type=click.Choice(["compose", "swarm"]),
                  default="compose", show_default=True, help="Input format.")
    @click.option("--to", "target", type=click.Choice(["k8s", "swarm"]), required=True,
                  help="The platform the project moves to.")
    @click.option("--format", "fmt", type=click.Choice(["html", "json"]), default="html",
                  show_default=True, help="A self-contained HTML page, or the same data as JSON.")
    @click.option("-o", "--output", type=click.Path(path_type=Path),
                  help="Write to this file (atomically) instead of stdout.")
    @_report_errors
    def report(inputs: tuple[Path, ...], files: tuple[Path, ...], project_name: str | None,
               project_directory: Path | None, env_files: tuple[Path, ...],
               profiles: tuple[str, ...], source: str, target: str, fmt: str,
               output: Path | None) -> None:
        """One page about a move to swarm or Kubernetes: each key's fate, findings, graph,
        generated files and a checklist.  No secret value appears in it."""
        from orchconv.report.data import gather
        from orchconv.source.output import write_atomic

        if source == target:
            raise click.UsageError(f"--from {source} --to {target}: nothing moves")
        options = _load_options(inputs + files, project_name, project_directory, env_files,
                                profiles, dialect="stack" if source == "swarm" else "compose")
        data = gather(source, target, options)
        for warning in data.warnings:
            click.echo(f"warning: {warning}", err=True)
        if fmt == "json":
            from orchconv.report.json_out import write_json

            text = write_json(data)
        else:
            from orchconv.report.html import write_html

            to_stdout = output is None or str(output) == "-"
            # links to source lines are relative to the page's folder
            text = write_html(data, None if to_stdout or output is None else output.parent)
        if output is None or str(output) == "-":
            click.echo(text, nl=False)
        else:
            write_atomic(output, text)

    return report
