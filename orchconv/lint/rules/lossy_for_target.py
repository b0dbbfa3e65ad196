"""lossy-for-target: what converting the file to `--target` would lose."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchconv.lint.context import FileKind, LintContext, SourceDocument
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.location import Loc
from orchconv.source.yamltree import loc_of

if TYPE_CHECKING:
    from orchconv.ir.loss import Loss

TARGETS = ("swarm", "k8s")
TARGET_NAMES = {"swarm": "a swarm stack", "k8s": "Kubernetes"}
STDIN_DISPLAY = "<stdin>"


def written_keys(documents: Sequence[SourceDocument]) -> set[str]:
    """The top-level keys the file writes."""
    return {str(key) for document in documents if isinstance(document.data, Mapping)
            for key in document.data}


def source_loc(documents: Sequence[SourceDocument], path: str) -> Loc | None:
    """Where the file writes the value at an IR path (`services.web.pid`), as far as it goes."""
    for document in documents:
        node: Any = document.data
        found: Loc | None = None
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                break
            found = loc_of(node, part, of_key=True)
            node = node[part]
        if found is not None:
            return found
    return None


class LossyForTarget(Rule):
    """A key that converting the file to the `--target` platform would lose.

    ## What it does
    With `--target swarm` or `--target k8s` (or `target:` in the
    configuration), converts the loaded Compose or stack file with the same
    emitter `orchconv convert` uses and reports each loss it records (a key,
    or a value of one, that the target cannot express) at the line and
    column where the file writes it, with the emitter's reason.  Without a
    target it does nothing.  Values the file does not write (a project name
    taken from the folder) are not reported.

    ## Why it matters
    A migration that drops a key does not fail: the service starts without
    it, and what the key did (a device, a ulimit, a shared namespace) is
    quietly missing in production.  Seeing every loss before migrating, in
    the file, is the cheap time to decide what replaces each one.

    ## Example
    ```yaml
    # orchconv lint --target k8s compose.yaml
    services:
      fuse:
        image: example/fuse:1.0
        devices: ["/dev/fuse:/dev/fuse"]
        ulimits: {nofile: 65536}
    ```

    ## Fix
    Replace the key with what the target offers (the message says what, where
    there is something), or accept the loss and silence the line with
    `# orchconv: disable-line lossy-for-target -- why`.  `orchconv convert
    --strict=info` fails on the same losses (`--strict` only on the warnings).
    """

    id = "lossy-for-target"
    kinds = frozenset({FileKind.COMPOSE, FileKind.STACK})
    level = Level.WARNING
    category = "portability"

    # Only under a target: loading every Compose file's project would slow a plain lint.
    def wants_project(self, context: LintContext) -> bool:
        return context.effective_target in ("swarm", "k8s")

    def check(self, context: LintContext) -> Iterator[Finding]:
        target = context.target
        if target not in TARGETS:
            return
        project = context.project
        if project is None:  # the file does not load: compose-invalid / stack-invalid say why
            return
        from orchconv.translate.convert import TargetOptions, emit

        # The conversion is thrown away once its losses are read: like `config`, lint
        # embeds nothing, so the read boundary of converting commands does not apply.
        options = (TargetOptions(k8s_version=context.k8s_version, read_anywhere=True)
                   if context.k8s_version else TargetOptions(read_anywhere=True))
        folder = None if context.path == STDIN_DISPLAY else Path(context.path).resolve().parent
        conversion = emit(target, project, options, folder)
        written = written_keys(context.documents)
        seen: set[tuple[Loc, str]] = set()
        for loss in conversion.losses:
            if loss.target != target or loss.path.split(".", 1)[0] not in written:
                continue
            where = self._where(context, loss)
            if (where, loss.path) in seen:
                continue
            seen.add((where, loss.path))
            yield self.finding(
                context,
                f"{loss.path} is lost converting to {TARGET_NAMES[target]}: {loss.reason}",
                where)

    @staticmethod
    def _where(context: LintContext, loss: Loss) -> Loc:
        if loss.loc.line > 0:
            return loss.loc
        return source_loc(context.documents, loss.path) or Loc(context.path, 1, 1)
