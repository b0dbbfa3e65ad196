"""The typed intermediate representation every format loads into and emits from."""

from orchconv.ir.deploy import (
    Deploy,
    DeployMode,
    Device,
    GenericResource,
    Placement,
    PlacementPreference,
    Resources,
    ResourceSpec,
    RestartPolicy,
    UpdateConfig,
)
from orchconv.ir.location import NOWHERE, Loc
from orchconv.ir.loss import Loss
from orchconv.ir.project import FileObject, Ipam, Network, Project, Volume
from orchconv.ir.service import (
    Build,
    Dependency,
    DeviceMapping,
    EnvFile,
    FileRef,
    Healthcheck,
    Logging,
    Mount,
    Port,
    Service,
    ServiceNetwork,
    Ulimit,
)
from orchconv.ir.topology import Cluster, ClusterNode, NodeRole, Platform
from orchconv.ir.values import Extra, Json

__all__ = [
    "NOWHERE",
    "Build",
    "Cluster",
    "ClusterNode",
    "Dependency",
    "Deploy",
    "DeployMode",
    "Device",
    "DeviceMapping",
    "EnvFile",
    "Extra",
    "FileObject",
    "FileRef",
    "GenericResource",
    "Healthcheck",
    "Ipam",
    "Json",
    "Loc",
    "Logging",
    "Loss",
    "Mount",
    "Network",
    "NodeRole",
    "Placement",
    "PlacementPreference",
    "Platform",
    "Port",
    "Project",
    "ResourceSpec",
    "Resources",
    "RestartPolicy",
    "Service",
    "ServiceNetwork",
    "Ulimit",
    "UpdateConfig",
    "Volume",
]
