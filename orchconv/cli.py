"""The `orchconv` command line: the group, and a table of its commands.

`COMMANDS` names the module and attribute of each command and its one-line summary
(pip's `commands_dict`): a command's module is imported only when that command runs,
and `--help` lists the summaries without importing any of them, so `orchconv --version`
costs click and this file.  The bodies live in orchconv/commands and beside their engines
(lint, deploy, graph, report).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, MutableMapping
from importlib import import_module
from typing import Any, NamedTuple

import click

from orchconv import __version__

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class Entry(NamedTuple):
    """Where a command is defined; `attribute` is a click command or a factory of one."""

    module: str
    attribute: str
    summary: str  # the first paragraph of the command's help (tests keep them equal)


def _shortcuts() -> dict[str, Entry]:
    names = [(s, t) for s in ("compose", "swarm", "k8s") for t in ("compose", "swarm", "k8s",
                                                                   "helm") if s != t]
    return {f"{s}2{t}": Entry("orchconv.commands.convert", f"{s}2{t}",
                              f"Convert {s} to {t} (same as convert --from {s} --to {t}).")
            for s, t in names}


COMMANDS: dict[str, Entry] = {
    "completion": Entry("orchconv.commands.completion", "completion",
                        'Print the shell completion script: eval "$(orchconv completion'
                        ' bash)".'),
    "config": Entry("orchconv.commands.config", "config",
                    "Load, merge, validate and print the canonical compose model (or one view"
                    " of it)."),
    "convert": Entry("orchconv.commands.convert", "convert",
                     "Convert between compose, swarm stack and Kubernetes files through the"
                     " IR."),
    "deploy": Entry("orchconv.deploy.command", "deploy",
                    "Deploy compose files (or, for k8s, manifests) and wait until they run."),
    "down": Entry("orchconv.deploy.command", "down",
                  "Remove everything `orchconv deploy` created under NAME, and nothing else."),
    "export": Entry("orchconv.deploy.command", "export",
                    "Write what runs (a stack, swarm services, a compose project, a namespace)"
                    " as files."),
    "graph": Entry("orchconv.graph.command", "graph_command",
                   "Draw services, dependencies, networks, volumes, ports, secrets and"
                   " configs."),
    "lint": Entry("orchconv.lint.command", "lint",
                  "Lint Compose files, stack files, Kubernetes manifests and cluster"
                  " topologies."),
    "report": Entry("orchconv.report.command", "report_command",
                    "One page about a move to swarm or Kubernetes: each key's fate, findings,"
                    " graph, generated files and a checklist. No secret value appears in it."),
    "schema": Entry("orchconv.commands.schema", "schema",
                    "Print orchconv's JSON Schema (for editors), or `list` the available"
                    " ones."),
    **_shortcuts(),
}


def load_command(entry: Entry) -> click.Command:
    value = getattr(import_module(entry.module), entry.attribute)
    return value if isinstance(value, click.Command) else value()


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's `commands`: every name of the table, each imported on first access."""

    def __init__(self, table: Mapping[str, Entry]) -> None:
        self.table = table
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            self.loaded[name] = load_command(self.table[name])
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("commands of the table cannot be removed")

    def __contains__(self, name: object) -> bool:  # without importing the command
        return name in self.loaded or name in self.table

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self.table, *self.loaded}))

    def __len__(self) -> int:
        return len({*self.table, *self.loaded})


class LazyGroup(click.Group):
    """A group whose commands come from a table; help reads the table's summaries."""

    def __init__(self, *args: Any, table: Mapping[str, Entry] = COMMANDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = self.lazy = LazyCommands(table)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own rows, less the import of every command to read its help
        names = [name for name in self.list_commands(ctx)  # the table has no hidden one
                 if name not in self.lazy.loaded or not self.lazy.loaded[name].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            # an unloaded command's row is shortened as click shortens a loaded one's help
            command = self.lazy.loaded.get(name) or click.Command(
                name, help=self.lazy.table[name].summary)
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="orchconv")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """Convert and lint Docker Compose, Docker Swarm stack and Kubernetes files."""
    # A short-lived process building large acyclic trees: the cyclic collector
    # would rescan them on every allocation burst and triple the load time.
    gc.disable()
    from orchconv.diagnostics import start_diagnostics

    start_diagnostics()  # from here on, stderr masks every secret value the run learns


if __name__ == "__main__":  # pragma: no cover
    main()
