#!/usr/bin/env python3
"""Benchmark `orchconv lint` over many small files: one process against every core.

    python scripts/bench_many.py                # 2,000 files; table on stdout
    python scripts/bench_many.py --files 400 --repeats 3
    python scripts/bench_many.py --threshold    # where a pool starts to pay (AUTO_MIN_FILES)

The input is a monorepo as `pre-commit run --all-files` sees it: half small
Compose files (2 to 5 services, scripts/gen_compose.py), half Kubernetes
manifests (a Deployment and a Service each).  orchconv lints all of it with
`-j 1` and with its default (a worker per core); kubeconform (`-n` workers)
and kube-linter run on the manifests, beside orchconv on the same manifests.
Runs are interleaved and timed as scripts/bench.py times them (wall and CPU
medians, CPU of the workers included); peers come from the same place.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    FROM_CHECKOUT,
    KUBECONFORM_SCHEMAS,
    LINT_CODES,
    Outcome,
    Tool,
    _seconds,
    measure,
    orchconv_argv,
    peer,
)
from bench import Case as BenchCase
from gen_compose import generate

FOLDERS = 20  # files spread over folders, as in a monorepo (a configuration search each)
MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app{i}
  labels:
    app.kubernetes.io/name: app{i}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: app{i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app{i}
    spec:
      containers:
        - name: app
          image: registry.example.com/team{team}/app{i}:1.{minor}.{patch}
          ports:
            - containerPort: {port}
          env:
            - name: LOG_FORMAT
              value: json
          readinessProbe:
            httpGet:
              path: /healthz
              port: {port}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: app{i}
spec:
  selector:
    app.kubernetes.io/name: app{i}
  ports:
    - port: 80
      targetPort: {port}
"""


def make_tree(root: Path, files: int) -> tuple[Path, Path]:
    """`files` small files under root/compose and root/k8s, half each; both folders."""
    compose, k8s = root / "compose", root / "k8s"
    for index in range(files):
        group = f"g{index % FOLDERS:02d}"
        if index % 2 == 0:
            folder = compose / group
            if not folder.is_dir():
                (folder / "secrets").mkdir(parents=True)
                (folder / "secrets" / "db_password.txt").write_text("bench\n", encoding="utf-8")
            (folder / f"app{index:05d}.yml").write_text(generate(2 + index % 4),
                                                        encoding="utf-8")
        else:
            folder = k8s / group
            folder.mkdir(parents=True, exist_ok=True)
            text = MANIFEST.format(i=index, team=index % 7, minor=index % 5, patch=index % 11,
                                   port=8000 + index % 100, replicas=1 + index % 3)
            (folder / f"app{index:05d}.yaml").write_text(text, encoding="utf-8")
    return compose, k8s


def orchconv_lint(label: str, *args: str) -> Tool:
    return Tool(label, (*orchconv_argv(), "lint", "--format", "json", *args),
                frozenset(LINT_CODES))


def cases(root: Path, k8s: Path) -> list[tuple[str, Tool, list[Tool]]]:
    """(what, the orchconv run every other row is compared with, the other rows)."""
    kubeconform = ("-strict", "-summary", "-kubernetes-version", "1.37.0",
                   "-schema-location", str(KUBECONFORM_SCHEMAS))
    kube_linter = FROM_CHECKOUT.format("kube-linter")
    return [
        ("all files", orchconv_lint("orchconv lint -j 1", "-j", "1", str(root)),
         [orchconv_lint("orchconv lint (default)", str(root))]),
        ("manifests", orchconv_lint("orchconv lint -j 1", "-j", "1", str(k8s)),
         [orchconv_lint("orchconv lint (default)", str(k8s)),
          _renamed(peer("kubeconform", *kubeconform, "-n", "1", str(k8s),
                        ok_codes=LINT_CODES), "kubeconform -n 1"),
          _renamed(peer("kubeconform", *kubeconform, "-n", "2", str(k8s),
                        ok_codes=LINT_CODES), "kubeconform -n 2"),
          peer("kube-linter", "lint", str(k8s), ok_codes=LINT_CODES, how=kube_linter)]),
    ]


def _renamed(tool: Tool, name: str) -> Tool:
    return Tool(name, tool.argv, tool.ok_codes, tool.why_missing)


def run(root: Path, k8s: Path, files: int, repeats: int, timeout: float) -> str:
    manifests = sum(1 for _ in k8s.rglob("*.yaml"))
    rows = ["| input | tool | wall (median) | CPU (median) | wall vs -j 1 | CPU vs -j 1 |",
            "|---|---|---:|---:|---:|---:|"]
    for what, ours, others in cases(root, k8s):
        case = BenchCase("lint", what, ours, tuple(others))
        outcomes = measure(case, repeats, timeout, root)
        base = outcomes[0]
        label = f"{files:,} files" if what == "all files" else f"{manifests:,} manifest files"
        for outcome in outcomes:
            rows.append(f"| {label} | {outcome.tool.name} | {_cell(outcome, 'wall')} |"
                        f" {_cell(outcome, 'cpu')} | {_ratio(outcome, base, 'wall')} |"
                        f" {_ratio(outcome, base, 'cpu')} |")
    return "\n".join(rows)


def _cell(outcome: Outcome, attribute: str) -> str:
    if outcome.problem:
        return outcome.problem
    return _seconds(outcome.median(attribute))


def _ratio(outcome: Outcome, base: Outcome, attribute: str) -> str:
    ours, theirs = outcome.median(attribute), base.median(attribute)
    if ours is None or not theirs:
        return "-"
    return f"{ours / theirs:.2f}x"


# `orchconv lint -j 2 FILES` with workers from the second file on, whatever their number
POOL_FROM_THE_FIRST_FILE = (
    "import sys; import orchconv.lint.parallel as p; p.AUTO_MIN_FILES = 1;"
    " from orchconv.cli import main;"
    " main(['lint', '--format', 'json', '-j', '2', *sys.argv[1:]])"
)


def threshold(root: Path, counts: Sequence[int], repeats: int, timeout: float) -> str:
    """-j 1 against two workers on the first N files: where a pool starts to win (the
    default lints AUTO_MIN_FILES files in one process before starting one)."""
    names = sorted(str(p.relative_to(root)) for p in root.rglob("*.y*ml")
                   if "secrets" not in p.parts)
    # interleave compose and manifests as the tree does
    compose = [n for n in names if n.startswith("compose")]
    k8s = [n for n in names if n.startswith("k8s")]
    mixed = [n for pair in zip(compose, k8s, strict=False) for n in pair]
    rows = ["| files | -j 1 wall | -j 2 wall | -j 1 CPU | -j 2 CPU |", "|---:|---:|---:|---:|---:|"]
    for count in counts:
        chosen = mixed[:count]
        serial = orchconv_lint("-j 1", "-j", "1", *chosen)
        pooled = Tool("-j 2", (sys.executable, "-c", POOL_FROM_THE_FIRST_FILE, *chosen),
                      frozenset(LINT_CODES))
        one, two = measure(BenchCase("lint", str(count), serial, (pooled,)), repeats, timeout,
                           root)
        rows.append(f"| {count} | {_cell(one, 'wall')} | {_cell(two, 'wall')} |"
                    f" {_cell(one, 'cpu')} | {_cell(two, 'cpu')} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="how many files (default 2000)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--threshold", action="store_true",
                        help="time -j 1 against -j 2 on 2 to 64 files instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="orchconv-many-") as folder:
        root = Path(folder)
        _, k8s = make_tree(root, args.files)
        started = time.time()
        load = os.getloadavg()[0]
        if args.threshold:
            text = threshold(root, (2, 4, 8, 16, 24, 32, 64), args.repeats, args.timeout)
        else:
            text = run(root, k8s, args.files, args.repeats, args.timeout)
        print(f"{args.files:,} files, {args.repeats} interleaved runs after a warm-up,"
              f" {os.cpu_count()} cores, load {load:.2f} before,"
              f" {os.getloadavg()[0]:.2f} after, {time.time() - started:.0f} s\n")
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
