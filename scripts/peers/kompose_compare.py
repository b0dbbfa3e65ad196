#!/usr/bin/env python3
"""Compare orchconv with kompose on kompose's own fixtures; write docs/kompose-differences.md.

    scripts/peers/kompose.sh CHECKOUT                     # builds $CACHE/bin/kompose
    python scripts/peers/kompose_compare.py CHECKOUT      # writes the doc
    python scripts/peers/kompose_compare.py CHECKOUT --out - # prints it instead

CHECKOUT is a checkout of github.com/kubernetes/kompose.  Every compose file
under its script/test/fixtures is converted by both tools with their defaults
(`kompose convert -f F --stdout`, `orchconv compose2k8s F`), from a scratch copy
of the fixtures (the checkout is never written to).  Both outputs go through
kubernetes-validate --strict in one batch.  Nothing of kompose's is copied into
this repository: the fixtures are read at run time, the doc holds our summary.
Not needed by CI.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("ORCHCONV_CACHE", Path.home() / ".cache" / "orchconv"))
DOC = ROOT / "docs" / "kompose-differences.md"
FIXTURES = Path("script/test/fixtures")
TIMEOUT = 120.0
ANSI = re.compile(r"\x1b\[[0-9;]*m")

KOMPOSE_ARGS = ("convert", "--stdout", "--with-kompose-annotation=false", "-f")
ORCHCONV_ARGS = ("compose2k8s",)



@dataclass(frozen=True)
class Note:
    """A hand-written note on one fixture, and the generated difference it was
    reviewed against: when that text changes, the doc asks for a new review."""

    reviewed: str
    text: str


# Hand-written after reading both outputs: fixture (path under script/test/fixtures)
# -> what differs and which is right for a user deploying the result.
NOTES: dict[str, Note] = {
    "buildargs/compose.yaml": Note(
        "only orchconv: 2 Service",
        "Stands for the many rows with `only orchconv: N Service`: for a service without"
        " `ports`, kompose writes no Service (it warns), orchconv a headless one. In compose"
        " every service is reachable by its name; the headless Service keeps that name"
        " resolving in the cluster. orchconv is right for a user whose other services call"
        " this one."),
    "env-dotenv/compose.yaml": Note(
        "only orchconv: 1 Secret",
        "`MINIO_ROOT_PASSWORD`: kompose writes the password as a plain `env` value in the"
        " Deployment; orchconv moves credential-named variables into a Secret (secretKeyRef;"
        " `--plain-env` keeps them plain). Same for `controller/compose-controller-label-v3`,"
        " `fsgroup`, `service-label`, `service-name-change`, `statefulset`, `vols-subpath`."
        " orchconv is right: the value is kept out of the workload spec."),
    "secrets/docker-compose-secrets-long.yml": Note(
        "only orchconv: 1 Service",
        "The secret's `target: redis_secret`: compose mounts it at"
        " `/run/secrets/redis_secret`; kompose mounts it at `/run/secrets/my-secret` (the"
        " source's name), orchconv at `/run/secrets/redis_secret`. orchconv is right: the"
        " application reads the path compose gave it."),
    "secrets/docker-compose-secrets-short.yml": Note(
        "only orchconv: 1 Service",
        "Two short-syntax secrets: kompose mounts both at the same `mountPath: /run/secrets`"
        " (with subPaths), which the API server rejects (mountPath must be unique); orchconv"
        " mounts `/run/secrets/my_secret` and `/run/secrets/my_other_secret`. orchconv is"
        " right; kompose's passes schema validation but is refused on apply."),
    "healthcheck/compose-healthcheck.yaml": Note(
        "only kompose: 1 Deployment",
        "Two things. (1) `test: echo \"liveness\"` (shell form): kompose execs the whole string"
        " as one program name, so the probe can never succeed and the pod is restarted"
        " forever; orchconv runs it with `sh -c` as compose does. (2) mongo and mysql carry"
        " `kompose.service.group: my-group`: kompose groups only with"
        " `--service-group-mode=label`, orchconv always honours the label and puts both"
        " containers in one pod (Services for both select it). orchconv is right on (1);"
        " (2) is what the label asks for."),
    "security-contexts/compose.yaml": Note(
        "only kompose: 1 Deployment",
        "`kompose.service.group: cup` on both services: orchconv puts dind and cup in one"
        " pod; kompose does so only with `--service-group-mode label` (which its test"
        " passes). Both deploy; orchconv follows the label without the extra flag."),
    "v2/compose.yaml": Note(
        "only kompose: 1 Pod, 1 Service; only orchconv: 1 Job",
        "(1) `restart: \"no\"`: kompose writes a bare Pod, orchconv a Job with"
        " `backoffLimit: 0`; both run once, the Job is managed (its pod is recreated if the"
        " node goes away, and it reports completion). (2) redis, a LoadBalancer with TCP and"
        " UDP ports: kompose splits it into `redis-tcp` and `redis-udp`, so the name `redis`"
        " no longer resolves for the services that use it; orchconv keeps one Service"
        " `redis` with both protocols (mixed-protocol LoadBalancers are GA since Kubernetes"
        " 1.26). orchconv is right for a user on a current cluster."),
    "envfile-interpolation/compose.yaml": Note(
        "only kompose: 1 Pod; only orchconv: 1 Job",
        "`restart: on-failure`: kompose writes a bare Pod (`restartPolicy: OnFailure`),"
        " orchconv a Job; orchconv warns that compose retries without limit while the Job"
        " stops after 6. orchconv's is the safer object to run; neither is exact."),
    "external-traffic-policy/compose-v1.yaml": Note(
        "only orchconv: 1 Ingress",
        "`kompose.service.expose: lb` with a LoadBalancer type: kompose writes no Ingress"
        " and names the Service `front-end-tcp`; orchconv keeps the Service name `front-end`"
        " and writes the Ingress for host `lb` (class `nginx`) that the label asks for."
        " orchconv is right: the name still resolves and the expose label is honoured."),
    "volume-mounts/simple-vol-mounts/docker-compose.yml": Note(
        "only kompose: 1 PersistentVolumeClaim",
        "An anonymous volume (`- /var/www/html`): kompose makes a 100Mi PVC, orchconv an"
        " emptyDir. Docker keeps an anonymous volume across container restarts and"
        " recreation; an emptyDir lives as long as the pod. kompose's is closer when the"
        " data must outlive the pod; orchconv's needs no storage class."),
    "storage-class-name/compose.yaml": Note(
        "only kompose: 1 PersistentVolumeClaim",
        "The anonymous volume again, here with `kompose.volume.storage-class-name` on the"
        " service: kompose's PVC carries the class; orchconv's emptyDir has no use for it."
        " kompose is closer to what the label asks for."),
    "configmap-volume/compose.yaml": Note(
        "only kompose: 1 ConfigMap; only orchconv: 1 PersistentVolumeClaim, 2 Service",
        "Bind of the folder `./tls` (two small files): kompose makes a ConfigMap holding"
        " them; orchconv a PVC that starts empty (with a warning to copy the files in)."
        " Single files (`./tls/a.key`, `./configs.tar`) become ConfigMaps in both. kompose"
        " is right for this folder of certificates: nginx finds them on first start."),
}


# --------------------------------------------------------------------------- discovery


def is_compose(text: str) -> bool:
    """A compose file (or override file): a mapping with a `services` mapping."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return isinstance(data, dict) and isinstance(data.get("services"), dict)


def discover(fixtures: Path) -> list[Path]:
    """The compose files under the fixtures folder (relative paths, sorted).

    kompose's expected outputs (output-*.yaml, output-*.json) are left out."""
    found: list[Path] = []
    for path in sorted(fixtures.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        if path.name.startswith("output"):
            continue
        if is_compose(path.read_text(encoding="utf-8", errors="replace")):
            found.append(path.relative_to(fixtures))
    return found


_ASSIGN = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S*)\s*$")
_COMMAND = re.compile(r"(kompose\s[^\"]*)")
_DROPPED = {"kompose", "convert", "--stdout", "-j", "--with-kompose-annotation=false"}
_WITH_VALUE = {"-f", "--file", "-o", "--out"}


def test_flags(script: str) -> dict[str, list[str]]:
    """fixture -> the extra flags each of kompose's shell tests passes for it.

    Reads `kompose ... -f .../script/test/fixtures/X ...` commands in tests*.sh,
    expanding the variables they assign at the top level (`DIR="..."`; values set
    inside if-blocks are runtime choices and are left unexpanded); OpenShift runs
    are left out (we compare Kubernetes output).  A run with no extra flag gives ""."""
    variables: dict[str, str] = {}
    found: dict[str, list[str]] = {}

    def expand(text: str) -> str:
        def value(match: re.Match[str]) -> str:
            return variables.get(match.group(1) or match.group(2), "")
        return re.sub(r"\$\{(\w+)\}|\$(\w+)", value, text)

    for line in script.splitlines():
        if line.lstrip().startswith("#"):
            continue
        assign = _ASSIGN.match(line)
        if assign and "kompose" not in assign.group(2):
            value = assign.group(2)
            quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
            variables[assign.group(1)] = value[1:-1] if quoted else value
            continue
        for command in _COMMAND.findall(expand(line)):
            try:
                words = shlex.split(command)
            except ValueError:
                continue
            if "--provider=openshift" in words or "openshift" in words:
                continue
            files, flags, skip = [], [], False
            for index, word in enumerate(words):
                if skip:
                    skip = False
                    continue
                if word in _WITH_VALUE:
                    skip = True
                    if word in ("-f", "--file") and index + 1 < len(words):
                        files.append(words[index + 1])
                elif word not in _DROPPED:
                    flags.append(word)
            for name in files:
                marker = str(FIXTURES) + "/"
                if marker in name:
                    key = name.split(marker, 1)[1]
                    entry = shlex.join(flags)
                    found.setdefault(key, [])
                    if entry not in found[key]:
                        found[key].append(entry)
    return found


# --------------------------------------------------------------------------- running


@dataclass
class Result:
    """One tool on one fixture."""

    converted: bool
    objects: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""  # the refusal's first error line, or why the output is unusable
    errors: list[str] = field(default_factory=list)  # kubernetes-validate errors
    validated: bool = False

    @property
    def valid(self) -> bool:
        return self.converted and self.validated and not self.errors


def split_objects(text: str) -> list[dict[str, Any]]:
    """The Kubernetes objects of a YAML stream, `kind: List` items flattened."""
    objects: list[dict[str, Any]] = []
    for document in yaml.safe_load_all(text):
        if not isinstance(document, dict):
            continue
        if document.get("kind") == "List" and isinstance(document.get("items"), list):
            objects.extend(item for item in document["items"] if isinstance(item, dict))
        else:
            objects.append(document)
    return objects


def first_error(stderr: str, scratch: Path) -> str:
    """The line of a refusal worth quoting: the first that says error/fatal, else the last."""
    lines = [ANSI.sub("", line).strip() for line in stderr.splitlines() if line.strip()]
    lines = [line.replace(f"{scratch}/", "") for line in lines]
    for line in lines:
        if re.search(r"\b(error|fatal|FATA|ERRO)\b", line, re.IGNORECASE):
            return line[:200]
    return lines[-1][:200] if lines else "(no message)"


def run_tool(argv: Sequence[str], cwd: Path, scratch: Path) -> Result:
    try:
        done = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return Result(False, message=f"no answer in {TIMEOUT:.0f} s")
    if "Traceback (most recent call last)" in done.stderr:  # a crash is no refusal
        last = first_error(done.stderr.strip().splitlines()[-1], scratch)
        return Result(False, message=f"CRASH (exit {done.returncode}): {last}")
    if done.returncode != 0:
        return Result(False, message=f"exit {done.returncode}: {first_error(done.stderr, scratch)}")
    try:
        objects = split_objects(done.stdout)
    except yaml.YAMLError as error:
        return Result(False, message=f"exit 0 but the output is not YAML: {error}".splitlines()[0])
    return Result(True, objects)


_VALIDATE_LINE = re.compile(r"^(ERROR|WARN|INFO)\s+(\S+)\s+(.*)$")


def parse_validation(output: str, files: Iterable[str]) -> dict[str, list[str]]:
    """kubernetes-validate's report -> file -> its ERROR messages (WARN/INFO dropped)."""
    errors: dict[str, list[str]] = {name: [] for name in files}
    for line in output.splitlines():
        match = _VALIDATE_LINE.match(line.strip())
        if match and match.group(1) == "ERROR" and match.group(2) in errors:
            message = match.group(3)
            message = re.sub(r"^did not validate for resource ", "", message)
            message = re.sub(r" against version [0-9.]+:", ":", message)
            errors[match.group(2)].append(message)
    return errors


def validate(results: dict[tuple[str, str], Result], validator: str, folder: Path) -> str:
    """Validate every converted output in one kubernetes-validate run; returns its version."""
    names: dict[str, tuple[str, str]] = {}
    for index, (key, result) in enumerate(sorted(results.items())):
        if result.converted:
            name = str(folder / f"out-{index}.yaml")
            Path(name).write_text(yaml.safe_dump_all(result.objects), encoding="utf-8")
            names[name] = key
    done = subprocess.run([validator, "--strict", "--quiet", *names], capture_output=True,
                          text=True, check=False)
    for name, messages in parse_validation(done.stdout + done.stderr, names).items():
        results[names[name]].errors = messages
        results[names[name]].validated = True
    version = subprocess.run([validator, "--version"], capture_output=True, text=True,
                             check=False)
    return (version.stdout or version.stderr).strip()


# --------------------------------------------------------------------------- reporting


def kinds(objects: Sequence[dict[str, Any]]) -> Counter[str]:
    return Counter(str(item.get("kind", "?")) for item in objects)


def kinds_text(counts: Counter[str]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"


def outcome(result: Result) -> str:
    if not result.converted:
        return "refused"
    state = "valid" if result.valid else "INVALID" if result.validated else "not validated"
    count = len(result.objects)
    return f"{count} object{'' if count == 1 else 's'}, {state}"


def category(kompose: Result, ours: Result) -> str:
    if kompose.converted and ours.converted:
        return "both converted"
    if not kompose.converted and not ours.converted:
        return "both refused"
    return "only kompose converts" if kompose.converted else "only orchconv converts"


def describe(kompose: Result, ours: Result) -> str:
    """A short generated account of what differs between the two results."""
    parts: list[str] = []
    if kompose.converted != ours.converted:
        refused = ours if kompose.converted else kompose
        who = "orchconv" if kompose.converted else "kompose"
        parts.append(f"{who} refuses: {refused.message}")
    if kompose.converted and ours.converted:
        theirs, mine = kinds(kompose.objects), kinds(ours.objects)
        only_k, only_o = theirs - mine, mine - theirs
        if only_k:
            parts.append(f"only kompose: {kinds_text(only_k)}")
        if only_o:
            parts.append(f"only orchconv: {kinds_text(only_o)}")
    for who, result in (("kompose", kompose), ("orchconv", ours)):
        if result.errors:
            extra = f" (+{len(result.errors) - 1} more)" if len(result.errors) > 1 else ""
            parts.append(f"{who} invalid: {result.errors[0]}{extra}")
    return "; ".join(parts)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass(frozen=True)
class Row:
    fixture: str
    kompose: Result
    ours: Result
    flags: tuple[str, ...] = ()


def tally(rows: Sequence[Row]) -> Counter[str]:
    counts: Counter[str] = Counter(category(row.kompose, row.ours) for row in rows)
    for row in rows:
        both = row.kompose.converted and row.ours.converted
        if both and kinds(row.kompose.objects) != kinds(row.ours.objects):
            counts["both converted, different kinds"] += 1
        for who, result in (("kompose", row.kompose), ("orchconv", row.ours)):
            if result.converted and result.validated and not result.valid:
                counts[f"{who} output invalid"] += 1
    return counts


def note_text(row: Row, note: Note) -> str:
    if describe(row.kompose, row.ours) == note.reviewed:
        return note.text
    return f"{note.text} **(outputs changed since this note was written: review it again)**"


def render(rows: Sequence[Row], about: dict[str, str], notes: dict[str, Note]) -> str:
    counts = tally(rows)
    differ = counts["only kompose converts"] + counts["only orchconv converts"]
    out = [
        "# orchconv beside kompose on kompose's own fixtures",
        "",
        "Generated by `scripts/peers/kompose_compare.py` (do not edit by hand: the notes",
        "live in the script).  Every compose file under kompose's `script/test/fixtures`",
        "is converted by both tools with their default options, and both outputs are",
        "checked with `kubernetes-validate --strict`.  The fixtures are read from a",
        "kompose checkout at run time; none is copied here.",
        "",
        *(f"- {key}: {value}" for key, value in about.items()),
        "",
        f"**{len(rows)} fixtures: converted by both {counts['both converted']}, refused by both"
        f" {counts['both refused']}, differ {differ}** (only kompose converts"
        f" {counts['only kompose converts']}, only orchconv converts"
        f" {counts['only orchconv converts']}).  Of those both convert,"
        f" {counts['both converted, different kinds']} give different object kinds.  Outputs"
        f" that fail strict validation: kompose {counts['kompose output invalid']},"
        f" orchconv {counts['orchconv output invalid']}.",
        "",
        "The last column gives the extra flags kompose's own shell tests",
        "(script/test/cmd/tests*.sh) pass for the fixture (blank: those tests don't run it);",
        "both tools ran with their defaults here, as a user's first try would.",
        "",
    ]
    noted = [row for row in rows if row.fixture in notes]
    if noted:
        out += ["## Notable differences", "",
                "| fixture | what differs, and which is right for a user deploying it |",
                "| --- | --- |"]
        out += [f"| `{row.fixture}` | {cell(note_text(row, notes[row.fixture]))} |"
                for row in noted]
        out.append("")
    out += ["## Every fixture", "",
            "| fixture | kompose | orchconv | difference | kompose's tests add |",
            "| --- | --- | --- | --- | --- |"]
    for row in rows:
        flags = "; ".join(f"`{f}`" if f else "(none)" for f in row.flags)
        out.append(f"| `{row.fixture}` | {outcome(row.kompose)} | {outcome(row.ours)} | "
                   f"{cell(describe(row.kompose, row.ours))} | {flags} |")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main


def keep(results: dict[tuple[str, str], Result], folder: Path) -> None:
    for (name, tool), result in results.items():
        path = folder / f"{name}.{tool}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.safe_dump_all(result.objects) if result.converted else ""
        path.write_text(f"# {outcome(result)}: {result.message}\n" + "".join(
            f"# {error}\n" for error in result.errors) + body, encoding="utf-8")


def tool_version(argv: Sequence[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return ANSI.sub("", (done.stdout or done.stderr).strip().splitlines()[0]) if (
        done.stdout or done.stderr).strip() else "?"


def checkout_revision(checkout: Path) -> str:
    done = subprocess.run(["git", "-C", str(checkout), "describe", "--tags", "--always"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown (not a git work tree)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout of github.com/kubernetes/kompose")
    parser.add_argument("--kompose", default=str(CACHE / "bin" / "kompose"))
    parser.add_argument("--orchconv", default=str(ROOT / ".venv" / "bin" / "orchconv"))
    parser.add_argument("--validator", default=str(CACHE / "bin" / "kubernetes-validate"))
    parser.add_argument("--out", default=str(DOC), help="'-' for stdout")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path,
                        help="also write both outputs here, for review (F.kompose.yaml ...)")
    args = parser.parse_args(argv)

    fixtures = args.checkout / FIXTURES
    if not fixtures.is_dir():
        print(f"{args.checkout}: no {FIXTURES} (not a kompose checkout)", file=sys.stderr)
        return 2
    for tool in (args.kompose, args.orchconv, args.validator):
        if not os.access(tool, os.X_OK):
            print(f"{tool}: not found (scripts/peers/kompose.sh, install-py-peers.sh)",
                  file=sys.stderr)
            return 2
    flags: dict[str, list[str]] = {}
    for script in sorted((args.checkout / "script" / "test" / "cmd").glob("tests*.sh")):
        for key, values in test_flags(script.read_text(encoding="utf-8")).items():
            flags.setdefault(key, []).extend(v for v in values if v not in flags.get(key, []))

    with tempfile.TemporaryDirectory(prefix="kompose-compare-") as scratch_name:
        scratch = Path(scratch_name)
        copy = scratch / "fixtures"
        shutil.copytree(fixtures, copy, symlinks=True)
        names = [str(path) for path in discover(copy)]
        jobs: dict[tuple[str, str], list[str]] = {}
        for name in names:
            jobs[(name, "kompose")] = [args.kompose, *KOMPOSE_ARGS, name]
            jobs[(name, "orchconv")] = [args.orchconv, *ORCHCONV_ARGS, name]
        print(f"converting {len(names)} fixtures with both tools", file=sys.stderr)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            done = dict(zip(jobs, pool.map(lambda a: run_tool(a, copy, scratch), jobs.values()),
                            strict=True))
        print("validating", file=sys.stderr)
        validator_version = validate(done, args.validator, scratch)

    about = {
        "kompose": f"{tool_version([args.kompose, 'version'])}, built from"
                   f" `{checkout_revision(args.checkout)}` by scripts/peers/kompose.sh",
        "orchconv": tool_version([args.orchconv, "--version"]),
        "validator": f"kubernetes-validate {validator_version}, `--strict`, its default"
                     " Kubernetes version",
        "commands": f"`kompose {' '.join(KOMPOSE_ARGS)} F`, `orchconv"
                    f" {' '.join(ORCHCONV_ARGS)} F`, run in the fixture tree",
    }
    if args.keep:
        keep(done, args.keep)
    rows = [Row(name, done[(name, "kompose")], done[(name, "orchconv")],
                tuple(flags.get(name, ()))) for name in names]
    text = render(rows, about, NOTES)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        counts = tally(rows)
        print(f"{args.out}: {len(rows)} fixtures; both converted {counts['both converted']},"
              f" both refused {counts['both refused']}, differ"
              f" {counts['only kompose converts'] + counts['only orchconv converts']}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
