"""The projects the graph goldens draw: the seed's WordPress example and richer cases
(depends_on conditions, networks, volumes and binds, secrets and configs, manifests)."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"

# name -> command line after `orchconv graph` (paths relative to the repository root)
CASES: dict[str, list[str]] = {
    "wordpress": ["-f", "examples/wordpress/docker-compose.yml"],
    "depends-on-conditions": ["-f", "golden/compose/depends-on-conditions/docker-compose.yml"],
    "secrets-configs": ["-f", "golden/compose/secrets-configs-usage/docker-compose.yml"],
    "networks": ["-f", "golden/compose/service-networks-forms/docker-compose.yml"],
    "volumes": ["-f", "golden/compose/volumes-long-syntax/docker-compose.yml"],
    "k8s-shop": ["--from", "k8s", "tests/graph/cases/k8s-shop/manifests.yaml"],
    "wordpress-horizontal-bare": ["-f", "examples/wordpress/docker-compose.yml", "--horizontal",
                                  "--no-volumes", "--no-networks", "--no-ports"],
}
SUFFIXES = {"dot": ".dot", "mermaid": ".mmd"}
ENV = {"API_TOKEN": "token-from-env"}  # secrets-configs-usage reads a secret from it


def run_graph(args: list[str]) -> tuple[int, str, str]:
    """`orchconv graph ARGS` in-process from the repository root: exit code, stdout, stderr."""
    import os

    from orchconv.cli import main

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["graph", *args], env=ENV)
    finally:
        os.chdir(here)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def golden_path(case: str, fmt: str) -> Path:
    return GOLDEN_DIR / f"{case}{SUFFIXES[fmt]}"


def regenerate() -> None:
    """Rewrite every golden from the current output; review `git diff tests/graph/golden`."""
    GOLDEN_DIR.mkdir(exist_ok=True)
    for case, args in CASES.items():
        for fmt in SUFFIXES:
            code, out, err = run_graph([*args, "--format", fmt])
            assert code == 0, err
            golden_path(case, fmt).write_text(out)
            print(f"{case} {fmt}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    regenerate()
