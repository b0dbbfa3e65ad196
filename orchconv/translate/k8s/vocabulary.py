"""What the Kubernetes emitter writes and its loader reads back: one definition for both.

Both sides of the k8s format agree on these names; keeping them here means a
change to one cannot leave the other reading something that is no longer written.
"""

from __future__ import annotations

NAME = "app.kubernetes.io/name"
PART_OF = "app.kubernetes.io/part-of"
MANAGED_BY = "app.kubernetes.io/managed-by"
COMPONENT = "app.kubernetes.io/component"
# The component of the ConfigMaps and the Secret holding a service's environment: the
# loader reads a secretKeyRef into that Secret back as a plain environment value.
ENV_COMPONENT = "env"
MANAGER = "orchconv"
NETWORK_PREFIX = "orchconv.io/network-"
# Pod annotation listing (comma-separated) the keys that were compose `annotations`:
# the other user annotations of a pod template are compose `labels`.
ANNOTATION_KEYS = "orchconv.io/annotations"
# The label that asks for a Service type; a manifest's type reads back as it.
SERVICE_TYPE_LABEL = "orchconv.io/service-type"
# Service types that publish every port outside the cluster (and read back as the label).
PUBLISHING_TYPES = ("NodePort", "LoadBalancer")
# orchconv's spelling of the directives that make an Ingress and a HorizontalPodAutoscaler;
# reading those objects back gives these labels (kompose's twins are below).
INGRESS_LABEL = "orchconv.io/ingress"
INGRESS_TLS_LABEL = "orchconv.io/ingress.tls-secret"
INGRESS_CLASS_LABEL = "orchconv.io/ingress.class"
HPA_MIN_LABEL = "orchconv.io/hpa.min"
HPA_MAX_LABEL = "orchconv.io/hpa.max"
HPA_CPU_LABEL = "orchconv.io/hpa.cpu"
HPA_MEMORY_LABEL = "orchconv.io/hpa.memory"
# Annotation of a ConfigMap or claim made from a bind mount: the bind's source, relative
# to the project ("./conf"); the loader reads the object back as that bind.
BIND_SOURCE = "orchconv.io/bind-source"
# An Ingress rule without a host answers every host: the directive's value for it.
ANY_HOST = "true"

# Directive labels (docs/kompose-labels.md): each is the tuple of its spellings, orchconv's
# first where it has one, kompose's after.  The emitter reads any spelling (the first set
# wins, emit/directives.py); the loader writes the first.
SERVICE_TYPE = (SERVICE_TYPE_LABEL, "kompose.service.type")
CONTROLLER = ("orchconv.io/controller", "kompose.controller.type")
VOLUME_SIZE = ("orchconv.io/volume-size", "kompose.volume.size")
STORAGE_CLASS = ("orchconv.io/storage-class", "kompose.volume.storage-class-name")
NODE_PORT = ("kompose.service.nodeport.port",)
TRAFFIC_POLICY = ("kompose.service.external-traffic-policy",)
PULL_POLICY = ("kompose.image-pull-policy",)
PULL_SECRET = ("kompose.image-pull-secret",)
FS_GROUP = ("kompose.security-context.fsgroup",)
SERVICE_ACCOUNT = ("kompose.serviceaccount-name",)
CRON_SCHEDULE = ("kompose.cronjob.schedule",)
CRON_CONCURRENCY = ("kompose.cronjob.concurrency_policy",)
CRON_BACKOFF = ("kompose.cronjob.backoff_limit",)
INGRESS = (INGRESS_LABEL, "kompose.service.expose")
INGRESS_TLS = (INGRESS_TLS_LABEL, "kompose.service.expose.tls-secret")
INGRESS_CLASS = (INGRESS_CLASS_LABEL, "kompose.service.expose.ingress-class-name")
HPA_MIN = (HPA_MIN_LABEL, "kompose.hpa.replicas.min")
HPA_MAX = (HPA_MAX_LABEL, "kompose.hpa.replicas.max")
HPA_CPU = (HPA_CPU_LABEL, "kompose.hpa.cpu")
HPA_MEMORY = (HPA_MEMORY_LABEL, "kompose.hpa.memory")
INIT_NAME = ("orchconv.io/init.name", "kompose.init.containers.name")
INIT_IMAGE = ("orchconv.io/init.image", "kompose.init.containers.image")
INIT_COMMAND = ("orchconv.io/init.command", "kompose.init.containers.command")
VOLUME_TYPE = ("orchconv.io/volume-type", "kompose.volume.type")
# kompose reads `subpath`; its docs once spelled it `sub-path`: both are read.
SUB_PATH = ("orchconv.io/volume-subpath", "kompose.volume.subpath", "kompose.volume.sub-path")
HOST_PORTS = ("orchconv.io/host-ports", "kompose.controller.port.expose")
POD_GROUP = ("orchconv.io/pod", "kompose.service.group")
# kompose reads these in deploy.labels; we read them there and in the service's labels.
EPHEMERAL_LIMIT = ("orchconv.io/ephemeral-storage.limit", "kompose.ephemeral-storage.limit")
EPHEMERAL_REQUEST = ("orchconv.io/ephemeral-storage.request",
                     "kompose.ephemeral-storage.request")
PROBE_FIELDS = ("test", "http_get_path", "http_get_port", "tcp_port", "interval", "timeout",
                "retries", "start_period", "disable")


def probe_keys(kind: str, field: str) -> tuple[str, str]:
    """The two spellings of one probe setting: kind is liveness or readiness."""
    return f"orchconv.io/{kind}.{field}", f"kompose.service.healthcheck.{kind}.{field}"
