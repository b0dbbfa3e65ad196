"""`orchconv graph`: click wiring only.  orchconv/cli.py's table names `graph_command()`;
the shared option decorators are taken from orchconv/commands/common.py when the command
is built, so this module imports nothing but click when it loads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

FORMATS = ("dot", "mermaid", "svg", "png")


def write_picture(data: str | bytes, output: Path | None) -> None:
    """Text or image bytes to stdout or, atomically, to a file."""
    if output is None or str(output) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            click.echo(data, nl=False)
        return
    from orchconv.source.output import write_atomic

    if isinstance(data, str):
        write_atomic(output, data)
        return
    import os
    import tempfile

    from orchconv.errors import InputError
    from orchconv.location import Loc

    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", Loc(str(output))) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def picture(graph: Any, fmt: str) -> str | bytes:
    """The graph in one of FORMATS."""
    from orchconv.graph.dot import write_dot

    if fmt == "mermaid":
        from orchconv.graph.mermaid import write_mermaid

        return write_mermaid(graph)
    text = write_dot(graph)
    if fmt == "dot":
        return text
    from orchconv.graph.render import render

    data = render(text, fmt)
    return data.decode("utf-8") if fmt == "svg" else data


def graph_command() -> click.Command:
    from orchconv.commands.common import compose_options
    from orchconv.commands.common import load_options as _load_options
    from orchconv.commands.common import report_errors as _report_errors

    @click.command("graph")
    @click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, readable=False))
    @compose_options
    @click.option("--from", "source", type=click.Choice(["compose", "swarm", "k8s"]),
                  default="compose", show_default=True, help="Input format.")
    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="dot",
                  show_default=True,
                  help="dot and mermaid are text; svg and png are drawn by Graphviz's `dot`.")
    @click.option("-o", "--output", type=click.Path(path_type=Path),
                  help="Write to this file (atomically) instead of stdout.")
    @click.option("--no-volumes", is_flag=True, help="Leave out volumes, binds and claims.")
    @click.option("--no-networks", is_flag=True, help="Leave out networks.")
    @click.option("--no-ports", is_flag=True, help="Leave out published ports.")
    @click.option("--horizontal", is_flag=True,
                  help="Lay the graph out left to right (default: top-down).")
    @click.option("-R", "--recursive", is_flag=True,
                  help="k8s input: also read the sub-folders of folders given.")
    @_report_errors
    def graph(inputs: tuple[Path, ...], files: tuple[Path, ...], project_name: str | None,
              project_directory: Path | None, env_files: tuple[Path, ...],
              profiles: tuple[str, ...], source: str, fmt: str, output: Path | None,
              no_volumes: bool, no_networks: bool, no_ports: bool, horizontal: bool,
              recursive: bool) -> None:
        """Draw services, dependencies, networks, volumes, ports, secrets and configs.

        Compose and stack files, or Kubernetes manifests (--from k8s): Deployments,
        Services and what they select, Ingresses, claims, ConfigMaps and Secrets.
        """
        from orchconv.graph.build import build_graph
        from orchconv.graph.from_project import Layers

        k8s_inputs = inputs + files if source == "k8s" else ()
        compose_files = () if source == "k8s" else inputs + files
        options = _load_options(compose_files, project_name, project_directory, env_files,
                                profiles, dialect="stack" if source == "swarm" else "compose")
        layers = Layers(volumes=not no_volumes, networks=not no_networks, ports=not no_ports)
        built, warnings = build_graph(source, options, k8s_inputs, layers,
                                      recursive=recursive, horizontal=horizontal)
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
        write_picture(picture(built, fmt), output)

    return graph
