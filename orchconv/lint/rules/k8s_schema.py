"""k8s-schema: an object that breaks its Kubernetes release's OpenAPI schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from orchconv.lint.context import LintContext
from orchconv.lint.finding import Finding, Level
from orchconv.lint.rule import Rule
from orchconv.lint.rules._k8s import K8S_KINDS
from orchconv.lint.rules.deprecated_api_version import removal_of
from orchconv.location import Loc


class K8sSchema(Rule):
    """An object that the chosen Kubernetes release's API would refuse as written.

    ## What it does
    Validates each object strictly against the OpenAPI schema of the
    Kubernetes release given by `--k8s-version` (or `k8s-version` in the
    configuration; the newest supported release, 1.35, otherwise): unknown
    fields, missing required fields, wrong types and values outside an
    enumeration, each at the line and column of the offending key.  Kinds the
    release does not define (custom resources) are not checked; an
    `apiVersion` that Kubernetes removed is `deprecated-api-version`'s.  The
    schemas come with the `k8s` extra (`pip install 'orchconv[k8s]'`);
    without it, or for a release it has no schemas for, the file gets one
    `info` finding saying it was not checked.

    ## Why it matters
    `kubectl apply` refuses unknown fields by default (server-side field
    validation, generally available since 1.27) and wrong types, so the
    mistake shows at deploy time, one object at a time.  Older tools dropped unknown fields
    silently: a misspelt `readinessprobe` simply did nothing.

    ## Example
    ```yaml
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: "80", targetport: 8080}]
    ```

    ## Fix
    Correct the field the message names; `kubectl explain KIND.FIELD` shows
    the schema.
    """

    id = "k8s-schema"
    kinds = K8S_KINDS
    level = Level.ERROR
    category = "schema"

    def check(self, context: LintContext) -> Iterator[Finding]:
        from orchconv.errors import InputError
        from orchconv.translate.k8s.load.validate import (
            EXTRA_HINT,
            schemas_available,
            validate_manifest,
        )
        from orchconv.translate.k8s.versions import DEFAULT_VERSION, SUPPORTED_VERSIONS

        version = context.k8s_version or DEFAULT_VERSION
        start = Loc(context.path, 1, 1)
        if version not in SUPPORTED_VERSIONS:
            yield self.finding(
                context,
                f"not checked: no schemas for Kubernetes {version}"
                f" (available: {', '.join(SUPPORTED_VERSIONS)})",
                start, level=Level.INFO)
            return
        if not schemas_available():
            yield self.finding(context, f"not checked: {EXTRA_HINT}", start, level=Level.INFO)
            return
        for document in context.documents:
            data = document.data
            if not isinstance(data, Mapping) or _removed(data):
                continue
            try:
                problems = validate_manifest(data, version)
            except InputError as error:  # schemas missing for this release
                yield self.finding(context, f"not checked: {error.message}", start,
                                   level=Level.INFO)
                return
            for problem in problems:
                where = problem.path or "(object)"
                yield self.finding(context, f"{_label(data)}: {where}: {problem.message}",
                                   problem.loc or document.loc)


def _removed(data: Mapping[str, object]) -> bool:
    """An apiVersion Kubernetes removed: deprecated-api-version says so, once."""
    api_version, kind = data.get("apiVersion"), data.get("kind")
    return (isinstance(api_version, str) and isinstance(kind, str)
            and removal_of(api_version, kind) is not None)


def _label(data: Mapping[str, object]) -> str:
    metadata = data.get("metadata")
    name = metadata.get("name") if isinstance(metadata, Mapping) else None
    return f"{data.get('kind', '?')} {str(name) if name is not None else '?'!r}"
