"""`orchconv convert` and its shortcuts (compose2k8s, swarm2helm, ...): one conversion each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from orchconv.commands.common import (
    INPUT_PATH,
    F,
    compose_options,
    load_options,
    report_errors,
)
from orchconv.loss_options import LossCommand, loss_options, report_losses
from orchconv.translate.k8s.versions import DEFAULT_VERSION, SUPPORTED_VERSIONS

SOURCES = ("compose", "swarm", "k8s")
TARGETS = ("compose", "swarm", "k8s", "helm")  # helm: a chart of the k8s objects


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
    options = load_options(files, params["project_name"], params["project_directory"],
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
        click.argument("inputs", nargs=-1, type=INPUT_PATH),
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


@click.command(cls=LossCommand)
@click.option("--from", "source", type=click.Choice(list(SOURCES)),
              required=True, help="Input format.")
@click.option("--to", "target_format", type=click.Choice(list(TARGETS)),
              required=True, help="Output format.")
@conversion_options
@report_errors
def convert(source: str, target_format: str, inputs: tuple[Path, ...], **params: Any) -> None:
    """Convert between compose, swarm stack and Kubernetes files through the IR.

    Every key with no exact counterpart is reported as a loss on stderr.
    """
    _run_conversion(source, target_format, inputs, params)


def shortcut_names() -> list[str]:
    """compose2swarm, compose2k8s, ...: every source to every other target."""
    return [f"{s}2{t}" for s in SOURCES for t in TARGETS if s != t]


def shortcut(source: str, target_format: str) -> click.Command:
    @conversion_options
    @report_errors
    def command(inputs: tuple[Path, ...], **params: Any) -> None:
        _run_conversion(source, target_format, inputs, params)

    command.__doc__ = (
        f"Convert {source} to {target_format} (same as convert --from {source} "
        f"--to {target_format})."
    )
    return click.command(name=f"{source}2{target_format}", cls=LossCommand)(command)


def __getattr__(name: str) -> click.Command:
    """`compose2k8s` etc. as module attributes, built on first use (orchconv/cli.py's table)."""
    if name in shortcut_names():
        source, target_format = name.split("2")
        return shortcut(source, target_format)
    raise AttributeError(name)
