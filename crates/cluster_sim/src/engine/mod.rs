//! The engine: owns the cluster's truth. `apply(Command)` and `step()` are the only ways to change it.

mod autoscale;
mod kube;
mod log;
mod traffic;

use crate::command::{ApiError, Applied, Command, ObjectKind, ObjectRef, ObjectSpec, Operation};
use crate::hpa::{HpaMemory, PodPhase};
use crate::ids::{DeploymentName, NodeName, NodeTypeName, PodName};
use crate::load::{LoadGenerator, LoadSpec};
use crate::rng::SplitMix64;
use crate::spec::{
    node_types, ClusterAutoscalerSpec, ContainerSpec, DeploymentSpec, HpaSpec, Labels, MetricSpec,
    MetricTarget, NodeType, ProbeSpec, ResourceList, ResourceQuotaSpec, Resources, ScalingRules,
    SelectPolicy, ServiceSpec, VpaSpec, Workload,
};
use crate::view::{
    ClusterView, ConditionView, ContainerView, DeploymentView, EventType, EventView, HpaView,
    MetricStatusView, Narration, NodeView, PodView, QuotaView, ReplicaSetView, RunSummary,
    ServiceView, TickMetrics, VpaRecommendation, VpaView,
};
use log::{EventLog, History, LatencyHistogram};

/// A memo entry: (served << 32 | queue, ceiling << 32 | cost) -> (p50, p95, p99) latency buckets.
pub(crate) type LatencyMemoEntry = ((u64, u64), [usize; 3]);

/// The namespace every object lives in.
pub const NAMESPACE: &str = "default";
/// The simulator's own limits, so no command can make a tick unboundedly slow (the browser must stay
/// responsive): at most this many replicas per Deployment and nodes per autoscaler group.
pub const MAX_REPLICAS: u32 = 5000;
pub const MAX_NODES: u32 = 500;
/// Kubelet `maxPods`.
pub const MAX_PODS_PER_NODE: u32 = 110;
/// `terminationGracePeriodSeconds` default.
pub const TERMINATION_GRACE_S: u64 = 30;
/// metrics-server scrape interval (and sample window).
pub const METRICS_RESOLUTION_S: u64 = 15;

/// Why a container is not running right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WaitReason {
    CrashLoopBackOff,
    ImagePullBackOff,
}

/// The pod's lifecycle state as the kubelet sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PodState {
    /// Not bound to a node.
    Unscheduled,
    /// Bound; the kubelet pulls the image and creates the container until `until`.
    Creating { until: u64 },
    /// The container runs since `since`; the model is loaded from `loaded_at`.
    Running { since: u64, loaded_at: u64 },
    /// The container is down and restarts at `until`; the last termination shows until `show_terminated_until`.
    Waiting {
        until: u64,
        reason: WaitReason,
        show_terminated_until: u64,
    },
}

/// What is wrong with the image, if anything (derived from the image name and the workload).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageProblem {
    None,
    /// The program exits soon after start (bad config): CrashLoopBackOff.
    Crashes,
    /// The image does not exist: ErrImagePull / ImagePullBackOff.
    PullFails,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MetricSample {
    pub cpu_milli: u64,
    pub memory_mib: u64,
    pub rps_milli: u64,
    pub queue_milli: u64,
    pub tick: u64,
}

#[derive(Clone, Debug, PartialEq)]
/// Field order matters here (`repr(C)`): the fields read every tick come first and sit together, so the
/// per-tick loops over 1,000 pods stream through a few cache lines per pod instead of the whole struct.
/// The traffic state (queue, credit, usage, the metrics window) lives in [`Cluster::hot`], not here.
#[repr(C)]
pub(crate) struct Pod {
    // --- read or written every tick
    pub state: PodState,
    pub node: Option<usize>,
    pub deleting_since: Option<u64>,
    pub cpu_limit_milli: Option<u64>,
    pub memory_limit_mib: Option<u64>,
    pub svc_gen: u64,
    pub ready: bool,
    pub endpoint: bool,
    /// The Service selector match, cached for `svc_gen`.
    pub svc_match: bool,
    pub cpu_request_missing: bool,
    pub requests: Resources,
    pub workload: Workload,
    /// The owning Deployment's id and the template's hash value: integer keys for the per-tick loops.
    pub owner_id: u64,
    pub hash_value: u32,
    pub image_problem: ImageProblem,
    pub probe: Option<ProbeSpec>,
    // --- read on events, syncs and views
    pub id: u64,
    pub name: PodName,
    pub uid: String,
    pub deployment: DeploymentName,
    pub template_hash: String,
    pub labels: Labels,
    pub containers: Vec<ContainerSpec>,
    pub limits: Resources,
    pub memory_request_missing: bool,
    pub node_type: Option<NodeTypeName>,
    pub ip: Option<String>,
    pub created_tick: u64,
    pub started_tick: Option<u64>,
    pub ready_transition_tick: u64,
    pub restarts: u32,
    pub last_restart_tick: Option<u64>,
    pub last_termination_reason: Option<&'static str>,
    pub backoff_s: u64,
    pub pending_reason: Option<String>,
    pub last_sched_event_tick: Option<u64>,
    pub metric: Option<MetricSample>,
}

impl Pod {
    pub fn is_running(&self) -> bool {
        matches!(self.state, PodState::Running { .. })
    }

    pub fn model_loaded(&self, tick: u64) -> bool {
        matches!(self.state, PodState::Running { loaded_at, .. } if tick >= loaded_at)
    }

    pub fn phase(&self) -> PodPhase {
        match self.state {
            PodState::Unscheduled | PodState::Creating { .. } => PodPhase::Pending,
            PodState::Waiting {
                reason: WaitReason::ImagePullBackOff,
                ..
            } => PodPhase::Pending,
            PodState::Running { .. } | PodState::Waiting { .. } => PodPhase::Running,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub name: NodeName,
    pub node_type: NodeTypeName,
    pub capacity: Resources,
    pub allocatable: Resources,
    pub price_micro_usd_per_hour: u64,
    pub created_tick: u64,
    pub ready_tick: u64,
    pub cordoned: bool,
    /// Being removed (drain, then delete when empty).
    pub removing: bool,
    pub allocated_requests: Resources,
    pub allocated_limits: Resources,
    /// Requests as the scheduler's scoring sees them (0 counted as 100m / 200Mi).
    pub score_requests: Resources,
    pub pod_count: u32,
    pub cpu_milli_usage: u64,
    pub memory_mib_usage: u64,
    pub subnet: u32,
    pub next_host: u32,
    pub unneeded_since: Option<u64>,
}

impl Node {
    pub fn is_ready(&self, tick: u64) -> bool {
        tick >= self.ready_tick
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Deployment {
    pub spec: DeploymentSpec,
    pub workload: Workload,
    pub hash: String,
    pub id: u64,
    pub hash_value: u32,
    pub created_tick: u64,
    pub vpa_requests: Option<Resources>,
    pub next_create_retry: u64,
    /// Last tick a user command set `spec.replicas` (the HPA corrects it at its next sync).
    pub replicas_set_tick: u64,
    pub replica_failure: Option<String>,
    pub conditions: Vec<ConditionView>,
    /// The last count of this Deployment's pods, valid while `pods_version` and the template are unchanged.
    pub pod_counts: Option<PodCounts>,
}

/// A Deployment's pod count, stamped with what it was counted against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PodCounts {
    pub pods_version: u64,
    pub hash_value: u32,
    pub new: u32,
    pub old: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hpa {
    pub spec: HpaSpec,
    pub created_tick: u64,
    pub next_sync: u64,
    pub memory: HpaMemory,
    pub current_replicas: u32,
    pub desired_replicas: u32,
    pub current_metrics: Vec<MetricStatusView>,
    pub conditions: Vec<ConditionView>,
    pub last_scale_tick: Option<u64>,
    pub explanation: Vec<String>,
    /// Last tick the spec was created or changed, and the last sync.
    pub spec_tick: u64,
    pub last_sync_tick: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Service {
    pub spec: ServiceSpec,
    pub created_tick: u64,
    pub cluster_ip: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Quota {
    pub spec: ResourceQuotaSpec,
    pub created_tick: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Vpa {
    pub spec: VpaSpec,
    pub created_tick: u64,
    pub cpu_samples: Vec<u64>,
    pub memory_samples: Vec<u64>,
    pub recommendation: Option<VpaRecommendation>,
    pub next_run: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Autoscaler {
    pub spec: ClusterAutoscalerSpec,
    pub last_scale_up_tick: Option<u64>,
    pub next_scan: u64,
}

/// A sticky-session client (Service `sessionAffinity: ClientIP`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Client {
    pub weight: u64,
    pub pod_id: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Totals {
    pub generated: u64,
    pub served: u64,
    pub failed: u64,
    pub dropped: u64,
}

/// The simulated cluster. Deterministic: same seed + same commands at the same ticks = same run, bit for bit.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub(crate) tick: u64,
    pub(crate) seed: u64,
    pub(crate) rng: SplitMix64,
    pub(crate) route_rng: SplitMix64,
    pub(crate) load: LoadGenerator,
    pub(crate) catalogue: Vec<NodeType>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) pods: Vec<Pod>,
    /// Each pod's traffic state and constants, index for index with `pods` (added and removed with them).
    pub(crate) hot: Vec<traffic::PodHot>,
    /// The distinct [`traffic::PodHot::constants`] seen so far; a pod's `class` indexes this.
    pub(crate) traffic_classes: Vec<[u64; 8]>,
    pub(crate) deployments: Vec<Deployment>,
    pub(crate) hpas: Vec<Hpa>,
    pub(crate) services: Vec<Service>,
    pub(crate) quotas: Vec<Quota>,
    pub(crate) vpas: Vec<Vpa>,
    pub(crate) autoscaler: Option<Autoscaler>,
    pub(crate) clients: Vec<Client>,
    pub(crate) events: EventLog,
    pub(crate) history: History,
    pub(crate) totals: Totals,
    pub(crate) cost_micro_usd_hours_x3600: u128,
    pub(crate) next_pod_id: u64,
    pub(crate) next_subnet: u32,
    pub(crate) next_service_ip: u32,
    pub(crate) sched_dirty: bool,
    pub(crate) latest: TickMetrics,
    pub(crate) hist_p50: LatencyHistogram,
    pub(crate) hist_p95: LatencyHistogram,
    pub(crate) hist_p99: LatencyHistogram,
    /// Per-node numbers of the current tick's traffic, compact (the pod walks index it, not `nodes`).
    pub(crate) node_tick: Vec<traffic::NodeTick>,
    pub(crate) endpoint_scratch: Vec<usize>,
    pub(crate) rr_cursor: u64,
    pub(crate) next_object_id: u64,
    pub(crate) pod_stats: traffic::PodStats,
    /// Memo of latency buckets by (served, queue, ceiling, cost); a pure function, so it never changes results.
    pub(crate) latency_memo: Vec<Option<LatencyMemoEntry>>,
    /// Requests served this tick per memo slot, added to the histograms once per tick.
    pub(crate) latency_slot_served: Vec<u64>,
    /// Memo slots given served counts this tick (the only ones the end-of-tick flush must visit).
    pub(crate) latency_touched: Vec<usize>,
    pub(crate) narration: std::collections::VecDeque<Narration>,
    pub(crate) next_narration_seq: u64,
    /// Bumped whenever a Service changes, invalidating the pods' cached selector matches.
    pub(crate) svc_gen: u64,
    pub(crate) latest_rate: f64,
    /// Bumped whenever a pod is added or removed or marked for deletion (what the controller counts).
    pub(crate) pods_version: u64,
    /// Bumped whenever a pod's readiness or container state changes or it is bound (with `pods_version`
    /// and `svc_gen`, what the kubelet walk's decisions depend on).
    pub(crate) kubelet_epoch: u64,
    /// (`pods_version`, `svc_gen`, `kubelet_epoch`) after a kubelet walk that found every pod steady.
    pub(crate) kubelet_steady: Option<(u64, u64, u64)>,
}

fn condition(kind: &str, status: bool, reason: &str, message: String, tick: u64) -> ConditionView {
    ConditionView {
        kind: kind.into(),
        status,
        reason: reason.into(),
        message,
        last_transition_tick: tick,
    }
}

/// Set a condition, keeping its transition time when the status does not change.
pub(crate) fn set_condition(
    list: &mut Vec<ConditionView>,
    kind: &str,
    status: bool,
    reason: &str,
    message: String,
    tick: u64,
) {
    match list.iter_mut().find(|c| c.kind == kind) {
        Some(c) => {
            if c.status != status {
                c.last_transition_tick = tick;
            }
            c.status = status;
            c.reason = reason.into();
            c.message = message;
        }
        None => list.push(condition(kind, status, reason, message, tick)),
    }
}

/// The pod's QoS class: Guaranteed (requests = limits for CPU and memory), BestEffort (none), else Burstable.
fn qos_class(p: &Pod) -> &'static str {
    let none = p
        .containers
        .iter()
        .all(|c| c.requests.is_empty() && c.limits.is_empty());
    let guaranteed = p.containers.iter().all(|c| {
        let cpu = c.limits.cpu_milli.is_some()
            && c.requests
                .cpu_milli
                .is_none_or(|r| Some(r) == c.limits.cpu_milli);
        let mem = c.limits.memory_mib.is_some()
            && c.requests
                .memory_mib
                .is_none_or(|r| Some(r) == c.limits.memory_mib);
        cpu && mem
    });
    if none {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// DNS-1123 label check used for object names.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

fn name_error(kind: ObjectKind, name: &str) -> ApiError {
    ApiError::invalid(
        kind,
        name,
        "metadata.name",
        &format!(
            "Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
        ),
    )
}

/// Quantity text as Kubernetes prints it: `500m`, `2`, `512Mi`, `2Gi`.
pub fn format_cpu_milli(m: u64) -> String {
    if m.is_multiple_of(1000) {
        format!("{}", m / 1000)
    } else {
        format!("{m}m")
    }
}

/// Memory quantity text in binary units.
pub fn format_memory_mib(mib: u64) -> String {
    if mib > 0 && mib.is_multiple_of(1024) {
        format!("{}Gi", mib / 1024)
    } else {
        format!("{mib}Mi")
    }
}

/// `ComputeHash`: fnv32a of the template, each decimal digit mapped through `SafeEncodeString`'s alphabet.
/// Returns the fnv32a value (compared in hot loops) and its encoded text (shown in names).
pub(crate) fn template_hash(spec: &DeploymentSpec) -> (u32, String) {
    let text = format!("{:?}", spec.template);
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    const DIGITS: &[u8; 10] = b"456789bcdf";
    let encoded = h
        .to_string()
        .bytes()
        .map(|d| DIGITS[(d - b'0') as usize] as char)
        .collect();
    (h, encoded)
}

/// The apiserver's name-generation alphabet (no vowels).
pub(crate) const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

impl Cluster {
    /// An empty cluster (no nodes, no workloads, no load) with the given seed.
    pub fn new(seed: u64) -> Self {
        Cluster {
            tick: 0,
            seed,
            rng: SplitMix64::stream(seed, 1),
            route_rng: SplitMix64::stream(seed, 2),
            load: LoadGenerator::new(LoadSpec::constant(0.0), seed),
            catalogue: node_types(),
            nodes: Vec::new(),
            pods: Vec::new(),
            hot: Vec::new(),
            traffic_classes: Vec::new(),
            deployments: Vec::new(),
            hpas: Vec::new(),
            services: Vec::new(),
            quotas: Vec::new(),
            vpas: Vec::new(),
            autoscaler: None,
            clients: Vec::new(),
            events: EventLog::new(1000),
            history: History::new(3600),
            totals: Totals::default(),
            cost_micro_usd_hours_x3600: 0,
            next_pod_id: 1,
            next_subnet: 0,
            next_service_ip: 10,
            sched_dirty: true,
            latest: TickMetrics::default(),
            hist_p50: LatencyHistogram::new(),
            hist_p95: LatencyHistogram::new(),
            hist_p99: LatencyHistogram::new(),
            node_tick: Vec::new(),
            endpoint_scratch: Vec::new(),
            rr_cursor: 0,
            next_object_id: 1,
            pod_stats: Default::default(),
            latency_memo: vec![None; 256],
            latency_slot_served: vec![0; 256],
            latency_touched: Vec::new(),
            narration: std::collections::VecDeque::new(),
            next_narration_seq: 1,
            svc_gen: 1,
            latest_rate: 0.0,
            pods_version: 0,
            kubelet_epoch: 0,
            kubelet_steady: None,
        }
    }

    /// Current simulated second.
    pub fn tick(&self) -> u64 {
        self.tick
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How many ticks of metrics history to keep (default 3600).
    pub fn set_history_capacity(&mut self, ticks: usize) {
        self.history.set_capacity(ticks);
    }

    pub(crate) fn event(
        &mut self,
        t: EventType,
        reason: &str,
        kind: ObjectKind,
        name: &str,
        msg: String,
        src: &str,
    ) {
        self.events
            .record(self.tick, t, reason, kind, name, msg, src);
    }

    /// Record a sentence for the live summary (bounded to the last 200).
    pub(crate) fn narrate(&mut self, text: String) {
        let seq = self.next_narration_seq;
        self.next_narration_seq += 1;
        self.narration.push_back(Narration {
            seq,
            tick: self.tick,
            text,
        });
        if self.narration.len() > 200 {
            self.narration.pop_front();
        }
    }

    /// Plain-language sentences recorded after `seq` (for an aria-live region), oldest first.
    pub fn narration_since(&self, seq: u64) -> Vec<Narration> {
        self.narration
            .iter()
            .filter(|n| n.seq > seq)
            .cloned()
            .collect()
    }

    pub(crate) fn random_suffix(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| NAME_ALPHABET[self.rng.below(NAME_ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    pub(crate) fn random_uid(&mut self) -> String {
        let a = self.rng.next_u64();
        let b = self.rng.next_u64();
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    // -------------------------------------------------------------------------------------------
    // Commands

    /// Apply one command. Errors are what the API server would answer; nothing changes on error.
    pub fn apply(&mut self, command: Command) -> Result<Applied, ApiError> {
        match command {
            Command::Create(obj) => {
                if self.exists(obj.kind(), obj.name()) {
                    return Err(ApiError::already_exists(obj.kind(), obj.name()));
                }
                self.apply_object(obj)
            }
            Command::Apply(obj) => self.apply_object(obj),
            Command::Delete { kind, name } => self.delete(kind, &name),
            Command::ScaleDeployment { name, replicas } => {
                if replicas > MAX_REPLICAS {
                    return Err(ApiError::invalid(
                        ObjectKind::Deployment,
                        name.as_str(),
                        "spec.replicas",
                        &format!("Invalid value: {replicas}: the simulator runs at most {MAX_REPLICAS} replicas"),
                    ));
                }
                let tick = self.tick;
                let d = self.deployment_mut(&name)?;
                d.spec.replicas = replicas;
                d.replicas_set_tick = tick;
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Deployment, name.0),
                    operation: Operation::Scaled,
                })
            }
            Command::SetResources {
                deployment,
                container,
                requests,
                limits,
            } => {
                let mut spec = self.deployment_mut(&deployment)?.spec.clone();
                let mut found = false;
                for c in spec.template.containers.iter_mut() {
                    if container.as_deref().is_none_or(|n| n == c.name) {
                        found = true;
                        merge_list(&mut c.requests, &requests);
                        merge_list(&mut c.limits, &limits);
                    }
                }
                if !found {
                    return Err(ApiError::bad_request(format!(
                        "unable to find container named {}",
                        container.unwrap_or_default()
                    )));
                }
                validate_deployment(&spec)?;
                self.update_deployment_spec(spec);
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Deployment, deployment.0),
                    operation: Operation::ResourceRequirementsUpdated,
                })
            }
            Command::SetImage {
                deployment,
                container,
                image,
            } => {
                let mut spec = self.deployment_mut(&deployment)?.spec.clone();
                match spec
                    .template
                    .containers
                    .iter_mut()
                    .find(|c| c.name == container)
                {
                    Some(c) => c.image = image,
                    None => {
                        return Err(ApiError::bad_request(format!(
                            "unable to find container named \"{container}\""
                        )))
                    }
                }
                validate_deployment(&spec)?;
                self.update_deployment_spec(spec);
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Deployment, deployment.0),
                    operation: Operation::ImageUpdated,
                })
            }
            Command::SetNodeType {
                deployment,
                node_type,
            } => {
                if let Some(t) = &node_type {
                    if !self.catalogue.iter().any(|c| &c.name == t) {
                        return Err(ApiError::invalid(
                            ObjectKind::Deployment,
                            deployment.as_str(),
                            "spec.template.spec.nodeSelector",
                            &format!("Invalid value: \"{t}\": unknown node type"),
                        ));
                    }
                }
                let mut spec = self.deployment_mut(&deployment)?.spec.clone();
                spec.template.node_type = node_type;
                self.update_deployment_spec(spec);
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Deployment, deployment.0),
                    operation: Operation::Patched,
                })
            }
            Command::DeletePod { name } => {
                let tick = self.tick;
                let pod = self
                    .pods
                    .iter_mut()
                    .find(|p| p.name == name)
                    .ok_or_else(|| ApiError::not_found(ObjectKind::Pod, name.as_str()))?;
                if pod.deleting_since.is_none() {
                    pod.deleting_since = Some(tick);
                }
                self.pods_version += 1;
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Pod, name.0),
                    operation: Operation::Deleted,
                })
            }
            Command::AddNode {
                node_type,
                immediate,
            } => {
                let name = self.add_node(&node_type, immediate, None)?;
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Node, name.0),
                    operation: Operation::Created,
                })
            }
            Command::RemoveNode { name } => {
                let idx = self
                    .nodes
                    .iter()
                    .position(|n| n.name == name)
                    .ok_or_else(|| ApiError::not_found(ObjectKind::Node, name.as_str()))?;
                self.drain_node(idx);
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Node, name.0),
                    operation: Operation::Deleted,
                })
            }
            Command::SetClusterAutoscaler(spec) => {
                if let Some(s) = &spec {
                    if !self.catalogue.iter().any(|c| c.name == s.node_type) {
                        return Err(ApiError::bad_request(format!(
                            "unknown node type \"{}\"",
                            s.node_type
                        )));
                    }
                    if s.max_nodes > MAX_NODES {
                        return Err(ApiError::bad_request(format!(
                            "max nodes {} is above the simulator's limit of {MAX_NODES}",
                            s.max_nodes
                        )));
                    }
                    if s.min_nodes > s.max_nodes {
                        return Err(ApiError::bad_request(format!(
                            "min nodes {} is greater than max nodes {}",
                            s.min_nodes, s.max_nodes
                        )));
                    }
                }
                let tick = self.tick;
                self.autoscaler = spec.map(|spec| Autoscaler {
                    spec,
                    last_scale_up_tick: None,
                    next_scan: tick + 1,
                });
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Deployment, "cluster-autoscaler"),
                    operation: Operation::Configured,
                })
            }
            Command::SetLoad(spec) => {
                if !spec.intensity.is_finite() || !(0.0..=100.0).contains(&spec.intensity) {
                    return Err(ApiError::bad_request(
                        "load intensity must be a number between 0 and 100",
                    ));
                }
                if let Err((key, msg)) = spec.pattern.validate() {
                    return Err(ApiError::bad_request(format!("load {key}: {msg}")));
                }
                self.load.spec = spec;
                // The next step is the pattern's second 0.
                self.load.origin_tick = self.tick + 1;
                Ok(Applied {
                    object: ObjectRef::new(ObjectKind::Service, "load-generator"),
                    operation: Operation::Configured,
                })
            }
        }
    }

    fn exists(&self, kind: ObjectKind, name: &str) -> bool {
        match kind {
            ObjectKind::Deployment => self.deployments.iter().any(|d| d.spec.name == name),
            ObjectKind::HorizontalPodAutoscaler => self.hpas.iter().any(|h| h.spec.name == name),
            ObjectKind::Service => self.services.iter().any(|s| s.spec.name == name),
            ObjectKind::ResourceQuota => self.quotas.iter().any(|q| q.spec.name == name),
            ObjectKind::VerticalPodAutoscaler => self.vpas.iter().any(|v| v.spec.name == name),
            ObjectKind::Pod => self.pods.iter().any(|p| p.name == name),
            ObjectKind::Node => self.nodes.iter().any(|n| n.name == name),
            ObjectKind::ReplicaSet => false,
        }
    }

    fn deployment_mut(&mut self, name: &DeploymentName) -> Result<&mut Deployment, ApiError> {
        self.deployments
            .iter_mut()
            .find(|d| &d.spec.name == name)
            .ok_or_else(|| ApiError::not_found(ObjectKind::Deployment, name.as_str()))
    }

    fn update_deployment_spec(&mut self, spec: DeploymentSpec) {
        let (hash_value, hash) = template_hash(&spec);
        if let Some(d) = self
            .deployments
            .iter_mut()
            .find(|d| d.spec.name == spec.name)
        {
            d.hash = hash;
            d.hash_value = hash_value;
            d.spec = spec;
        }
    }

    fn apply_object(&mut self, obj: ObjectSpec) -> Result<Applied, ApiError> {
        let kind = obj.kind();
        let name = obj.name().to_string();
        if !valid_name(&name) {
            return Err(name_error(kind, &name));
        }
        let tick = self.tick;
        let op = match obj {
            ObjectSpec::Deployment(mut spec) => {
                if spec.template.labels.is_empty() && spec.selector.is_empty() {
                    spec.template.labels.insert("app".into(), name.clone());
                }
                if spec.selector.is_empty() {
                    spec.selector = spec.template.labels.clone();
                }
                validate_deployment(&spec)?;
                match self
                    .deployments
                    .iter_mut()
                    .find(|d| d.spec.name == spec.name)
                {
                    Some(d) => {
                        if d.spec.selector != spec.selector {
                            return Err(ApiError::invalid(
                                ObjectKind::Deployment,
                                &name,
                                "spec.selector",
                                "Invalid value: field is immutable",
                            ));
                        }
                        let workload = spec.workload.take();
                        let changed_workload = workload.as_ref().is_some_and(|w| *w != d.workload);
                        let mut old = d.spec.clone();
                        old.workload = None;
                        if old == spec && !changed_workload {
                            Operation::Unchanged
                        } else {
                            if let Some(w) = workload {
                                d.workload = w;
                            }
                            (d.hash_value, d.hash) = template_hash(&spec);
                            if d.spec.replicas != spec.replicas {
                                d.replicas_set_tick = tick;
                            }
                            d.spec = spec;
                            Operation::Configured
                        }
                    }
                    None => {
                        let workload = spec.workload.take().unwrap_or_default();
                        let (hash_value, hash) = template_hash(&spec);
                        let id = self.next_object_id;
                        self.next_object_id += 1;
                        self.deployments.push(Deployment {
                            spec,
                            workload,
                            hash,
                            id,
                            hash_value,
                            created_tick: tick,
                            vpa_requests: None,
                            next_create_retry: 0,
                            replicas_set_tick: tick,
                            replica_failure: None,
                            conditions: Vec::new(),
                            pod_counts: None,
                        });
                        self.event(
                            EventType::Normal,
                            "ScalingReplicaSet",
                            ObjectKind::Deployment,
                            &name,
                            format!(
                                "Scaled up replica set {name}-{} from 0",
                                self.deployments
                                    .last()
                                    .map(|d| d.hash.clone())
                                    .unwrap_or_default()
                            ),
                            "deployment-controller",
                        );
                        Operation::Created
                    }
                }
            }
            ObjectSpec::HorizontalPodAutoscaler(spec) => {
                let spec = default_hpa(validate_hpa(spec)?);
                match self.hpas.iter_mut().find(|h| h.spec.name == spec.name) {
                    Some(h) if h.spec == spec => Operation::Unchanged,
                    Some(h) => {
                        h.spec = spec;
                        h.spec_tick = tick;
                        Operation::Configured
                    }
                    None => {
                        self.hpas.push(Hpa {
                            spec,
                            created_tick: tick,
                            next_sync: tick + 1,
                            memory: HpaMemory::default(),
                            current_replicas: 0,
                            desired_replicas: 0,
                            current_metrics: Vec::new(),
                            conditions: Vec::new(),
                            last_scale_tick: None,
                            explanation: Vec::new(),
                            spec_tick: tick,
                            last_sync_tick: None,
                        });
                        Operation::Created
                    }
                }
            }
            ObjectSpec::Service(spec) => {
                if spec.selector.is_empty() {
                    return Err(ApiError::invalid(
                        ObjectKind::Service,
                        &name,
                        "spec.selector",
                        "Required value",
                    ));
                }
                match self.services.iter_mut().find(|s| s.spec.name == spec.name) {
                    Some(s) if s.spec == spec => Operation::Unchanged,
                    Some(s) => {
                        s.spec = spec;
                        Operation::Configured
                    }
                    None => {
                        let ip = format!("10.96.0.{}", self.next_service_ip);
                        self.next_service_ip += 1;
                        self.services.push(Service {
                            spec,
                            created_tick: tick,
                            cluster_ip: ip,
                        });
                        Operation::Created
                    }
                }
            }
            ObjectSpec::ResourceQuota(spec) => {
                match self.quotas.iter_mut().find(|q| q.spec.name == spec.name) {
                    Some(q) if q.spec == spec => Operation::Unchanged,
                    Some(q) => {
                        q.spec = spec;
                        Operation::Configured
                    }
                    None => {
                        self.quotas.push(Quota {
                            spec,
                            created_tick: tick,
                        });
                        Operation::Created
                    }
                }
            }
            ObjectSpec::VerticalPodAutoscaler(spec) => {
                match self.vpas.iter_mut().find(|v| v.spec.name == spec.name) {
                    Some(v) if v.spec == spec => Operation::Unchanged,
                    Some(v) => {
                        v.spec = spec;
                        Operation::Configured
                    }
                    None => {
                        self.vpas.push(Vpa {
                            spec,
                            created_tick: tick,
                            cpu_samples: Vec::new(),
                            memory_samples: Vec::new(),
                            recommendation: None,
                            next_run: tick + 60,
                        });
                        Operation::Created
                    }
                }
            }
        };
        self.sched_dirty = true;
        if kind == ObjectKind::Service {
            self.svc_gen += 1;
        }
        Ok(Applied {
            object: ObjectRef::new(kind, name),
            operation: op,
        })
    }

    fn delete(&mut self, kind: ObjectKind, name: &str) -> Result<Applied, ApiError> {
        let tick = self.tick;
        let found = match kind {
            ObjectKind::Deployment => {
                let before = self.deployments.len();
                self.deployments.retain(|d| d.spec.name != name);
                for p in self.pods.iter_mut().filter(|p| p.deployment == name) {
                    p.deleting_since.get_or_insert(tick);
                }
                self.pods_version += 1;
                before != self.deployments.len()
            }
            ObjectKind::HorizontalPodAutoscaler => {
                let before = self.hpas.len();
                self.hpas.retain(|h| h.spec.name != name);
                before != self.hpas.len()
            }
            ObjectKind::Service => {
                let before = self.services.len();
                self.services.retain(|s| s.spec.name != name);
                self.svc_gen += 1;
                before != self.services.len()
            }
            ObjectKind::ResourceQuota => {
                let before = self.quotas.len();
                self.quotas.retain(|q| q.spec.name != name);
                before != self.quotas.len()
            }
            ObjectKind::VerticalPodAutoscaler => {
                let before = self.vpas.len();
                self.vpas.retain(|v| v.spec.name != name);
                for d in self.deployments.iter_mut() {
                    if !self.vpas.iter().any(|v| v.spec.target == d.spec.name) {
                        d.vpa_requests = None;
                    }
                }
                before != self.vpas.len()
            }
            ObjectKind::Pod => {
                return self.apply(Command::DeletePod {
                    name: PodName(name.to_string()),
                });
            }
            ObjectKind::Node => {
                return self.apply(Command::RemoveNode {
                    name: NodeName(name.to_string()),
                });
            }
            ObjectKind::ReplicaSet => false,
        };
        if !found {
            return Err(ApiError::not_found(kind, name));
        }
        Ok(Applied {
            object: ObjectRef::new(kind, name),
            operation: Operation::Deleted,
        })
    }

    /// Add a node; `ready_after` overrides the boot delay (used by the cluster autoscaler).
    pub(crate) fn add_node(
        &mut self,
        node_type: &NodeTypeName,
        immediate: bool,
        ready_after: Option<u64>,
    ) -> Result<NodeName, ApiError> {
        if self.nodes.len() as u32 >= 2 * MAX_NODES {
            return Err(ApiError::bad_request(format!(
                "the simulator runs at most {} nodes",
                2 * MAX_NODES
            )));
        }
        let t = self
            .catalogue
            .iter()
            .find(|c| &c.name == node_type)
            .cloned()
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "unknown node type \"{node_type}\" (small, medium, large, gpu)"
                ))
            })?;
        let mut name;
        loop {
            name = NodeName(format!("{}-pool-{}", node_type, self.random_suffix(5)));
            if !self.nodes.iter().any(|n| n.name == name) {
                break;
            }
        }
        let boot = if immediate {
            0
        } else {
            ready_after.unwrap_or(60)
        };
        let subnet = self.next_subnet;
        self.next_subnet += 1;
        self.nodes.push(Node {
            name: name.clone(),
            node_type: t.name.clone(),
            capacity: t.capacity,
            allocatable: t.allocatable,
            price_micro_usd_per_hour: t.price_micro_usd_per_hour,
            created_tick: self.tick,
            ready_tick: self.tick + boot,
            cordoned: false,
            removing: false,
            allocated_requests: Resources::default(),
            allocated_limits: Resources::default(),
            score_requests: Resources::default(),
            pod_count: 0,
            cpu_milli_usage: 0,
            memory_mib_usage: 0,
            subnet,
            next_host: 2,
            unneeded_since: None,
        });
        self.sched_dirty = true;
        Ok(name)
    }

    /// Cordon a node and evict its pods; it disappears once empty.
    pub(crate) fn drain_node(&mut self, idx: usize) {
        let tick = self.tick;
        self.nodes[idx].cordoned = true;
        self.nodes[idx].removing = true;
        for p in self.pods.iter_mut().filter(|p| p.node == Some(idx)) {
            p.deleting_since.get_or_insert(tick);
        }
        self.pods_version += 1;
    }

    // -------------------------------------------------------------------------------------------
    // Time

    /// Advance one simulated second.
    pub fn step(&mut self) {
        self.tick += 1;
        self.node_lifecycle();
        self.deployment_controller();
        self.schedule();
        self.kubelet();
        self.traffic();
        if self.tick.is_multiple_of(METRICS_RESOLUTION_S) {
            self.scrape_metrics();
        }
        self.hpa_controller();
        self.run_cluster_autoscaler();
        self.vpa_controller();
        self.account_cost();
        self.record_metrics();
    }

    /// Advance `n` seconds.
    pub fn step_n(&mut self, n: u64) {
        for _ in 0..n {
            self.step();
        }
    }

    #[inline(never)]
    fn account_cost(&mut self) {
        let per_hour: u64 = self.nodes.iter().map(|n| n.price_micro_usd_per_hour).sum();
        self.cost_micro_usd_hours_x3600 += u128::from(per_hour);
    }

    /// Cost so far in US dollars.
    pub fn cost_usd(&self) -> f64 {
        self.cost_micro_usd_hours_x3600 as f64 / 3600.0 / 1e6
    }

    // -------------------------------------------------------------------------------------------
    // Views

    /// The latest tick's metrics (cheap: a small `Copy` struct).
    pub fn metrics(&self) -> TickMetrics {
        self.latest
    }

    /// The bounded per-tick history, oldest first.
    pub fn history(&self) -> impl Iterator<Item = &TickMetrics> {
        self.history.iter()
    }

    /// History entries after `tick` (for incremental chart updates).
    pub fn history_since(&self, tick: u64) -> impl Iterator<Item = &TickMetrics> {
        self.history.since(tick)
    }

    /// All retained events, ordered by `seq` (last change).
    pub fn events(&self) -> Vec<EventView> {
        self.events.all().cloned().collect()
    }

    /// Events recorded or repeated after `seq`.
    pub fn events_since(&self, seq: u64) -> Vec<EventView> {
        self.events.since(seq).cloned().collect()
    }

    /// The highest event `seq` so far.
    pub fn last_event_seq(&self) -> u64 {
        self.events.last_seq()
    }

    pub fn pods(&self) -> Vec<PodView> {
        self.pods
            .iter()
            .zip(&self.hot)
            .map(|(p, h)| self.pod_view(p, h))
            .collect()
    }

    pub fn pod(&self, name: &str) -> Option<PodView> {
        self.pods
            .iter()
            .zip(&self.hot)
            .find(|(p, _)| p.name == name)
            .map(|(p, h)| self.pod_view(p, h))
    }

    pub fn nodes(&self) -> Vec<NodeView> {
        self.nodes.iter().map(|n| self.node_view(n)).collect()
    }

    pub fn deployments(&self) -> Vec<DeploymentView> {
        self.deployments
            .iter()
            .map(|d| self.deployment_view(d))
            .collect()
    }

    /// ReplicaSets of every Deployment: the current template's, and older ones while they still have pods.
    pub fn replica_sets(&self) -> Vec<ReplicaSetView> {
        let mut out = Vec::new();
        for d in &self.deployments {
            let mut sets: Vec<ReplicaSetView> = Vec::new();
            for p in self.pods.iter().filter(|p| p.owner_id == d.id) {
                let name = format!("{}-{}", d.spec.name, p.template_hash);
                let rs = match sets.iter_mut().position(|r| r.name == name) {
                    Some(i) => &mut sets[i],
                    None => {
                        sets.push(ReplicaSetView {
                            name,
                            deployment: d.spec.name.clone(),
                            template_hash: p.template_hash.clone(),
                            desired: 0,
                            current: 0,
                            ready: 0,
                            created_tick: p.created_tick,
                        });
                        sets.last_mut().expect("just pushed")
                    }
                };
                rs.created_tick = rs.created_tick.min(p.created_tick);
                if p.deleting_since.is_none() {
                    rs.current += 1;
                    rs.ready += u32::from(p.ready);
                }
            }
            if !sets.iter().any(|r| r.template_hash == d.hash) {
                sets.push(ReplicaSetView {
                    name: format!("{}-{}", d.spec.name, d.hash),
                    deployment: d.spec.name.clone(),
                    template_hash: d.hash.clone(),
                    desired: 0,
                    current: 0,
                    ready: 0,
                    created_tick: d.created_tick,
                });
            }
            for rs in sets.iter_mut() {
                rs.desired = if rs.template_hash == d.hash {
                    d.spec.replicas
                } else {
                    rs.current
                };
            }
            out.extend(sets);
        }
        out
    }

    fn pod_conditions(&self, p: &Pod) -> Vec<ConditionView> {
        let start = p.started_tick.unwrap_or(p.created_tick);
        let scheduled = match &p.pending_reason {
            Some(msg) if p.node.is_none() => condition(
                "PodScheduled",
                false,
                "Unschedulable",
                msg.clone(),
                p.created_tick,
            ),
            _ => condition("PodScheduled", p.node.is_some(), "", String::new(), start),
        };
        let mut list = vec![scheduled];
        if p.node.is_some() {
            list.push(condition("Initialized", true, "", String::new(), start));
            let (reason, msg) = if p.ready {
                (String::new(), String::new())
            } else {
                let c = p.containers.first().map(|c| c.name.as_str()).unwrap_or("");
                (
                    "ContainersNotReady".to_string(),
                    format!("containers with unready status: [{c}]"),
                )
            };
            list.push(condition(
                "ContainersReady",
                p.ready,
                &reason,
                msg.clone(),
                p.ready_transition_tick,
            ));
            list.push(condition(
                "Ready",
                p.ready,
                &reason,
                msg,
                p.ready_transition_tick,
            ));
        }
        list
    }

    pub fn deployment(&self, name: &str) -> Option<DeploymentView> {
        self.deployments
            .iter()
            .find(|d| d.spec.name == name)
            .map(|d| self.deployment_view(d))
    }

    pub fn hpas(&self) -> Vec<HpaView> {
        self.hpas.iter().map(hpa_view).collect()
    }

    pub fn hpa(&self, name: &str) -> Option<HpaView> {
        self.hpas.iter().find(|h| h.spec.name == name).map(hpa_view)
    }

    pub fn services(&self) -> Vec<ServiceView> {
        self.services.iter().map(|s| self.service_view(s)).collect()
    }

    pub fn quotas(&self) -> Vec<QuotaView> {
        self.quotas.iter().map(|q| self.quota_view(q)).collect()
    }

    pub fn vpas(&self) -> Vec<VpaView> {
        self.vpas
            .iter()
            .map(|v| VpaView {
                name: v.spec.name.clone(),
                target: v.spec.target.clone(),
                update_mode: v.spec.update_mode,
                recommendation: v.recommendation.clone(),
                created_tick: v.created_tick,
            })
            .collect()
    }

    pub fn cluster_autoscaler(&self) -> Option<ClusterAutoscalerSpec> {
        self.autoscaler.as_ref().map(|a| a.spec.clone())
    }

    pub fn load(&self) -> &LoadSpec {
        &self.load.spec
    }

    /// Everything at once.
    pub fn view(&self) -> ClusterView {
        ClusterView {
            tick: self.tick,
            seed: self.seed,
            nodes: self.nodes(),
            pods: self.pods(),
            deployments: self.deployments(),
            hpas: self.hpas(),
            services: self.services(),
            quotas: self.quotas(),
            vpas: self.vpas(),
            cluster_autoscaler: self.cluster_autoscaler(),
            metrics: self.latest,
        }
    }

    fn pod_status(&self, p: &Pod) -> (String, Option<String>) {
        if p.deleting_since.is_some() {
            return ("Terminating".into(), None);
        }
        match p.state {
            PodState::Unscheduled => ("Pending".into(), None),
            PodState::Creating { .. } => {
                ("ContainerCreating".into(), Some("ContainerCreating".into()))
            }
            PodState::Running { .. } => ("Running".into(), None),
            PodState::Waiting {
                reason,
                show_terminated_until,
                ..
            } => {
                if self.tick < show_terminated_until {
                    let r = p.last_termination_reason.unwrap_or("Error");
                    (r.into(), Some(r.into()))
                } else {
                    let r = match reason {
                        WaitReason::CrashLoopBackOff => "CrashLoopBackOff",
                        WaitReason::ImagePullBackOff => "ImagePullBackOff",
                    };
                    (r.into(), Some(r.into()))
                }
            }
        }
    }

    fn pod_view(&self, p: &Pod, h: &traffic::PodHot) -> PodView {
        let (status, reason) = self.pod_status(p);
        let running = p.is_running();
        let containers = p
            .containers
            .iter()
            .map(|c| ContainerView {
                name: c.name.clone(),
                image: c.image.clone(),
                requests: c.requests.clone(),
                limits: c.limits.clone(),
                ready: p.ready,
                restart_count: p.restarts,
                state: match p.state {
                    PodState::Running { .. } => "Running".into(),
                    PodState::Waiting {
                        show_terminated_until,
                        ..
                    } if self.tick < show_terminated_until => "Terminated".into(),
                    _ => "Waiting".into(),
                },
                reason: if running { None } else { reason.clone() },
                last_termination_reason: p.last_termination_reason.map(str::to_string),
                has_readiness_probe: c.readiness_probe.is_some(),
                last_exit_code: p.last_termination_reason.map(|r| {
                    if r == "OOMKilled" {
                        137
                    } else {
                        1
                    }
                }),
            })
            .collect::<Vec<_>>();
        let total = containers.len() as u32;
        PodView {
            name: p.name.clone(),
            namespace: NAMESPACE.into(),
            uid: p.uid.clone(),
            labels: p.labels.clone(),
            deployment: Some(p.deployment.clone()),
            template_hash: p.template_hash.clone(),
            phase: p.phase(),
            status,
            ready: p.ready,
            ready_containers: if p.ready { total } else { 0 },
            total_containers: total,
            restarts: p.restarts,
            last_restart_tick: p.last_restart_tick,
            created_tick: p.created_tick,
            started_tick: p.started_tick,
            ready_since_tick: if p.ready {
                Some(p.ready_transition_tick)
            } else {
                None
            },
            node: p.node.map(|i| self.nodes[i].name.clone()),
            ip: p.ip.clone(),
            containers,
            requests: p.requests,
            limits: p.limits,
            cpu_request_missing: p.cpu_request_missing,
            cpu_milli_usage: p.metric.as_ref().map(|m| m.cpu_milli),
            memory_mib_usage: p.metric.as_ref().map(|m| m.memory_mib),
            pending_reason: p.pending_reason.clone(),
            deleting: p.deleting_since.is_some(),
            model_loaded: p.model_loaded(self.tick),
            receiving_traffic: p.endpoint,
            queue_len: h.queue,
            served_last_tick: h.served_last,
            conditions: self.pod_conditions(p),
            qos_class: qos_class(p).into(),
        }
    }

    fn node_view(&self, n: &Node) -> NodeView {
        let ready = n.is_ready(self.tick);
        let status = match (ready, n.cordoned) {
            (true, false) => "Ready",
            (true, true) => "Ready,SchedulingDisabled",
            (false, false) => "NotReady",
            (false, true) => "NotReady,SchedulingDisabled",
        };
        let mut labels = Labels::new();
        labels.insert("kubernetes.io/hostname".into(), n.name.0.clone());
        labels.insert(
            "node.kubernetes.io/instance-type".into(),
            n.node_type.0.clone(),
        );
        let price = self
            .catalogue
            .iter()
            .find(|c| c.name == n.node_type)
            .map(|c| c.price_usd_per_hour)
            .unwrap_or(0.0);
        NodeView {
            name: n.name.clone(),
            node_type: n.node_type.clone(),
            status: status.into(),
            ready,
            schedulable: !n.cordoned,
            provisioning: !ready,
            roles: "<none>".into(),
            version: "v1.33.1".into(),
            created_tick: n.created_tick,
            capacity: n.capacity,
            allocatable: n.allocatable,
            allocated_requests: n.allocated_requests,
            allocated_limits: n.allocated_limits,
            cpu_milli_usage: n.cpu_milli_usage,
            memory_mib_usage: n.memory_mib_usage,
            pod_count: n.pod_count,
            price_usd_per_hour: price,
            labels,
        }
    }

    fn deployment_view(&self, d: &Deployment) -> DeploymentView {
        let mut current = 0;
        let mut updated = 0;
        let mut ready = 0;
        let mut old = 0;
        for p in self
            .pods
            .iter()
            .filter(|p| p.deployment == d.spec.name && p.deleting_since.is_none())
        {
            current += 1;
            if p.template_hash == d.hash {
                updated += 1;
            } else {
                old += 1;
            }
            if p.ready {
                ready += 1;
            }
        }
        let mut conditions = d.conditions.clone();
        let available = ready;
        set_condition(
            &mut conditions,
            "Available",
            available >= d.spec.replicas.saturating_sub(d.spec.replicas / 4),
            if available >= d.spec.replicas.saturating_sub(d.spec.replicas / 4) {
                "MinimumReplicasAvailable"
            } else {
                "MinimumReplicasUnavailable"
            },
            if available >= d.spec.replicas.saturating_sub(d.spec.replicas / 4) {
                "Deployment has minimum availability.".into()
            } else {
                "Deployment does not have minimum availability.".into()
            },
            d.created_tick,
        );
        if let Some(msg) = &d.replica_failure {
            set_condition(
                &mut conditions,
                "ReplicaFailure",
                true,
                "FailedCreate",
                msg.clone(),
                d.created_tick,
            );
        }
        DeploymentView {
            name: d.spec.name.clone(),
            namespace: NAMESPACE.into(),
            replicas: d.spec.replicas,
            selector: d.spec.selector.clone(),
            template: d.spec.template.clone(),
            template_hash: d.hash.clone(),
            current_replicas: current,
            updated_replicas: updated,
            ready_replicas: ready,
            available_replicas: available,
            unavailable_replicas: d.spec.replicas.saturating_sub(available),
            created_tick: d.created_tick,
            conditions,
            rollout_complete: old == 0 && updated == d.spec.replicas && ready >= d.spec.replicas,
            vpa_requests: d.vpa_requests,
        }
    }

    fn service_view(&self, s: &Service) -> ServiceView {
        ServiceView {
            name: s.spec.name.clone(),
            namespace: NAMESPACE.into(),
            selector: s.spec.selector.clone(),
            cluster_ip: s.cluster_ip.clone(),
            port: s.spec.port,
            session_affinity: s.spec.session_affinity,
            balancing: s.spec.balancing,
            endpoints: self
                .pods
                .iter()
                .filter(|p| p.endpoint && selects(&s.spec.selector, &p.labels))
                .filter_map(|p| p.ip.clone())
                .collect(),
            created_tick: s.created_tick,
        }
    }

    fn quota_view(&self, q: &Quota) -> QuotaView {
        let used = self.quota_used();
        let hard = &q.spec.hard;
        QuotaView {
            name: q.spec.name.clone(),
            namespace: NAMESPACE.into(),
            hard: hard.clone(),
            used: crate::spec::QuotaResources {
                pods: hard.pods.map(|_| used.pods.unwrap_or(0)),
                requests_cpu_milli: hard
                    .requests_cpu_milli
                    .map(|_| used.requests_cpu_milli.unwrap_or(0)),
                requests_memory_mib: hard
                    .requests_memory_mib
                    .map(|_| used.requests_memory_mib.unwrap_or(0)),
                limits_cpu_milli: hard
                    .limits_cpu_milli
                    .map(|_| used.limits_cpu_milli.unwrap_or(0)),
                limits_memory_mib: hard
                    .limits_memory_mib
                    .map(|_| used.limits_memory_mib.unwrap_or(0)),
            },
            created_tick: q.created_tick,
        }
    }

    /// Summary of the run so far, for strategy comparison.
    pub fn summary(&self, strategy: &str) -> RunSummary {
        self.summary_since(strategy, 0)
    }

    /// Summary of the ticks after `start_tick` (peaks and latency from the retained history; counters
    /// and cost are totals, which a warm-up without load does not change much).
    pub fn summary_since(&self, strategy: &str, start_tick: u64) -> RunSummary {
        let t = &self.totals;
        let mut p95s: Vec<f64> = self
            .history
            .since(start_tick)
            .filter(|m| m.served > 0)
            .map(|m| m.latency_ms_p95)
            .collect();
        p95s.sort_by(|a, b| a.total_cmp(b));
        let latency = if p95s.is_empty() {
            0.0
        } else {
            p95s[((p95s.len() as f64 * 0.95).ceil() as usize).clamp(1, p95s.len()) - 1]
        };
        let pct = |x: u64| {
            if t.generated == 0 {
                0.0
            } else {
                x as f64 * 100.0 / t.generated as f64
            }
        };
        RunSummary {
            strategy: strategy.to_string(),
            seconds: self.tick - start_tick.min(self.tick),
            generated: t.generated,
            served: t.served,
            failed: t.failed,
            dropped: t.dropped,
            error_percent: pct(t.failed + t.dropped),
            dropped_percent: pct(t.dropped),
            latency_ms_p95: latency,
            peak_replicas: self
                .history
                .since(start_tick)
                .map(|m| m.replicas_current)
                .max()
                .unwrap_or(0),
            peak_nodes: self
                .history
                .since(start_tick)
                .map(|m| m.nodes)
                .max()
                .unwrap_or(0),
            cost_usd: self.cost_usd(),
        }
    }

    /// Check the engine's invariants (used by property tests): conservation of requests, no node
    /// over-committed by requests, HPA-governed replicas within [min, max] after the HPA's first sync.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.hot.len() != self.pods.len() {
            return Err(format!(
                "tick {}: {} traffic entries for {} pods",
                self.tick,
                self.hot.len(),
                self.pods.len()
            ));
        }
        let queued: u64 = self.hot.iter().map(|h| u64::from(h.queue)).sum();
        let t = &self.totals;
        if t.generated != t.served + t.failed + t.dropped + queued {
            return Err(format!(
                "tick {}: generated {} != served {} + failed {} + dropped {} + queued {}",
                self.tick, t.generated, t.served, t.failed, t.dropped, queued
            ));
        }
        for (i, n) in self.nodes.iter().enumerate() {
            let mut sum = Resources::default();
            for p in self.pods.iter().filter(|p| p.node == Some(i)) {
                sum.add(&p.requests);
            }
            if sum != n.allocated_requests {
                return Err(format!(
                    "tick {}: node {} bookkeeping {:?} != {:?}",
                    self.tick, n.name, n.allocated_requests, sum
                ));
            }
            if sum.cpu_milli > n.allocatable.cpu_milli
                || sum.memory_mib > n.allocatable.memory_mib
                || sum.gpu > n.allocatable.gpu
            {
                return Err(format!(
                    "tick {}: node {} over-committed: {:?} > {:?}",
                    self.tick, n.name, sum, n.allocatable
                ));
            }
        }
        for h in &self.hpas {
            let Some(synced) = h.last_sync_tick else {
                continue;
            };
            if synced <= h.spec_tick {
                continue;
            }
            if let Some(d) = self
                .deployments
                .iter()
                .find(|d| d.spec.name == h.spec.target)
            {
                let min = h.spec.min_replicas.unwrap_or(1);
                if d.replicas_set_tick < synced
                    && d.spec.replicas != 0
                    && (d.spec.replicas < min || d.spec.replicas > h.spec.max_replicas)
                {
                    return Err(format!(
                        "tick {}: {} has {} replicas outside HPA [{min}, {}]",
                        self.tick, d.spec.name, d.spec.replicas, h.spec.max_replicas
                    ));
                }
            }
        }
        Ok(())
    }
}

fn hpa_view(h: &Hpa) -> HpaView {
    HpaView {
        name: h.spec.name.clone(),
        namespace: NAMESPACE.into(),
        target: h.spec.target.clone(),
        min_replicas: h.spec.min_replicas,
        max_replicas: h.spec.max_replicas,
        metrics: h.spec.metrics.clone(),
        behavior: h.spec.behavior.clone(),
        current_replicas: h.current_replicas,
        desired_replicas: h.desired_replicas,
        current_metrics: if h.current_metrics.is_empty() {
            h.spec
                .metrics
                .iter()
                .map(|m| MetricStatusView {
                    spec: m.clone(),
                    current_utilization_percent: None,
                    current_average_value_milli: None,
                })
                .collect()
        } else {
            h.current_metrics.clone()
        },
        conditions: h.conditions.clone(),
        last_scale_tick: h.last_scale_tick,
        created_tick: h.created_tick,
        last_explanation: h.explanation.clone(),
    }
}

/// Label selector match (all selector pairs present in labels).
pub(crate) fn selects(selector: &Labels, labels: &Labels) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

fn merge_list(into: &mut ResourceList, from: &ResourceList) {
    if from.cpu_milli.is_some() {
        into.cpu_milli = from.cpu_milli;
    }
    if from.memory_mib.is_some() {
        into.memory_mib = from.memory_mib;
    }
    if from.gpu.is_some() {
        into.gpu = from.gpu;
    }
}

fn validate_deployment(spec: &DeploymentSpec) -> Result<(), ApiError> {
    let name = spec.name.as_str();
    let kind = ObjectKind::Deployment;
    if spec.replicas > MAX_REPLICAS {
        return Err(ApiError::invalid(
            kind,
            name,
            "spec.replicas",
            &format!(
                "Invalid value: {}: the simulator runs at most {MAX_REPLICAS} replicas",
                spec.replicas
            ),
        ));
    }
    if spec.template.containers.is_empty() {
        return Err(ApiError::invalid(
            kind,
            name,
            "spec.template.spec.containers",
            "Required value",
        ));
    }
    for (i, c) in spec.template.containers.iter().enumerate() {
        if c.image.trim().is_empty() {
            return Err(ApiError::invalid(
                kind,
                name,
                &format!("spec.template.spec.containers[{i}].image"),
                "Required value",
            ));
        }
        if !valid_name(&c.name) {
            return Err(ApiError::invalid(
                kind,
                name,
                &format!("spec.template.spec.containers[{i}].name"),
                &format!("Invalid value: \"{}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'", c.name),
            ));
        }
        if let (Some(r), Some(l)) = (c.requests.cpu_milli, c.limits.cpu_milli) {
            if r > l {
                return Err(ApiError::invalid(
                    kind,
                    name,
                    &format!("spec.template.spec.containers[{i}].resources.requests"),
                    &format!(
                        "Invalid value: \"{}\": must be less than or equal to cpu limit of {}",
                        format_cpu_milli(r),
                        format_cpu_milli(l)
                    ),
                ));
            }
        }
        if let (Some(r), Some(l)) = (c.requests.memory_mib, c.limits.memory_mib) {
            if r > l {
                return Err(ApiError::invalid(
                    kind,
                    name,
                    &format!("spec.template.spec.containers[{i}].resources.requests"),
                    &format!(
                        "Invalid value: \"{}\": must be less than or equal to memory limit of {}",
                        format_memory_mib(r),
                        format_memory_mib(l)
                    ),
                ));
            }
        }
    }
    if !selects(&spec.selector, &spec.template.labels) {
        return Err(ApiError::invalid(
            kind,
            name,
            "spec.template.metadata.labels",
            "Invalid value: `selector` does not match template `labels`",
        ));
    }
    Ok(())
}

fn validate_hpa(spec: HpaSpec) -> Result<HpaSpec, ApiError> {
    let name = spec.name.as_str().to_string();
    let kind = ObjectKind::HorizontalPodAutoscaler;
    if spec.max_replicas > MAX_REPLICAS {
        return Err(ApiError::invalid(
            kind,
            &name,
            "spec.maxReplicas",
            &format!(
                "Invalid value: {}: the simulator runs at most {MAX_REPLICAS} replicas",
                spec.max_replicas
            ),
        ));
    }
    if let Some(min) = spec.min_replicas {
        if min < 1 {
            return Err(ApiError::invalid(
                kind,
                &name,
                "spec.minReplicas",
                "Invalid value: 0: must be greater than or equal to 1",
            ));
        }
    }
    if spec.max_replicas < 1 {
        return Err(ApiError::invalid(
            kind,
            &name,
            "spec.maxReplicas",
            "Invalid value: 0: must be greater than or equal to 1",
        ));
    }
    let min = spec.min_replicas.unwrap_or(1);
    if spec.max_replicas < min {
        return Err(ApiError::invalid(
            kind,
            &name,
            "spec.maxReplicas",
            &format!(
                "Invalid value: {}: must be greater than or equal to `minReplicas`",
                spec.max_replicas
            ),
        ));
    }
    for (i, m) in spec.metrics.iter().enumerate() {
        let zero = match m {
            MetricSpec::Resource {
                target:
                    MetricTarget::Utilization {
                        average_utilization_percent,
                    },
                ..
            } => *average_utilization_percent == 0,
            MetricSpec::Resource {
                target:
                    MetricTarget::AverageValue {
                        average_value_milli,
                    },
                ..
            } => *average_value_milli == 0,
            MetricSpec::Pods {
                target_average_value_milli,
                ..
            } => *target_average_value_milli == 0,
        };
        if zero {
            return Err(ApiError::invalid(
                kind,
                &name,
                &format!("spec.metrics[{i}].target"),
                "Invalid value: 0: must be greater than 0",
            ));
        }
    }
    Ok(spec)
}

/// The API server's defaulting for autoscaling/v2 HPAs.
fn default_hpa(mut spec: HpaSpec) -> HpaSpec {
    if spec.metrics.is_empty() {
        spec.metrics.push(MetricSpec::cpu_utilization(80));
    }
    if let Some(b) = spec.behavior.as_mut() {
        let up = b.scale_up.get_or_insert_with(|| ScalingRules {
            stabilization_window_s: None,
            select_policy: None,
            policies: Vec::new(),
            tolerance: None,
        });
        up.stabilization_window_s.get_or_insert(0);
        up.select_policy.get_or_insert(SelectPolicy::Max);
        if up.policies.is_empty() {
            up.policies = vec![
                crate::spec::ScalingPolicy {
                    kind: crate::spec::PolicyKind::Pods,
                    value: 4,
                    period_s: 15,
                },
                crate::spec::ScalingPolicy {
                    kind: crate::spec::PolicyKind::Percent,
                    value: 100,
                    period_s: 15,
                },
            ];
        }
        let down = b.scale_down.get_or_insert_with(|| ScalingRules {
            stabilization_window_s: None,
            select_policy: None,
            policies: Vec::new(),
            tolerance: None,
        });
        down.select_policy.get_or_insert(SelectPolicy::Max);
        if down.policies.is_empty() {
            down.policies = vec![crate::spec::ScalingPolicy {
                kind: crate::spec::PolicyKind::Percent,
                value: 100,
                period_s: 15,
            }];
        }
    }
    spec
}
