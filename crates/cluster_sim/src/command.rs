//! Commands (the only way, with `step`, to change the cluster) and the API-server-style errors they can return.

use crate::ids::{DeploymentName, NodeName, NodeTypeName, PodName};
use crate::load::LoadSpec;
use crate::spec::{
    ClusterAutoscalerSpec, DeploymentSpec, HpaSpec, ResourceList, ResourceQuotaSpec, ServiceSpec,
    VpaSpec,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A full object as `kubectl apply -f` / `kubectl create -f` sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ObjectSpec {
    Deployment(DeploymentSpec),
    HorizontalPodAutoscaler(HpaSpec),
    Service(ServiceSpec),
    ResourceQuota(ResourceQuotaSpec),
    VerticalPodAutoscaler(VpaSpec),
}

impl ObjectSpec {
    pub fn kind(&self) -> ObjectKind {
        match self {
            ObjectSpec::Deployment(_) => ObjectKind::Deployment,
            ObjectSpec::HorizontalPodAutoscaler(_) => ObjectKind::HorizontalPodAutoscaler,
            ObjectSpec::Service(_) => ObjectKind::Service,
            ObjectSpec::ResourceQuota(_) => ObjectKind::ResourceQuota,
            ObjectSpec::VerticalPodAutoscaler(_) => ObjectKind::VerticalPodAutoscaler,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            ObjectSpec::Deployment(s) => s.name.as_str(),
            ObjectSpec::HorizontalPodAutoscaler(s) => s.name.as_str(),
            ObjectSpec::Service(s) => s.name.as_str(),
            ObjectSpec::ResourceQuota(s) => s.name.as_str(),
            ObjectSpec::VerticalPodAutoscaler(s) => s.name.as_str(),
        }
    }
}

/// Object kinds, with the names kubectl prints for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ObjectKind {
    Pod,
    Node,
    Deployment,
    ReplicaSet,
    HorizontalPodAutoscaler,
    Service,
    ResourceQuota,
    VerticalPodAutoscaler,
}

impl ObjectKind {
    /// `Deployment`, as in `Deployment/web` and event INVOLVED OBJECT.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Pod => "Pod",
            ObjectKind::Node => "Node",
            ObjectKind::Deployment => "Deployment",
            ObjectKind::ReplicaSet => "ReplicaSet",
            ObjectKind::HorizontalPodAutoscaler => "HorizontalPodAutoscaler",
            ObjectKind::Service => "Service",
            ObjectKind::ResourceQuota => "ResourceQuota",
            ObjectKind::VerticalPodAutoscaler => "VerticalPodAutoscaler",
        }
    }

    /// `<resource>.<group>` as in `deployments.apps "web" not found`.
    pub fn resource_group(self) -> &'static str {
        match self {
            ObjectKind::Pod => "pods",
            ObjectKind::Node => "nodes",
            ObjectKind::Deployment => "deployments.apps",
            ObjectKind::ReplicaSet => "replicasets.apps",
            ObjectKind::HorizontalPodAutoscaler => "horizontalpodautoscalers.autoscaling",
            ObjectKind::Service => "services",
            ObjectKind::ResourceQuota => "resourcequotas",
            ObjectKind::VerticalPodAutoscaler => "verticalpodautoscalers.autoscaling.k8s.io",
        }
    }

    /// `<kind lowercase>.<group>` as in the success line `deployment.apps/web created`.
    pub fn name_prefix(self) -> &'static str {
        match self {
            ObjectKind::Pod => "pod",
            ObjectKind::Node => "node",
            ObjectKind::Deployment => "deployment.apps",
            ObjectKind::ReplicaSet => "replicaset.apps",
            ObjectKind::HorizontalPodAutoscaler => "horizontalpodautoscaler.autoscaling",
            ObjectKind::Service => "service",
            ObjectKind::ResourceQuota => "resourcequota",
            ObjectKind::VerticalPodAutoscaler => "verticalpodautoscaler.autoscaling.k8s.io",
        }
    }
}

/// A reference to one object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub name: String,
}

impl ObjectRef {
    pub fn new(kind: ObjectKind, name: impl Into<String>) -> Self {
        ObjectRef {
            kind,
            name: name.into(),
        }
    }
}

/// Everything that changes the cluster, other than time passing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// `kubectl create -f`: AlreadyExists if the object exists.
    Create(ObjectSpec),
    /// `kubectl apply -f`: create, or update in place (`configured` / `unchanged`).
    Apply(ObjectSpec),
    /// `kubectl delete <kind> <name>`.
    Delete { kind: ObjectKind, name: String },
    /// `kubectl scale deployment NAME --replicas=N`.
    ScaleDeployment { name: DeploymentName, replicas: u32 },
    /// `kubectl set resources deployment NAME [-c C] --requests=... --limits=...`: only the given fields change.
    SetResources {
        deployment: DeploymentName,
        container: Option<String>,
        requests: ResourceList,
        limits: ResourceList,
    },
    /// `kubectl set image deployment NAME C=IMAGE`.
    SetImage {
        deployment: DeploymentName,
        container: String,
        image: String,
    },
    /// Vertical scaling by moving the pods to another node type (nodeSelector on instance type); None removes it.
    SetNodeType {
        deployment: DeploymentName,
        node_type: Option<NodeTypeName>,
    },
    /// `kubectl delete pod NAME` (its ReplicaSet makes a replacement).
    DeletePod { name: PodName },
    /// Add a node of a catalogue type (Ready after the node start-up delay, or at once when `immediate`).
    AddNode {
        node_type: NodeTypeName,
        immediate: bool,
    },
    /// Drain and remove a node (`kubectl drain` + delete).
    RemoveNode { name: NodeName },
    /// Turn the Cluster Autoscaler on (Some) or off (None).
    SetClusterAutoscaler(Option<ClusterAutoscalerSpec>),
    /// Change the offered load.
    SetLoad(LoadSpec),
}

/// `Error from server (<Reason>)` reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApiErrorReason {
    NotFound,
    AlreadyExists,
    Invalid,
    Forbidden,
    BadRequest,
}

impl ApiErrorReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiErrorReason::NotFound => "NotFound",
            ApiErrorReason::AlreadyExists => "AlreadyExists",
            ApiErrorReason::Invalid => "Invalid",
            ApiErrorReason::Forbidden => "Forbidden",
            ApiErrorReason::BadRequest => "BadRequest",
        }
    }
}

/// A rejected command, printed by kubectl as `Error from server (<reason>): <message>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub reason: ApiErrorReason,
    pub message: String,
}

impl ApiError {
    pub fn not_found(kind: ObjectKind, name: &str) -> Self {
        ApiError {
            reason: ApiErrorReason::NotFound,
            message: format!("{} \"{name}\" not found", kind.resource_group()),
        }
    }

    pub fn already_exists(kind: ObjectKind, name: &str) -> Self {
        ApiError {
            reason: ApiErrorReason::AlreadyExists,
            message: format!("{} \"{name}\" already exists", kind.resource_group()),
        }
    }

    /// `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be ...`.
    pub fn invalid(kind: ObjectKind, name: &str, field: &str, detail: &str) -> Self {
        let group = match kind.resource_group().split_once('.') {
            Some((_, g)) => format!("{}.{g}", kind.as_str()),
            None => kind.as_str().to_string(),
        };
        ApiError {
            reason: ApiErrorReason::Invalid,
            message: format!("{group} \"{name}\" is invalid: {field}: {detail}"),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            reason: ApiErrorReason::BadRequest,
            message: message.into(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Error from server ({}): {}",
            self.reason.as_str(),
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

/// What a successful command did, as kubectl's name printer reports it (`deployment.apps/web scaled`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub object: ObjectRef,
    pub operation: Operation,
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.operation {
            Operation::Deleted => {
                write!(
                    f,
                    "{} \"{}\" deleted",
                    self.object.kind.name_prefix(),
                    self.object.name
                )
            }
            op => write!(
                f,
                "{}/{} {}",
                self.object.kind.name_prefix(),
                self.object.name,
                op.as_str()
            ),
        }
    }
}

/// The verb of a success line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    Created,
    Configured,
    Unchanged,
    Deleted,
    Scaled,
    ResourceRequirementsUpdated,
    ImageUpdated,
    Patched,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Created => "created",
            Operation::Configured => "configured",
            Operation::Unchanged => "unchanged",
            Operation::Deleted => "deleted",
            Operation::Scaled => "scaled",
            Operation::ResourceRequirementsUpdated => "resource requirements updated",
            Operation::ImageUpdated => "image updated",
            Operation::Patched => "patched",
        }
    }
}
