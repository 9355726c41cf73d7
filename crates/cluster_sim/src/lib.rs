//! Deterministic, tick-driven mini Kubernetes cluster (UI-free): the engine behind the lab, the sandbox and the quizzes.
//!
//! # API overview
//!
//! * [`Cluster`] owns the truth. Two verbs change it: [`Cluster::apply`] (a [`Command`]) and
//!   [`Cluster::step`] (one simulated second). Randomness comes from a seeded SplitMix64 inside, so the same
//!   seed and the same commands at the same ticks give the same run, bit for bit.
//! * Commands take full object specs ([`DeploymentSpec`], [`HpaSpec`], [`ServiceSpec`],
//!   [`ResourceQuotaSpec`], [`VpaSpec`]) wrapped in [`ObjectSpec`] for `Create`/`Apply`, plus imperative
//!   verbs (`ScaleDeployment`, `SetResources`, `SetImage`, `SetNodeType`, `DeletePod`, `AddNode`, ...).
//!   A rejected command returns an [`ApiError`] that prints as `Error from server (NotFound): ...`; a
//!   successful one returns [`Applied`] that prints as kubectl's success line (`deployment.apps/web scaled`).
//! * Views are plain data: [`PodView`], [`DeploymentView`], [`HpaView`], [`NodeView`], [`ServiceView`],
//!   [`QuotaView`], [`VpaView`], [`EventView`], all in one [`ClusterView`] from [`Cluster::view`].
//!   Per tick, the cheap path is [`Cluster::metrics`] (a small `Copy` [`TickMetrics`]),
//!   [`Cluster::history_since`] (ring buffer, default 3600 ticks), [`Cluster::events_since`] and
//!   [`Cluster::narration_since`] (plain sentences for an aria-live region).
//! * [`hpa`] is the HPA controller's arithmetic as pure functions ([`hpa::resource_replicas`],
//!   [`hpa::plain_metric_replicas`], the normalization functions), with a step-by-step explanation.
//! * [`scenario`] loads the course's scenario presets (content/scenarios/*.toml, embedded with
//!   `include_str!`), builds a cluster for a [`scenario::Strategy`], and compares strategies on one load.
//!
//! # Performance
//!
//! Requests are aggregated per pod per tick (a fluid queue with integer conservation: served + failed +
//! dropped + queued == generated), so a tick costs O(pods + nodes), not O(requests). Benchmark
//! (`CARGO_PROFILE_BENCH_OPT_LEVEL=3 CARGO_PROFILE_BENCH_LTO=false cargo bench -p cluster_sim`): one
//! simulated hour, 100 nodes, 1,000 pods, 5,000 requests/s takes about 35 ms of CPU (10 us per tick;
//! 38-53 ms wall time on the shared, loaded 2-core machine), down from about 146 ms and then 92 ms; the
//! target is 50 ms. The traffic state lives in a compact array beside the pods (`PodHot`, 176 bytes a
//! pod); a quiet tick walks it twice (arrivals and CPU demand per node; serving), and pods of one class
//! in the same state copy the first one's results in a tight loop. The kubelet walk is skipped while
//! every pod is steady and nothing it depends on changed, and the Deployment controller re-counts its
//! pods only after a pod was added, removed or marked for deletion. In all about 97 instructions per pod
//! per tick (`valgrind --tool=callgrind` on `examples/bench_hour.rs`).
//!
//! Time is in ticks of one simulated second. Quantities: CPU in millicores (`cpu_milli`), memory in MiB
//! (`memory_mib`); names carry their unit last.

pub mod command;
mod engine;
pub mod hpa;
pub mod ids;
pub mod load;
pub mod rng;
pub mod scenario;
pub mod spec;
pub mod view;

pub use command::{
    ApiError, ApiErrorReason, Applied, Command, ObjectKind, ObjectRef, ObjectSpec, Operation,
};
pub use engine::{
    format_cpu_milli, format_memory_mib, Cluster, MAX_NODES, MAX_PODS_PER_NODE, MAX_REPLICAS,
    NAMESPACE,
};
pub use ids::{
    DeploymentName, HpaName, NodeName, NodeTypeName, PodName, QuotaName, ServiceName, VpaName,
};
pub use load::{LoadPattern, LoadSpec};
pub use spec::{
    node_type, node_types, Balancing, ClusterAutoscalerSpec, ContainerSpec, DeploymentSpec,
    HpaBehavior, HpaSpec, Labels, MetricSpec, MetricTarget, NodeType, PodTemplate, PolicyKind,
    ProbeSpec, QuotaResources, ResourceList, ResourceName, ResourceQuotaSpec, Resources,
    ScalingPolicy, ScalingRules, SelectPolicy, ServiceSpec, SessionAffinity, VpaSpec,
    VpaUpdateMode, Workload, METRIC_QUEUE_LENGTH, METRIC_REQUESTS_PER_SECOND,
};
pub use view::{
    ClusterView, ConditionView, ContainerView, DeploymentView, EventType, EventView, HpaView,
    MetricStatusView, Narration, NodeView, PodView, QuotaView, ReplicaSetView, RunSummary,
    ServiceView, TickMetrics, VpaRecommendation, VpaView,
};
