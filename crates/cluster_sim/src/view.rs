//! View models handed out by the engine: plain data (Clone + PartialEq + Serialize) for kubectl output,
//! the lab's drawings and charts, and tests. Nothing here borrows engine internals.

use crate::command::ObjectRef;
use crate::hpa::PodPhase;
use crate::ids::{
    DeploymentName, HpaName, NodeName, NodeTypeName, PodName, QuotaName, ServiceName, VpaName,
};
use crate::spec::{
    Balancing, ClusterAutoscalerSpec, HpaBehavior, Labels, MetricSpec, PodTemplate, QuotaResources,
    ResourceList, Resources, SessionAffinity, VpaUpdateMode,
};
use serde::Serialize;

/// One container's state inside a pod.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    pub requests: ResourceList,
    pub limits: ResourceList,
    pub ready: bool,
    pub restart_count: u32,
    /// `Running`, `Waiting`, or `Terminated`.
    pub state: String,
    /// Waiting or terminated reason: `ContainerCreating`, `CrashLoopBackOff`, `OOMKilled`, `Error`, `ImagePullBackOff`.
    pub reason: Option<String>,
    pub last_termination_reason: Option<String>,
    pub has_readiness_probe: bool,
    /// Exit code of the last termination (137 for OOMKilled, 1 for a crash).
    pub last_exit_code: Option<i32>,
}

/// A pod, with what `kubectl get/describe/top pod` and the lab's pod cards show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PodView {
    pub name: PodName,
    pub namespace: String,
    pub uid: String,
    pub labels: Labels,
    /// The owning Deployment (the ReplicaSet is `<deployment>-<template_hash>`).
    pub deployment: Option<DeploymentName>,
    pub template_hash: String,
    pub phase: PodPhase,
    /// The STATUS column: `Pending`, `ContainerCreating`, `Running`, `Terminating`, `CrashLoopBackOff`,
    /// `OOMKilled`, `Error`, `ImagePullBackOff`, `Completed`.
    pub status: String,
    /// The Ready condition.
    pub ready: bool,
    pub ready_containers: u32,
    pub total_containers: u32,
    pub restarts: u32,
    pub last_restart_tick: Option<u64>,
    pub created_tick: u64,
    /// `status.startTime` (the kubelet accepted the pod).
    pub started_tick: Option<u64>,
    pub ready_since_tick: Option<u64>,
    pub node: Option<NodeName>,
    pub ip: Option<String>,
    pub containers: Vec<ContainerView>,
    /// Sum over containers (absent when any container lacks it: then HPA utilization is undefined).
    pub requests: Resources,
    pub limits: Resources,
    pub cpu_request_missing: bool,
    /// Latest metrics-server sample (`kubectl top`), None until the first scrape after start.
    pub cpu_milli_usage: Option<u64>,
    pub memory_mib_usage: Option<u64>,
    /// Why it is Pending: the scheduler's message (`0/3 nodes are available: 3 Insufficient cpu.`).
    pub pending_reason: Option<String>,
    pub deleting: bool,
    /// The model finished loading (requests can succeed).
    pub model_loaded: bool,
    /// The pod is an endpoint of a Service right now.
    pub receiving_traffic: bool,
    pub queue_len: u32,
    /// Requests this pod finished in the last tick.
    pub served_last_tick: u32,
    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready` (what `kubectl describe pod` lists).
    pub conditions: Vec<ConditionView>,
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    pub qos_class: String,
}

/// A ReplicaSet (`kubectl get rs`): one per pod-template hash of a Deployment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplicaSetView {
    /// `<deployment>-<hash>`.
    pub name: String,
    pub deployment: DeploymentName,
    pub template_hash: String,
    /// `spec.replicas`: the Deployment's replicas for the current template, else the pods it still has.
    pub desired: u32,
    pub current: u32,
    pub ready: u32,
    pub created_tick: u64,
}

/// A Deployment with `kubectl get deploy` numbers and its rollout state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeploymentView {
    pub name: DeploymentName,
    pub namespace: String,
    /// `spec.replicas`.
    pub replicas: u32,
    pub selector: Labels,
    pub template: PodTemplate,
    /// Current pod-template hash (`<name>-<hash>` is the ReplicaSet).
    pub template_hash: String,
    /// Pods not being deleted.
    pub current_replicas: u32,
    pub updated_replicas: u32,
    pub ready_replicas: u32,
    pub available_replicas: u32,
    pub unavailable_replicas: u32,
    pub created_tick: u64,
    pub conditions: Vec<ConditionView>,
    /// All pods are updated, ready, and no old ones remain.
    pub rollout_complete: bool,
    /// Requests injected by a VPA, if one is active.
    pub vpa_requests: Option<Resources>,
}

/// A status condition (`Type Status Reason Message`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConditionView {
    pub kind: String,
    /// `True` / `False`.
    pub status: bool,
    pub reason: String,
    pub message: String,
    pub last_transition_tick: u64,
}

/// One `status.currentMetrics` entry; `None` values print as `<unknown>`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricStatusView {
    pub spec: MetricSpec,
    pub current_utilization_percent: Option<u32>,
    pub current_average_value_milli: Option<u64>,
}

/// A HorizontalPodAutoscaler, spec (after API defaulting) and status.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HpaView {
    pub name: HpaName,
    pub namespace: String,
    pub target: DeploymentName,
    pub min_replicas: Option<u32>,
    pub max_replicas: u32,
    pub metrics: Vec<MetricSpec>,
    pub behavior: Option<HpaBehavior>,
    pub current_replicas: u32,
    pub desired_replicas: u32,
    pub current_metrics: Vec<MetricStatusView>,
    pub conditions: Vec<ConditionView>,
    pub last_scale_tick: Option<u64>,
    pub created_tick: u64,
    /// The last replica calculation's explanation ("why 5 replicas?"), one sentence per line.
    pub last_explanation: Vec<String>,
}

/// A node with capacity, allocation and usage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeView {
    pub name: NodeName,
    pub node_type: NodeTypeName,
    /// `Ready`, `NotReady`, `Ready,SchedulingDisabled`.
    pub status: String,
    pub ready: bool,
    pub schedulable: bool,
    /// Still booting (added by the autoscaler or a command).
    pub provisioning: bool,
    pub roles: String,
    pub version: String,
    pub created_tick: u64,
    pub capacity: Resources,
    pub allocatable: Resources,
    /// Σ requests / limits of the non-terminated pods bound to it.
    pub allocated_requests: Resources,
    pub allocated_limits: Resources,
    /// Live usage (for `kubectl top nodes`).
    pub cpu_milli_usage: u64,
    pub memory_mib_usage: u64,
    pub pod_count: u32,
    pub price_usd_per_hour: f64,
    pub labels: Labels,
}

/// A Service and its endpoints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceView {
    pub name: ServiceName,
    pub namespace: String,
    pub selector: Labels,
    pub cluster_ip: String,
    pub port: u16,
    pub session_affinity: SessionAffinity,
    pub balancing: Balancing,
    /// Pod IPs that receive traffic.
    pub endpoints: Vec<String>,
    pub created_tick: u64,
}

/// A ResourceQuota with hard limits and current use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuotaView {
    pub name: QuotaName,
    pub namespace: String,
    pub hard: QuotaResources,
    pub used: QuotaResources,
    pub created_tick: u64,
}

/// A VPA's recommendation (`status.recommendation.containerRecommendations[0]`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VpaRecommendation {
    pub target: Resources,
    pub lower_bound: Resources,
    pub upper_bound: Resources,
    pub uncapped_target: Resources,
}

/// A VerticalPodAutoscaler.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VpaView {
    pub name: VpaName,
    pub target: DeploymentName,
    pub update_mode: VpaUpdateMode,
    pub recommendation: Option<VpaRecommendation>,
    pub created_tick: u64,
}

/// `Normal` or `Warning`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// A Kubernetes event; repeats of the same (object, reason, message) bump `count` and `last_tick`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventView {
    /// Increases every time the event is recorded or repeated: poll with `events_since`.
    pub seq: u64,
    pub event_type: EventType,
    pub reason: String,
    pub object: ObjectRef,
    pub message: String,
    /// Reporting component: `default-scheduler`, `horizontal-pod-autoscaler`, `kubelet`, ...
    pub source: String,
    pub first_tick: u64,
    pub last_tick: u64,
    pub count: u32,
}

/// A plain-language sentence about something that just happened, for a screen reader's live region
/// ("HPA my-ml-model scaled my-ml-model from 3 to 5 replicas: CPU 82 % against a target of 50 %").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Narration {
    pub seq: u64,
    pub tick: u64,
    pub text: String,
}

/// One tick of the metrics history (small and `Copy`: the lab charts read these from a ring buffer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TickMetrics {
    pub tick: u64,
    /// Mean offered load this second (the pattern's rate) and the requests actually generated.
    pub load_rps: f64,
    pub generated: u64,
    pub served: u64,
    pub failed: u64,
    pub dropped: u64,
    /// Requests waiting in pod queues at the end of the tick.
    pub queued: u64,
    /// Cumulative counters: `generated_total == served_total + failed_total + dropped_total + queued`.
    pub generated_total: u64,
    pub served_total: u64,
    pub failed_total: u64,
    pub dropped_total: u64,
    /// Latency of the requests served this tick (0 when none were served).
    pub latency_ms_p50: f64,
    pub latency_ms_p95: f64,
    pub latency_ms_p99: f64,
    /// Σ spec.replicas of all Deployments.
    pub replicas_desired: u32,
    /// Pods not being deleted.
    pub replicas_current: u32,
    pub replicas_ready: u32,
    pub pods_pending: u32,
    pub pods_total: u32,
    pub nodes: u32,
    pub nodes_ready: u32,
    /// Requests per second the ready pods could serve at full CPU.
    pub ready_capacity_rps: f64,
    /// Average CPU usage over the pods' CPU requests, in percent (None when no pod has a request).
    pub cpu_utilization_percent: Option<f64>,
    /// The first HPA's utilization target, for the chart's band.
    pub hpa_target_percent: Option<u32>,
    /// Cost of all nodes so far, in US dollars.
    pub cost_usd: f64,
}

/// The whole cluster at one tick (built on demand: fine per frame at 200 pods).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterView {
    pub tick: u64,
    pub seed: u64,
    pub nodes: Vec<NodeView>,
    pub pods: Vec<PodView>,
    pub deployments: Vec<DeploymentView>,
    pub hpas: Vec<HpaView>,
    pub services: Vec<ServiceView>,
    pub quotas: Vec<QuotaView>,
    pub vpas: Vec<VpaView>,
    pub cluster_autoscaler: Option<ClusterAutoscalerSpec>,
    pub metrics: TickMetrics,
}

/// A per-run summary for strategy comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunSummary {
    pub strategy: String,
    pub seconds: u64,
    pub generated: u64,
    pub served: u64,
    pub failed: u64,
    pub dropped: u64,
    /// (failed + dropped) / generated, in percent.
    pub error_percent: f64,
    pub dropped_percent: f64,
    /// 95th percentile over the per-tick p95 latencies of ticks that served requests.
    pub latency_ms_p95: f64,
    pub peak_replicas: u32,
    pub peak_nodes: u32,
    pub cost_usd: f64,
}
