"""Lint many files on every core, with the report a single process makes.

`orchconv lint` over a monorepo (what `pre-commit run --all-files` passes) is
thousands of small files, each linted on its own.  The first AUTO_MIN_FILES
files are linted here, in the serial engine's way, while discovery shows
whether there are more; the rest go in chunks to worker processes (one per
core, or --jobs) that lint them with the engine's own Linter, while the
pool's feeder thread goes on discovering, and come back in the files' order.
What a worker learns besides findings travels back with them:

- the run-level notice lines, per file, merged in the order a serial run
  prints them (a notice a serial run prints once is printed once);
- the secret values it registered (Kubernetes Secrets, credential variables),
  registered here, where the report and stderr are masked with them.

A usage or configuration error met in a worker is raised here at the file a
serial run stops at, with the same message and exit status.  Workers are
forked on Linux: they start with this process's imports (those the first
files needed) and its Linter; elsewhere they are spawned, as Python does by
default there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from orchconv.lint.engine import (
    STDIN,
    FileResult,
    Linter,
    LintOptions,
    LintReport,
    discover,
    fix_result,
)
from orchconv.lint.engine import lint_paths as lint_serially

if TYPE_CHECKING:
    from orchconv.redaction import SecretRegistry

# The first files are linted in this process while discovery shows whether there are
# more: starting and stopping a forked pool of two costs 15-40 ms and a small file lints
# in about 3 ms, so for fewer a pool costs more than it saves; and the imports those
# files need (the compose loader, the rules of their kinds) are then done once, before
# the workers are forked.  scripts/bench_many.py --threshold times a pool on N files.
AUTO_MIN_FILES = 24
# Files per task: small enough that the workers end together (a chunk is about
# 50 ms of work), large enough that the queue is not the cost.
MAX_CHUNK = 16
# fork where it is safe: the workers start with the parent's imports (see _in_workers)
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit counts)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_count(jobs: int | None) -> int:
    """How many workers lint the files after the first AUTO_MIN_FILES: --jobs, where None
    or 0 means one per core; 1 means none (this process lints every file)."""
    return jobs or usable_cores()


# NamedTuples, not dataclasses: a dataclass compiles its methods at every start
class _Job(NamedTuple):
    """What every worker needs, given once when it starts."""

    options: LintOptions
    only: frozenset[str] | None
    fix: bool
    findings: bool


class _Outcome(NamedTuple):
    """One file's result with the notice lines and secret values linting it added."""

    result: FileResult
    notices: tuple[str, ...]
    secrets: frozenset[str]


def lint_paths(paths: Sequence[Path], options: LintOptions | None = None, *,
               fix: bool = False, findings: bool = True, jobs: int | None = None) -> LintReport:
    """engine.lint_paths on `jobs` processes (see worker_count); the same report."""
    options = options or LintOptions()
    paths = list(paths) or [Path(".")]
    if not _parallel_possible(paths, options, jobs):
        return lint_serially(paths, options, fix=fix, findings=findings)
    linter = Linter(options)
    job = _Job(options, linter.fixable_rules() if fix and not findings else None, fix, findings)
    marks: list[int] = []  # how many notice lines discovery had said when file i came

    def discovered() -> Iterator[Path]:
        for path in discover(paths, linter):
            marks.append(len(linter.notices.lines))
            yield path

    results: list[FileResult] = []
    secrets: list[frozenset[str]] = []
    stream = discovered()
    workers = worker_count(jobs)
    notices = linter.notices.lines  # discovery's, and those of the files linted here
    lines = _Lines()
    here = (_lint_one(linter, job, path, None) for path in islice(stream, AUTO_MIN_FILES))
    if workers > 1:  # the files left, if any, in workers (the feeder thread discovers them)
        outcomes = chain(here, _in_workers(job, workers, linter, stream))
    else:  # one core
        outcomes = chain(here, (_lint_one(linter, job, path, None) for path in stream))
    for index, outcome in enumerate(outcomes):
        lines.extend(notices[marks[index - 1] if index else 0:marks[index]])
        lines.extend(outcome.notices)
        secrets.append(outcome.secrets)
        results.append(outcome.result)
    lines.extend(notices[marks[-1] if marks else 0:])
    from orchconv.redaction import register

    register(value for learnt in secrets for value in learnt)
    before = len(notices)
    results.extend(linter.lint_chart(chart) for chart in linter.charts)
    lines.extend(notices[before:])
    fail_level = linter.fail_level(linter.config_for(None))
    return LintReport(results, linter.rules, fail_level, lines.lines)


def _parallel_possible(paths: Sequence[Path], options: LintOptions, jobs: int | None) -> bool:
    """Whether this run may use workers: not with -j 1, standard input or --debug (whose
    tracebacks must be the rule's own), nor for a few named files (a pre-commit hook's
    usual call), which go straight to the serial engine."""
    if jobs == 1 or options.debug or any(str(p) == STDIN for p in paths):
        return False
    return len(paths) >= AUTO_MIN_FILES or any(p.is_dir() for p in paths)


class _Lines:
    """Notice lines in order, each once (as engine.Notices keeps them)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._seen: set[str] = set()

    def extend(self, lines: Iterable[str]) -> None:
        for line in lines:
            if line not in self._seen:
                self._seen.add(line)
                self.lines.append(line)


def _lint_one(linter: Linter, job: _Job, path: Path,
              registry: SecretRegistry | None) -> _Outcome:
    """Lint one file as engine.lint_paths does, noting the notices and the secrets (of
    `registry`, a worker's) that it added."""
    before = len(linter.notices.lines)
    known = registry.values if registry is not None else frozenset()
    result = linter.lint_path(path, job.only)
    if job.fix and result.text is not None and result.kind is not None:
        result = fix_result(linter, path, result, findings=job.findings)
    learnt = registry.values - known if registry is not None else frozenset()
    return _Outcome(result, tuple(linter.notices.lines[before:]), learnt)


# --- the workers -----------------------------------------------------------------------


class _Worker:
    """The state of one worker process: its job, its Linter and its secrets."""

    job: _Job | None = None
    linter: Linter | None = None
    registry: SecretRegistry | None = None


def _start_worker(job: _Job, linter: Linter | None) -> None:
    """A forked worker takes over the parent's Linter (rules resolved, configurations read)
    with notices of its own; a spawned one makes its own."""
    from orchconv.lint.notices import Notices
    from orchconv.redaction import start_run

    _Worker.registry = start_run()  # the worker's own secrets, sent back with each result
    _Worker.job = job
    _Worker.linter = linter or Linter(job.options)
    _Worker.linter.notices = Notices()


def _lint_chunk(paths: tuple[Path, ...]) -> list[_Outcome]:
    job, linter = _Worker.job, _Worker.linter
    assert job is not None and linter is not None
    return [_lint_one(linter, job, path, _Worker.registry) for path in paths]


def _chunks(files: Iterator[Path]) -> Iterator[tuple[Path, ...]]:
    """Chunks of 2, 3, 4... up to MAX_CHUNK files: every worker has work at once however
    few files are left, and a long run is not all queue."""
    size = 2
    while chunk := tuple(islice(files, size)):
        yield chunk
        size = min(size + 1, MAX_CHUNK)


def _in_workers(job: _Job, workers: int, linter: Linter,
                files: Iterator[Path]) -> Iterator[_Outcome]:
    """Each file's outcome in the files' order; a worker's error is raised at its file.

    Forked on Linux: the workers start with the parent's imports and Linter, and the
    parent has no threads yet.  Spawned elsewhere (fork is unsafe on macOS, missing on
    Windows), as Python does by default there."""
    first = next(files, None)
    if first is None:  # they were few: all linted already
        return
    import gc
    import multiprocessing

    fork = START_METHOD == "fork"
    context = multiprocessing.get_context(START_METHOD)
    gc.freeze()  # the parent's objects stay in pages the forked workers share
    try:
        try:
            pool = context.Pool(workers, _start_worker, (job, linter if fork else None))
        except OSError:  # no process to be had (a limit on processes): lint them here
            yield from (_lint_one(linter, job, path, None) for path in chain([first], files))
            return
        with pool:
            for chunk in pool.imap(_lint_chunk, _chunks(chain([first], files))):
                yield from chunk
    finally:
        gc.unfreeze()
