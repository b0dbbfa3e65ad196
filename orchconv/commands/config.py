"""`orchconv config`: the canonical compose model, as `docker compose config` prints it."""

from __future__ import annotations

from pathlib import Path

import click

from orchconv.commands.common import compose_options, load_options, report_errors, write_output


@click.command()
@compose_options
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write to this file (atomically) instead of stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Only validate; print nothing.")
@click.option("--services", is_flag=True, help="Print the service names, one per line.")
@click.option("--volumes", is_flag=True, help="Print the volume names, one per line.")
@click.option("--networks", is_flag=True, help="Print the network names, one per line.")
@click.option("--hash", "hash_spec", metavar="SERVICES",
              help="Print `name hash` per service (comma-separated names, or '*').")
@click.option("--profiles", "list_profiles", is_flag=True,
              help="Print the profile names, one per line.")
@click.option("--images", is_flag=True, help="Print the image names, one per line.")
@click.option("--variables", is_flag=True, help="Print model variables and default values.")
@click.option("--no-interpolate", is_flag=True, help="Don't interpolate environment variables.")
@click.option("--no-normalize", is_flag=True, help="Don't normalize the compose model.")
@click.option("--no-path-resolution", is_flag=True, help="Don't resolve file paths.")
@report_errors
def config(files: tuple[Path, ...], project_name: str | None, project_directory: Path | None,
           env_files: tuple[Path, ...], profiles: tuple[str, ...], fmt: str,
           output: Path | None, quiet: bool, hash_spec: str | None, list_profiles: bool,
           no_interpolate: bool, no_normalize: bool, no_path_resolution: bool,
           **views: bool) -> None:
    """Load, merge, validate and print the canonical compose model (or one view of it)."""
    from dataclasses import replace

    from orchconv.translate.compose.config_views import VIEWS, ConfigRequest, render

    views.update(hash=bool(hash_spec), profiles=list_profiles)
    request = ConfigRequest(next((v for v in VIEWS if views.get(v)), None), hash_spec or "",
                            not no_interpolate, fmt)
    options = replace(load_options(files, project_name, project_directory, env_files,
                                   profiles), normalize=not no_normalize,
                      resolve_paths=not no_path_resolution)
    text, warnings = render(options, request)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        write_output(text, output)
