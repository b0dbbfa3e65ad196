"""What several commands share: error reporting, the compose project options, output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from orchconv.errors import OrchconvError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2
# Inputs are checked by our reader, which gives one located line; click's own
# readability check would answer first with a multi-line usage error.
INPUT_PATH = click.Path(path_type=Path, readable=False)


def report_errors(command: F) -> F:
    """Turn orchconv errors into one stderr line and an exit code; --debug shows tracebacks."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        context = click.get_current_context()
        debug = bool(context.find_root().params.get("debug"))
        try:
            return command(*args, **kwargs)
        except OrchconvError as error:
            if debug:
                raise
            click.echo(f"error: {error}" if error.loc is None else str(error), err=True)
            for note in getattr(error, "__notes__", ()):  # a wait's last states and events
                click.echo(note, err=True)
            sys.exit(error.exit_code)
        except RecursionError:
            if debug:
                raise
            click.echo("error: input nested too deeply", err=True)
            sys.exit(EXIT_USAGE)
        except MemoryError as error:
            if debug:
                raise
            from orchconv.source.limits import exit_out_of_memory

            exit_out_of_memory(error)
        except KeyboardInterrupt:
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def compose_options(command: F) -> F:
    """The project options of `docker compose`, shared by every command that reads compose."""
    options = [
        click.option("-f", "--file", "files", multiple=True, type=INPUT_PATH,
                     help="Compose file (repeatable; '-' reads stdin)."),
        click.option("-p", "--project-name", help="Project name."),
        click.option("--project-directory", type=click.Path(path_type=Path),
                     help="Project directory (default: the first file's folder)."),
        click.option("--env-file", "env_files", multiple=True, type=INPUT_PATH,
                     help="Environment file (repeatable; default: <project dir>/.env)."),
        click.option("--profile", "profiles", multiple=True, help="Enable a profile."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def load_options(files: tuple[Path, ...], project_name: str | None,
                 project_directory: Path | None, env_files: tuple[Path, ...],
                 profiles: tuple[str, ...], dialect: str = "compose",
                 keep_ignored_keys: bool = False) -> Any:
    from orchconv.source.limits import read_stdin
    from orchconv.translate.compose.options import LoadOptions

    stdin_text = read_stdin() if any(str(f) == "-" for f in files) else None
    return LoadOptions(files=files, project_name=project_name,
                       project_directory=project_directory, env_files=env_files,
                       profiles=profiles, dialect=dialect, stdin_text=stdin_text,
                       keep_ignored_keys=keep_ignored_keys)


def write_output(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from orchconv.source.output import write_atomic

    write_atomic(output, text)
