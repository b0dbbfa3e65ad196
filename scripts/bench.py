#!/usr/bin/env python3
"""Benchmark orchconv against its peers with whole-process runs.

    python scripts/bench.py                 # every case; table on stdout, plot
    python scripts/bench.py --quick         # fewer runs, no 10,000-service input
    python scripts/bench.py --write-doc     # also put the table into docs/performance.md

Each case runs orchconv and its peers on the same generated input, in turns
(ours, peer, ours, peer...: a noisy machine slows both alike), after one
warm-up run each.  The figures are medians of wall time and CPU time (user +
system, from wait4(2)) and of peak RSS (from /usr/bin/time).  A peer whose run takes
longer than --timeout is reported as such; a peer that is not installed is
reported as not available (kompose and kube-linter, which the Go module proxy
refuses, are built from a checkout by scripts/peers/kompose.sh, kube-linter.sh).

Peers come from $ORCHCONV_CACHE/bin (default ~/.cache/orchconv/bin), where
scripts/peers/*.sh put them.  The plot needs matplotlib (not a dependency of
orchconv): without it the PNG is skipped with a note.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gen_compose import generate  # noqa: E402
from gen_k8s_manifests import manifests  # noqa: E402

CACHE = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache" / "orchconv"))
PEER_BIN = CACHE / "bin"
KUBECONFORM_SCHEMAS = (
    CACHE / "kubeconform-schemas"
    / "{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
    / "{{ .ResourceKind }}{{ .KindSuffix }}.json"
)
DOC = ROOT / "docs" / "performance.md"
PLOT = ROOT / "docs" / "performance.png"
DOC_BEGIN = "<!-- bench:begin -->"
DOC_END = "<!-- bench:end -->"
TIME = "/usr/bin/time"
SLOW_WARMUP = 10.0  # seconds: a warm-up this slow is the only sample taken
QUICK_RUN = 0.5  # seconds: a case whose every tool warms up faster gets SMALL_REPEATS turns
SMALL_REPEATS = 31
MANIFEST_OBJECTS = 3000
SERVICE_COUNTS = (10, 100, 1000, 10000)
# issue 15: a command on a small file within this much CPU of the floor, run beside it
FLOOR = "floor: import click, yaml"
FLOOR_MARGIN = 0.04


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Input:
    label: str
    path: Path
    services: int | None = None  # compose inputs: the number of services


def make_inputs(folder: Path, counts: Sequence[int]) -> dict[str, Input]:
    inputs: dict[str, Input] = {}
    # The generated files name this secret file; kompose refuses one that is missing.
    (folder / "secrets").mkdir(exist_ok=True)
    (folder / "secrets" / "db_password.txt").write_text("bench-only\n", encoding="utf-8")
    for count in counts:
        path = folder / f"compose-{count}.yml"
        path.write_text(generate(count), encoding="utf-8")
        inputs[f"compose-{count}"] = Input(f"{count:,} services", path, count)
    wordpress = folder / "wordpress" / "docker-compose.yml"
    wordpress.parent.mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "examples" / "wordpress" / "docker-compose.yml", wordpress)
    inputs["wordpress"] = Input("WordPress example", wordpress, 2)
    if 1000 in counts:  # --diff needs fixable findings: one (`version`), or one per service
        for key, head, label in (("fix-1", "version: '2.4'\n", "1 fix"),
                                 ("fix-all", "version: '3.8'\n", "stack, 1,960 fixes")):
            name = "fixable-1000.stack.yml" if key == "fix-all" else "fixable-1000.yml"
            (folder / name).write_text(head + generate(1000), encoding="utf-8")
            inputs[key] = Input(f"1,000 services, {label}", folder / name, 1000)
    manifest = folder / f"k8s-{MANIFEST_OBJECTS}.yaml"
    manifest.write_text(manifests(MANIFEST_OBJECTS), encoding="utf-8")
    inputs["k8s"] = Input(f"{MANIFEST_OBJECTS:,} k8s objects", manifest)
    inputs["none"] = Input("(no input)", Path(os.devnull))
    return inputs


# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tool:
    name: str
    argv: tuple[str, ...] | None  # None: not available here
    ok_codes: frozenset[int] = frozenset({0})
    why_missing: str = ""


def orchconv_argv() -> tuple[str, ...]:
    installed = shutil.which("orchconv")
    return (installed,) if installed else (sys.executable, "-m", "orchconv")


def install_like_a_user(folder: Path) -> Path:
    """orchconv built into a wheel and installed in a fresh venv, as `pip install` puts
    it, and that venv's python.  The dev checkout's editable install adds a finder that
    every start imports (about 6-10 ms); a user's install has none.  The dependencies
    are the dev venv's, reached through a .pth file, so nothing is downloaded."""
    venv = folder / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    shared = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "bench-dependencies.pth").write_text("\n".join(shared) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(ROOT)], check=True, cwd=folder)
    return python


def peer(name: str, *args: str, ok_codes: Sequence[int] = (0,), how: str = "scripts/peers") -> Tool:
    path = PEER_BIN / name
    if not os.access(path, os.X_OK):
        return Tool(name, None, why_missing=f"not installed in {PEER_BIN} ({how})")
    return Tool(name, (str(path), *args), frozenset(ok_codes))


# The Go module proxy refuses these two: they are built from a checkout, when one is at hand.
FROM_CHECKOUT = "build it from a checkout: scripts/peers/{}.sh CHECKOUT"


LINT_CODES = (0, 1)


@dataclass(frozen=True)
class Case:
    command: str  # what is compared, e.g. "config"
    input_key: str
    ours: Tool
    peers: tuple[Tool, ...]
    target: float | None = None  # seconds, from the issue


def cases(inputs: dict[str, Input], counts: Sequence[int],
          python: Path | None = None) -> list[Case]:
    """The cases, run with `python`'s orchconv (a user's install) or else the dev one."""
    ours = (str(python.parent / "orchconv"),) if python else orchconv_argv()
    interpreter = str(python or sys.executable)
    # The floor every small-file figure stands on: the interpreter, then click and our CLI.
    result: list[Case] = [
        Case("python3 -c pass", "none", Tool("python3", (interpreter, "-c", "pass")), ()),
        # issue 15: every small-file command within 0.04 s of this, --version at it
        Case("import click, yaml (floor)", "none",
             Tool("python3", (interpreter, "-c", "import click, yaml")), ()),
        Case("orchconv --version", "none", Tool("orchconv", (*ours, "--version")), ()),
    ]
    compose_keys = [f"compose-{n}" for n in counts] + ["wordpress"]
    floor = Tool(FLOOR, (interpreter, "-c", "import click, yaml"))
    for key in compose_keys:
        path = str(inputs[key].path)
        small = inputs[key].services is not None and (inputs[key].services or 0) <= 10
        big = inputs[key].services == 1000
        beside = (floor,) if small else ()  # measured in turns with the command itself
        result.append(Case(
            "config", key, Tool("orchconv", (*ours, "config", "-f", path)),
            (peer("docker-compose", "-f", path, "config"), *beside),
            target=1.0 if big else 0.15 if small else None,
        ))
        result.append(Case(
            "compose2k8s", key, Tool("orchconv", (*ours, "compose2k8s", "-f", path, "-o", "-")),
            (peer("kompose", "convert", "-f", path, "--stdout",
                  how=FROM_CHECKOUT.format("kompose")), *beside),
            target=1.5 if big else 0.15 if small else None,
        ))
        if big:  # the chart beside plain compose2k8s of the same file (issue: <= 1.5x)
            chart = str(Path(path).parent / "chart-1000")
            result.append(Case("compose2k8s --chart", key, Tool(
                "orchconv", (*ours, "compose2k8s", "-f", path, "--chart", chart)), ()))
            # graph (DOT) beside config (issue: <= 1.2x); report beside compose2k8s (<= 3x)
            result.append(Case("graph", key, Tool("orchconv", (*ours, "graph", "-f", path)), ()))
            page = str(Path(path).parent / "report-1000.html")
            result.append(Case("report --to k8s", key, Tool(
                "orchconv", (*ours, "report", "-f", path, "--to", "k8s", "-o", page)), ()))
        result.append(Case(
            "lint (compose)", key, Tool("orchconv", (*ours, "lint", path), frozenset(LINT_CODES)),
            (peer("dclint", path, ok_codes=LINT_CODES),
             peer("compose-lint", path, ok_codes=LINT_CODES), *beside),
            target=1.0 if big else 0.10 if small else None,
        ))
    for key in ("fix-1", "fix-all"):  # --diff beside plain lint of the same file (≤ 1.5x)
        if key in inputs:
            fixable = str(inputs[key].path)
            result.append(Case("lint (fixable)", key, Tool(
                "orchconv", (*ours, "lint", fixable), frozenset(LINT_CODES)), ()))
            result.append(Case("lint --diff (fixable)", key, Tool(
                "orchconv", (*ours, "lint", "--diff", fixable), frozenset(LINT_CODES)), ()))
    manifest = str(inputs["k8s"].path)
    result.append(Case(
        "lint (k8s)", "k8s", Tool("orchconv", (*ours, "lint", manifest), frozenset(LINT_CODES)),
        (peer("kubeconform", "-strict", "-summary", "-kubernetes-version", "1.37.0",
              "-schema-location", str(KUBECONFORM_SCHEMAS), manifest, ok_codes=LINT_CODES),
         peer("kube-linter", "lint", manifest, ok_codes=LINT_CODES,
              how=FROM_CHECKOUT.format("kube-linter"))),
    ))
    return result


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Outcome:
    tool: Tool
    samples: list[Sample] = field(default_factory=list)
    problem: str | None = None  # timeout, unexpected exit, not available

    def median(self, attribute: str) -> float | None:
        if self.problem or not self.samples:
            return None
        values: list[float] = [getattr(s, attribute) for s in self.samples]
        return statistics.median(values)


def environment(folder: Path) -> dict[str, str]:
    """As installed: Python keeps its bytecode (in the work folder, not the source tree),
    even where the session sets PYTHONDONTWRITEBYTECODE."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def run_once(argv: Sequence[str], cwd: Path, timeout: float) -> tuple[Sample | None, str | None]:
    """One whole-process run: its wall time, CPU time and peak RSS, or why there is none.

    The peak RSS comes from /usr/bin/time: a child forked from this Python process
    starts with its pages, and wait4(2) would count them; time's child starts small.
    """
    killed = threading.Event()
    with tempfile.NamedTemporaryFile(prefix="rss-", dir=cwd) as report:
        timed = os.access(TIME, os.X_OK)
        command = [TIME, "-f", "%M", "-o", report.name, *argv] if timed else list(argv)
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL,
                                env=environment(cwd), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

        def kill() -> None:
            killed.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        lines = Path(report.name).read_text(encoding="utf-8").split() if timed else []
    if killed.is_set():
        return None, f"> {timeout:.0f} s (stopped)"
    rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else usage.ru_maxrss
    sample = Sample(wall, usage.ru_utime + usage.ru_stime, rss_kib / 1024)
    return sample, None if code >= 0 else f"killed by signal {-code}"


def measure(case: Case, repeats: int, timeout: float, cwd: Path) -> list[Outcome]:
    outcomes = [Outcome(case.ours), *(Outcome(p) for p in case.peers)]
    for outcome in outcomes:
        if outcome.tool.argv is None:
            outcome.problem = outcome.tool.why_missing
    runnable = [o for o in outcomes if o.problem is None]
    warm: list[float] = []
    for outcome in runnable:  # warm-up: page cache, .pyc files, node's compile cache
        assert outcome.tool.argv is not None
        sample, problem = run_once(outcome.tool.argv, cwd, timeout)
        problem = problem or _check_exit(outcome.tool, cwd)
        if sample is not None:
            warm.append(sample.wall)
        if problem or sample is None:
            outcome.problem = problem
        elif sample.wall > SLOW_WARMUP:
            outcome.samples.append(sample)
    # A run under QUICK_RUN seconds costs little and varies by tens of percent on a shared
    # machine: those cases take SMALL_REPEATS turns, so their medians settle.
    quick = bool(warm) and max(warm) < QUICK_RUN
    for turn in range(max(repeats, SMALL_REPEATS) if quick else repeats):
        active = [o for o in runnable if o.problem is None and
                  not (o.samples and o.samples[0].wall > SLOW_WARMUP)]
        if not active:
            break
        shift = turn % len(active)  # rotate who goes first
        for outcome in active[shift:] + active[:shift]:
            assert outcome.tool.argv is not None
            sample, problem = run_once(outcome.tool.argv, cwd, timeout)
            if sample is None:
                outcome.problem = problem
            else:
                outcome.samples.append(sample)
    return outcomes


def _check_exit(tool: Tool, cwd: Path) -> str | None:
    """A run that fails is no benchmark: check the exit status once, outside the timing."""
    assert tool.argv is not None
    done = subprocess.run(tool.argv, cwd=cwd, stdin=subprocess.DEVNULL, env=environment(cwd),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if done.returncode in tool.ok_codes:
        return None
    last = (done.stderr.decode(errors="replace").strip().splitlines() or [""])[-1]
    last = last.replace(f"{cwd}/", "")  # the work folder says nothing
    return f"exit {done.returncode}: {last[:160]}"


# --------------------------------------------------------------------------- reporting


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _megabytes(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def verdict(case: Case, ours: Outcome, by_key: dict[tuple[str, str], Outcome],
            peers: Sequence[Outcome] = ()) -> str:
    """Whether the issues' targets hold: time, memory at 1,000 and 10,000, the scaling,
    and a small file's CPU above the floor measured beside it."""
    wall = ours.median("wall")
    if wall is None:
        return "no data"
    notes: list[str] = []
    if case.target is not None:
        notes.append(f"≤ {case.target:g} s: {'yes' if wall <= case.target else 'NO'}")
    floor = next((p.median("cpu") for p in peers if p.tool.name == FLOOR), None)
    cpu = ours.median("cpu")
    if floor is not None and cpu is not None:
        above = cpu - floor
        notes.append(f"floor + {above:.3f} s CPU"
                     f" (≤ +{FLOOR_MARGIN:g}: {'yes' if above <= FLOOR_MARGIN else 'NO'})")
    if case.command == "lint --diff (fixable)":
        plain = by_key.get(("lint (fixable)", case.input_key))
        # CPU time: the two runs alternate, but a loaded machine stretches wall time unevenly
        plain_cpu = plain.median("cpu") if plain else None
        cpu = ours.median("cpu")
        if plain_cpu and cpu:
            ratio = cpu / plain_cpu
            notes.append(f"{ratio:.1f}x plain lint's CPU time"
                         f" (≤ 1.5x: {'yes' if ratio <= 1.5 else 'NO'})")
    if case.input_key == "compose-1000":
        rss = ours.median("rss_mb") or 0.0
        notes.append(f"≤ 200 MB: {'yes' if rss <= 200 else 'NO'}")
    if case.input_key == "compose-10000":
        base = by_key.get((case.command, "compose-1000"))
        base_wall = base.median("wall") if base else None
        if base_wall:
            ratio = wall / base_wall
            notes.append(f"{ratio:.1f}x the 1,000 time (≤ 11x: {'yes' if ratio <= 11 else 'NO'})")
        rss = ours.median("rss_mb") or 0.0
        notes.append(f"≤ 300 MB: {'yes' if rss <= 300 else 'NO'}")  # issue 11's memory target
    return "; ".join(notes)


def table(results: list[tuple[Case, list[Outcome]]], inputs: dict[str, Input]) -> str:
    by_key = {(case.command, case.input_key): outcomes[0] for case, outcomes in results}
    lines = [
        "| command | input | orchconv wall (s) | CPU (s) | peak RSS (MB) | target met |"
        " peer | peer wall (s) | peer RSS (MB) | peer ÷ orchconv |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for case, outcomes in results:
        ours, peers = outcomes[0], outcomes[1:]
        first = (f"| {case.command} | {inputs[case.input_key].label} | "
                 f"{_seconds(ours.median('wall')) if not ours.problem else ours.problem} | "
                 f"{_seconds(ours.median('cpu'))} | {_megabytes(ours.median('rss_mb'))} | "
                 f"{verdict(case, ours, by_key, peers)} |")
        for index, other in enumerate(peers or [Outcome(Tool("-", None))]):
            lead = first if index == 0 else "| | | | | | |"
            if other.problem:
                lines.append(f"{lead} {other.tool.name} | {other.problem} | - | - |")
                continue
            ratio = "-"
            ours_wall, peer_wall = ours.median("wall"), other.median("wall")
            if ours_wall and peer_wall:
                ratio = f"{peer_wall / ours_wall:.1f}x"
            lines.append(f"{lead} {other.tool.name} | {_seconds(peer_wall)} | "
                         f"{_megabytes(other.median('rss_mb'))} | {ratio} |")
    return "\n".join(lines) + "\n"


def header(repeats: int, started: float, load_before: float, load_after: float) -> str:
    return (
        f"Run {time.strftime('%Y-%m-%d %H:%M', time.localtime(started))} on {os.cpu_count()} CPUs"
        f" ({platform.machine()}, Python {platform.python_version()}); load average"
        f" {load_before:.1f} before, {load_after:.1f} after.  Medians of {repeats} runs"
        f" ({max(repeats, SMALL_REPEATS)} where every tool takes under {QUICK_RUN:g} s)"
        f" after a warm-up (one run for tools slower than {SLOW_WARMUP:g} s).\n"
    )


def plot(results: list[tuple[Case, list[Outcome]]], inputs: dict[str, Input],
         path: Path) -> str | None:
    """Wall time against the number of services, log-log, one panel per command."""
    try:  # not a dependency of orchconv: imported by name, so mypy needs no stubs
        matplotlib = importlib.import_module("matplotlib")
        matplotlib.use("Agg")
        plt = importlib.import_module("matplotlib.pyplot")
    except ImportError:
        return "matplotlib is not installed: no plot written"
    commands = ["config", "compose2k8s", "lint (compose)"]
    figure, axes = plt.subplots(1, len(commands) + 1, figsize=(16, 4.2))
    for axis, command in zip(axes, commands, strict=False):
        series: dict[str, list[tuple[int, float]]] = {}
        for case, outcomes in results:
            services = inputs[case.input_key].services
            if case.command != command or case.input_key == "wordpress" or services is None:
                continue
            for outcome in outcomes:
                wall = outcome.median("wall")
                if wall is not None:
                    series.setdefault(outcome.tool.name, []).append((services, wall))
        for name, points in series.items():
            xs, ys = zip(*sorted(points), strict=True)
            axis.plot(xs, ys, marker="o", label=name, linewidth=2 if name == "orchconv" else 1)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(command)
        axis.set_xlabel("services")
        axis.set_ylabel("wall time (s)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    last = axes[-1]
    for case, outcomes in results:
        if case.input_key != "k8s":
            continue
        names = [o.tool.name for o in outcomes if o.median("wall") is not None]
        walls = [o.median("wall") or 0.0 for o in outcomes if o.median("wall") is not None]
        last.bar(names, walls, color=["C0", "C1", "C2"][: len(names)])
        last.set_title(f"lint {inputs['k8s'].label}")
        last.set_ylabel("wall time (s)")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return None


def write_doc(text: str) -> None:
    document = DOC.read_text(encoding="utf-8")
    begin, end = document.index(DOC_BEGIN), document.index(DOC_END)
    DOC.write_text(document[: begin + len(DOC_BEGIN)] + "\n" + text + document[end:],
                   encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int,
                        help="timed runs per tool and case (default 7; 3 with --quick)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per run")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 10,000-service input")
    parser.add_argument("--only", help="run only the cases whose command contains this text")
    parser.add_argument("--workdir", type=Path, help="keep the generated inputs here")
    parser.add_argument("--no-plot", action="store_true", help=f"do not write {PLOT.name}")
    parser.add_argument("--write-doc", action="store_true", help=f"update {DOC.name}")
    parser.add_argument("--dev", action="store_true",
                        help="time the dev (editable) install instead of a wheel in a venv")
    args = parser.parse_args()
    counts = [n for n in SERVICE_COUNTS if not (args.quick and n > 1000)]
    repeats = args.repeats or (3 if args.quick else 7)

    started = time.time()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="orchconv-bench-") as scratch:
        folder = args.workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        inputs = make_inputs(folder, counts)
        python = None if args.dev else install_like_a_user(folder)
        results: list[tuple[Case, list[Outcome]]] = []
        for case in cases(inputs, counts, python):
            if args.only and args.only not in case.command:
                continue
            print(f"… {case.command} on {inputs[case.input_key].label}", file=sys.stderr)
            results.append((case, measure(case, repeats, args.timeout, folder)))
    installed = ("the dev checkout's editable install" if args.dev else
                 "a wheel of this checkout installed in a fresh venv, as users install it")
    text = header(repeats, started, load_before, os.getloadavg()[0]) + \
        f"orchconv: {installed}.\n\n" + table(results, inputs)
    sys.stdout.write(text)
    if not args.no_plot:
        note = plot(results, inputs, PLOT)
        print(note or f"plot: {PLOT.relative_to(ROOT)}", file=sys.stderr)
    if args.write_doc:
        write_doc(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
