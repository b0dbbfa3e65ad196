"""A connection to a Kubernetes API server from a kubeconfig and context.

Uses the official `kubernetes` client (the `deploy` extra), imported only here
and only when a Kubernetes backend is used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchconv.deploy.base import DeployError

FIELD_MANAGER = "orchconv"


@dataclass
class Cluster:
    """A dynamic client and the namespace objects go to when they name none."""

    api: Any  # kubernetes.dynamic.DynamicClient
    default_namespace: str

    def resource(self, api_version: str, kind: str) -> Any:
        from kubernetes.dynamic.exceptions import ResourceNotFoundError

        try:
            return self.api.resources.get(api_version=api_version, kind=kind)
        except ResourceNotFoundError:
            raise DeployError(f"the cluster does not serve {kind} ({api_version})") from None


def _kubeconfig_path(kubeconfig: Path | None) -> str | None:
    if kubeconfig is not None:
        return str(kubeconfig)
    from_env = os.environ.get("KUBECONFIG")
    if from_env:
        return from_env.split(os.pathsep)[0]
    default = Path.home() / ".kube" / "config"
    return str(default) if default.is_file() else None


def connect(kubeconfig: Path | None = None, context: str | None = None) -> Cluster:
    """A dynamic client for the context (default: the kubeconfig's current context)."""
    try:
        from kubernetes import config, dynamic
        from kubernetes.config.config_exception import ConfigException
    except ImportError:
        raise DeployError("the Kubernetes backend needs the `kubernetes` package:"
                          " pip install 'orchconv[deploy]'") from None
    path = _kubeconfig_path(kubeconfig)
    if path is None:
        raise DeployError("no kubeconfig: pass --kubeconfig or set KUBECONFIG")
    try:
        client = config.new_client_from_config(  # type: ignore[no-untyped-call]
            config_file=path, context=context)
        contexts, current = config.list_kube_config_contexts(  # type: ignore[no-untyped-call]
            config_file=path)
    except (ConfigException, OSError) as error:
        raise DeployError(f"cannot use kubeconfig {path}: {error}") from None
    chosen = next((c for c in contexts if c["name"] == context), current) if context else current
    namespace = str(((chosen or {}).get("context") or {}).get("namespace") or "default")
    try:
        api = dynamic.DynamicClient(client)  # type: ignore[no-untyped-call]
    except Exception as error:  # urllib3 and API errors alike: the server is not reachable
        raise DeployError(f"cannot reach the Kubernetes API server: {_reason(error)}") from None
    return Cluster(api, namespace)


def _reason(error: Exception) -> str:
    text = str(getattr(error, "reason", "") or error)
    return " ".join(text.split())[:300]


def api_error(error: Exception, what: str) -> DeployError:
    """A one-line DeployError from an API exception, with the server's message."""
    import json

    body = getattr(error, "body", None)
    message = ""
    if body:
        try:
            message = str(json.loads(body).get("message", ""))
        except (ValueError, AttributeError):
            message = ""
    return DeployError(f"{what}: {message or _reason(error)}")
