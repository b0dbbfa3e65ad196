"""The projects the round-trip tests deploy: golden compose cases and the seed examples.

A golden case is loaded from its inputs with its `args` (-f, -p, --env-file,
--profile, --project-directory) and `env`, as `orchconv config` loads it.
Every source is then made runnable here (busybox.py), written out as a
compose file and loaded again: that reloaded project is what gets deployed
and what the read-back is compared with.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.ir.project import Project
from orchconv.source.yamlout import dump_yaml
from orchconv.translate.compose.emitter import project_to_data
from orchconv.translate.compose.loader import load_project
from orchconv.translate.compose.options import LoadOptions
from tests.deploy.busybox import PAGE, busybox_project
from tests.goldens import ROOT, cases

EXAMPLES = ROOT / "examples"


_PATH_OPTIONS = {"-f": "files", "--file": "files", "--env-file": "env_files",
                 "--profile": "profiles"}


def _options(folder: Path, args: list[str], env: dict[str, str]) -> LoadOptions:
    """The LoadOptions `orchconv config ARGS` would use in `folder`."""
    lists: dict[str, list[Any]] = {"files": [], "env_files": [], "profiles": []}
    single: dict[str, Any] = {}
    words = iter(args)
    for word in words:
        option, _, inline = word.partition("=")
        value = inline or next(words)
        if option in _PATH_OPTIONS:
            name = _PATH_OPTIONS[option]
            lists[name].append(value if name == "profiles" else Path(value))
        elif option in ("-p", "--project-name"):
            single["project_name"] = value
        elif option == "--project-directory":
            single["project_directory"] = Path(value)
        else:
            raise ValueError(f"{folder.name}/args: option {option} is not handled here")
    return LoadOptions(files=tuple(lists["files"]), env_files=tuple(lists["env_files"]),
                       profiles=tuple(lists["profiles"]), working_dir=folder,
                       os_environ={**os.environ, **env}, **single)


@dataclass(frozen=True)
class Source:
    id: str
    folder: Path
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()

    def load(self) -> Project:
        return load_project(_options(self.folder, list(self.args), dict(self.env))).project


def golden_sources() -> list[Source]:
    """Golden compose cases that load (those with expected.yaml, not expected.err)."""
    return [Source(case.id, case.path, tuple(case.args([])), tuple(case.env().items()))
            for case in cases("compose") if case.expected_output.is_file()]


def example_sources() -> list[Source]:
    return [Source(f"examples/{name}", EXAMPLES / name)
            for name in ("wordpress", "wordpress-stack")]


def deployable(source: Source, name: str, work: Path, target: str) -> Project:
    """The busybox copy of `source` for `target`, written as a compose file and loaded back."""
    runnable = busybox_project(source.load(), name, work, target)
    folder = work / "source"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "compose.yaml"
    path.write_text(dump_yaml(project_to_data(runnable)))
    return load_project(LoadOptions(files=(path,), project_name=name, os_environ={})).project


def published_pages(project: Project) -> dict[str, int]:
    """service -> host port, for services with one replica and a fixed published port."""
    found: dict[str, int] = {}
    for name, service in project.services.items():
        replicas = (service.deploy.replicas if service.deploy else None) or service.scale or 1
        command = service.command or ()
        if replicas != 1 or "httpd" not in command:
            continue
        listening = int(command[command.index("-p") + 1])
        for port in service.ports:
            if port.target == listening and port.published and port.published.isdigit() \
                    and port.host_ip in (None, "", "0.0.0.0") and port.protocol in (None, "tcp"):
                found[name] = int(port.published)
                break
    return found


def fetch_page(port: int, timeout: float = 2.0) -> str:
    url = f"http://127.0.0.1:{port}/"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # loopback only
            body: bytes = answer.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return f"<no answer: {error}>"


def pages_answer(project: Project) -> dict[str, str]:
    """Services whose page does not answer with the test page (within the tests'
    timeout: a task reported running may still be binding its port), and what they
    said."""
    import time

    from tests.deploy.timeouts import scaled

    failing: dict[str, str] = {}
    for name, port in published_pages(project).items():
        deadline = time.monotonic() + scaled(0.25)
        while True:
            said = fetch_page(port)
            if PAGE in said:
                failing.pop(name, None)
                break
            failing[name] = said
            if time.monotonic() >= deadline:
                break
            time.sleep(0.5)
    return failing
