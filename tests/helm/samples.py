"""Inputs of the chart tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orchconv.translate.result import Conversion, Document

ROOT = Path(__file__).resolve().parent.parent.parent
WORDPRESS = ROOT / "examples" / "wordpress" / "docker-compose.yml"
GOLDEN = ROOT / "golden" / "compose"
# Golden compose cases whose charts must render what compose2k8s writes.
GOLDEN_CASES = ("seed-wordpress", "seed-shared-volume", "seed-service-options", "seed-ports",
                "deploy-everything", "deploy-modes", "environment-forms", "healthcheck-forms",
                "ports-long-syntax", "volumes-long-syntax", "service-runtime-options",
                "resource-names")

API_KEY = "s3cr3t-api-key-value"
DB_SECRET = "db-file-secret-value"
SHOP = """\
name: shop
services:
  web:
    image: registry.example.com:5000/shop/web:1.4
    ports: ["80:8080"]
    deploy:
      replicas: 2
      resources:
        limits: {cpus: "0.5", memory: 256M}
    environment:
      MODE: prod
      API_KEY: API_KEY_VALUE
    secrets: [db]
  my-db:
    image: postgres:1.4
    volumes: [data:/var/lib/postgresql/data]
    secrets: [db]
secrets:
  db: {file: ./db.txt}
volumes:
  data: {}
""".replace("API_KEY_VALUE", API_KEY)


def shop(folder: Path) -> Path:
    """A project with a credential in its environment and a file secret."""
    (folder / "db.txt").write_text(DB_SECRET)
    (folder / "compose.yaml").write_text(SHOP)
    return folder / "compose.yaml"


def _labels(name: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "site",
            "app.kubernetes.io/managed-by": "orchconv"}


def exposed_conversion() -> Conversion:
    """What the k8s emitter writes for a service with an Ingress and an autoscaler."""
    selector = {"app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": "site"}
    objects: list[dict[str, Any]] = [
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "web", "labels": _labels("web")},
         "spec": {"type": "ClusterIP", "selector": selector,
                  "ports": [{"name": "tcp-80", "port": 80, "protocol": "TCP",
                             "targetPort": 80}]}},
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"name": "web", "labels": _labels("web")},
         "spec": {"replicas": 1, "selector": {"matchLabels": selector},
                  "template": {"metadata": {"labels": selector},
                               "spec": {"containers": [{"name": "web",
                                                        "image": "nginx:1.27"}]}}}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
         "metadata": {"name": "web", "labels": _labels("web")},
         "spec": {"ingressClassName": "nginx",
                  "tls": [{"hosts": ["web.example.com"], "secretName": "web-tls"}],
                  "rules": [{"host": "web.example.com", "http": {"paths": [
                      {"path": "/", "pathType": "Prefix",
                       "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}},
        {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
         "metadata": {"name": "web", "labels": _labels("web")},
         "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                     "name": "web"},
                  "minReplicas": 2, "maxReplicas": 5,
                  "metrics": [{"type": "Resource", "resource": {
                      "name": "cpu", "target": {"type": "Utilization",
                                                "averageUtilization": 70}}}]}},
    ]
    return Conversion([Document(f"web-{o['kind'].lower()}", o) for o in objects])
