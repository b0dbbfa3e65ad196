"""The `orchconv` console script: pause the cyclic GC, run the CLI, leave without teardown."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading

BROKEN_STREAM = 120  # Python's exit status when flushing stdout fails at exit

def run() -> None:
    # Importing the CLI creates thousands of long-lived objects (classes, functions,
    # dataclass methods); the cyclic collector would rescan them dozens of times
    # for nothing in a short-lived process.  `main` keeps it off for the run.
    gc.disable()
    from orchconv.cli import main

    try:
        main()  # click's standalone mode ends with SystemExit, always
    except SystemExit as done:
        leave(done.code)


def leave(code: object) -> None:
    """Exit with `code` as SystemExit would, without the interpreter's teardown.

    A finished run has nothing left to do but free what it built: every module, the
    parsed files, the IR.  Python's teardown does that object by object and then runs a
    full collection, which cost a small run about 10-20 ms of CPU, as much as linting
    the file.  So the exit handlers run (multiprocessing, logging), the standard
    streams are flushed, and the process ends.  With another thread still running,
    the ordinary exit waits for it as usual.
    """
    if threading.active_count() > 1:
        raise SystemExit(code)
    status = _status(code)
    atexit._run_exitfuncs()  # what the interpreter would run before its teardown
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: what Python's own exit then returns
            status = status or BROKEN_STREAM
    os._exit(status)


def _status(code: object) -> int:
    """The exit status SystemExit(code) gives: None is 0, a number is itself, anything
    else is printed on stderr and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
