"""The `orchconv` console script: pause the cyclic GC, then hand over to the CLI."""

from __future__ import annotations

import gc


def run() -> None:
    # Importing the CLI creates thousands of long-lived objects (classes, functions,
    # dataclass methods); the cyclic collector would rescan them dozens of times
    # for nothing in a short-lived process.  `main` keeps it off for the run.
    gc.disable()
    from orchconv.cli import main

    main()
