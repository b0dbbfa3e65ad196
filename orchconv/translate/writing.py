"""Write a conversion's documents: to stdout, a file, or a folder of files."""

from __future__ import annotations

import json
from pathlib import Path

from orchconv.errors import InputError
from orchconv.ir.location import Loc
from orchconv.source.output import write_atomic
from orchconv.source.yamlout import dump_json, dump_yaml, dump_yaml_documents
from orchconv.translate.result import Conversion

SINGLE_FILE_NAMES = {"compose": "docker-compose.yml", "swarm": "stack.yml"}


def render(conversion: Conversion, target_format: str, fmt: str = "yaml") -> str:
    """All documents as one text: a YAML stream for Kubernetes, one document otherwise."""
    datas = [d.data for d in conversion.documents]
    if target_format == "k8s":
        if fmt == "json":
            return dump_json({"apiVersion": "v1", "kind": "List", "items": datas})
        return dump_yaml_documents(datas)
    if len(datas) != 1:
        raise InputError(f"expected one {target_format} document, got {len(datas)}")
    return dump_json(datas[0]) if fmt == "json" else dump_yaml(datas[0])


def write_secret_env(environ: dict[str, str], path: Path) -> Path:
    """The values of Secrets a compose file now reads from its environment, mode 0600."""
    lines = [f"{key}={json.dumps(value)}" for key, value in sorted(environ.items())]
    write_atomic(path, "\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def _kustomization(files: list[str], namespace: str | None) -> str:
    data: dict[str, object] = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
    }
    if namespace:
        data["namespace"] = namespace
    data["resources"] = files
    return dump_yaml(data)


def write_directory(conversion: Conversion, target_format: str, folder: Path,
                    namespace: str | None = None) -> list[Path]:
    """One file per Kubernetes object plus kustomization.yaml; one file otherwise."""
    if folder.exists() and not folder.is_dir():
        raise InputError("output is not a folder", Loc(str(folder)))
    if target_format != "k8s":
        path = folder / SINGLE_FILE_NAMES[target_format]
        write_atomic(path, render(conversion, target_format))
        if conversion.environ:
            return [path, write_secret_env(conversion.environ, folder / ".env")]
        return [path]
    written: list[Path] = []
    names: list[str] = []
    seen: set[str] = set()
    for document in conversion.documents:
        stem = document.name
        number = 2
        while stem in seen:
            stem = f"{document.name}-{number}"
            number += 1
        seen.add(stem)
        path = folder / f"{stem}.yaml"
        write_atomic(path, dump_yaml(document.data))
        written.append(path)
        names.append(path.name)
    kustomization = folder / "kustomization.yaml"
    write_atomic(kustomization, _kustomization(names, namespace))
    return [*written, kustomization]
