"""The `deploy`, `down` and `export` commands: click wiring only.

Register them with `main.add_command(deploy)` etc.  Only click is imported
here; the backends load when a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from orchconv.commands.common import report_errors
from orchconv.loss_options import LossCommand, loss_options, report_losses

F = TypeVar("F", bound=Callable[..., Any])

TARGET = click.Choice(["compose", "swarm", "k8s"])


def _cluster_options(command: F) -> F:
    options = [
        click.option("--namespace", help="k8s: the namespace (default: the context's)."),
        click.option("--context", help="k8s: kubeconfig context (default: the current one)."),
        click.option("--kubeconfig", type=click.Path(path_type=Path),
                     help="k8s: kubeconfig file (default: $KUBECONFIG, ~/.kube/config)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _wait_options(command: F) -> F:
    options = [
        click.option("--wait/--no-wait", default=True, show_default=True,
                     help="Wait until everything is ready (or removed)."),
        click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
                     help="Seconds to wait before failing."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command(cls=LossCommand)
@click.option("--to", "target", type=TARGET, required=True, help="Where to deploy.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--name", help="Project/stack name and owner label (default: the project's).")
@click.option("--profile", "profiles", multiple=True, help="compose: enable a profile.")
@_cluster_options
@_wait_options
@click.option("--resolve-image", type=click.Choice(["always", "changed", "never"]),
              default="always", show_default=True,
              help="swarm: query the registry for image digests (docker stack deploy).")
@click.option("--bind-claims", is_flag=True,
              help="k8s: bind pending claims to hostPath volumes (clusters without a"
                   " storage provisioner, such as kwok or kind).")
@loss_options("Deploy nothing on conversion losses:")
@click.option("--allow-read", "allow_read", multiple=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Also embed files from this folder (repeatable); by default only files"
                   " inside the project directory are embedded.")
@report_errors
def deploy(target: str, files: tuple[Path, ...], name: str | None, profiles: tuple[str, ...],
           namespace: str | None, context: str | None, kubeconfig: Path | None, wait: bool,
           timeout: float, resolve_image: str, bind_claims: bool, strict: str | None,
           verbose: bool, allow_read: tuple[Path, ...]) -> None:
    """Deploy compose files (or, for k8s, manifests) and wait until they run.

    Compose files are converted for the target first; Kubernetes manifests are
    applied as they are.  Everything created is labelled io.orchconv.owner=NAME.
    """
    from orchconv.deploy.progress import progress_for
    from orchconv.deploy.workflow import Where, backend_for, prepare

    prepared = prepare(target, files, name, namespace, profiles, allow_read)
    for warning in prepared.warnings:
        click.echo(f"warning: {warning}", err=True)
    report_losses(prepared.losses, verbose, strict, "nothing deployed")
    backend = backend_for(Where(target, prepared.name, namespace, context, kubeconfig,
                                resolve_image, bind_claims))
    backend.apply(prepared.documents)
    if wait:
        backend.wait(timeout, progress_for(sys.stderr))
    click.echo(f"deployed {prepared.name} to {target}", err=True)


@click.command()
@click.option("--to", "target", type=TARGET, required=True, help="Where it was deployed.")
@click.option("--name", required=True, help="The name given to `orchconv deploy`.")
@_cluster_options
@_wait_options
@report_errors
def down(target: str, name: str, namespace: str | None, context: str | None,
         kubeconfig: Path | None, wait: bool, timeout: float) -> None:
    """Remove everything `orchconv deploy` created under NAME, and nothing else."""
    from orchconv.deploy.workflow import Where, backend_for

    backend_for(Where(target, name, namespace, context, kubeconfig)).teardown(wait, timeout)
    click.echo(f"removed {name} from {target}", err=True)


@click.command()
@click.option("--from", "source", type=TARGET, required=True, help="What to read.")
@click.option("--stack", help="swarm: the stack to export.")
@click.option("--service", "services", multiple=True,
              help="swarm: export these services instead of a stack (repeatable).")
@click.option("--project", help="compose: the compose project to export.")
@click.option("--name", help="k8s: only objects `orchconv deploy` made under this name.")
@_cluster_options
@click.option("--to", "target", type=TARGET, help="Output format (default: the source's).")
@click.option("-o", "--output", type=click.Path(),
              help="'-' for stdout (default); an existing folder or a path ending in '/' for"
                   " a folder of files (one per k8s object); else one file.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True, help="Output format (also of the files in -o DIR/).")
@click.option("-v", "--verbose", is_flag=True,
              help="List every loss where it was written, not only the grouped summary.")
@report_errors
def export(source: str, stack: str | None, services: tuple[str, ...], project: str | None,
           name: str | None, namespace: str | None, context: str | None,
           kubeconfig: Path | None, target: str | None, output: str | None,
           fmt: str, verbose: bool) -> None:
    """Write what runs (a stack, swarm services, a compose project, a namespace) as files."""
    from orchconv.deploy.workflow import Where, export, read_back
    from orchconv.translate.loss_report import print_losses
    from orchconv.translate.writing import write_output

    if source == "swarm" and not (stack or services):
        raise click.UsageError("--from swarm needs --stack NAME or --service NAME")
    if source == "compose" and not project:
        raise click.UsageError("--from compose needs --project NAME")
    label = {"swarm": stack, "compose": project}.get(source) or name or "export"
    where = Where(source, label, namespace, context, kubeconfig)
    found = read_back(source, where, services, owned_only=source != "k8s" or name is not None)
    conversion = export(source, target or source, found, namespace)
    for warning in conversion.warnings:
        click.echo(f"warning: {warning}", err=True)
    print_losses(conversion.losses, sys.stderr, verbose=verbose)
    for warning in write_output(conversion, target or source, output, fmt, namespace):
        click.echo(f"warning: {warning}", err=True)
