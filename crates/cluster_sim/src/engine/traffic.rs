//! The Service and the pods' request queues: a fluid model per pod per tick (no per-request objects),
//! with exact integer conservation: every generated request is served, queued, failed or dropped.

use super::log::LatencyHistogram;
use super::{Client, Cluster, MetricSample, Pod, PodState, METRICS_RESOLUTION_S};
use crate::spec::Workload;
use crate::spec::{Balancing, MetricSpec, MetricTarget, ResourceName, SessionAffinity};
use crate::view::TickMetrics;

/// Pod counts gathered during the traffic walk, for this tick's [`TickMetrics`].
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PodStats {
    pub total: u32,
    pub current: u32,
    pub ready: u32,
    pub pending: u32,
    pub queued: u64,
    pub capacity_rps: f64,
    pub cpu_used: u64,
    pub cpu_requested: u64,
}

/// [`PodHot::mode`]: the container runs (the kubelet's view this tick).
pub(crate) const RUNNING: u8 = 1;
/// [`PodHot::mode`]: ... and its model is loaded (requests are served, not failed).
pub(crate) const LOADED: u8 = 2;
/// [`PodHot::node`] of a pod bound to no node.
pub(crate) const NO_NODE: u32 = u32::MAX;

/// One pod's traffic state and the constants the traffic walks need, in a compact array beside `pods`
/// (same index): the per-tick walks read and write only these 176 bytes per pod, never the `Pod`.
#[derive(Clone, Debug, PartialEq)]
#[repr(C)]
pub(crate) struct PodHot {
    // --- state, carried from tick to tick
    /// Unused service capacity carried to the next tick, in requests with 32 fractional bits.
    pub credit_q32: u64,
    pub queue: u32,
    // --- this tick: set by the kubelet walk (arrivals by the Service), then the traffic walks
    /// Requests routed here this tick (endpoints only), until pass 1 takes them (0 between ticks).
    pub arrivals: u32,
    /// Requests served this tick (pass 2).
    pub served_last: u32,
    /// Node index, or [`NO_NODE`] (set by `bind` and when nodes are renumbered).
    pub node: u32,
    /// [`RUNNING`] | [`LOADED`] bits, from the pod's state at the kubelet walk.
    pub mode: u8,
    pub endpoint: bool,
    /// CPU demand, from pass 1 to pass 2 (what the pod uses goes into the metrics window).
    pub cpu_milli_now: u64,
    pub memory_mib_now: u64,
    /// Resident memory of a model still loading at this tick (set with `mode`).
    pub memory_mib_loading: u64,
    // --- the metrics-server window
    pub acc_cpu: u64,
    pub acc_arrivals: u64,
    pub acc_queue: u64,
    pub acc_ticks: u64,
    // --- constants of the pod
    /// min(CPU limit, the server's max CPU).
    pub ceiling_milli: u64,
    /// 2^32 / CPU millicore-seconds per request, rounded up.
    pub inv_cost_q32: u64,
    /// CPU millicore-seconds per request, and the same at least 1.
    pub cpu_milli_per_request: u64,
    pub cost: u64,
    pub idle_cpu_milli: u64,
    pub memory_mib_base: u64,
    pub memory_mib_per_queued_request: u64,
    /// The memory limit, or `u64::MAX` without one.
    pub memory_limit_mib: u64,
    /// The CPU request as the utilization sums count it: 0 when the pod states none.
    pub util_request_cpu_milli: u64,
    /// What this pod adds to the ready capacity when it is a loaded endpoint: ceiling / cost, in requests/s.
    pub capacity_rps: f64,
    pub queue_capacity: u32,
    /// Pods with equal constants above share a class (see [`PodHot::constants`]): pass 2 reuses one pod's
    /// results for the next pods of its class in the same state.
    pub class: u32,
}

impl PodHot {
    /// The constants that decide a pod's traffic step besides its state, as one comparable key.
    pub fn constants(&self) -> [u64; 8] {
        [
            self.ceiling_milli,
            self.cpu_milli_per_request,
            self.idle_cpu_milli,
            self.memory_mib_base,
            self.memory_mib_per_queued_request,
            self.memory_limit_mib,
            self.util_request_cpu_milli,
            u64::from(self.queue_capacity),
        ]
    }

    pub fn new(w: &Workload, ceiling: u64, memory_limit: Option<u64>, util_request: u64) -> Self {
        let cost = w.cpu_milli_per_request.max(1);
        PodHot {
            credit_q32: 0,
            queue: 0,
            arrivals: 0,
            served_last: 0,
            node: NO_NODE,
            mode: 0,
            endpoint: false,
            cpu_milli_now: 0,
            memory_mib_now: 0,
            memory_mib_loading: 0,
            acc_cpu: 0,
            acc_arrivals: 0,
            acc_queue: 0,
            acc_ticks: 0,
            ceiling_milli: ceiling,
            // Rounded up, so that exactly enough CPU for n requests serves n (not n - 1).
            inv_cost_q32: (1u64 << 32).div_ceil(cost),
            cpu_milli_per_request: w.cpu_milli_per_request,
            cost,
            idle_cpu_milli: w.idle_cpu_milli,
            memory_mib_base: w.memory_mib_base,
            memory_mib_per_queued_request: w.memory_mib_per_queued_request,
            memory_limit_mib: memory_limit.unwrap_or(u64::MAX),
            util_request_cpu_milli: util_request,
            capacity_rps: ceiling as f64 * (1.0 / cost as f64),
            queue_capacity: w.queue_capacity,
            class: 0,
        }
    }

    /// The kubelet's hand-over at its walk: take the pod's endpoint decision and state as they are for this tick's traffic (nothing changes them in between). `node` is kept up to
    /// date where pods are bound and nodes renumbered.
    #[inline]
    pub fn begin_tick(&mut self, p: &Pod, tick: u64) {
        self.endpoint = p.endpoint;
        self.mode = mode_of(p, tick);
        if let PodState::Running { since, .. } = p.state {
            if self.mode & LOADED == 0 {
                self.memory_mib_loading = loading_memory(p, tick - since);
            }
        }
    }
}

/// [`PodHot::mode`] of the pod at `tick`.
#[inline]
pub(crate) fn mode_of(p: &Pod, tick: u64) -> u8 {
    match p.state {
        PodState::Running { loaded_at, .. } if tick >= loaded_at => RUNNING | LOADED,
        PodState::Running { .. } => RUNNING,
        _ => 0,
    }
}

/// Latency of requests served this tick by one pod, as histogram buckets for (p50, p95, p99): service time
/// at the pod's CPU speed, M/M/1-style waiting at its utilization, and the backlog ahead of them.
fn latency_buckets(served: u64, queue: u64, ceiling: u64, cost: u64) -> [usize; 3] {
    let speed = ceiling.min(1000) as f64;
    let svc_ms = cost as f64 * 1000.0 / speed;
    let rho = ((served * cost) as f64 / ceiling as f64).min(0.85);
    let wait_ms = svc_ms * rho / (1.0 - rho);
    let backlog_ms = queue as f64 * cost as f64 * 1000.0 / ceiling as f64;
    [
        LatencyHistogram::bucket(svc_ms * 0.7 + wait_ms * 0.69 + backlog_ms * 0.5),
        LatencyHistogram::bucket(svc_ms * 1.3 + wait_ms * 3.0 + backlog_ms),
        LatencyHistogram::bucket(svc_ms * 1.6 + wait_ms * 4.6 + backlog_ms * 1.1),
    ]
}

/// Move one memo slot's served count into the (p50, p95, p99) histograms.
fn flush_slot(
    memo: &[Option<super::LatencyMemoEntry>],
    served: &mut [u64],
    hists: &mut [&mut LatencyHistogram; 3],
    slot: usize,
) {
    let n = std::mem::take(&mut served[slot]);
    if let (true, Some((_, b))) = (n > 0, memo[slot]) {
        for (h, bucket) in hists.iter_mut().zip(b) {
            h.add_bucket(bucket, n);
        }
    }
}

/// One node's numbers for the current tick, kept in a small array beside `nodes` so that the pod walks
/// touch 32 bytes per node instead of the whole node.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct NodeTick {
    /// Allocatable CPU (at least 1).
    pub cpu_milli: u64,
    /// CPU the node's pods want this tick.
    pub demand_milli: u64,
    pub cpu_usage_milli: u64,
    pub memory_usage_mib: u64,
}

/// Number of sticky clients simulated for `sessionAffinity: ClientIP`.
const STICKY_CLIENTS: usize = 120;
/// Mean session length of a sticky client, in seconds (then it comes back as a new client).
const STICKY_SESSION_S: u64 = 900;

/// Pass 1 of [`Cluster::traffic`] over all pods: queueing with drops at the queue's capacity, and each pod's
/// and node's CPU demand. Returns (failed, dropped) requests. Each endpoint gets `base` requests plus its
/// `arrivals` (set this tick by the Service, for endpoints only), which are taken, leaving 0 for the next tick.
///
/// As in pass 2, the loaded pods following one of the same class, queue and arrivals copy its results.
#[inline(never)]
fn queue_arrivals(hot: &mut [PodHot], node_tick: &mut [NodeTick], base: u32) -> (u64, u64) {
    let (mut failed, mut dropped) = (0u64, 0u64);
    let mut pi = 0;
    while pi < hot.len() {
        let h = &mut hot[pi];
        pi += 1;
        // Taken, and reset for the next tick's routing (which sets only endpoints).
        let a = std::mem::take(&mut h.arrivals) + if h.endpoint { base } else { 0 };
        h.acc_arrivals += u64::from(a);
        if h.mode != RUNNING | LOADED {
            let demand = if h.mode == RUNNING {
                // No readiness probe: traffic reaches a pod whose model is not loaded yet.
                failed += u64::from(a);
                // Loading the model keeps a core busy.
                h.ceiling_milli / 2
            } else {
                h.cpu_milli_now = 0;
                h.memory_mib_now = 0;
                continue;
            };
            h.cpu_milli_now = demand;
            // NO_NODE is past the end.
            if let Some(t) = node_tick.get_mut(h.node as usize) {
                t.demand_milli += demand;
            }
            continue;
        }
        let (class, queue) = (h.class, h.queue);
        let q = queue + a;
        let kept = q.min(h.queue_capacity);
        let drop = u64::from(q - kept);
        let demand =
            (u64::from(kept) * h.cpu_milli_per_request + h.idle_cpu_milli).min(h.ceiling_milli);
        h.queue = kept;
        h.cpu_milli_now = demand;
        if let Some(t) = node_tick.get_mut(h.node as usize) {
            t.demand_milli += demand;
        }
        dropped += drop;
        for h in hot[pi..].iter_mut() {
            let ah = h.arrivals + if h.endpoint { base } else { 0 };
            if !(h.mode == RUNNING | LOADED && h.class == class && h.queue == queue && ah == a) {
                break;
            }
            h.arrivals = 0;
            h.acc_arrivals += u64::from(a);
            h.queue = kept;
            h.cpu_milli_now = demand;
            // NO_NODE is past the end.
            if let Some(t) = node_tick.get_mut(h.node as usize) {
                t.demand_milli += demand;
            }
            dropped += drop;
            pi += 1;
        }
    }
    (failed, dropped)
}

/// One serving pod's inputs and results in pass 2, reused by the next pods with the same inputs.
#[derive(Clone, Copy)]
struct ServeMemo {
    /// The pod's inputs: [`PodHot::class`], queue and credit (with the granted CPU and ceiling they decide
    /// on a node without contention).
    class: u32,
    queue: u32,
    credit_q32: u64,
    out_queue: u32,
    out_credit_q32: u64,
    served: u64,
    used: u64,
    /// Resident memory with the queue left over, and whether it is above the limit.
    mem: u64,
    oom: bool,
    util_request_cpu_milli: u64,
}

impl ServeMemo {
    /// Write the results to a pod with these inputs, and its usage to its node.
    #[inline(always)]
    fn apply(&self, h: &mut PodHot, node: &mut NodeTick) {
        h.credit_q32 = self.out_credit_q32;
        h.queue = self.out_queue;
        h.served_last = self.served as u32;
        h.memory_mib_now = self.mem;
        h.acc_cpu += self.used;
        h.acc_queue += u64::from(self.out_queue);
        h.acc_ticks += 1;
        node.cpu_usage_milli += self.used;
        node.memory_usage_mib += self.mem;
    }

    /// Serve a loaded pod's queue on the CPU it was granted (a pure function of the memo's inputs).
    #[inline(never)]
    fn compute(h: &PodHot, granted: u64, ceiling: u64) -> ServeMemo {
        let cost = h.cost;
        let idle = h.idle_cpu_milli.min(granted);
        // Fixed point (32 fractional bits): integer-only, so native and wasm agree exactly.
        let capacity_q32 = h.credit_q32 + (granted - idle) * h.inv_cost_q32;
        let queue = u64::from(h.queue);
        let served = queue.min(capacity_q32 >> 32);
        let saturated = served < queue;
        let out_queue = h.queue - served as u32;
        // `loaded_at` is `since + model_load_s`, so a loaded model has its full resident memory.
        let mem = h.memory_mib_base + u64::from(out_queue) * h.memory_mib_per_queued_request;
        ServeMemo {
            class: h.class,
            queue: h.queue,
            credit_q32: h.credit_q32,
            out_queue,
            out_credit_q32: if saturated {
                capacity_q32 - (served << 32)
            } else {
                0
            },
            served,
            // A pod with work left over used all the CPU it was given.
            used: if saturated {
                granted
            } else {
                (idle + served * cost).min(ceiling)
            },
            mem,
            oom: mem > h.memory_limit_mib,
            util_request_cpu_milli: h.util_request_cpu_milli,
        }
    }
}

/// The sums of pass 2, for this tick's [`PodStats`] and totals.
#[derive(Default)]
struct ServeSums {
    served: u64,
    queued: u64,
    cpu_used: u64,
    cpu_requested: u64,
}

impl ServeSums {
    /// Add `n` pods with the memo's results (pods over their memory limit are not queued any more).
    #[inline]
    fn add(&mut self, m: &ServeMemo, n: u64) {
        self.served += m.served * n;
        if !m.oom {
            self.queued += u64::from(m.out_queue) * n;
        }
        if m.util_request_cpu_milli > 0 {
            self.cpu_used += m.used * n;
            self.cpu_requested += m.util_request_cpu_milli * n;
        }
    }
}

/// Pass 2 of [`Cluster::traffic`] over all pods: CPU shares under contention, serving, latency, memory, the
/// metrics window and the node totals. Adds to `st` and `oom` (pods over their memory limit, in order) and
/// returns the requests served.
///
/// Pods of one class with the same queue and credit on nodes without contention come out the same (the
/// step is a pure function of those): after a pod computes, the following such pods copy its results in a
/// tight inner loop and are counted in bulk (replicas of one Deployment form long runs).
#[inline(never)]
fn serve(
    hot: &mut [PodHot],
    node_tick: &mut [NodeTick],
    lat: &mut LatencyRun,
    st: &mut PodStats,
    oom: &mut Vec<usize>,
) -> u64 {
    let mut sums = ServeSums::default();
    let mut capacity_rps = 0.0f64;
    let mut pi = 0;
    while pi < hot.len() {
        let h = &mut hot[pi];
        if h.mode & RUNNING == 0 || h.node == NO_NODE {
            sums.queued += u64::from(h.queue);
            h.served_last = 0;
            pi += 1;
            continue;
        }
        let node = &mut node_tick[h.node as usize];
        let demand = h.cpu_milli_now;
        let contended = node.demand_milli > node.cpu_milli;
        let (granted, ceiling) = if contended {
            contended_share(demand, h.ceiling_milli, node.cpu_milli, node.demand_milli)
        } else {
            (demand, h.ceiling_milli)
        };
        if h.mode & LOADED == 0 {
            loading_step(h, node, granted, &mut sums, oom, pi);
            pi += 1;
            continue;
        }
        let m = ServeMemo::compute(h, granted, ceiling);
        sums.add(&m, 1);
        if m.served > 0 {
            // Most pods share the same few (served, queue, ceiling, cost) tuples each tick: runs of equal
            // tuples add up locally (integer sums: the same histograms).
            let key = (
                m.served << 32 | u64::from(m.out_queue),
                ceiling << 32 | h.cost,
            );
            if key == lat.key {
                lat.n += m.served;
            } else {
                lat.start(key, m.served, u64::from(m.out_queue), ceiling, h.cost);
            }
        }
        if h.endpoint {
            capacity_rps += h.capacity_rps;
        }
        if m.oom {
            oom.push(pi);
        }
        m.apply(h, node);
        pi += 1;
        if contended || m.oom {
            continue;
        }
        // The copies: same class, queue and credit, loaded, on a node without contention (so the same
        // granted CPU, the demand, and the same ceiling).
        let start = pi;
        for h in hot[start..].iter_mut() {
            if !(h.mode == RUNNING | LOADED
                && h.class == m.class
                && h.queue == m.queue
                && h.credit_q32 == m.credit_q32)
            {
                break;
            }
            // NO_NODE is past the end: such a pod leaves the run too.
            let Some(node) = node_tick.get_mut(h.node as usize) else {
                break;
            };
            if node.demand_milli > node.cpu_milli {
                break;
            }
            if h.endpoint {
                capacity_rps += h.capacity_rps;
            }
            m.apply(h, node);
            pi += 1;
        }
        let copies = (pi - start) as u64;
        sums.add(&m, copies);
        // The memo's pod was the last one served before its copies: the current latency run is its tuple.
        lat.n += m.served * copies;
    }
    st.queued += sums.queued;
    st.capacity_rps += capacity_rps;
    st.cpu_used += sums.cpu_used;
    st.cpu_requested += sums.cpu_requested;
    sums.served
}

/// Pass 2 for a pod whose model is still loading: it uses the CPU it is granted and serves nothing.
#[cold]
fn loading_step(
    h: &mut PodHot,
    node: &mut NodeTick,
    granted: u64,
    sums: &mut ServeSums,
    oom: &mut Vec<usize>,
    pi: usize,
) {
    let used = granted;
    h.served_last = 0;
    if h.util_request_cpu_milli > 0 {
        sums.cpu_used += used;
        sums.cpu_requested += h.util_request_cpu_milli;
    }
    let queue = u64::from(h.queue);
    let mem = h.memory_mib_loading + queue * h.memory_mib_per_queued_request;
    h.memory_mib_now = mem;
    if mem > h.memory_limit_mib {
        oom.push(pi);
    } else {
        sums.queued += queue;
    }
    h.acc_cpu += used;
    h.acc_queue += queue;
    h.acc_ticks += 1;
    node.cpu_usage_milli += used;
    node.memory_usage_mib += mem;
}

/// Resident memory of a model `elapsed_s` seconds into loading (before `loaded_at`), without queued requests.
#[cold]
fn loading_memory(p: &Pod, elapsed_s: u64) -> u64 {
    let load_s = u64::from(p.workload.model_load_s);
    (p.workload.memory_mib_base as f64 * (elapsed_s as f64 / load_s.max(1) as f64)) as u64
}

/// A pod's CPU and ceiling when its node's pods want more than the node has: shares in proportion to demand.
#[cold]
fn contended_share(demand: u64, ceiling: u64, node_cpu: u64, node_demand: u64) -> (u64, u64) {
    (
        demand * node_cpu / node_demand,
        (ceiling * node_cpu / node_demand).max(1),
    )
}

/// The latency histograms' side of pass 2: the current run of pods with equal (served, queue, ceiling, cost)
/// tuples, and the memo of their buckets. Runs are added to per-slot counts, and those to the histograms when
/// a slot changes hands or at the end of the tick (integer sums, so the histograms come out the same).
struct LatencyRun<'a> {
    memo: &'a mut [Option<super::LatencyMemoEntry>],
    slot_served: &'a mut [u64],
    touched: &'a mut Vec<usize>,
    hists: [&'a mut LatencyHistogram; 3],
    /// The run's tuple, (served << 32 | queue, ceiling << 32 | cost); (0, 0) (served 0) before the first run.
    key: (u64, u64),
    slot: usize,
    /// Requests served in the run so far.
    n: u64,
}

impl LatencyRun<'_> {
    /// Close the current run and start one for a new tuple.
    #[inline(never)]
    fn start(&mut self, key: (u64, u64), served: u64, queue: u64, ceiling: u64, cost: u64) {
        self.finish();
        let slot = ((key.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ key.1.wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
            >> 56) as usize;
        match self.memo[slot] {
            Some((k, _)) if k == key => {}
            _ => {
                // A different tuple owns this slot: flush its count before taking it over.
                flush_slot(self.memo, self.slot_served, &mut self.hists, slot);
                let b = latency_buckets(served, queue, ceiling, cost);
                self.memo[slot] = Some((key, b));
            }
        }
        self.key = key;
        self.slot = slot;
        self.n = served;
    }

    /// Add the last run to its slot and every touched slot to the histograms (in any order: the same sums).
    fn end_of_tick(mut self) {
        self.finish();
        for &slot in self.touched.iter() {
            flush_slot(self.memo, self.slot_served, &mut self.hists, slot);
        }
    }

    /// Add the current run to its slot.
    fn finish(&mut self) {
        if self.n > 0 {
            self.slot_served[self.slot] += std::mem::take(&mut self.n);
            self.touched.push(self.slot);
        }
    }
}

impl Cluster {
    fn pick_endpoint(&mut self) -> Option<u64> {
        if self.endpoint_scratch.is_empty() {
            return None;
        }
        let k = self.route_rng.below(self.endpoint_scratch.len() as u64) as usize;
        Some(self.pods[self.endpoint_scratch[k]].id)
    }

    /// Plain round robin of `n` requests over the endpoints in `endpoint_scratch` (whose `arrivals` are 0):
    /// `n / k` each, returned for pass 1 to add, and one more in `arrivals` for the `n % k` endpoints from the
    /// cursor on (wrapping); then the cursor moves on.
    fn round_robin(&mut self, n: u64) -> u32 {
        let k = self.endpoint_scratch.len();
        let (base, rem) = (n / k as u64, (n % k as u64) as usize);
        let start = (self.rr_cursor % k as u64) as usize;
        let hot = &mut self.hot[..];
        let (first, wrapped) = (
            start..(start + rem).min(k),
            0..(start + rem).saturating_sub(k),
        );
        for &pi in &self.endpoint_scratch[first] {
            hot[pi].arrivals += 1;
        }
        for &pi in &self.endpoint_scratch[wrapped] {
            hot[pi].arrivals += 1;
        }
        self.rr_cursor = self.rr_cursor.wrapping_add(rem as u64);
        base as u32
    }

    /// Spread `n` requests over the endpoints in `endpoint_scratch` (pods' `arrivals`, 0 before).
    fn distribute(&mut self, n: u64, balancing: Balancing, affinity: SessionAffinity) {
        let k = self.endpoint_scratch.len() as u64;
        if affinity == SessionAffinity::ClientIP {
            if self.clients.is_empty() {
                for _ in 0..STICKY_CLIENTS {
                    // A few heavy clients and many light ones.
                    let r = 1 + self.route_rng.below(6);
                    self.clients.push(Client {
                        weight: r * r,
                        pod_id: None,
                    });
                }
            }
            for ci in 0..self.clients.len() {
                let churn = self.route_rng.below(STICKY_SESSION_S) == 0;
                let pinned = self.clients[ci].pod_id;
                let alive = pinned.is_some_and(|id| {
                    self.endpoint_scratch
                        .binary_search_by_key(&id, |&i| self.pods[i].id)
                        .is_ok()
                });
                if churn || !alive {
                    self.clients[ci].pod_id = self.pick_endpoint();
                }
            }
            let total_w: u64 = self.clients.iter().map(|c| c.weight).sum();
            let mut cum = 0u64;
            let mut given = 0u64;
            for ci in 0..self.clients.len() {
                cum += self.clients[ci].weight;
                let upto = (u128::from(n) * u128::from(cum) / u128::from(total_w)) as u64;
                let share = upto - given;
                given = upto;
                if let Some(id) = self.clients[ci].pod_id {
                    if let Ok(pos) = self
                        .endpoint_scratch
                        .binary_search_by_key(&id, |&i| self.pods[i].id)
                    {
                        let pi = self.endpoint_scratch[pos];
                        self.hot[pi].arrivals += share as u32;
                    }
                }
            }
            return;
        }
        match balancing {
            Balancing::RoundRobin => {
                let base = n / k;
                let rem = n % k;
                let start = self.rr_cursor % k;
                for (j, &pi) in self.endpoint_scratch.iter().enumerate() {
                    let j = j as u64;
                    let extra = u64::from((j + k - start) % k < rem);
                    self.hot[pi].arrivals += (base + extra) as u32;
                }
                self.rr_cursor = self.rr_cursor.wrapping_add(rem);
            }
            Balancing::LeastRequests => {
                // Water-filling: raise the shortest queues to a common level.
                let mut order = self.endpoint_scratch.clone();
                order.sort_by_key(|&i| (self.hot[i].queue, self.pods[i].id));
                let q: Vec<u64> = order
                    .iter()
                    .map(|&i| u64::from(self.hot[i].queue))
                    .collect();
                let mut used = 0u64;
                let mut m = 1usize;
                while m < order.len() && used + (q[m] - q[m - 1]) * m as u64 <= n {
                    used += (q[m] - q[m - 1]) * m as u64;
                    m += 1;
                }
                let rest = n - used;
                let level = q[m - 1];
                for (j, &pi) in order.iter().enumerate().take(m) {
                    let extra = u64::from((j as u64) < rest % m as u64);
                    self.hot[pi].arrivals += (level - q[j] + rest / m as u64 + extra) as u32;
                }
            }
        }
    }

    /// One second of traffic: generate, route, queue, serve on the CPU each pod gets, measure latency.
    ///
    /// The endpoints were chosen, and each pod's [`PodHot`] brought up to date, in the kubelet walk. Two
    /// walks remain: arrivals and CPU demand per node, then shares, serving and measurement (a pod's share
    /// needs its node's total demand). Both keep pod order, so the float sum (ready capacity) is the same as
    /// one walk per step would give; integer sums of identical pods are added in bulk.
    #[inline(never)]
    pub(crate) fn traffic(&mut self) {
        let tick = self.tick;
        let (rate, generated) = self.load.arrivals_at(tick);
        self.latest_rate = rate;
        self.totals.generated += generated;
        let (balancing, affinity) = match self.services.first() {
            Some(s) => (s.spec.balancing, s.spec.session_affinity),
            None => (Balancing::RoundRobin, SessionAffinity::None),
        };
        // Requests every endpoint gets on top of its `arrivals` (plain round robin's even share).
        let mut base = 0;
        if self.endpoint_scratch.is_empty() {
            // No Service or no ready endpoint: the client gets 503s.
            self.totals.failed += generated;
        } else if balancing == Balancing::RoundRobin && affinity == SessionAffinity::None {
            base = self.round_robin(generated);
        } else {
            self.distribute(generated, balancing, affinity);
        }

        // Pass 1: queue arrivals, compute CPU demand per node.
        self.node_tick.clear();
        self.node_tick.extend(self.nodes.iter().map(|n| NodeTick {
            cpu_milli: n.allocatable.cpu_milli.max(1),
            ..NodeTick::default()
        }));
        let (failed, dropped) = queue_arrivals(&mut self.hot, &mut self.node_tick, base);
        self.totals.failed += failed;
        self.totals.dropped += dropped;

        // Pass 2: CPU shares under contention, serve, latency, memory.
        self.hist_p50.clear();
        self.hist_p95.clear();
        self.hist_p99.clear();
        let mut oom = Vec::new();
        // The pod counts (total, current, ready, pending) came from the kubelet walk; the rest is gathered here.
        let counted = &self.pod_stats;
        let mut st = PodStats {
            total: counted.total,
            current: counted.current,
            ready: counted.ready,
            pending: counted.pending,
            ..PodStats::default()
        };
        let node_tick = &mut self.node_tick[..];
        self.latency_touched.clear();
        let mut lat = LatencyRun {
            memo: &mut self.latency_memo[..],
            slot_served: &mut self.latency_slot_served[..],
            touched: &mut self.latency_touched,
            hists: [&mut self.hist_p50, &mut self.hist_p95, &mut self.hist_p99],
            key: (0, 0),
            slot: 0,
            n: 0,
        };
        let served_total = serve(&mut self.hot, node_tick, &mut lat, &mut st, &mut oom);
        lat.end_of_tick();
        for (n, t) in self.nodes.iter_mut().zip(&self.node_tick) {
            n.cpu_milli_usage = t.cpu_usage_milli;
            n.memory_mib_usage = t.memory_usage_mib;
        }
        self.totals.served += served_total;
        self.pod_stats = st;
        for pi in oom {
            // Its queue fails with it (counted in crash_container), so it is not queued any more.
            self.crash_container(pi, "OOMKilled");
        }
    }

    /// metrics-server: every 15 s, average each running pod's usage over the window.
    #[inline(never)]
    pub(crate) fn scrape_metrics(&mut self) {
        let tick = self.tick;
        for (p, h) in self.pods.iter_mut().zip(self.hot.iter_mut()) {
            let fresh = matches!(p.state, PodState::Running { since, .. } if since + METRICS_RESOLUTION_S <= tick);
            p.metric = if fresh && h.acc_ticks > 0 {
                Some(MetricSample {
                    cpu_milli: h.acc_cpu / h.acc_ticks,
                    memory_mib: h.memory_mib_now,
                    rps_milli: h.acc_arrivals * 1000 / h.acc_ticks,
                    queue_milli: h.acc_queue * 1000 / h.acc_ticks,
                    tick,
                })
            } else {
                None
            };
            h.acc_cpu = 0;
            h.acc_arrivals = 0;
            h.acc_queue = 0;
            h.acc_ticks = 0;
        }
    }

    /// Append this tick's numbers to the history.
    #[inline(never)]
    pub(crate) fn record_metrics(&mut self) {
        let tick = self.tick;
        let prev = self.latest;
        let t = &self.totals;
        let mut m = TickMetrics {
            tick,
            load_rps: self.latest_rate,
            generated: t.generated - prev.generated_total,
            served: t.served - prev.served_total,
            failed: t.failed - prev.failed_total,
            dropped: t.dropped - prev.dropped_total,
            generated_total: t.generated,
            served_total: t.served,
            failed_total: t.failed,
            dropped_total: t.dropped,
            latency_ms_p50: self.hist_p50.quantile(0.5),
            latency_ms_p95: self.hist_p95.quantile(0.95),
            latency_ms_p99: self.hist_p99.quantile(0.99),
            cost_usd: self.cost_usd(),
            ..TickMetrics::default()
        };
        m.replicas_desired = self.deployments.iter().map(|d| d.spec.replicas).sum();
        let st = &self.pod_stats;
        m.queued = st.queued;
        m.pods_total = st.total;
        m.replicas_current = st.current;
        m.replicas_ready = st.ready;
        m.pods_pending = st.pending;
        m.ready_capacity_rps = st.capacity_rps;
        m.cpu_utilization_percent = if st.cpu_requested > 0 {
            Some(st.cpu_used as f64 * 100.0 / st.cpu_requested as f64)
        } else {
            None
        };
        m.nodes = self.nodes.len() as u32;
        m.nodes_ready = self.nodes.iter().filter(|n| n.is_ready(tick)).count() as u32;
        m.hpa_target_percent = self.hpas.first().and_then(|h| {
            h.spec.metrics.iter().find_map(|s| match s {
                MetricSpec::Resource {
                    resource: ResourceName::Cpu,
                    target:
                        MetricTarget::Utilization {
                            average_utilization_percent,
                        },
                } => Some(*average_utilization_percent),
                _ => None,
            })
        });
        self.latest = m;
        self.history.push(m);
    }
}
