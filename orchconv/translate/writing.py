"""Write a conversion's documents: to stdout, one file, or a folder of files.

`-o` means one thing everywhere: an existing folder, or a path ending in `/`, is a folder
(one file per Kubernetes object plus kustomization.yaml; docker-compose.yml or stack.yml, and
.env for secret values); anything else is one file (a YAML stream, or a JSON `List`, for
Kubernetes). `--format json` is honoured in both.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from orchconv.errors import InputError
from orchconv.source.output import write_atomic
from orchconv.source.yamlout import dump_json, dump_yaml, yaml_documents
from orchconv.translate.result import Conversion, Document
from orchconv.translate.secret_material import holds_secret

if TYPE_CHECKING:  # output_dir loads for -o DIR only
    from orchconv.translate.output_dir import OutFile

SINGLE_FILE_NAMES = {"compose": "docker-compose", "swarm": "stack"}
SUFFIXES = {"yaml": {"compose": ".yml", "swarm": ".yml", "k8s": ".yaml"},
            "json": {"compose": ".json", "swarm": ".json", "k8s": ".json"}}
KUSTOMIZATION = "kustomization.yaml"  # kustomize reads no other name; YAML whatever --format
SECRET_ENV = ".env"


def is_stdout(output: str | None) -> bool:
    return output is None or output == "-"


def is_folder(output: str | None) -> bool:
    """The `-o` rule: an existing folder, or a path ending in a separator, names a folder."""
    if is_stdout(output):
        return False
    assert output is not None
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def render_chunks(conversion: Conversion, target_format: str, fmt: str = "yaml"
                  ) -> Iterator[str]:
    """The output text in pieces, one Kubernetes document at a time, so a writer never holds
    the whole YAML stream (nor its encoded copy) beside the documents. Bad input is refused
    here, before the first piece."""
    datas = [d.data for d in conversion.documents]
    if target_format == "k8s":
        if fmt == "json":
            return iter([dump_json({"apiVersion": "v1", "kind": "List", "items": datas})])
        return yaml_documents(datas)
    if len(datas) != 1:
        raise InputError(f"expected one {target_format} document, got {len(datas)}")
    return iter([dump_json(datas[0]) if fmt == "json" else dump_yaml(datas[0])])


def render(conversion: Conversion, target_format: str, fmt: str = "yaml") -> str:
    """All documents as one text: a YAML stream (or JSON List) for Kubernetes, one document
    otherwise."""
    return "".join(render_chunks(conversion, target_format, fmt))


def secret_env_text(environ: dict[str, str]) -> str:
    """The values of Secrets a compose file now reads from its environment."""
    return "".join(f"{key}={json.dumps(value)}\n" for key, value in sorted(environ.items()))


def _kustomization(files: list[str], namespace: str | None) -> str:
    data: dict[str, object] = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
    }
    if namespace:
        data["namespace"] = namespace
    data["resources"] = files
    return dump_yaml(data)


def _private(document: Document) -> bool:
    """Whether a document holds secret material (written 0600)."""
    return holds_secret(document.data)


def _stem(document: Document, seen: set[str]) -> str:
    base = document.name.replace("/", "-").replace(os.sep, "-").lstrip(".") or "object"
    stem, number = base, 2
    while stem in seen:
        stem = f"{base}-{number}"
        number += 1
    seen.add(stem)
    return stem


def folder_files(conversion: Conversion, target_format: str, fmt: str = "yaml",
                 namespace: str | None = None) -> list[OutFile]:
    """The files of `-o DIR`: one per Kubernetes object plus kustomization.yaml, or the one
    compose/stack file; `.env` with the secret values the output reads."""
    from orchconv.translate.output_dir import OutFile

    dump = dump_json if fmt == "json" else dump_yaml
    suffix = SUFFIXES[fmt][target_format]
    if target_format != "k8s":
        text = render(conversion, target_format, fmt)
        files = [OutFile(SINGLE_FILE_NAMES[target_format] + suffix, text,
                         any(_private(d) for d in conversion.documents))]
    else:
        files = []
        seen: set[str] = {Path(KUSTOMIZATION).stem}
        for document in conversion.documents:
            name = _stem(document, seen) + suffix
            files.append(OutFile(name, dump(document.data), _private(document)))
        files.append(OutFile(KUSTOMIZATION, _kustomization([f.name for f in files], namespace)))
    if conversion.environ:
        files.append(OutFile(SECRET_ENV, secret_env_text(conversion.environ), private=True))
    return files


def write_output(conversion: Conversion, target_format: str, output: str | None,
                 fmt: str = "yaml", namespace: str | None = None, force: bool = False
                 ) -> list[str]:
    """Write by the `-o` rule: stdout, one file (atomically) or a folder (all at once).
    Returns the warnings to show."""
    if is_stdout(output):
        for chunk in render_chunks(conversion, target_format, fmt):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return []
    assert output is not None
    if is_folder(output):
        from orchconv.translate.output_dir import write_folder

        files = folder_files(conversion, target_format, fmt, namespace)
        return write_folder(Path(output), files, force)
    write_atomic(Path(output), render_chunks(conversion, target_format, fmt),
                 private=any(_private(d) for d in conversion.documents))
    return []
