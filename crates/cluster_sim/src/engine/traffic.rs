//! The Service and the pods' request queues: a fluid model per pod per tick (no per-request objects),
//! with exact integer conservation: every generated request is served, queued, failed or dropped.

use super::log::LatencyHistogram;
use super::{Client, Cluster, MetricSample, Pod, PodState, METRICS_RESOLUTION_S};
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

/// Round robin folded into the demand walk: `base` requests each, one more for the first `rem` positions of
/// the rotation; `pos` is the current endpoint's position, counted up with wrap-around (no division per pod).
#[derive(Default)]
struct RoundRobin {
    base: u64,
    rem: u64,
    pos: u64,
    k: u64,
}

/// Number of sticky clients simulated for `sessionAffinity: ClientIP`.
const STICKY_CLIENTS: usize = 120;
/// Mean session length of a sticky client, in seconds (then it comes back as a new client).
const STICKY_SESSION_S: u64 = 900;

/// Pass 1 of [`Cluster::traffic`] over all pods: round-robin arrivals (when `RR`), queueing with drops at
/// the queue's capacity, and each pod's and node's CPU demand. Returns (failed, dropped) requests.
fn queue_arrivals<const RR: bool>(
    pods: &mut [Pod],
    node_tick: &mut [NodeTick],
    tick: u64,
    rr: &mut RoundRobin,
) -> (u64, u64) {
    let (mut failed, mut dropped) = (0u64, 0u64);
    for p in pods.iter_mut() {
        if RR && p.endpoint {
            p.arrivals = (rr.base + u64::from(rr.pos < rr.rem)) as u32;
            rr.pos += 1;
            if rr.pos == rr.k {
                rr.pos = 0;
            }
        }
        let a = p.arrivals;
        p.acc_arrivals += u64::from(a);
        let PodState::Running { loaded_at, .. } = p.state else {
            p.cpu_milli_now = 0;
            p.memory_mib_now = 0;
            continue;
        };
        let ceiling = p.cpu_ceiling_milli;
        let demand = if tick < loaded_at {
            // No readiness probe: traffic reaches a pod whose model is not loaded yet.
            failed += u64::from(a);
            // Loading the model keeps a core busy.
            ceiling / 2
        } else {
            let q = p.queue + a;
            let kept = q.min(p.workload.queue_capacity);
            dropped += u64::from(q - kept);
            p.queue = kept;
            (u64::from(kept) * p.workload.cpu_milli_per_request + p.workload.idle_cpu_milli)
                .min(ceiling)
        };
        p.cpu_milli_now = demand;
        if let Some(n) = p.node {
            node_tick[n].demand_milli += demand;
        }
    }
    (failed, dropped)
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

    /// Spread `n` requests over the endpoints in `endpoint_scratch` (pods' `arrivals`).
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
                        self.pods[pi].arrivals += share as u32;
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
                    self.pods[pi].arrivals += (base + extra) as u32;
                }
                self.rr_cursor = self.rr_cursor.wrapping_add(rem);
            }
            Balancing::LeastRequests => {
                // Water-filling: raise the shortest queues to a common level.
                let mut order = self.endpoint_scratch.clone();
                order.sort_by_key(|&i| (self.pods[i].queue, self.pods[i].id));
                let q: Vec<u64> = order
                    .iter()
                    .map(|&i| u64::from(self.pods[i].queue))
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
                    self.pods[pi].arrivals += (level - q[j] + rest / m as u64 + extra) as u32;
                }
            }
        }
    }

    /// One second of traffic: generate, route, queue, serve on the CPU each pod gets, measure latency.
    ///
    /// The endpoints were chosen (and the pods' per-tick counters reset) in the kubelet walk. Two walks
    /// remain: arrivals and CPU demand per node, then shares, serving and measurement (a pod's share needs
    /// its node's total demand). Both keep pod order, so every sum (floats included) is the same as one
    /// walk per step would give.
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
        // Plain round robin is folded into pass 1 (no extra walk over the pods).
        let mut inline_rr: Option<RoundRobin> = None;
        if self.endpoint_scratch.is_empty() {
            // No Service or no ready endpoint: the client gets 503s.
            self.totals.failed += generated;
        } else if balancing == Balancing::RoundRobin && affinity == SessionAffinity::None {
            let k = self.endpoint_scratch.len() as u64;
            let start = self.rr_cursor % k;
            inline_rr = Some(RoundRobin {
                base: generated / k,
                rem: generated % k,
                // The first endpoint's position in the rotation, (0 + k - start) % k; then +1 with wrap.
                pos: (k - start) % k,
                k,
            });
            self.rr_cursor = self.rr_cursor.wrapping_add(generated % k);
        } else {
            self.distribute(generated, balancing, affinity);
        }

        // Pass 1: queue arrivals, compute CPU demand per node.
        self.node_tick.clear();
        self.node_tick.extend(self.nodes.iter().map(|n| NodeTick {
            cpu_milli: n.allocatable.cpu_milli.max(1),
            ..NodeTick::default()
        }));
        let (failed, dropped) = match inline_rr {
            Some(mut rr) => {
                queue_arrivals::<true>(&mut self.pods, &mut self.node_tick, tick, &mut rr)
            }
            None => queue_arrivals::<false>(
                &mut self.pods,
                &mut self.node_tick,
                tick,
                &mut RoundRobin::default(),
            ),
        };
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
        let mut served_total = 0u64;
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
        for (pi, p) in self.pods.iter_mut().enumerate() {
            let (PodState::Running { since, loaded_at }, Some(ni)) = (p.state, p.node) else {
                st.queued += u64::from(p.queue);
                continue;
            };
            let node = &mut node_tick[ni];
            let demand = p.cpu_milli_now;
            let (granted, ceiling) = if node.demand_milli > node.cpu_milli {
                contended_share(
                    demand,
                    p.cpu_ceiling_milli,
                    node.cpu_milli,
                    node.demand_milli,
                )
            } else {
                (demand, p.cpu_ceiling_milli)
            };
            // `loaded_at` is `since + model_load_s`, so a loaded model has its full resident memory.
            let (used, base) = if tick >= loaded_at {
                let cost = p.workload.cpu_milli_per_request.max(1);
                let idle = p.workload.idle_cpu_milli.min(granted);
                // Fixed point (32 fractional bits): integer-only, so native and wasm agree exactly.
                let capacity_q32 = p.credit_q32 + (granted - idle) * p.inv_cost_q32;
                let queue = u64::from(p.queue);
                let served = queue.min(capacity_q32 >> 32);
                let saturated = served < queue;
                p.credit_q32 = if saturated {
                    capacity_q32 - (served << 32)
                } else {
                    0
                };
                p.queue -= served as u32;
                p.served_last = served as u32;
                served_total += served;
                if served > 0 {
                    // Most pods share the same few (served, queue, ceiling, cost) tuples each tick: runs of
                    // equal tuples add up locally (integer sums: the same histograms).
                    let key = (served << 32 | u64::from(p.queue), ceiling << 32 | cost);
                    if key == lat.key {
                        lat.n += served;
                    } else {
                        lat.start(key, served, u64::from(p.queue), ceiling, cost);
                    }
                }
                if p.endpoint {
                    st.capacity_rps += p.capacity_rps;
                }
                // A pod with work left over used all the CPU it was given.
                let used = if saturated {
                    granted
                } else {
                    (idle + served * cost).min(ceiling)
                };
                (used, p.workload.memory_mib_base)
            } else {
                (granted, loading_memory(p, tick - since))
            };
            p.cpu_milli_now = used;
            if p.util_request_cpu_milli > 0 {
                st.cpu_used += used;
                st.cpu_requested += p.util_request_cpu_milli;
            }
            let queue = u64::from(p.queue);
            let mem = base + queue * p.workload.memory_mib_per_queued_request;
            p.memory_mib_now = mem;
            if p.memory_limit_mib.is_some_and(|l| mem > l) {
                oom.push(pi);
            } else {
                st.queued += queue;
            }
            p.acc_cpu += used;
            p.acc_queue += queue;
            p.acc_ticks += 1;
            node.cpu_usage_milli += used;
            node.memory_usage_mib += mem;
        }
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
        for p in self.pods.iter_mut() {
            let fresh = matches!(p.state, PodState::Running { since, .. } if since + METRICS_RESOLUTION_S <= tick);
            p.metric = if fresh && p.acc_ticks > 0 {
                Some(MetricSample {
                    cpu_milli: p.acc_cpu / p.acc_ticks,
                    memory_mib: p.memory_mib_now,
                    rps_milli: p.acc_arrivals * 1000 / p.acc_ticks,
                    queue_milli: p.acc_queue * 1000 / p.acc_ticks,
                    tick,
                })
            } else {
                None
            };
            p.acc_cpu = 0;
            p.acc_arrivals = 0;
            p.acc_queue = 0;
            p.acc_ticks = 0;
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
