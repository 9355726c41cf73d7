//! Object specs: what a user (kubectl, a scenario file, the lab's controls) asks the cluster to run.
//!
//! These mirror the Kubernetes API fields that matter for scaling, so `kubectl apply -f` of a YAML manifest
//! maps onto them one to one. Sim-only knobs (how heavy the model is) live in [`Workload`], which no YAML has.

use crate::ids::{DeploymentName, HpaName, NodeTypeName, QuotaName, ServiceName, VpaName};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Labels and selectors: sorted so views and hashes are deterministic.
pub type Labels = BTreeMap<String, String>;

/// A request or limit list as written in a manifest: each resource may be absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceList {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_milli: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_mib: Option<u64>,
    /// `nvidia.com/gpu`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<u32>,
}

impl ResourceList {
    /// True when no resource is set at all.
    pub fn is_empty(&self) -> bool {
        self.cpu_milli.is_none() && self.memory_mib.is_none() && self.gpu.is_none()
    }
}

/// Concrete amounts (absent = 0), used for capacity, allocation and usage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Resources {
    pub cpu_milli: u64,
    pub memory_mib: u64,
    pub gpu: u32,
}

/// Largest amounts one container counts with (a million cores, an exbibyte, 65,536 GPUs):
/// a hostile manifest or content file may ask for `u64::MAX`; capped, such a pod stays
/// unschedulable while every sum the engine forms over thousands of pods still fits a `u64`.
pub const MAX_CPU_MILLI: u64 = 1 << 40;
pub const MAX_MEMORY_MIB: u64 = 1 << 40;
pub const MAX_GPU: u32 = 1 << 16;

impl Resources {
    /// A container's stated amounts, each capped (see [`MAX_CPU_MILLI`]).
    pub fn from_list(list: &ResourceList) -> Self {
        Resources {
            cpu_milli: list.cpu_milli.unwrap_or(0).min(MAX_CPU_MILLI),
            memory_mib: list.memory_mib.unwrap_or(0).min(MAX_MEMORY_MIB),
            gpu: list.gpu.unwrap_or(0).min(MAX_GPU),
        }
    }

    /// Saturating, like [`Resources::sub`]: a hostile manifest or content file can ask for
    /// `u64::MAX` millicores, and a node's sum must then stay "full", not wrap (or panic).
    pub fn add(&mut self, other: &Resources) {
        self.cpu_milli = self.cpu_milli.saturating_add(other.cpu_milli);
        self.memory_mib = self.memory_mib.saturating_add(other.memory_mib);
        self.gpu = self.gpu.saturating_add(other.gpu);
    }

    pub fn sub(&mut self, other: &Resources) {
        self.cpu_milli = self.cpu_milli.saturating_sub(other.cpu_milli);
        self.memory_mib = self.memory_mib.saturating_sub(other.memory_mib);
        self.gpu = self.gpu.saturating_sub(other.gpu);
    }
}

/// A readiness probe (`readinessProbe` with an HTTP GET on the model's health endpoint).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeSpec {
    #[serde(default)]
    pub initial_delay_s: u32,
    #[serde(default = "default_probe_period_s")]
    pub period_s: u32,
}

fn default_probe_period_s() -> u32 {
    10
}

impl Default for ProbeSpec {
    fn default() -> Self {
        ProbeSpec {
            initial_delay_s: 0,
            period_s: default_probe_period_s(),
        }
    }
}

/// One container of a pod template.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    #[serde(default)]
    pub requests: ResourceList,
    #[serde(default)]
    pub limits: ResourceList,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<ProbeSpec>,
}

/// A Deployment's pod template. Its hash names the ReplicaSet and appears in every pod name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodTemplate {
    #[serde(default)]
    pub labels: Labels,
    pub containers: Vec<ContainerSpec>,
    /// `nodeSelector: {node.kubernetes.io/instance-type: <type>}`: pin the pods to one node type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type: Option<NodeTypeName>,
}

/// How heavy the served model is. Not part of any manifest: a property of the program in the image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// CPU work per inference request, in millicore-seconds (50 = 50 ms on one full core).
    #[serde(default = "d_cpu_per_request")]
    pub cpu_milli_per_request: u64,
    /// Most CPU one server process can use (its worker threads), when no limit caps it.
    #[serde(default = "d_max_cpu")]
    pub max_cpu_milli: u64,
    /// CPU an idle server burns (health checks, the runtime).
    #[serde(default = "d_idle_cpu")]
    pub idle_cpu_milli: u64,
    /// Seconds from container start until the model is loaded and requests can succeed.
    #[serde(default = "d_model_load")]
    pub model_load_s: u32,
    /// Seconds the kubelet spends pulling the image and creating the container.
    #[serde(default = "d_container_create")]
    pub container_create_s: u32,
    /// Resident memory of a loaded model.
    #[serde(default = "d_memory_base")]
    pub memory_mib_base: u64,
    /// Extra memory per queued request (batch buffers, tensors).
    #[serde(default = "d_memory_per_request")]
    pub memory_mib_per_queued_request: u64,
    /// Requests one pod can hold waiting; beyond this they are dropped.
    #[serde(default = "d_queue_capacity")]
    pub queue_capacity: u32,
    /// The program exits shortly after start (bad config): the pod ends in CrashLoopBackOff.
    #[serde(default)]
    pub crash_on_start: bool,
}

fn d_cpu_per_request() -> u64 {
    50
}
fn d_max_cpu() -> u64 {
    2000
}
fn d_idle_cpu() -> u64 {
    5
}
fn d_model_load() -> u32 {
    30
}
fn d_container_create() -> u32 {
    5
}
fn d_memory_base() -> u64 {
    800
}
fn d_memory_per_request() -> u64 {
    2
}
fn d_queue_capacity() -> u32 {
    100
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            cpu_milli_per_request: d_cpu_per_request(),
            max_cpu_milli: d_max_cpu(),
            idle_cpu_milli: d_idle_cpu(),
            model_load_s: d_model_load(),
            container_create_s: d_container_create(),
            memory_mib_base: d_memory_base(),
            memory_mib_per_queued_request: d_memory_per_request(),
            queue_capacity: d_queue_capacity(),
            crash_on_start: false,
        }
    }
}

/// `apps/v1` Deployment (RollingUpdate with the default 25 % surge / 25 % unavailable).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentSpec {
    pub name: DeploymentName,
    pub replicas: u32,
    /// `spec.selector.matchLabels`; empty means "the template's labels".
    #[serde(default)]
    pub selector: Labels,
    pub template: PodTemplate,
    /// None on apply keeps the current workload (or the default for a new Deployment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
}

impl DeploymentSpec {
    /// A one-container Deployment labelled `app=<name>`, the shape every built-in scenario uses.
    pub fn simple(
        name: &str,
        image: &str,
        replicas: u32,
        requests: ResourceList,
        limits: ResourceList,
    ) -> Self {
        let mut labels = Labels::new();
        labels.insert("app".into(), name.into());
        DeploymentSpec {
            name: DeploymentName(name.into()),
            replicas,
            selector: labels.clone(),
            template: PodTemplate {
                labels,
                containers: vec![ContainerSpec {
                    name: name.into(),
                    image: image.into(),
                    requests,
                    limits,
                    readiness_probe: Some(ProbeSpec::default()),
                }],
                node_type: None,
            },
            workload: None,
        }
    }
}

/// A resource an HPA can target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceName {
    Cpu,
    Memory,
}

impl ResourceName {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceName::Cpu => "cpu",
            ResourceName::Memory => "memory",
        }
    }
}

/// `target:` of a Resource metric.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum MetricTarget {
    /// `type: Utilization, averageUtilization: N` (percent of request).
    Utilization { average_utilization_percent: u32 },
    /// `type: AverageValue, averageValue: 500m` (millicores, or MiB for memory).
    AverageValue { average_value_milli: u64 },
}

/// Per-pod custom metrics the simulated custom-metrics adapter serves (`type: Pods`).
pub const METRIC_REQUESTS_PER_SECOND: &str = "requests_per_second";
/// Per-pod queue length (requests waiting), served by the simulated adapter.
pub const METRIC_QUEUE_LENGTH: &str = "queue_length";

/// One entry of an autoscaling/v2 HPA's `metrics:`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum MetricSpec {
    /// `type: Resource`.
    Resource {
        resource: ResourceName,
        target: MetricTarget,
    },
    /// `type: Pods` with `target.type: AverageValue`; values in milli-units (`20` rps = 20000).
    Pods {
        metric_name: String,
        target_average_value_milli: u64,
    },
}

impl MetricSpec {
    /// CPU utilization target, the `kubectl autoscale --cpu-percent` shape.
    pub fn cpu_utilization(percent: u32) -> Self {
        MetricSpec::Resource {
            resource: ResourceName::Cpu,
            target: MetricTarget::Utilization {
                average_utilization_percent: percent,
            },
        }
    }

    /// The metric's name as the controller writes it in events and conditions.
    pub fn display_name(&self) -> String {
        match self {
            MetricSpec::Resource {
                resource,
                target: MetricTarget::Utilization { .. },
            } => {
                format!(
                    "{} resource utilization (percentage of request)",
                    resource.as_str()
                )
            }
            MetricSpec::Resource {
                resource,
                target: MetricTarget::AverageValue { .. },
            } => {
                format!("{} resource", resource.as_str())
            }
            MetricSpec::Pods { metric_name, .. } => format!("pods metric {metric_name}"),
        }
    }
}

/// `selectPolicy` of a scaling rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelectPolicy {
    Max,
    Min,
    Disabled,
}

/// `type` of a scaling policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyKind {
    Pods,
    Percent,
}

/// One `policies:` entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalingPolicy {
    pub kind: PolicyKind,
    pub value: u32,
    pub period_s: u32,
}

/// `behavior.scaleUp` / `behavior.scaleDown`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalingRules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stabilization_window_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select_policy: Option<SelectPolicy>,
    #[serde(default)]
    pub policies: Vec<ScalingPolicy>,
    /// `tolerance` (v1.33+, HPAConfigurableTolerance); None = the controller's 0.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// `spec.behavior`. When the HPA has one, the API server fills in the defaults (see `Hpa` defaulting).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HpaBehavior {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_up: Option<ScalingRules>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_down: Option<ScalingRules>,
}

/// autoscaling/v2 HorizontalPodAutoscaler spec.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HpaSpec {
    pub name: HpaName,
    /// `scaleTargetRef` (always a Deployment here).
    pub target: DeploymentName,
    /// None prints `<unset>` and means 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<u32>,
    pub max_replicas: u32,
    /// Empty means the API default: CPU utilization 80 %.
    #[serde(default)]
    pub metrics: Vec<MetricSpec>,
    /// None: the legacy path (`kubectl autoscale`, YAML without `behavior:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<HpaBehavior>,
}

/// `spec.sessionAffinity` of a Service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionAffinity {
    #[default]
    None,
    ClientIP,
}

/// How the Service's proxy picks an endpoint for a new connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Balancing {
    #[default]
    RoundRobin,
    LeastRequests,
}

/// A ClusterIP Service in front of the model pods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub name: ServiceName,
    pub selector: Labels,
    #[serde(default = "d_port")]
    pub port: u16,
    #[serde(default)]
    pub session_affinity: SessionAffinity,
    #[serde(default)]
    pub balancing: Balancing,
}

fn d_port() -> u16 {
    80
}

/// The compute resources a ResourceQuota can cap (absent = not capped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaResources {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_cpu_milli: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_memory_mib: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits_cpu_milli: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits_memory_mib: Option<u64>,
}

/// A ResourceQuota in the `default` namespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceQuotaSpec {
    pub name: QuotaName,
    pub hard: QuotaResources,
}

/// `spec.updatePolicy.updateMode` of a VPA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VpaUpdateMode {
    /// Recommend only.
    Off,
    /// Apply to new pods only.
    Initial,
    /// Apply on creation and evict running pods that are far off (the default).
    #[default]
    Recreate,
}

/// A VerticalPodAutoscaler (simplified recommender + updater + admission).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpaSpec {
    pub name: VpaName,
    pub target: DeploymentName,
    #[serde(default)]
    pub update_mode: VpaUpdateMode,
    /// `resourcePolicy.containerPolicies[*].maxAllowed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_allowed: Option<Resources>,
}

/// The Cluster Autoscaler's configuration for one node group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterAutoscalerSpec {
    /// The group's node type (its template node).
    pub node_type: NodeTypeName,
    pub min_nodes: u32,
    pub max_nodes: u32,
    /// Seconds from the scale-up decision until the node is Ready (GCE: 3-4 minutes).
    #[serde(default = "d_provision")]
    pub node_provision_s: u32,
    /// `--scale-down-unneeded-time`.
    #[serde(default = "d_unneeded")]
    pub scale_down_unneeded_s: u32,
    /// `--scale-down-delay-after-add`.
    #[serde(default = "d_unneeded")]
    pub scale_down_delay_after_add_s: u32,
    /// `--scale-down-utilization-threshold`.
    #[serde(default = "d_threshold")]
    pub scale_down_utilization_threshold: f64,
}

fn d_provision() -> u32 {
    180
}
fn d_unneeded() -> u32 {
    600
}
fn d_threshold() -> f64 {
    0.5
}

impl ClusterAutoscalerSpec {
    /// The upstream defaults for a group of `node_type` between `min_nodes` and `max_nodes`.
    pub fn new(node_type: &str, min_nodes: u32, max_nodes: u32) -> Self {
        ClusterAutoscalerSpec {
            node_type: NodeTypeName(node_type.into()),
            min_nodes,
            max_nodes,
            node_provision_s: d_provision(),
            scale_down_unneeded_s: d_unneeded(),
            scale_down_delay_after_add_s: d_unneeded(),
            scale_down_utilization_threshold: d_threshold(),
        }
    }
}

/// A node type of the catalogue, with its price.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeType {
    pub name: NodeTypeName,
    pub capacity: Resources,
    /// Capacity minus kube-reserved, system-reserved and the eviction threshold.
    pub allocatable: Resources,
    pub price_usd_per_hour: f64,
    /// Price in millionths of a dollar per hour, so cost sums stay exact integers.
    pub price_micro_usd_per_hour: u64,
}

/// The node catalogue: small/medium/large general-purpose nodes and one GPU node.
pub fn node_types() -> Vec<NodeType> {
    fn t(
        name: &str,
        cpu: u64,
        mem: u64,
        gpu: u32,
        cpu_alloc: u64,
        mem_alloc: u64,
        micro: u64,
    ) -> NodeType {
        NodeType {
            name: NodeTypeName(name.into()),
            capacity: Resources {
                cpu_milli: cpu,
                memory_mib: mem,
                gpu,
            },
            allocatable: Resources {
                cpu_milli: cpu_alloc,
                memory_mib: mem_alloc,
                gpu,
            },
            price_usd_per_hour: micro as f64 / 1e6,
            price_micro_usd_per_hour: micro,
        }
    }
    vec![
        t("small", 2000, 4096, 0, 1930, 3300, 96_000),
        t("medium", 4000, 16384, 0, 3920, 14900, 192_000),
        t("large", 8000, 32768, 0, 7910, 29800, 384_000),
        t("gpu", 8000, 61440, 1, 7910, 56000, 1_006_000),
    ]
}

/// Look a node type up by name.
pub fn node_type(name: &str) -> Option<NodeType> {
    node_types().into_iter().find(|t| t.name.0 == name)
}
