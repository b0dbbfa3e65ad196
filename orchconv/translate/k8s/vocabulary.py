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
# reading those objects back gives these labels (kompose's twins are in emit/directives.py).
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
