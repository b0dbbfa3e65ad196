"""`orchconv lint`: the click command (orchconv/cli.py's table names it).

Only click is imported when this module loads; the engine, the rules and the
output formats load when the command runs.

Exit status: 0 when no finding reaches the fail level, 1 when one does (the
fail level is `warning` unless --fail-level or the configuration says
otherwise), 2 for a usage or configuration error or a file that does not
parse.  With --diff: 1 when a file would change, 0 when none would.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import click

from orchconv.translate.k8s.versions import SUPPORTED_VERSIONS

# kept in step with orchconv.lint.output.FORMATS and FileKind (tests check it)
FORMAT_CHOICES = ("text", "json", "sarif", "github", "junit", "codeclimate")
KIND_CHOICES = ("compose", "stack", "k8s", "topology")
LEVEL_CHOICES = ("info", "warning", "error")
COLOR_CHOICES = ("auto", "always", "never")
EXIT_USAGE = 2


@cache
def _k8s_version() -> re.Pattern[str]:
    return re.compile(r"\d+\.\d+")


def _rule_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c -> (a, b, c)."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _check_k8s_version(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _k8s_version().fullmatch(value):
        raise click.BadParameter("expected MAJOR.MINOR, e.g. 1.29")
    return value


def _debug() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def resolve_color(choice: str | None, environ: Mapping[str, str], tty: bool) -> bool:
    """Whether to colour: --color/--no-color first, then NO_COLOR (any non-empty value,
    no-color.org), then FORCE_COLOR, then whether the output is a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return tty


def _use_colour(output: Path | None, fmt: str, choice: str | None) -> bool:
    if fmt != "text":
        return False
    to_stdout = output is None or str(output) == "-"
    if not to_stdout and choice != "always":
        return False
    return resolve_color(choice, os.environ, to_stdout and sys.stdout.isatty())


def _emit(text: str, output: Path | None, *, color: bool = False) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False, color=color)  # click strips colours unless told
        return
    from orchconv.source.output import write_atomic

    write_atomic(output, text)


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--kind", type=click.Choice(KIND_CHOICES),
              help="Treat every file as this kind instead of detecting it.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to this file (atomically) instead of stdout.")
@click.option("--fail-level", type=click.Choice(LEVEL_CHOICES),
              help="Exit 1 when a finding is at this level or above (default: warning).")
@click.option("--config", "config_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this configuration instead of searching for .orchconv.yaml.")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules, categories or `all` (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Do not run these rules or categories (comma-separated, repeatable).")
@click.option("--fix", is_flag=True, help="Apply the fixes of fixable findings in place.")
@click.option("--diff", is_flag=True,
              help="Print the fixes as a unified diff instead of writing them.")
@click.option("--target", type=click.Choice(("swarm", "k8s")),
              help="Check Compose files for deployment to this platform.")
@click.option("--k8s-version", callback=_check_k8s_version, metavar="X.Y",
              help="Kubernetes version the manifests must work on.")
@click.option("--docker", "live_docker", is_flag=True,
              help="Check against the swarm the local Docker engine manages.")
@click.option("--kubeconfig", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Check against the Kubernetes cluster of this kubeconfig.")
@click.option("--context", "kube_context", metavar="NAME",
              help="The kubeconfig context to use (implies a live Kubernetes check).")
@click.option("--helm", is_flag=True,
              help="Render Helm charts with `helm template` and lint the result"
                   " (default: skip their templates).")
@click.option("--report-unused-suppressions", "report_unused", is_flag=True,
              help="Report suppression comments and annotations that silence nothing.")
@click.option("--max-warnings", type=click.IntRange(min=0), metavar="N",
              help="Exit 1 when there are more than N warnings.")
@click.option("--color", "color_choice", type=click.Choice(COLOR_CHOICES),
              help="Colour the text report (default auto: on a terminal, unless NO_COLOR;"
                   " FORCE_COLOR forces it).")
@click.option("--no-color", "no_color", is_flag=True, help="Same as --color=never.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
              help="Lint many files (over 24) in N worker processes (default 0: one per"
                   " core); 1: all in this process.")
def lint(paths: tuple[Path, ...], kind: str | None, fmt: str, output: Path | None,
         fail_level: str | None, config_file: Path | None, select: tuple[str, ...],
         ignore: tuple[str, ...], fix: bool, diff: bool, target: str | None,
         k8s_version: str | None, live_docker: bool, kubeconfig: Path | None,
         kube_context: str | None, helm: bool, report_unused: bool,
         max_warnings: int | None, color_choice: str | None, no_color: bool,
         jobs: int | None) -> None:
    """Lint Compose files, stack files, Kubernetes manifests and cluster topologies.

    PATHS are files or folders (walked for *.yml and *.yaml); none means the
    current folder, `-` reads standard input.
    """
    from orchconv.errors import OrchconvError

    if no_color and color_choice == "always":
        raise click.UsageError("--no-color and --color=always contradict each other")
    if target == "k8s" and k8s_version is not None and k8s_version not in SUPPORTED_VERSIONS:
        # alone, any X.Y says which API removals to check; a conversion needs a release
        # orchconv emits for
        raise click.BadParameter(
            f"--target k8s converts for Kubernetes {', '.join(SUPPORTED_VERSIONS)},"
            f" not {k8s_version}", param_hint="'--k8s-version'")
    extras = _Extras(helm, report_unused, max_warnings, "never" if no_color else color_choice,
                     jobs)
    try:
        code = _lint(paths, kind, fmt, output, fail_level, config_file, select, ignore, fix,
                     diff, target, k8s_version, live_docker, kubeconfig, kube_context, extras)
    except OrchconvError as error:
        if _debug():
            raise
        click.echo(f"error: {error}" if error.loc is None else str(error), err=True)
        sys.exit(EXIT_USAGE)
    except MemoryError as error:
        if _debug():
            raise
        from orchconv.source.limits import exit_out_of_memory

        exit_out_of_memory(error)
    sys.exit(code)


# a NamedTuple: a frozen dataclass would compile its methods at every start
class _Extras(NamedTuple):
    """The options that only shape the run's report and exit status."""

    helm: bool
    report_unused: bool
    max_warnings: int | None
    color: str | None  # auto | always | never; None: auto
    jobs: int | None  # --jobs; None: see orchconv.lint.parallel.worker_count


def _lint(paths: tuple[Path, ...], kind: str | None, fmt: str, output: Path | None,
          fail_level: str | None, config_file: Path | None, select: tuple[str, ...],
          ignore: tuple[str, ...], fix: bool, diff: bool, target: str | None,
          k8s_version: str | None, live_docker: bool, kubeconfig: Path | None,
          kube_context: str | None, extras: _Extras) -> int:
    from orchconv.lint.context import FileKind
    from orchconv.lint.engine import LintOptions, UsageError
    from orchconv.lint.finding import Level
    from orchconv.lint.parallel import lint_paths

    if live_docker and (kubeconfig or kube_context):
        raise UsageError("--docker and --kubeconfig/--context name different clusters;"
                         " choose one")
    if fix and not diff and any(str(p) == "-" for p in paths):
        raise UsageError("--fix cannot write to standard input; use --diff")
    if extras.helm:
        from orchconv.lint.helm import find_helm

        if find_helm() is None:
            raise UsageError("--helm needs the `helm` binary on PATH (https://helm.sh)")
    options = LintOptions(
        kind=FileKind(kind) if kind else None,
        select=_rule_list(select) if select else None,
        ignore=_rule_list(ignore),
        config=config_file,
        target=target,
        k8s_version=k8s_version,
        cluster=_live_cluster(live_docker, kubeconfig, kube_context),
        debug=_debug(),
        helm=extras.helm,
        report_unused_suppressions=extras.report_unused,
    )
    report = lint_paths(list(paths), options, fix=fix or diff, findings=not diff,
                        jobs=extras.jobs)
    for line in report.notices:
        click.echo(line, err=True)
    if fail_level:
        report.fail_level = Level(fail_level)
    report.max_warnings = extras.max_warnings
    if diff:
        return _show_diff(report, output)
    if fix:
        _write_fixes(report)
    from orchconv.lint.output import render

    color = _use_colour(output, fmt, extras.color)
    _emit(render(report, fmt, color=color), output, color=color)
    return report.exit_code()


def _live_cluster(docker: bool, kubeconfig: Path | None, context: str | None) -> Any:
    if docker:
        from orchconv.lint.topology_live import swarm_from_docker

        return swarm_from_docker()
    if kubeconfig or context:
        from orchconv.lint.topology_live import kubernetes_from_kubeconfig

        return kubernetes_from_kubeconfig(kubeconfig, context)
    return None


def _show_diff(report: Any, output: Path | None) -> int:
    from orchconv.lint.fix import unified_diff

    parts = [unified_diff(r.path, r.original, r.text or "")
             for r in report.files if r.original is not None]
    _emit("".join(parts), output)
    if report.unparseable:
        return EXIT_USAGE
    return 1 if parts else 0


UTF8_BOM = b"\xef\xbb\xbf"


def _write_fixes(report: Any) -> None:
    """Write each fixed file back: through a symlink to its target (the link stays a link),
    with the UTF-8 byte order mark it had (the reader drops it)."""
    from orchconv.source.output import write_atomic

    for result in report.files:
        if result.original is not None and result.text is not None:
            path = Path(os.path.realpath(result.path))
            mode = path.stat().st_mode
            with open(path, "rb") as handle:
                bom = handle.read(len(UTF8_BOM)) == UTF8_BOM
            write_atomic(path, ("\ufeff" if bom else "") + result.text)
            os.chmod(path, mode)  # the temporary file it renames has mode 0600
