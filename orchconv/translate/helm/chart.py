"""The chart folder: Chart.yaml, values.yaml and its schema, templates/, NOTES.txt,
.helmignore, a README, and the project's Secrets in secrets/ (outside the chart).

The files are rendered with jinja2 from templates/*.j2 in this package.  jinja2 uses
`[[ ]]` and `[% %]` here, so Helm's own `{{ }}` in them pass through untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orchconv.source.yamlout import dump_yaml
from orchconv.translate.helm.expressions import value_path
from orchconv.translate.helm.objects import ChartBuilder, Template
from orchconv.translate.helm.schema import values_schema
from orchconv.translate.k8s.vocabulary import PART_OF
from orchconv.translate.output_dir import OutFile
from orchconv.translate.result import Conversion

if TYPE_CHECKING:
    import jinja2

SECRETS_FOLDER = "secrets"


@dataclass
class ChartConversion(Conversion):
    """A conversion whose output is a chart folder: `files` are its contents."""

    files: list[OutFile] = field(default_factory=list)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        block_start_string="[%", block_end_string="%]",
        variable_start_string="[[", variable_end_string="]]",
        comment_start_string="[#", comment_end_string="#]",
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        autoescape=False, undefined=jinja2.StrictUndefined)


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def chart_name(documents: Iterable[dict[str, Any]]) -> str:
    """The project's name as a chart name: lower-case letters, digits and dashes."""
    for document in documents:
        project = document.get("metadata", {}).get("labels", {}).get(PART_OF)
        if isinstance(project, str):
            name = re.sub(r"[^a-z0-9]+", "-", project.lower()).strip("-")
            if name:
                return name
    return "chart"


def _app_version(documents: list[dict[str, Any]], builder: ChartBuilder) -> str:
    tags = {section["image"]["tag"] for section in builder.values.services.values()
            if "image" in section}
    return tags.pop() if len(tags) == 1 and "" not in tags else "latest"


def _stem(name: str, seen: set[str]) -> str:
    stem, number = name, 2
    while stem in seen:
        stem, number = f"{name}-{number}", number + 1
    seen.add(stem)
    return stem


def _template_files(templates: list[Template]) -> list[OutFile]:
    """One file per service (its workload, Service, Ingress, autoscaler), one per other
    object (ConfigMap, claim, NetworkPolicy)."""
    groups: dict[str, list[Template]] = {}
    for template in templates:
        groups.setdefault(template.owner or template.name, []).append(template)
    seen: set[str] = {"_helpers", "NOTES"}
    files = []
    for name, members in groups.items():
        text = _render("object.yaml.j2", objects=members)
        files.append(OutFile(f"templates/{_stem(name, seen)}.yaml", text,
                             any(m.private for m in members)))
    return files


def _values_text(name: str, builder: ChartBuilder) -> str:
    sections = []
    for key, section in builder.values.ordered().items():
        kinds = builder.owned_kinds.get(key)
        what = f"{key}: {', '.join(kinds)}" if kinds else f"{key}: a container of a shared pod"
        sections.append({"comment": what, "yaml": dump_yaml({key: section})})
    persistence = dump_yaml({"persistence": builder.values.persistence})
    secrets = dump_yaml({"secrets": builder.values.secrets}) if builder.values.secrets else ""
    return _render("values.yaml.j2", name=name, sections=sections, persistence=persistence,
                   secrets=secrets)


def _notes(name: str, builder: ChartBuilder, secrets: list[str]) -> str:
    services = []
    for key, section in builder.values.ordered().items():
        ports = section.get("service", {}).get("ports", [])
        if "enabled" in section and ports:
            port = ports[0]["port"]
            local = port if port >= 1024 else 8000 + port  # no root needed: 80 -> 8080
            services.append({"name": key, "enabled": value_path(key, "enabled"),
                             "port": f"{local}:{port}"})
    return _render("NOTES.txt.j2", name=name, services=services, secrets=secrets)


def _schema_text(schema: dict[str, Any]) -> str:
    """Indented down to one line per property: as readable as `indent=2` for a person,
    and written by json's C encoder (indent makes it use the Python one: slow for
    a thousand services)."""
    texts: dict[int, str] = {}  # by identity: the schema shares one object among services

    def text(value: Any) -> str:
        if id(value) not in texts:
            texts[id(value)] = json.dumps(value)
        return texts[id(value)]

    def block(mapping: dict[str, Any], indent: str) -> str:
        lines = [f"{indent}  {json.dumps(key)}: {rendered}," for key, rendered in (
            (key, block(value, indent + "  ") if key in ("properties", "definitions")
             and indent == "" else text(value)) for key, value in mapping.items())]
        if lines:
            lines[-1] = lines[-1][:-1]
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"

    return block(schema, "") + "\n"


def emit_chart(conversion: Conversion) -> ChartConversion:
    """The chart of the k8s emitter's objects; the conversion's losses carry over."""
    # the documents become templates in place: a chart's output is its files
    documents = [d.data for d in conversion.documents]
    name = chart_name(documents)
    builder = ChartBuilder(name, documents)
    secrets = builder.secrets
    templates = [builder.template(d) for d in documents if d.get("kind") != "Secret"]
    # what values.yaml calls the Secrets: a service's existingSecret or secrets.<name>
    secret_refs = [value_path(*where) for where in builder.secret_paths()]
    readme_secrets = [s["metadata"]["name"] for s in secrets]
    example = next(iter(builder.values.services), "web")
    files = [
        OutFile("Chart.yaml", _render(
            "Chart.yaml.j2", name=name, app_version=_app_version(documents, builder),
            description=f"{name}, converted to Kubernetes by orchconv")),
        OutFile("values.yaml", _values_text(name, builder)),
        OutFile("values.schema.json", _schema_text(values_schema(builder.values))),
        OutFile(".helmignore", _render("helmignore.j2")),
        OutFile("README.md", _render("README.md.j2", name=name, secrets=readme_secrets,
                                     example=example)),
        OutFile("templates/_helpers.tpl", _render("helpers.tpl.j2", name=name)),
        OutFile("templates/NOTES.txt", _notes(name, builder, secret_refs)),
        *_template_files(templates),
    ]
    seen: set[str] = set()
    for secret in secrets:
        stem = _stem(secret["metadata"]["name"], seen)
        files.append(OutFile(f"{SECRETS_FOLDER}/{stem}.yaml", dump_yaml(secret), private=True))
    return ChartConversion([], conversion.losses, conversion.warnings, conversion.environ,
                           files)
