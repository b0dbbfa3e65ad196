"""The `orchconv` command line: click wiring only, no logic.

Heavy modules are imported inside the commands, so `orchconv lint` in a
pre-commit hook starts fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from orchconv import __version__
from orchconv.errors import OrchconvError
from orchconv.loss_options import LossCommand, loss_options, report_losses
from orchconv.translate.k8s.versions import DEFAULT_VERSION, SUPPORTED_VERSIONS

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
# Inputs are checked by our reader, which gives one located line; click's own
# readability check would answer first with a multi-line usage error.
_INPUT_PATH = click.Path(path_type=Path, readable=False)


def _report_errors(command: F) -> F:
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
        click.option("-f", "--file", "files", multiple=True, type=_INPUT_PATH,
                     help="Compose file (repeatable; '-' reads stdin)."),
        click.option("-p", "--project-name", help="Project name."),
        click.option("--project-directory", type=click.Path(path_type=Path),
                     help="Project directory (default: the first file's folder)."),
        click.option("--env-file", "env_files", multiple=True, type=_INPUT_PATH,
                     help="Environment file (repeatable; default: <project dir>/.env)."),
        click.option("--profile", "profiles", multiple=True, help="Enable a profile."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _load_options(files: tuple[Path, ...], project_name: str | None,
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


def _write_output(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from orchconv.source.output import write_atomic

    write_atomic(output, text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="orchconv")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Convert and lint Docker Compose, Docker Swarm stack and Kubernetes files."""
    # A short-lived process building large acyclic trees: the cyclic collector
    # would rescan them on every allocation burst and triple the load time.
    gc.disable()
    from orchconv.diagnostics import start_diagnostics

    start_diagnostics()  # from here on, stderr masks every secret value the run learns


@main.command()
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
@_report_errors
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
    options = replace(_load_options(files, project_name, project_directory, env_files,
                                    profiles), normalize=not no_normalize,
                      resolve_paths=not no_path_resolution)
    text, warnings = render(options, request)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        _write_output(text, output)


@main.command()
@click.argument("name", type=click.Choice(["compose", "list"]), default="compose",
                required=False)
@click.option("--stack-version", help="Print the schema of a stack file version (3.0-3.13).")
@_report_errors
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


def target_options(command: F) -> F:
    """Options of the emitters; each target reads the ones that concern it."""
    options = [
        click.option("--namespace", help="k8s: put every object in this namespace."),
        click.option("--k8s-version", default=DEFAULT_VERSION, show_default=True,
                     type=click.Choice(SUPPORTED_VERSIONS),
                     help="k8s: the Kubernetes version to target and validate against."),
        click.option("--controller", default="default", show_default=True,
                     type=click.Choice(["default", "deployment", "statefulset", "daemonset"]),
                     help="k8s: the workload kind for long-running services."),
        click.option("--service-type",
                     type=click.Choice(["ClusterIP", "NodePort", "LoadBalancer", "Headless"]),
                     help="k8s: Service type when no label says otherwise."),
        click.option("--readiness-probe", is_flag=True,
                     help="k8s: also use healthchecks as readiness probes."),
        click.option("--network-policies", is_flag=True,
                     help="k8s: one NetworkPolicy per compose network."),
        click.option("--wait-for-dependencies", is_flag=True,
                     help="k8s: initContainers that wait for depends_on services."),
        click.option("--binds", type=click.Choice(["auto", "configmap", "pvc", "hostpath",
                                                   "drop"]),
                     help="k8s: what bind mounts inside the project become (default auto: "
                          "configuration a ConfigMap, data a PersistentVolumeClaim)."),
        click.option("--bind-as-configmap", is_flag=True,
                     help="k8s: same as --binds=configmap."),
        click.option("--host-path", is_flag=True,
                     help="k8s: bind mounts outside the project (alone: every bind mount) "
                          "become hostPath volumes."),
        click.option("--plain-env", is_flag=True,
                     help="k8s: keep credential-named variables as plain env values "
                          "instead of moving them into a Secret."),
        click.option("--pvc-size", help="k8s: size of PersistentVolumeClaims (default 1Gi)."),
        click.option("--storage-class", help="k8s: storage class of PersistentVolumeClaims."),
        click.option("--image-prefix",
                     help="Image name prefix for services that only have `build`."),
        click.option("--stack-version",
                     help="swarm: the stack file version the output must satisfy (3.0-3.13)."),
        click.option("--allow-read", "allow_read", multiple=True,
                     type=click.Path(path_type=Path, file_okay=False),
                     help="Also embed files from this folder (repeatable); by default only"
                          " files inside the project directory are embedded."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_scope(source: str, target_format: str) -> None:
    """An option given where it does not apply is a usage error, not silently ignored."""
    from click.core import ParameterSource

    from orchconv.translate.option_scope import misapplied

    context = click.get_current_context()
    for param in context.command.params:
        if param.name is None or context.get_parameter_source(param.name) in (
                None, ParameterSource.DEFAULT):
            continue
        reason = misapplied(param.name, source, target_format)
        if reason:
            raise click.UsageError(f"{max(param.opts, key=len)} {reason}", context)


def _chart_target(target_format: str, params: dict[str, Any]) -> str:
    """`compose2k8s --chart DIR` is `compose2helm -o DIR`: a Helm chart of the same objects."""
    if params.get("chart") is None or target_format not in ("k8s", "helm"):
        return target_format  # --chart for another target: the scope check refuses it
    if params["output"] is not None:
        raise click.UsageError("--chart DIR names the output folder; -o does not apply")
    params["output"] = params["chart"]
    return "helm"


def _run_conversion(source: str, target_format: str, inputs: tuple[Path, ...],
                    params: dict[str, Any]) -> None:
    from orchconv.translate.convert import TargetOptions, convert
    from orchconv.translate.loss_report import write_loss_report
    from orchconv.translate.writing import is_folder, is_stdout, write_output

    target_format = _chart_target(target_format, params)
    _check_scope(source, target_format)
    if target_format == "helm" and is_stdout(params["output"]):
        raise click.UsageError("a Helm chart is a folder: give -o DIR")

    files = tuple(params["files"])
    k8s_inputs: tuple[Path, ...] = ()
    if source == "k8s":
        k8s_inputs = inputs + files
    else:
        files = inputs + files
    options = _load_options(files, params["project_name"], params["project_directory"],
                            params["env_files"], params["profiles"],
                            dialect="stack" if source == "swarm" else "compose",
                            keep_ignored_keys=params["keep_ignored_keys"])
    target = TargetOptions(**{name: params[name] for name in TargetOptions.__dataclass_fields__
                              if name in params})  # some fields have no option (read_anywhere)
    conversion = convert(source, target_format, options, target, k8s_inputs,
                         params["recursive"])
    for warning in conversion.warnings:
        click.echo(f"warning: {warning}", err=True)
    if params["loss_report"] is not None:
        write_loss_report(conversion.losses, params["loss_report"])
    report_losses(conversion.losses, params["verbose"], params["strict"], "nothing written")
    output: str | None = params["output"]
    if target_format == "helm":  # a chart is always a folder
        from orchconv.translate.helm.write import write_chart

        assert output is not None
        for warning in write_chart(conversion, Path(output), params["force"]):
            click.echo(f"warning: {warning}", err=True)
        return
    if conversion.environ and not is_folder(output):
        click.echo(f"warning: {len(conversion.environ)} secret value(s) from the input are not"
                   " printed; use -o DIR/ to write them to DIR/.env", err=True)
    for warning in write_output(conversion, target_format, output, params["fmt"],
                                params["namespace"], params["force"]):
        click.echo(f"warning: {warning}", err=True)


def conversion_options(command: F) -> F:
    options = [
        click.argument("inputs", nargs=-1, type=_INPUT_PATH),
        # a str, not a Path: a trailing '/' is what makes a new path a folder
        click.option("-o", "--output", type=click.Path(),
                     help="'-' for stdout (default); an existing folder or a path ending in"
                          " '/' for a folder of files (one per k8s object); else one file."),
        click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
                     show_default=True, help="Output format (also of the files in -o DIR/)."),
        click.option("--chart", type=click.Path(),
                     help="k8s: write a Helm chart of the objects to this folder, with"
                          " values.yaml (same as --to helm -o DIR; docs/helm.md)."),
        click.option("--force", is_flag=True,
                     help="-o DIR/: overwrite files orchconv did not write (or that were"
                          " edited since)."),
        click.option("-R", "--recursive", is_flag=True,
                     help="k8s input: also read the sub-folders of folders given, as"
                          " kubectl apply -R."),
        click.option("--loss-report", type=click.Path(path_type=Path),
                     help="Also write the losses as JSON to this file."),
        click.option("--keep-ignored-keys", is_flag=True,
                     help="swarm input: carry the keys docker stack deploy ignores"
                          " (privileged, pid, ...), with a warning, instead of losing them."),
    ]
    command = loss_options("Exit 1, writing nothing, on losses:")(
        target_options(compose_options(command)))
    for option in reversed(options):
        command = option(command)
    return command


@main.command(cls=LossCommand)
@click.option("--from", "source", type=click.Choice(["compose", "swarm", "k8s"]),
              required=True, help="Input format.")
@click.option("--to", "target_format",
              type=click.Choice(["compose", "swarm", "k8s", "helm"]),
              required=True, help="Output format.")
@conversion_options
@_report_errors
def convert(source: str, target_format: str, inputs: tuple[Path, ...], **params: Any) -> None:
    """Convert between compose, swarm stack and Kubernetes files through the IR.

    Every key with no exact counterpart is reported as a loss on stderr.
    """
    _run_conversion(source, target_format, inputs, params)


def _shortcut(source: str, target_format: str) -> None:
    @conversion_options
    @_report_errors
    def command(inputs: tuple[Path, ...], **params: Any) -> None:
        _run_conversion(source, target_format, inputs, params)

    command.__doc__ = (
        f"Convert {source} to {target_format} (same as convert --from {source} "
        f"--to {target_format})."
    )
    main.command(name=f"{source}2{target_format}", cls=LossCommand)(command)


for _source in ("compose", "swarm", "k8s"):
    for _target in ("compose", "swarm", "k8s", "helm"):  # helm: a chart of the k8s objects
        if _source != _target:
            _shortcut(_source, _target)


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script: eval "$(orchconv completion bash)"."""
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    assert completion_class is not None
    script = completion_class(main, {}, "orchconv", "_ORCHCONV_COMPLETE").source()
    click.echo(script)


def _register_subcommands() -> None:
    from orchconv.deploy.command import deploy, down, export
    from orchconv.lint.command import lint

    for command in (lint, deploy, down, export):
        main.add_command(command)
    from orchconv.graph.command import graph_command  # built from the options above
    from orchconv.report.command import report_command

    main.add_command(graph_command())
    main.add_command(report_command())


_register_subcommands()


if __name__ == "__main__":  # pragma: no cover
    main()
