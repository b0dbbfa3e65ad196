"""Key removals done as line deletions (lint/textfix.py) give ruamel's round trip's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchconv.lint.fix import apply_fixes, round_trip_fixes
from orchconv.lint.fixscope import Unique
from orchconv.lint.textfix import apply_line_edits, remove_keys

ROOT = Path(__file__).resolve().parents[2]
def _parses(path: Path) -> bool:
    from orchconv.errors import OrchconvError
    from orchconv.source.yamltree import parse_documents

    try:
        list(parse_documents(path.read_text(encoding="utf-8"), str(path)))
    except OrchconvError:  # the golden cases of bad YAML: nothing to remove from
        return False
    return True


FILES = sorted(p for p in {*(ROOT / "examples").rglob("*.y*ml"),
                           *(ROOT / "golden" / "compose").glob("*/*.y*ml"),
                           *(ROOT / "golden" / "swarm").glob("*/docker-compose.yml")}
               if _parses(p))


def _remove(*paths: tuple[str | int, ...], document: int = 0) -> list[Unique]:
    return [(document, path, "remove-key", ()) for path in paths]


# (text, fixes): each the text path takes; the result must be the round trip's, byte for byte
TAKEN: list[tuple[str, list[Unique]]] = [
    ("version: '3.8'\nservices:\n  web:\n    image: nginx\n", _remove(("version",))),
    ("# the stack\nversion: \"3\"\nservices:\n  web:\n    image: nginx\n",
     _remove(("version",))),
    ("services:\n  web:\n    image: nginx\nversion: '2.4'\n", _remove(("version",))),
    ("services:\n  web:\n    image: nginx\n    deploy:\n      mode: global\n      replicas: 3\n"
     "      resources:\n        limits:\n          cpus: '0.5'\n    ports:\n      - 80:80\n",
     _remove(("services", "web", "deploy", "replicas"))),
    ("services:\n  web:\n    image: nginx\n    # why links\n    links:\n      - db\n"
     "      - cache\n    environment:\n      A: ${A}\n  db:\n    image: postgres\n",
     _remove(("services", "web", "links"))),
    ("version: '3'\r\nservices:\r\n  web:\r\n    image: nginx\r\n    container_name: w\r\n",
     _remove(("version",), ("services", "web", "container_name"))),
    ("---\nversion: '3'\nservices:\n  a:\n    image: x\n---\nversion: '3'\nservices:\n"
     "  b:\n    image: y\n", _remove(("version",), document=1)),
    ("services:\n    web:\n        image: nginx\n        cpu_shares: 5\n        volumes:\n"
     "        -   data:/x\n", _remove(("services", "web", "cpu_shares"))),
    ("services:\n  web:\n    image: nginx\n    command: >\n      run\n      this\n"
     "    user: app\n", _remove(("services", "web", "command"))),
]

def _set(path: tuple[str | int, ...], value: str) -> Unique:
    return (0, path, "set-key", (("value", value),))


def _move(service: str) -> Unique:
    return (0, ("services", service, "restart"), "move-restart-to-deploy", ())


# (text, fixes) of the other edits the line edits take
EDITED: list[tuple[str, list[Unique]]] = [
    ("services:\n  web:\n    image: nginx\n    restart: always\n    user: a\n",
     [_move("web")]),
    ("services:\n  web:\n    image: nginx\n    restart: on-failure:3\n    deploy:\n"
     "      replicas: 2\n      resources:\n        limits:\n          cpus: '1'\n"
     "    user: a\n", [_move("web")]),
    ("services:\n    web:\n        restart: unless-stopped\n        image: nginx\n"
     "        deploy:\n            replicas: 2\n", [_move("web")]),
    ("services:\n  web:\n    restart: always\n    deploy:\n      restart_policy:\n"
     "        condition: none\n", [_move("web")]),
    ("services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n"
     "        condition: service_healthy\n      cache:\n        condition: service_started\n"
     "    user: a\n  db:\n    image: postgres\n  cache:\n    image: redis\n",
     [_set(("services", "web", "depends_on"), "[db, cache]")]),
    ("version: '3.8'\r\nservices:\r\n  web:\r\n    image: nginx\r\n    restart: always\r\n"
     "    depends_on:\r\n      db:\r\n        condition: service_started\r\n  db:\r\n"
     "    image: x\r\nvolumes:\r\n  data: {}\r\n",
     [(0, ("version",), "remove-key", ()), _move("web"),
      _set(("services", "web", "depends_on"), "[db]")]),
]


@pytest.mark.parametrize(("text", "fixes"), EDITED)
def test_line_edits_match_the_round_trip_byte_for_byte(text: str, fixes: list[Unique]) -> None:
    edited = apply_line_edits(text, fixes)
    assert edited is not None
    assert edited == round_trip_fixes(text, fixes)
    assert edited != text


@pytest.mark.parametrize("stack", [False, True])
def test_the_fixes_of_generated_services_match_the_round_trip(stack: bool) -> None:
    """The benchmark's input (scripts/gen_compose.py), with every fix lint finds in it."""
    import importlib
    import sys

    from orchconv.lint.engine import Linter

    sys.path.insert(0, str(ROOT / "scripts"))
    generate = importlib.import_module("gen_compose").generate
    text = ("version: '3.8'\n" if stack else "version: '2.4'\n") + generate(60)
    linter = Linter()
    result = linter.lint_text(None, text, "bench.stack.yml" if stack else "bench.yml")
    fixes = list(dict.fromkeys((f.fix.document, f.fix.path, f.fix.apply, f.fix.arguments)
                               for f in result.findings if f.fix is not None))
    assert len(fixes) > (100 if stack else 0)
    edited = apply_line_edits(text, fixes)
    assert edited is not None
    assert edited == round_trip_fixes(text, fixes)


# what the text path leaves to the round trip
DECLINED: list[tuple[str, list[Unique]]] = [
    ("services:\n  web:\n    image: nginx\n    links:\n      - db\n\n  db:\n    image: x\n",
     _remove(("services", "web", "links"))),  # a blank line after the entry
    ("services:\n  web:\n    image: nginx\n    links: [db]  # why\n",
     _remove(("services", "web", "links"))),  # a comment in it
    ("services:\n  web:\n    image: nginx\n    links:\n      - db\n    # next\n    user: a\n",
     _remove(("services", "web", "links"))),  # a comment after it
    ("x: &a 1\nversion: '3'\n", _remove(("version",))),  # an anchor
    ("services: {web: {image: nginx, links: [db]}}\n",
     _remove(("services", "web", "links"))),  # flow style
    ("services:\n  web:\n    links:\n      - db\n", _remove(("services", "web", "links"))),
    ("services:\n  - name: a\n    b: 1\n", _remove(("services", 0, "name"))),  # `- key:`
    ("services:\n  web:\n    image: nginx\n", _remove(("services", "db", "image"))),  # missing
    ("services:\n  web:\n    image: nginx\n    user: app\n    networks:\n      default: ~\n",
     _remove(("services", "web", "user"))),  # a null, which the round trip rewrites
    ("version: '3'\nservices: {}\n",
     [(0, ("version",), "set-key", (("value", "'3.8'"),))]),  # another edit
    ("services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n"
     "        condition: service_started\n    user: a\n",
     [_set(("services", "web", "depends_on"), '["db"]')]),  # not as flow_list writes it
    ("services:\n  web:\n    image: nginx\n    restart: always\n    deploy:\n"
     "      # replicas\n      replicas: 2\n", [_move("web")]),  # a comment in deploy
    ("services:\n  web:\n    image: nginx\n    restart: always\n    deploy:\n",
     [_move("web")]),  # an empty deploy
]


@pytest.mark.parametrize(("text", "fixes"), DECLINED[-3:])
def test_what_line_edits_cannot_place_goes_to_the_round_trip(text: str,
                                                            fixes: list[Unique]) -> None:
    assert apply_line_edits(text, fixes) is None


@pytest.mark.parametrize(("text", "fixes"), TAKEN)
def test_line_deletion_matches_the_round_trip_byte_for_byte(text: str,
                                                             fixes: list[Unique]) -> None:
    deleted = remove_keys(text, fixes)
    assert deleted is not None
    assert deleted == round_trip_fixes(text, fixes)
    assert deleted != text


@pytest.mark.parametrize(("text", "fixes"), DECLINED)
def test_what_line_deletion_cannot_place_goes_to_the_round_trip(text: str,
                                                               fixes: list[Unique]) -> None:
    assert remove_keys(text, fixes) is None


def _only_deletes(before: str, after: str) -> bool:
    """Whether `after` is `before` with some whole lines taken out and nothing else."""
    import difflib

    matcher = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                      autojunk=False)
    return all(tag in ("equal", "delete") for tag, *_ in matcher.get_opcodes())


@pytest.mark.parametrize("example", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_removing_any_key_of_the_examples_and_goldens_matches(example: Path) -> None:
    """Every top-level and service key of the examples and golden inputs, removed alone:
    where the text path takes it, the same bytes as the round trip."""
    from orchconv.source.yamltree import YMap, parse_documents

    text = example.read_text(encoding="utf-8")
    documents = [data for data, _ in parse_documents(text, str(example))]
    for index, data in enumerate(documents):
        if not isinstance(data, YMap):
            continue
        services = data.get("services")
        paths: list[tuple[str | int, ...]] = [(key,) for key in data]
        if isinstance(services, YMap):
            paths += [("services", name, key) for name, service in services.items()
                      if isinstance(service, YMap) for key in service]
        for path in paths:
            fixes = _remove(path, document=index)
            deleted = remove_keys(text, fixes)
            if deleted is None:
                continue
            assert _only_deletes(text, deleted), path
            assert deleted == round_trip_fixes(text, fixes), path
        others: list[Unique] = []  # the other edits, where a service has what they change
        for name, service in (services.items() if isinstance(services, YMap) else ()):
            if isinstance(service, YMap) and "restart" in service:
                others.append((index, ("services", name, "restart"), "move-restart-to-deploy",
                               ()))
            if isinstance(service, YMap) and isinstance(service.get("depends_on"), YMap):
                value = "[" + ", ".join(service["depends_on"]) + "]"
                others.append((index, ("services", name, "depends_on"), "set-key",
                               (("value", value),)))
        for fix in others:
            edited = apply_line_edits(text, [fix])
            if edited is not None:
                assert edited == round_trip_fixes(text, [fix]), fix


def test_apply_fixes_takes_the_text_path_without_loading_ruamel() -> None:
    import subprocess
    import sys

    script = ("import sys\nfrom orchconv.lint.finding import Fix\n"
              "from orchconv.lint.fix import apply_fixes\n"
              "out = apply_fixes(\"version: '3'\\nservices:\\n  a:\\n    image: x\\n\","
              " [Fix('d', ('version',), 'remove-key')])\n"
              "print(out.startswith('services:'), 'ruamel.yaml' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["True", "False"]
    assert apply_fixes("version: '3'\n", []) == "version: '3'\n"
