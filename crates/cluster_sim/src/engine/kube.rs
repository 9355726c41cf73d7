//! The control plane and the kubelets: the ReplicaSet/Deployment controller (with quota admission),
//! the scheduler's fit rule, and each pod's lifecycle on its node.

use super::traffic::{mode_of, PodHot, PodStats, LOADED, RUNNING};
use super::{
    format_cpu_milli, format_memory_mib, selects, set_condition, Cluster, ImageProblem, Pod,
    PodCounts, PodState, Service, WaitReason, MAX_PODS_PER_NODE, NAMESPACE, TERMINATION_GRACE_S,
};
use crate::command::ObjectKind;
use crate::ids::PodName;
use crate::spec::{QuotaResources, Resources};
use crate::view::EventType;

/// Seconds a terminated container's reason (`OOMKilled`, `Error`) shows before `CrashLoopBackOff`.
const SHOW_TERMINATED_S: u64 = 3;
/// Kubelet restart back-off: 10 s doubling to 5 minutes; reset after 10 minutes of running.
const BACKOFF_INITIAL_S: u64 = 10;
const BACKOFF_MAX_S: u64 = 300;
const BACKOFF_RESET_S: u64 = 600;
/// How long a crashing program runs before it exits.
const CRASH_AFTER_S: u64 = 4;
/// The ReplicaSet controller's retry interval after a failed create.
const CREATE_RETRY_S: u64 = 10;
/// The scheduler re-tries unschedulable pods; it re-records FailedScheduling at most this often.
const SCHED_EVENT_EVERY_S: u64 = 30;

/// The scheduler's scoring view of a request: 0 counts as 100m CPU / 200Mi memory.
fn nonzero(r: &Resources) -> (u64, u64) {
    (
        if r.cpu_milli == 0 { 100 } else { r.cpu_milli },
        if r.memory_mib == 0 { 200 } else { r.memory_mib },
    )
}

fn image_problem(image: &str, crash: bool) -> ImageProblem {
    let lower = image.to_ascii_lowercase();
    if lower.contains("does-not-exist")
        || lower.contains("doesnotexist")
        || lower.ends_with(":typo")
    {
        ImageProblem::PullFails
    } else if crash || lower.contains("broken") {
        ImageProblem::Crashes
    } else {
        ImageProblem::None
    }
}

impl Cluster {
    #[inline(never)]
    pub(crate) fn node_lifecycle(&mut self) {
        let tick = self.tick;
        let mut became_ready = Vec::new();
        for n in &self.nodes {
            if n.ready_tick == tick && n.created_tick != tick {
                became_ready.push(n.name.clone());
            }
        }
        for name in became_ready {
            self.narrate(format!(
                "Node {name} is Ready: Pending pods can be scheduled on it."
            ));
            self.event(
                EventType::Normal,
                "NodeReady",
                ObjectKind::Node,
                name.as_str(),
                format!("Node {name} status is now: NodeReady"),
                "kubelet",
            );
            self.sched_dirty = true;
        }
        // Remove drained nodes once empty.
        let mut i = 0;
        while i < self.nodes.len() {
            if self.nodes[i].removing && self.nodes[i].pod_count == 0 {
                let name = self.nodes[i].name.clone();
                self.nodes.remove(i);
                for (p, h) in self.pods.iter_mut().zip(self.hot.iter_mut()) {
                    if let Some(n) = p.node {
                        debug_assert!(n != i, "pods on a removed node");
                        if n > i {
                            p.node = Some(n - 1);
                            h.node = (n - 1) as u32;
                        }
                    }
                }
                self.event(
                    EventType::Normal,
                    "RemovingNode",
                    ObjectKind::Node,
                    name.as_str(),
                    format!("Node {name} event: Removing Node {name} from Controller"),
                    "node-controller",
                );
                self.sched_dirty = true;
            } else {
                i += 1;
            }
        }
    }

    /// Current quota usage in the namespace (pods not yet gone count, as in Kubernetes).
    pub(crate) fn quota_used(&self) -> QuotaResources {
        let mut used = QuotaResources {
            pods: Some(0),
            requests_cpu_milli: Some(0),
            requests_memory_mib: Some(0),
            limits_cpu_milli: Some(0),
            limits_memory_mib: Some(0),
        };
        // Saturating: a pod's amounts are capped (`Resources::from_list`), but a sum must
        // never be what panics.
        let add = |total: &mut Option<u64>, v: u64| {
            let t = total.as_mut().expect("set");
            *t = t.saturating_add(v);
        };
        for p in &self.pods {
            *used.pods.as_mut().expect("set") += 1;
            add(&mut used.requests_cpu_milli, p.requests.cpu_milli);
            add(&mut used.requests_memory_mib, p.requests.memory_mib);
            add(&mut used.limits_cpu_milli, p.limits.cpu_milli);
            add(&mut used.limits_memory_mib, p.limits.memory_mib);
        }
        used
    }

    /// Quota admission for a new pod: None if admitted, else the Forbidden message.
    fn quota_check(
        &self,
        pod_name: &str,
        requests: &Resources,
        limits: &Resources,
        missing: (bool, bool, bool, bool),
    ) -> Option<String> {
        if self.quotas.is_empty() {
            return None;
        }
        let used = self.quota_used();
        for q in &self.quotas {
            let h = &q.spec.hard;
            // A compute quota requires every container to state the constrained resources.
            let mut must = Vec::new();
            if h.requests_cpu_milli.is_some() && missing.0 {
                must.push("requests.cpu");
            }
            if h.requests_memory_mib.is_some() && missing.1 {
                must.push("requests.memory");
            }
            if h.limits_cpu_milli.is_some() && missing.2 {
                must.push("limits.cpu");
            }
            if h.limits_memory_mib.is_some() && missing.3 {
                must.push("limits.memory");
            }
            if !must.is_empty() {
                return Some(format!(
                    "pods \"{pod_name}\" is forbidden: failed quota: {}: must specify {}",
                    q.spec.name,
                    must.join(",")
                ));
            }
            let mut exceeded: Vec<(&str, String, String, String)> = Vec::new();
            let mut check = |name: &'static str,
                             hard: Option<u64>,
                             used: u64,
                             req: u64,
                             fmt: fn(u64) -> String| {
                if let Some(hard) = hard {
                    if used + req > hard {
                        exceeded.push((name, fmt(req), fmt(used), fmt(hard)));
                    }
                }
            };
            let plain = |v: u64| v.to_string();
            check(
                "limits.cpu",
                h.limits_cpu_milli,
                used.limits_cpu_milli.unwrap_or(0),
                limits.cpu_milli,
                format_cpu_milli,
            );
            check(
                "limits.memory",
                h.limits_memory_mib,
                used.limits_memory_mib.unwrap_or(0),
                limits.memory_mib,
                format_memory_mib,
            );
            check(
                "pods",
                h.pods.map(u64::from),
                u64::from(used.pods.unwrap_or(0)),
                1,
                plain,
            );
            check(
                "requests.cpu",
                h.requests_cpu_milli,
                used.requests_cpu_milli.unwrap_or(0),
                requests.cpu_milli,
                format_cpu_milli,
            );
            check(
                "requests.memory",
                h.requests_memory_mib,
                used.requests_memory_mib.unwrap_or(0),
                requests.memory_mib,
                format_memory_mib,
            );
            if !exceeded.is_empty() {
                exceeded.sort_by(|a, b| a.0.cmp(b.0));
                let join = |f: fn(&(&str, String, String, String)) -> String| {
                    exceeded.iter().map(f).collect::<Vec<_>>().join(",")
                };
                return Some(format!(
                    "pods \"{pod_name}\" is forbidden: exceeded quota: {}, requested: {}, used: {}, limited: {}",
                    q.spec.name,
                    join(|e| format!("{}={}", e.0, e.1)),
                    join(|e| format!("{}={}", e.0, e.2)),
                    join(|e| format!("{}={}", e.0, e.3)),
                ));
            }
        }
        None
    }

    /// Create one pod for deployment `di` (subject to quota). Returns false if admission refused it.
    fn create_pod(&mut self, di: usize) -> bool {
        let tick = self.tick;
        let d = &self.deployments[di];
        let base = format!("{}-{}-", d.spec.name, d.hash);
        let mut containers = d.spec.template.containers.clone();
        if let Some(vpa) = d.vpa_requests {
            // VPA admission: set requests, keep the limit/request ratio.
            for c in containers.iter_mut() {
                let n = d.spec.template.containers.len() as u64;
                let cpu = (vpa.cpu_milli / n).max(1);
                let mem = (vpa.memory_mib / n).max(1);
                if let (Some(r), Some(l)) = (c.requests.cpu_milli, c.limits.cpu_milli) {
                    c.limits.cpu_milli = Some(cpu * l / r.max(1));
                }
                if let (Some(r), Some(l)) = (c.requests.memory_mib, c.limits.memory_mib) {
                    c.limits.memory_mib = Some(mem * l / r.max(1));
                }
                c.requests.cpu_milli = Some(cpu);
                c.requests.memory_mib = Some(mem);
            }
        }
        let workload = d.workload.clone();
        let labels = {
            let mut l = d.spec.template.labels.clone();
            l.insert("pod-template-hash".into(), d.hash.clone());
            l
        };
        let template_hash = d.hash.clone();
        let (owner_id, hash_value) = (d.id, d.hash_value);
        let deployment = d.spec.name.clone();
        let node_type = d.spec.template.node_type.clone();
        let mut requests = Resources::default();
        let mut limits = Resources::default();
        let mut missing = (false, false, false, false);
        let mut cpu_limit = Some(0u64);
        let mut mem_limit = Some(0u64);
        for c in &containers {
            requests.add(&Resources::from_list(&c.requests));
            limits.add(&Resources::from_list(&c.limits));
            missing.0 |= c.requests.cpu_milli.is_none();
            missing.1 |= c.requests.memory_mib.is_none();
            missing.2 |= c.limits.cpu_milli.is_none();
            missing.3 |= c.limits.memory_mib.is_none();
            cpu_limit = cpu_limit.and_then(|a| c.limits.cpu_milli.map(|b| a + b));
            mem_limit = mem_limit.and_then(|a| c.limits.memory_mib.map(|b| a + b));
        }
        let image_problem = containers
            .iter()
            .map(|c| image_problem(&c.image, workload.crash_on_start))
            .find(|p| *p != ImageProblem::None)
            .unwrap_or(ImageProblem::None);
        let probe = containers.iter().find_map(|c| c.readiness_probe.clone());
        let mut name;
        loop {
            name = PodName(format!("{base}{}", self.random_suffix(5)));
            if !self.pods.iter().any(|p| p.name == name) {
                break;
            }
        }
        if let Some(msg) = self.quota_check(name.as_str(), &requests, &limits, missing) {
            let rs = format!("{}-{}", deployment, template_hash);
            self.event(
                EventType::Warning,
                "FailedCreate",
                ObjectKind::ReplicaSet,
                &rs,
                format!("Error creating: {msg}"),
                "replicaset-controller",
            );
            if self.deployments[di].replica_failure.is_none() {
                let quota = msg
                    .split("quota: ")
                    .nth(1)
                    .and_then(|r| r.split(',').next())
                    .unwrap_or("a quota");
                self.narrate(format!(
                    "ResourceQuota {quota} refused a new pod for {deployment}: the namespace is at its limit."
                ));
            }
            let d = &mut self.deployments[di];
            d.replica_failure = Some(msg);
            d.next_create_retry = tick + CREATE_RETRY_S;
            return false;
        }
        let uid = self.random_uid();
        let id = self.next_pod_id;
        self.next_pod_id += 1;
        let ceiling = cpu_limit
            .unwrap_or(u64::MAX)
            .min(workload.max_cpu_milli)
            .max(1);
        let mut hot = PodHot::new(
            &workload,
            ceiling,
            mem_limit,
            if missing.0 { 0 } else { requests.cpu_milli },
        );
        let constants = hot.constants();
        hot.class = match self.traffic_classes.iter().position(|c| *c == constants) {
            Some(i) => i as u32,
            None => {
                self.traffic_classes.push(constants);
                (self.traffic_classes.len() - 1) as u32
            }
        };
        self.pods_version += 1;
        self.pods.push(Pod {
            id,
            name: name.clone(),
            uid,
            deployment: deployment.clone(),
            template_hash: template_hash.clone(),
            owner_id,
            hash_value,
            svc_gen: 0,
            svc_match: false,
            labels,
            containers,
            workload,
            image_problem,
            requests,
            limits,
            cpu_request_missing: missing.0,
            memory_request_missing: missing.1,
            cpu_limit_milli: cpu_limit,
            memory_limit_mib: mem_limit,
            probe,
            node_type,
            node: None,
            ip: None,
            created_tick: tick,
            started_tick: None,
            state: PodState::Unscheduled,
            ready: false,
            ready_transition_tick: tick,
            restarts: 0,
            last_restart_tick: None,
            last_termination_reason: None,
            backoff_s: 0,
            deleting_since: None,
            pending_reason: None,
            last_sched_event_tick: None,
            endpoint: false,
            metric: None,
        });
        self.hot.push(hot);
        self.deployments[di].replica_failure = None;
        let rs = format!("{deployment}-{template_hash}");
        self.event(
            EventType::Normal,
            "SuccessfulCreate",
            ObjectKind::ReplicaSet,
            &rs,
            format!("Created pod: {name}"),
            "replicaset-controller",
        );
        self.sched_dirty = true;
        true
    }

    /// Pick victims like the ReplicaSet controller (`ActivePods` order): unscheduled, then pending, then
    /// not ready, then ready for less time, then more restarts, then newer.
    fn deletion_order(&self, candidates: &mut [usize]) {
        let tick = self.tick;
        candidates.sort_by_key(|&i| {
            let p = &self.pods[i];
            let ready_for = if p.ready {
                tick - p.ready_transition_tick
            } else {
                0
            };
            (
                p.node.is_some(),
                p.is_running(),
                p.ready,
                ready_for,
                std::cmp::Reverse(p.restarts),
                std::cmp::Reverse(p.created_tick),
                std::cmp::Reverse(p.id),
            )
        });
    }

    /// A Deployment's pods not being deleted: (of the current template, of older ones).
    fn count_pods(&self, owner: u64, hash_value: u32) -> (u32, u32) {
        let (mut new, mut old) = (0u32, 0u32);
        for p in &self.pods {
            if p.owner_id == owner && p.deleting_since.is_none() {
                if p.hash_value == hash_value {
                    new += 1;
                } else {
                    old += 1;
                }
            }
        }
        (new, old)
    }

    fn delete_pods(&mut self, victims: &[usize]) {
        let tick = self.tick;
        self.pods_version += 1;
        for &i in victims {
            self.pods[i].deleting_since.get_or_insert(tick);
        }
    }

    /// Deployment + ReplicaSet controllers: converge pods to `spec.replicas` with a rolling update
    /// (maxSurge 25 % rounded up, maxUnavailable 25 % rounded down).
    #[inline(never)]
    pub(crate) fn deployment_controller(&mut self) {
        let tick = self.tick;
        for di in 0..self.deployments.len() {
            let (name, hash, replicas, retry_at) = {
                let d = &self.deployments[di];
                (
                    d.spec.name.clone(),
                    d.hash.clone(),
                    d.spec.replicas,
                    d.next_create_retry,
                )
            };
            let (owner, hash_value) = (self.deployments[di].id, self.deployments[di].hash_value);
            // The steady state (no old pods, the right count) is the common case: count without allocating,
            // and without a walk at all when no pod was added, removed or marked for deletion since the last
            // count (debug builds, so every test, re-count to check that claim).
            let version = self.pods_version;
            let (n_new, n_old) = match self.deployments[di].pod_counts {
                Some(c) if c.pods_version == version && c.hash_value == hash_value => {
                    debug_assert_eq!(
                        (c.new, c.old),
                        self.count_pods(owner, hash_value),
                        "pods changed without bumping pods_version"
                    );
                    (c.new, c.old)
                }
                _ => {
                    let (new, old) = self.count_pods(owner, hash_value);
                    self.deployments[di].pod_counts = Some(PodCounts {
                        pods_version: version,
                        hash_value,
                        new,
                        old,
                    });
                    (new, old)
                }
            };
            if n_old == 0 && n_new == replicas {
                continue;
            }
            let mut new_pods = Vec::new();
            let mut old_pods = Vec::new();
            for (i, p) in self.pods.iter().enumerate() {
                if p.owner_id == owner && p.deleting_since.is_none() {
                    if p.hash_value == hash_value {
                        new_pods.push(i);
                    } else {
                        old_pods.push(i);
                    }
                }
            }
            let can_create = tick >= retry_at;
            if old_pods.is_empty() {
                let have = new_pods.len() as u32;
                if have < replicas && can_create {
                    let mut created = 0;
                    for _ in have..replicas {
                        if !self.create_pod(di) {
                            break;
                        }
                        created += 1;
                    }
                    if created > 0 {
                        self.event(
                            EventType::Normal,
                            "ScalingReplicaSet",
                            ObjectKind::Deployment,
                            name.as_str(),
                            format!("Scaled up replica set {name}-{hash} to {}", have + created),
                            "deployment-controller",
                        );
                    }
                } else if have > replicas {
                    self.deletion_order(&mut new_pods);
                    let victims: Vec<usize> = new_pods[..(have - replicas) as usize].to_vec();
                    self.delete_pods(&victims);
                    self.event(
                        EventType::Normal,
                        "ScalingReplicaSet",
                        ObjectKind::Deployment,
                        name.as_str(),
                        format!("Scaled down replica set {name}-{hash} to {replicas}"),
                        "deployment-controller",
                    );
                }
                continue;
            }
            // Rolling update.
            let surge = replicas.div_ceil(4);
            let mut max_unavailable = replicas / 4;
            let surge = if surge == 0 && max_unavailable == 0 {
                1
            } else {
                surge
            };
            if surge == 0 && max_unavailable == 0 {
                max_unavailable = 1;
            }
            let total = (new_pods.len() + old_pods.len()) as u32;
            let new_count = new_pods.len() as u32;
            if new_count > replicas {
                self.deletion_order(&mut new_pods);
                let victims: Vec<usize> = new_pods[..(new_count - replicas) as usize].to_vec();
                self.delete_pods(&victims);
            } else if total < replicas + surge && new_count < replicas && can_create {
                let n = (replicas + surge - total).min(replicas - new_count);
                for _ in 0..n {
                    if !self.create_pod(di) {
                        break;
                    }
                }
            }
            // Scale the old ReplicaSet down as far as availability allows (`reconcileOldReplicaSets`):
            // maxScaledDown = all pods - minAvailable - unavailable new pods; unhealthy old pods go first.
            let new_now: Vec<usize> = self
                .pods
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    p.owner_id == owner && p.deleting_since.is_none() && p.hash_value == hash_value
                })
                .map(|(i, _)| i)
                .collect();
            let new_unavailable = new_now.iter().filter(|&&i| !self.pods[i].ready).count() as i64;
            let all = (new_now.len() + old_pods.len()) as i64;
            let min_available = i64::from(replicas.saturating_sub(max_unavailable));
            let max_scaled_down = (all - min_available - new_unavailable).max(0) as usize;
            self.deletion_order(&mut old_pods);
            let victims: Vec<usize> = old_pods.iter().copied().take(max_scaled_down).collect();
            if !victims.is_empty() {
                self.delete_pods(&victims);
                let old_hash = self.pods[victims[0]].template_hash.clone();
                let left = old_pods.len() - victims.len();
                self.event(
                    EventType::Normal,
                    "ScalingReplicaSet",
                    ObjectKind::Deployment,
                    name.as_str(),
                    format!("Scaled down replica set {name}-{old_hash} to {left}"),
                    "deployment-controller",
                );
            }
            let d = &mut self.deployments[di];
            set_condition(
                &mut d.conditions,
                "Progressing",
                true,
                "ReplicaSetUpdated",
                format!("ReplicaSet \"{name}-{hash}\" is progressing."),
                tick,
            );
        }
    }

    /// The scheduler: bind each unscheduled pod to the feasible node with the most free resources
    /// (NodeResourcesFit filter + LeastAllocated score), or record why none fits.
    #[inline(never)]
    pub(crate) fn schedule(&mut self) {
        if !self.sched_dirty && !self.tick.is_multiple_of(5) {
            return;
        }
        self.sched_dirty = false;
        let tick = self.tick;
        let mut newly_pending: Vec<String> = Vec::new();
        for pi in 0..self.pods.len() {
            if self.pods[pi].state != PodState::Unscheduled
                || self.pods[pi].deleting_since.is_some()
            {
                continue;
            }
            let req = self.pods[pi].requests;
            let want_type = self.pods[pi].node_type.clone();
            let mut best: Option<(u64, usize)> = None;
            let mut reasons: Vec<String> = Vec::new();
            for (ni, n) in self.nodes.iter().enumerate() {
                if !n.is_ready(tick) {
                    reasons.push(
                        "node(s) had untolerated taint {node.kubernetes.io/not-ready: }".into(),
                    );
                    continue;
                }
                if n.cordoned {
                    reasons.push("node(s) were unschedulable".into());
                    continue;
                }
                if let Some(t) = &want_type {
                    if &n.node_type != t {
                        reasons.push("node(s) didn't match Pod's node affinity/selector".into());
                        continue;
                    }
                }
                let mut fits = true;
                if n.pod_count + 1 > MAX_PODS_PER_NODE {
                    reasons.push("Too many pods".into());
                    fits = false;
                }
                let free_cpu = n
                    .allocatable
                    .cpu_milli
                    .saturating_sub(n.allocated_requests.cpu_milli);
                let free_mem = n
                    .allocatable
                    .memory_mib
                    .saturating_sub(n.allocated_requests.memory_mib);
                let free_gpu = n.allocatable.gpu.saturating_sub(n.allocated_requests.gpu);
                if req.cpu_milli > 0 && req.cpu_milli > free_cpu {
                    reasons.push("Insufficient cpu".into());
                    fits = false;
                }
                if req.memory_mib > 0 && req.memory_mib > free_mem {
                    reasons.push("Insufficient memory".into());
                    fits = false;
                }
                if req.gpu > 0 && req.gpu > free_gpu {
                    reasons.push("Insufficient nvidia.com/gpu".into());
                    fits = false;
                }
                if fits {
                    // LeastAllocated: mean free fraction after placing, in parts per million, counting
                    // requests of 0 as 100m CPU / 200Mi (`nonzero.go`) so request-less pods still spread.
                    let (score_cpu, score_mem) = nonzero(&req);
                    let cpu_free = n
                        .allocatable
                        .cpu_milli
                        .saturating_sub(n.score_requests.cpu_milli + score_cpu)
                        * 1_000_000
                        / n.allocatable.cpu_milli.max(1);
                    let mem_free = n
                        .allocatable
                        .memory_mib
                        .saturating_sub(n.score_requests.memory_mib + score_mem)
                        * 1_000_000
                        / n.allocatable.memory_mib.max(1);
                    let score = (cpu_free + mem_free) / 2;
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, ni));
                    }
                }
            }
            match best {
                Some((_, ni)) => self.bind(pi, ni),
                None => {
                    let msg = if self.nodes.is_empty() {
                        "no nodes available to schedule pods".to_string()
                    } else {
                        let mut hist: Vec<(String, u32)> = Vec::new();
                        for r in reasons {
                            match hist.iter_mut().find(|(k, _)| *k == r) {
                                Some((_, c)) => *c += 1,
                                None => hist.push((r, 1)),
                            }
                        }
                        let mut parts: Vec<String> =
                            hist.into_iter().map(|(r, c)| format!("{c} {r}")).collect();
                        parts.sort();
                        format!(
                            "0/{} nodes are available: {}.",
                            self.nodes.len(),
                            parts.join(", ")
                        )
                    };
                    let p = &mut self.pods[pi];
                    let changed = p.pending_reason.as_deref() != Some(msg.as_str());
                    if p.pending_reason.is_none() {
                        newly_pending.push(msg.clone());
                    }
                    let due = p
                        .last_sched_event_tick
                        .is_none_or(|t| tick >= t + SCHED_EVENT_EVERY_S);
                    p.pending_reason = Some(msg.clone());
                    if changed || due {
                        p.last_sched_event_tick = Some(tick);
                        let name = p.name.clone();
                        self.event(
                            EventType::Warning,
                            "FailedScheduling",
                            ObjectKind::Pod,
                            name.as_str(),
                            msg,
                            "default-scheduler",
                        );
                    }
                }
            }
        }
        if let Some(first) = newly_pending.first() {
            self.narrate(format!(
                "{} new pod(s) cannot be scheduled and stay Pending: {first}",
                newly_pending.len()
            ));
        }
    }

    fn bind(&mut self, pi: usize, ni: usize) {
        let tick = self.tick;
        self.kubelet_epoch += 1;
        let node = &mut self.nodes[ni];
        let p = &mut self.pods[pi];
        node.allocated_requests.add(&p.requests);
        let (c, m) = nonzero(&p.requests);
        node.score_requests.add(&Resources {
            cpu_milli: c,
            memory_mib: m,
            gpu: 0,
        });
        node.allocated_limits.add(&p.limits);
        node.pod_count += 1;
        let ip = format!("10.244.{}.{}", node.subnet, node.next_host);
        node.next_host = if node.next_host >= 254 {
            2
        } else {
            node.next_host + 1
        };
        p.node = Some(ni);
        self.hot[pi].node = ni as u32;
        p.ip = Some(ip);
        p.pending_reason = None;
        p.started_tick = Some(tick);
        p.ready_transition_tick = tick;
        p.state = PodState::Creating {
            until: tick + u64::from(p.workload.container_create_s),
        };
        let msg = format!(
            "Successfully assigned {NAMESPACE}/{} to {}",
            p.name, node.name
        );
        let name = p.name.clone();
        self.event(
            EventType::Normal,
            "Scheduled",
            ObjectKind::Pod,
            name.as_str(),
            msg,
            "default-scheduler",
        );
    }

    fn unbind(&mut self, pi: usize) {
        if let Some(ni) = self.pods[pi].node {
            let req = self.pods[pi].requests;
            let lim = self.pods[pi].limits;
            let n = &mut self.nodes[ni];
            n.allocated_requests.sub(&req);
            let (c, m) = nonzero(&req);
            n.score_requests.sub(&Resources {
                cpu_milli: c,
                memory_mib: m,
                gpu: 0,
            });
            n.allocated_limits.sub(&lim);
            n.pod_count -= 1;
        }
    }

    fn set_ready(&mut self, pi: usize, ready: bool) {
        let tick = self.tick;
        let p = &mut self.pods[pi];
        if p.ready != ready {
            p.ready = ready;
            p.ready_transition_tick = tick;
            self.kubelet_epoch += 1;
        }
    }

    /// Kill the container: its queued requests fail; restart after the back-off.
    pub(crate) fn crash_container(&mut self, pi: usize, reason: &'static str) {
        let tick = self.tick;
        self.kubelet_epoch += 1;
        self.set_ready(pi, false);
        let p = &mut self.pods[pi];
        let h = &mut self.hot[pi];
        self.totals.failed += u64::from(h.queue);
        h.queue = 0;
        h.credit_q32 = 0;
        p.restarts += 1;
        p.last_restart_tick = Some(tick);
        p.last_termination_reason = Some(reason);
        let ran = match p.state {
            PodState::Running { since, .. } => tick - since,
            _ => 0,
        };
        p.backoff_s = if ran >= BACKOFF_RESET_S || p.backoff_s == 0 {
            BACKOFF_INITIAL_S
        } else {
            (p.backoff_s * 2).min(BACKOFF_MAX_S)
        };
        p.state = PodState::Waiting {
            until: tick + p.backoff_s,
            reason: WaitReason::CrashLoopBackOff,
            show_terminated_until: tick + SHOW_TERMINATED_S,
        };
        let (name, uid, container) = (p.name.clone(), p.uid.clone(), p.containers[0].name.clone());
        self.narrate(if reason == "OOMKilled" {
            format!("Pod {name} was OOMKilled (memory above its limit); its queued requests failed and it will restart.")
        } else {
            format!("Pod {name} crashed (restart {}); it is in CrashLoopBackOff.", self.pods[pi].restarts)
        });
        if reason == "OOMKilled" {
            self.event(
                EventType::Warning,
                "OOMKilling",
                ObjectKind::Node,
                &self.node_name_of(pi),
                format!("Memory cgroup out of memory: Killed process (python) in pod {name}"),
                "kernel-monitor",
            );
        }
        self.event(
            EventType::Warning,
            "BackOff",
            ObjectKind::Pod,
            name.as_str(),
            format!(
                "Back-off restarting failed container {container} in pod {name}_{NAMESPACE}({uid})"
            ),
            "kubelet",
        );
    }

    fn node_name_of(&self, pi: usize) -> String {
        self.pods[pi]
            .node
            .map(|n| self.nodes[n].name.0.clone())
            .unwrap_or_default()
    }

    fn start_container(&mut self, pi: usize) {
        let tick = self.tick;
        self.kubelet_epoch += 1;
        let p = &mut self.pods[pi];
        p.state = PodState::Running {
            since: tick,
            loaded_at: tick + u64::from(p.workload.model_load_s),
        };
        let has_probe = p.probe.is_some();
        let (name, container) = (p.name.clone(), p.containers[0].name.clone());
        self.event(
            EventType::Normal,
            "Started",
            ObjectKind::Pod,
            name.as_str(),
            format!("Started container {container}"),
            "kubelet",
        );
        // Without a readiness probe the pod is Ready as soon as its container runs.
        if !has_probe {
            self.set_ready(pi, true);
        }
    }

    /// Each pod's lifecycle for this tick (and removal of terminated pods). The same walk decides which pods
    /// are the Service's endpoints for this tick's traffic (nothing changes readiness in between), so
    /// [`Cluster::traffic`] needs no walk of its own for that.
    ///
    /// When the last walk found every pod Ready, running, healthy, not terminating and loaded (the fast
    /// path, which changes nothing), and no pod, Service, readiness or container state changed since, this
    /// walk would find and decide the same: it is skipped (debug builds walk anyway and check that).
    pub(crate) fn kubelet(&mut self) {
        let key = (self.pods_version, self.svc_gen, self.kubelet_epoch);
        if self.kubelet_steady == Some(key) {
            if cfg!(debug_assertions) {
                let snapshot = |c: &Cluster| {
                    let st = &c.pod_stats;
                    let counts = (st.total, st.current, st.ready, st.pending);
                    (c.endpoint_scratch.clone(), counts, c.hot.clone())
                };
                let before = snapshot(self);
                self.kubelet_walk();
                assert!(
                    before == snapshot(self),
                    "tick {}: a skipped kubelet walk would have changed something",
                    self.tick
                );
            }
            return;
        }
        let steady = self.kubelet_walk();
        self.kubelet_steady =
            steady.then_some((self.pods_version, self.svc_gen, self.kubelet_epoch));
    }

    /// The kubelet walk; returns whether every pod took the fast path with its model loaded.
    #[inline(never)]
    fn kubelet_walk(&mut self) -> bool {
        let tick = self.tick;
        let svc_gen = self.svc_gen;
        self.endpoint_scratch.clear();
        // Pod counts for this tick's metrics (traffic adds the rest): pods on the fast path are current and
        // Ready; the others are counted one by one.
        let mut fast = 0u32;
        let mut loading = 0u32;
        let mut st = PodStats::default();
        let mut pi = 0;
        while pi < self.pods.len() {
            // The common case first: a Ready, running, healthy pod that is not terminating changes nothing
            // here; it only needs its endpoint decision.
            let end = fast_run(
                &mut self.pods[..],
                &mut self.hot[..],
                pi,
                (self.services.first(), svc_gen, tick),
                &mut self.endpoint_scratch,
                &mut loading,
            );
            fast += (end - pi) as u32;
            pi = end;
            if pi == self.pods.len() {
                break;
            }
            // Terminating: leave the endpoints at once, drain the queue, go away within the grace period.
            if let Some(since) = self.pods[pi].deleting_since {
                let p = &self.pods[pi];
                let running = p.is_running();
                let done =
                    !running || self.hot[pi].queue == 0 || tick >= since + TERMINATION_GRACE_S;
                if done && tick >= since + 2 {
                    self.totals.failed += u64::from(self.hot[pi].queue);
                    self.unbind(pi);
                    self.pods.remove(pi);
                    self.hot.remove(pi);
                    self.pods_version += 1;
                    self.sched_dirty = true;
                    continue;
                }
                if self.pods[pi].ready {
                    self.set_ready(pi, false);
                }
                self.mark_endpoint(pi, svc_gen);
                count_pod(&mut st, &self.pods[pi]);
                pi += 1;
                continue;
            }
            match self.pods[pi].state {
                PodState::Unscheduled => {}
                PodState::Creating { until } => {
                    if tick >= until {
                        if self.pods[pi].image_problem == ImageProblem::PullFails {
                            let p = &mut self.pods[pi];
                            p.backoff_s = if p.backoff_s == 0 {
                                BACKOFF_INITIAL_S
                            } else {
                                (p.backoff_s * 2).min(BACKOFF_MAX_S)
                            };
                            p.state = PodState::Waiting {
                                until: tick + p.backoff_s,
                                reason: WaitReason::ImagePullBackOff,
                                show_terminated_until: tick,
                            };
                            let (name, image) = (p.name.clone(), p.containers[0].image.clone());
                            self.event(EventType::Warning, "Failed", ObjectKind::Pod, name.as_str(), format!("Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found"), "kubelet");
                            self.event(
                                EventType::Warning,
                                "BackOff",
                                ObjectKind::Pod,
                                name.as_str(),
                                format!("Back-off pulling image \"{image}\""),
                                "kubelet",
                            );
                        } else {
                            self.start_container(pi);
                        }
                    }
                }
                PodState::Running { since, loaded_at } => {
                    if self.pods[pi].image_problem == ImageProblem::Crashes
                        && tick >= since + CRASH_AFTER_S
                    {
                        self.crash_container(pi, "Error");
                    } else if self.pods[pi].ready {
                        // Nothing to do for a Ready pod (the common case).
                    } else if let Some(probe) = self.pods[pi].probe.clone() {
                        let first = since + u64::from(probe.initial_delay_s);
                        let period = u64::from(probe.period_s.max(1));
                        if !self.pods[pi].ready
                            && tick >= first
                            && (tick - first).is_multiple_of(period)
                            && tick >= loaded_at
                        {
                            self.set_ready(pi, true);
                        }
                    }
                }
                PodState::Waiting { until, reason, .. } => {
                    if tick >= until {
                        match reason {
                            WaitReason::CrashLoopBackOff => self.start_container(pi),
                            WaitReason::ImagePullBackOff => {
                                // Still no such image: try again later.
                                let p = &mut self.pods[pi];
                                p.backoff_s = (p.backoff_s * 2).min(BACKOFF_MAX_S);
                                p.state = PodState::Waiting {
                                    until: tick + p.backoff_s,
                                    reason,
                                    show_terminated_until: tick,
                                };
                                let (name, image) = (p.name.clone(), p.containers[0].image.clone());
                                self.event(
                                    EventType::Warning,
                                    "BackOff",
                                    ObjectKind::Pod,
                                    name.as_str(),
                                    format!("Back-off pulling image \"{image}\""),
                                    "kubelet",
                                );
                            }
                        }
                    }
                }
            }
            self.mark_endpoint(pi, svc_gen);
            count_pod(&mut st, &self.pods[pi]);
            pi += 1;
        }
        st.total = self.pods.len() as u32;
        st.current += fast;
        st.ready += fast;
        self.pod_stats = st;
        fast as usize == self.pods.len() && loading == 0
    }

    /// Decide whether the pod is an endpoint of the first Service (Ready, running, not terminating, selected;
    /// endpoints are collected in pod order) and hand its traffic entry this tick's view.
    fn mark_endpoint(&mut self, pi: usize, svc_gen: u64) {
        if endpoint_of(&mut self.pods[pi], self.services.first(), svc_gen) {
            self.endpoint_scratch.push(pi);
        }
        self.hot[pi].begin_tick(&self.pods[pi], self.tick);
    }
}

/// The kubelet walk's fast path from `start`: Ready, running, healthy pods that are not terminating only get
/// their endpoint decision and their traffic entry's hand-over. Returns the index of the first other pod.
fn fast_run(
    pods: &mut [Pod],
    hot: &mut [PodHot],
    start: usize,
    (service, svc_gen, tick): (Option<&Service>, u64, u64),
    endpoints: &mut Vec<usize>,
    loading: &mut u32,
) -> usize {
    let mut pi = start;
    for (p, h) in pods[start..].iter_mut().zip(&mut hot[start..]) {
        if !(p.ready
            && p.deleting_since.is_none()
            && p.image_problem != ImageProblem::Crashes
            && p.is_running())
        {
            break;
        }
        p.endpoint = selected(p, service, svc_gen);
        if p.endpoint {
            endpoints.push(pi);
        }
        h.endpoint = p.endpoint;
        // Nothing but the model finishing its load changes a fast-path pod's mode: every other change
        // (crash, restart, deletion) sends the pod through the slow path, which hands over in full.
        if h.mode != RUNNING | LOADED {
            h.begin_tick(p, tick);
            *loading += u32::from(h.mode != RUNNING | LOADED);
        }
        debug_assert_eq!(h.mode, mode_of(p, tick));
        pi += 1;
    }
    pi
}

/// Count a pod that left the kubelet walk's fast path into this tick's pod numbers.
fn count_pod(st: &mut PodStats, p: &Pod) {
    let current = p.deleting_since.is_none();
    st.current += u32::from(current);
    st.ready += u32::from(current && p.ready);
    st.pending += u32::from(p.state == PodState::Unscheduled);
}

/// Set `endpoint`: Ready, running, not terminating, and selected by `service` (the first Service).
#[inline]
fn endpoint_of(p: &mut Pod, service: Option<&Service>, svc_gen: u64) -> bool {
    p.endpoint =
        p.ready && p.deleting_since.is_none() && p.is_running() && selected(p, service, svc_gen);
    p.endpoint
}

/// Whether `service` selects the pod, cached per Service generation (labels never change after creation).
#[inline]
fn selected(p: &mut Pod, service: Option<&Service>, svc_gen: u64) -> bool {
    match service {
        None => false,
        Some(s) => {
            if p.svc_gen != svc_gen {
                p.svc_gen = svc_gen;
                p.svc_match = selects(&s.spec.selector, &p.labels);
            }
            p.svc_match
        }
    }
}
