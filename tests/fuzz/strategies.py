"""Hypothesis strategies that damage valid inputs, and the settings the fuzz tests run with.

Seeds are the repository's own valid inputs: the compose, stack and manifest
files of golden/ and examples/, plus a small generated project.  Two kinds of
damage:

- bytes: flips, cuts, repeats, splices between seeds and YAML's special
  characters dropped anywhere, so the reader meets broken syntax, bad UTF-8,
  NUL bytes, tabs, anchors and tags;
- structure: the seed read as data, then values replaced by values of other
  types or by strings that mean something to a compose or Kubernetes field
  (ports, sizes, durations, `${...}`), keys dropped, added or renamed, values
  wrapped in lists, and the result written back as YAML.

Profiles: `ci` (the default: few examples, no deadline, fixed seed) and
`long` (HYPOTHESIS_PROFILE=long; ORCHCONV_FUZZ_EXAMPLES examples per target,
default 2,000).
"""

from __future__ import annotations

import copy
import importlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from orchconv.errors import OrchconvError
from orchconv.source.yamlout import dump_yaml
from orchconv.source.yamltree import parse_documents

ROOT = Path(__file__).resolve().parents[2]
_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=_CHECKS, print_blob=True)
settings.register_profile(
    "long", max_examples=int(os.environ.get("ORCHCONV_FUZZ_EXAMPLES", "2000")), deadline=None,
    suppress_health_check=_CHECKS, print_blob=True)
# Applied per test (not loaded globally), so the other property tests keep their own.
FUZZ = settings.get_profile("long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "ci")


# --------------------------------------------------------------------------- seeds


def _files(*patterns: str) -> list[Path]:
    found = {p for pattern in patterns for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(found)


@cache
def compose_seeds() -> tuple[bytes, ...]:
    sys.path.insert(0, str(ROOT / "scripts"))
    generate = importlib.import_module("gen_compose").generate

    paths = _files("golden/compose/*/docker-compose.yml", "golden/compose/*/compose.yaml",
                   "examples/wordpress/docker-compose.yml")
    return (str(generate(3)).encode(), *(p.read_bytes() for p in paths))


@cache
def stack_seeds() -> tuple[bytes, ...]:
    paths = _files("golden/swarm/*/docker-compose.yml", "examples/wordpress-stack/*.yml")
    return tuple(p.read_bytes() for p in paths)


@cache
def topology_seeds() -> tuple[bytes, ...]:
    """Swarm inventories and kind cluster configurations."""
    paths = _files("examples/swarm-topology/*.yaml", "golden/lint/odd-manager-count/*/*.yaml")
    return tuple(p.read_bytes() for p in paths)


@cache
def manifest_seeds() -> tuple[bytes, ...]:
    paths = _files("golden/k8s2compose/*/input/*.yaml", "examples/hello-k8s/*.yaml")
    return tuple(p.read_bytes() for p in paths)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def seed_data(seeds: tuple[bytes, ...]) -> list[Any]:
    """The seeds as plain data (a manifest file gives one entry per document)."""
    data: list[Any] = []
    for seed in seeds:
        try:
            data.extend(_plain(value) for value, _ in parse_documents(seed.decode(), "seed"))
        except OrchconvError:  # a seed that only our reader's strictness refuses
            continue
    return [d for d in data if isinstance(d, dict)]


# --------------------------------------------------------------------------- values

MEANINGFUL = [
    "", "0", "-1", "1e999", "0x1F", "0o17", "017", "1_000", "inf", ".nan", "-.inf", "true",
    "yes", "no", "on", "null", "~", "80", "80:80", "127.0.0.1:8080:80/udp", "8000-8010:80",
    "[::1]:80:80", "a:b:c:d", "65536:80", "0:0", "1.5GB", "512m", "-5m", "1e3", "10ms",
    "1h2m3s", "-5s", "1d", "${X}", "${X:-default}", "${X:?must be set}", "${X:+alt}",
    "$${X}", "${", "$", "${X", "${ X }", "$X", "service:db", "container:x", "host", "none",
    "bridge", "/abs/path", "./rel", "../up", "~/home", "C:\\win", "data:/data:ro,z",
    "./a:/b:rw,nocopy", ":::", "/:/", "nfs://host/x", "\x00", "\t", "\u2028", "é",
    "a" * 300, "bind", "volume", "tmpfs", "npipe", "cluster", "image", "always",
    "on-failure:3", "unless-stopped", "CMD", "CMD-SHELL", "NONE", "replicated", "global",
    "replicated-job", "global-job", "node.role==manager", "0.5", "1024", "-0", "+1",
    "service_healthy", "service_completed_successfully", "ReadWriteOnce", "ClusterIP",
    "NodePort", "LoadBalancer", "TCP", "SCTP", "IfNotPresent", "apps/v1", "v1", "batch/v1",
    "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Service", "Pod",
    "ConfigMap", "Secret", "PersistentVolumeClaim", "Ingress", "List", "*/5 * * * *", "8Gi",
    "100m", "2.5", "!reset", "<<",
]


@cache
def known_keys() -> tuple[str, ...]:
    """Property names of our compose schema, and every key the seeds use."""
    keys: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(str(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    schema = json.loads((ROOT / "orchconv" / "schemas" / "compose.schema.json").read_text())
    walk(schema)
    for seeds in (compose_seeds(), stack_seeds(), manifest_seeds(), topology_seeds()):
        walk(seed_data(seeds))
    return tuple(sorted(k for k in keys if not k.startswith("$")))


def keys() -> st.SearchStrategy[str]:
    return st.sampled_from(known_keys()) | st.text(min_size=1, max_size=12)


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(), st.booleans(), st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(MEANINGFUL),
        st.text(max_size=30),
    )


def values() -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars(),
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(keys(), children, max_size=4),
        max_leaves=12,
    )


# --------------------------------------------------------------------------- damage


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_locations(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_locations(item, (*path, index)))
    return found


def _parent_and_key(root: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    return parent, path[-1]


@st.composite
def damaged_tree(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> Any:
    """A seed read as data, with a few values, keys and types changed."""
    data = copy.deepcopy(draw(st.sampled_from(seed_data(seeds))))
    for _ in range(draw(st.integers(1, 5))):
        path = draw(st.sampled_from(_locations(data)))
        if not path:  # the document itself
            if draw(st.booleans()):
                data[draw(keys())] = draw(values())
            continue
        parent, key = _parent_and_key(data, path)
        action = draw(st.sampled_from(["replace", "delete", "add", "wrap", "rename", "copy"]))
        if action == "replace":
            parent[key] = draw(values())
        elif action == "delete":
            del parent[key]
        elif action == "wrap":
            parent[key] = [parent[key]] if draw(st.booleans()) else {draw(keys()): parent[key]}
        elif isinstance(parent, dict) and action == "rename":
            parent[draw(keys())] = parent.pop(key)
        elif isinstance(parent, dict):
            parent[draw(keys())] = copy.deepcopy(parent[key]) if action == "copy" \
                else draw(values())
        else:
            parent.insert(draw(st.integers(0, len(parent))), draw(values()))
    return data


@st.composite
def damaged_tree_text(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> str:
    return dump_yaml(draw(damaged_tree(seeds)))


YAML_PIECES = [
    b":", b": ", b"- ", b"? ", b"{", b"}", b"[", b"]", b",", b"&a ", b"*a", b"!!str ",
    b"!!int ", b"!reset ", b"!override ", b"<<: ", b"\t", b"${", b"$$", b"\x00", b"\xff",
    b"\xc3", b"\n", b"  ", b"#", b"'", b'"', b"|", b">", b"---\n", b"...\n", b"%YAML 1.1\n",
    b"\r\n", b"\xef\xbb\xbf", b"\\", b"\xe2\x80\xa8",
]


@st.composite
def damaged_bytes(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """A seed with a few bytes flipped, cut, repeated or spliced from another seed."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "piece", "cut", "repeat", "splice"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "piece":
            data[at:at] = draw(st.sampled_from(YAML_PIECES))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 64))]
        else:
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start:start + draw(st.integers(1, 200))]
    return bytes(data)
