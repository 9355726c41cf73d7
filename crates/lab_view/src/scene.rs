//! The nodes-and-pods picture as plain data: [`scene`] maps the engine's views to [`Scene`], which
//! the lab and the terminal page draw (crates/bundle_cluster/src/picture.rs).

use cluster_sim::{Cluster, NodeView, PodView};

/// What a pod card shows, one colour each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PodState {
    Pending,
    ContainerCreating,
    /// Running, not ready (loading the model, or no readiness yet).
    Starting,
    Ready,
    Terminating,
    CrashLoopBackOff,
    OomKilled,
    /// Another failure (`Error`, `ImagePullBackOff`, `Completed`).
    Failed,
}

impl PodState {
    /// The CSS modifier (`lab-pod--ready`).
    pub fn class(self) -> &'static str {
        match self {
            PodState::Pending => "pending",
            PodState::ContainerCreating => "creating",
            PodState::Starting => "starting",
            PodState::Ready => "ready",
            PodState::Terminating => "terminating",
            PodState::CrashLoopBackOff => "crash",
            PodState::OomKilled => "oom",
            PodState::Failed => "failed",
        }
    }

    /// The legend's words.
    pub fn label(self) -> &'static str {
        match self {
            PodState::Pending => "Pending",
            PodState::ContainerCreating => "ContainerCreating",
            PodState::Starting => "Running, not ready",
            PodState::Ready => "Ready",
            PodState::Terminating => "Terminating",
            PodState::CrashLoopBackOff => "CrashLoopBackOff",
            PodState::OomKilled => "OOMKilled",
            PodState::Failed => "Failed",
        }
    }

    pub const ALL: [PodState; 8] = [
        PodState::Pending,
        PodState::ContainerCreating,
        PodState::Starting,
        PodState::Ready,
        PodState::Terminating,
        PodState::CrashLoopBackOff,
        PodState::OomKilled,
        PodState::Failed,
    ];

    /// The state of a pod from its view.
    pub fn of(p: &PodView) -> PodState {
        if p.deleting || p.status == "Terminating" {
            return PodState::Terminating;
        }
        match p.status.as_str() {
            "Pending" => PodState::Pending,
            "ContainerCreating" => PodState::ContainerCreating,
            "CrashLoopBackOff" => PodState::CrashLoopBackOff,
            "OOMKilled" => PodState::OomKilled,
            "Running" if p.ready => PodState::Ready,
            "Running" => PodState::Starting,
            _ if p.node.is_none() => PodState::Pending,
            _ => PodState::Failed,
        }
    }
}

/// One pod card.
#[derive(Clone, Debug, PartialEq)]
pub struct PodCard {
    pub name: String,
    pub state: PodState,
    /// The STATUS column (`Running`, `Pending`, ...).
    pub status: String,
    /// A sentence for the hover/focus tip: the scheduler's reason when Pending, else the state.
    pub detail: String,
    /// The Service sends it requests right now.
    pub receiving: bool,
    /// CPU usage over its request, percent (0 when unknown or no request).
    pub cpu_percent: u32,
    pub restarts: u32,
    /// Card width in units of a 500m CPU request (at least 1, at most 16): a big pod looks big.
    pub width: u32,
    /// Stable per name, state and traffic: a `<For>` key that redraws the card only when those change.
    pub key: String,
}

/// One node box.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub name: String,
    pub node_type: String,
    /// Relative width: allocatable CPU in cores (a small node is 2, a large one 8).
    pub size: u32,
    pub ready: bool,
    pub provisioning: bool,
    /// Percent of allocatable CPU and memory requested by its pods and used by them (0..=100).
    pub cpu_requested: u32,
    pub cpu_used: u32,
    pub mem_requested: u32,
    pub mem_used: u32,
    /// `2.1 / 3.9 CPU`, `5.0 / 14.6 GiB` (what the bars mean, in words).
    pub cpu_text: String,
    pub mem_text: String,
    pub pods: Vec<PodCard>,
}

impl NodeBox {
    /// One sentence for screen readers.
    pub fn summary(&self) -> String {
        let state = if self.provisioning {
            "starting up"
        } else if self.ready {
            "ready"
        } else {
            "not ready"
        };
        let ready = self
            .pods
            .iter()
            .filter(|p| p.state == PodState::Ready)
            .count();
        format!(
            "Node {} ({}, {state}): {} pods, {ready} ready; CPU {} % requested, {} % used; memory {} % requested.",
            self.name,
            self.node_type,
            self.pods.len(),
            self.cpu_requested,
            self.cpu_used,
            self.mem_requested
        )
    }
}

/// The whole picture at one tick.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub tick: u64,
    pub nodes: Vec<NodeBox>,
    /// Pods no node has taken (waiting outside the nodes).
    pub pending: Vec<PodCard>,
    /// The Service in front of the pods.
    pub service: String,
    /// Offered load this second, requests served, failed and dropped in the last tick.
    pub load_rps: u32,
    pub served: u64,
    pub failed: u64,
    pub dropped: u64,
    /// Ready pods receiving traffic.
    pub endpoints: u32,
    /// What the controllers are doing, one line each (the HPA's numbers, the quota's use).
    pub controllers: Vec<String>,
}

impl Scene {
    /// The request flow in words (shown next to the flow band).
    pub fn flow_text(&self) -> String {
        format!(
            "{} req/s offered, {} served, {} dropped or failed, {} endpoints",
            self.load_rps,
            self.served,
            self.dropped + self.failed,
            self.endpoints
        )
    }

    /// Share of this tick's requests that were dropped or failed, percent.
    pub fn lost_percent(&self) -> u32 {
        let total = self.served + self.failed + self.dropped;
        ((self.failed + self.dropped) * 100)
            .checked_div(total)
            .unwrap_or(0) as u32
    }

    pub fn pod_count(&self) -> usize {
        self.pending.len() + self.nodes.iter().map(|n| n.pods.len()).sum::<usize>()
    }
}

fn pct(part: u64, whole: u64) -> u32 {
    part.saturating_mul(100)
        .checked_div(whole)
        .map_or(0, |v| v.min(100) as u32)
}

fn tenths(milli: u64) -> String {
    let t = (milli + 50) / 100;
    format!("{}.{}", t / 10, t % 10)
}

/// A pod card from the engine's view.
pub fn pod_card(p: &PodView) -> PodCard {
    let state = PodState::of(p);
    let detail = match (&p.pending_reason, state) {
        (Some(r), PodState::Pending) => format!("{}: Pending. {r}", p.name),
        _ => {
            let mut d = format!("{}: {}", p.name, state.label());
            if p.restarts > 0 {
                d.push_str(&format!(", {} restarts", p.restarts));
            }
            d
        }
    };
    let cpu_percent = match (p.cpu_milli_usage, p.requests.cpu_milli) {
        (Some(u), r) if r > 0 => (u * 100 / r).min(999) as u32,
        _ => 0,
    };
    PodCard {
        key: format!(
            "{}|{}|{}",
            p.name,
            state.class(),
            if p.receiving_traffic { "in" } else { "-" }
        ),
        name: p.name.to_string(),
        state,
        status: p.status.clone(),
        detail,
        receiving: p.receiving_traffic,
        cpu_percent,
        restarts: p.restarts,
        width: (p.requests.cpu_milli.div_ceil(500)).clamp(1, 16) as u32,
    }
}

fn node_box(n: &NodeView, pods: Vec<PodCard>) -> NodeBox {
    let a = &n.allocatable;
    NodeBox {
        name: n.name.to_string(),
        node_type: n.node_type.to_string(),
        size: ((a.cpu_milli + 500) / 1000).max(1) as u32,
        ready: n.ready,
        provisioning: n.provisioning,
        cpu_requested: pct(n.allocated_requests.cpu_milli, a.cpu_milli),
        cpu_used: pct(n.cpu_milli_usage, a.cpu_milli),
        mem_requested: pct(n.allocated_requests.memory_mib, a.memory_mib),
        mem_used: pct(n.memory_mib_usage, a.memory_mib),
        cpu_text: format!(
            "CPU {} used, {} requested of {} cores",
            tenths(n.cpu_milli_usage),
            tenths(n.allocated_requests.cpu_milli),
            tenths(a.cpu_milli)
        ),
        mem_text: format!(
            "Memory {} used, {} requested of {} GiB",
            tenths(n.memory_mib_usage * 1000 / 1024),
            tenths(n.allocated_requests.memory_mib * 1000 / 1024),
            tenths(a.memory_mib * 1000 / 1024)
        ),
        pods,
    }
}

/// The picture of `cluster` now: nodes in creation order with their pods, Pending pods apart.
pub fn scene(cluster: &Cluster) -> Scene {
    let mut s = scene_from(
        cluster.tick(),
        &cluster.nodes(),
        &cluster.pods(),
        cluster.metrics(),
        cluster
            .services()
            .first()
            .map(|s| s.name.to_string())
            .unwrap_or_default(),
    );
    s.controllers = controllers(cluster);
    s
}

fn cores(milli: u64) -> String {
    tenths(milli)
}

/// One line per HPA and per ResourceQuota.
pub fn controllers(cluster: &Cluster) -> Vec<String> {
    let mut out = Vec::new();
    for h in cluster.hpas() {
        let metric = h
            .current_metrics
            .first()
            .map(
                |m| match (m.current_utilization_percent, m.current_average_value_milli) {
                    (Some(u), _) => format!("; CPU {u} % of request"),
                    (None, Some(v)) => format!("; metric {}", tenths(v)),
                    (None, None) => "; metric <unknown>".into(),
                },
            )
            .unwrap_or_default();
        let target = cluster
            .metrics()
            .hpa_target_percent
            .map(|t| format!(" (target {t} %)"))
            .unwrap_or_default();
        out.push(format!(
            "HPA {}: {} replicas now, wants {} (min {}, max {}){metric}{target}",
            h.name,
            h.current_replicas,
            h.desired_replicas,
            h.min_replicas.unwrap_or(1),
            h.max_replicas
        ));
    }
    for q in cluster.quotas() {
        let mut parts = Vec::new();
        if let Some(hard) = q.hard.requests_cpu_milli {
            parts.push(format!(
                "CPU requests {} of {} cores",
                cores(q.used.requests_cpu_milli.unwrap_or(0)),
                cores(hard)
            ));
        }
        if let Some(hard) = q.hard.pods {
            parts.push(format!("pods {} of {hard}", q.used.pods.unwrap_or(0)));
        }
        if let Some(hard) = q.hard.requests_memory_mib {
            parts.push(format!(
                "memory requests {} of {} MiB",
                q.used.requests_memory_mib.unwrap_or(0),
                hard
            ));
        }
        out.push(format!("ResourceQuota {}: {}", q.name, parts.join(", ")));
    }
    out
}

/// [`scene`] from views already taken (for tests and callers that have them).
pub fn scene_from(
    tick: u64,
    nodes: &[NodeView],
    pods: &[PodView],
    m: cluster_sim::TickMetrics,
    service: String,
) -> Scene {
    let mut per_node: Vec<Vec<PodCard>> = vec![Vec::new(); nodes.len()];
    let mut pending = Vec::new();
    let mut endpoints = 0;
    for p in pods {
        let card = pod_card(p);
        if card.receiving {
            endpoints += 1;
        }
        let slot = p
            .node
            .as_ref()
            .and_then(|n| nodes.iter().position(|x| &x.name == n));
        match slot {
            Some(i) => per_node[i].push(card),
            None => pending.push(card),
        }
    }
    Scene {
        tick,
        nodes: nodes
            .iter()
            .zip(per_node)
            .map(|(n, pods)| node_box(n, pods))
            .collect(),
        pending,
        service,
        load_rps: m.load_rps.round().max(0.0) as u32,
        served: m.served,
        failed: m.failed,
        dropped: m.dropped,
        endpoints,
        controllers: Vec::new(),
    }
}
