//! The autoscalers: the HPA controller loop (every 15 s), the Cluster Autoscaler (every 10 s) and a
//! simple VPA (recommender + updater + admission, every 60 s).

use super::{set_condition, Cluster, Pod, PodState, METRICS_RESOLUTION_S};
use crate::command::ObjectKind;
use crate::hpa::{
    normalize_legacy, normalize_with_behavior, plain_metric_replicas, resource_replicas,
    store_scale_event, CalcResource, HpaCalcError, Normalized, PlainMetricInput, PodSample,
    ReplicaCalc, ResolvedRules, ResourceReplicaInput, Tolerances, CPU_INITIALIZATION_PERIOD_S,
    DEFAULT_TOLERANCE, DOWNSCALE_STABILIZATION_S, INITIAL_READINESS_DELAY_S, SYNC_PERIOD_S,
};
use crate::spec::{
    MetricSpec, MetricTarget, ResourceName, Resources, VpaUpdateMode, METRIC_QUEUE_LENGTH,
    METRIC_REQUESTS_PER_SECOND,
};
use crate::view::{EventType, MetricStatusView, VpaRecommendation};

const HPA_SOURCE: &str = "horizontal-pod-autoscaler";
const CA_SCAN_S: u64 = 10;
const VPA_INTERVAL_S: u64 = 60;
const VPA_MAX_SAMPLES: usize = 720;

/// `groupPods`' CPU rule: does this running pod's sample count, or is it "not yet ready"?
fn cpu_counts_ready(p: &Pod, tick: u64) -> bool {
    let Some(start) = p.started_tick else {
        return false;
    };
    let Some(metric) = &p.metric else {
        return p.ready;
    };
    if start + CPU_INITIALIZATION_PERIOD_S > tick {
        p.ready && metric.tick >= p.ready_transition_tick + METRICS_RESOLUTION_S
    } else {
        p.ready || start + INITIAL_READINESS_DELAY_S <= p.ready_transition_tick
    }
}

/// One metric's outcome.
struct MetricOutcome {
    status: MetricStatusView,
    result: Result<ReplicaCalc, (String, String, String)>,
}

impl Cluster {
    #[inline(never)]
    pub(crate) fn hpa_controller(&mut self) {
        let tick = self.tick;
        for hi in 0..self.hpas.len() {
            if tick < self.hpas[hi].next_sync {
                continue;
            }
            self.hpas[hi].next_sync = tick + SYNC_PERIOD_S;
            self.hpas[hi].last_sync_tick = Some(tick);
            self.reconcile_hpa(hi);
        }
    }

    fn pod_samples(&self, di: usize, metric: &MetricSpec) -> Vec<PodSample> {
        let tick = self.tick;
        let sel = &self.deployments[di].spec.selector;
        let owner = self.deployments[di].id;
        let mut samples = Vec::with_capacity(self.pods.len());
        samples.extend(
            self.pods
                .iter()
                // The Deployment's own pods match its (immutable) selector by construction; others are checked.
                .filter(|p| p.owner_id == owner || super::selects(sel, &p.labels))
                .map(|p| {
                    let (request, usage, ready) = match metric {
                        MetricSpec::Resource {
                            resource: ResourceName::Cpu,
                            ..
                        } => (
                            (!p.cpu_request_missing).then_some(p.requests.cpu_milli),
                            p.metric.as_ref().map(|m| m.cpu_milli),
                            cpu_counts_ready(p, tick),
                        ),
                        MetricSpec::Resource {
                            resource: ResourceName::Memory,
                            ..
                        } => (
                            (!p.memory_request_missing).then_some(p.requests.memory_mib),
                            p.metric.as_ref().map(|m| m.memory_mib),
                            p.ready,
                        ),
                        MetricSpec::Pods { metric_name, .. } => (
                            Some(0),
                            p.metric.as_ref().map(|m| {
                                if metric_name == METRIC_QUEUE_LENGTH {
                                    m.queue_milli
                                } else {
                                    m.rps_milli
                                }
                            }),
                            p.ready,
                        ),
                    };
                    PodSample {
                        // Names only appear in the missing-request message: skip the allocations otherwise.
                        name: if p.cpu_request_missing || p.memory_request_missing {
                            p.name.0.clone()
                        } else {
                            String::new()
                        },
                        container: if p.cpu_request_missing || p.memory_request_missing {
                            p.containers
                                .first()
                                .map(|c| c.name.clone())
                                .unwrap_or_default()
                        } else {
                            String::new()
                        },
                        request_milli: request,
                        usage_milli: usage,
                        ready,
                        phase: p.phase(),
                        deleting: p.deleting_since.is_some(),
                    }
                }),
        );
        samples
    }

    fn evaluate_metric(
        &self,
        di: usize,
        current: u32,
        metric: &MetricSpec,
        tol: Tolerances,
    ) -> MetricOutcome {
        let pods = self.pod_samples(di, metric);
        let mut status = MetricStatusView {
            spec: metric.clone(),
            current_utilization_percent: None,
            current_average_value_milli: None,
        };
        let result = match metric {
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::Utilization {
                        average_utilization_percent,
                    },
            } => {
                let input = ResourceReplicaInput {
                    current_replicas: current,
                    target_utilization_percent: *average_utilization_percent,
                    tolerances: tol,
                    resource: if *resource == ResourceName::Cpu {
                        CalcResource::Cpu
                    } else {
                        CalcResource::Memory
                    },
                    pods,
                };
                let res = resource.as_str();
                resource_replicas(&input).map_err(|e| {
                    (
                        "FailedGetResourceMetric".to_string(),
                        format!("failed to get {res} utilization: {e}"),
                        format!("failed to get {res} resource metric value: failed to get {res} utilization: {e}"),
                    )
                })
            }
            MetricSpec::Resource {
                resource,
                target:
                    MetricTarget::AverageValue {
                        average_value_milli,
                    },
            } => {
                let input = PlainMetricInput {
                    current_replicas: current,
                    target_average_milli: *average_value_milli,
                    tolerances: tol,
                    pods,
                    cpu_readiness_rules: *resource == ResourceName::Cpu,
                };
                let res = resource.as_str();
                let r = if input.pods.iter().all(|p| p.usage_milli.is_none()) {
                    Err(HpaCalcError::NoMetricsReturned {
                        resource: res.to_string(),
                    })
                } else {
                    plain_metric_replicas(&input)
                };
                r.map_err(|e| {
                    (
                        "FailedGetResourceMetric".to_string(),
                        format!("failed to get {res} usage: {e}"),
                        format!("failed to get {res} resource metric value: failed to get {res} usage: {e}"),
                    )
                })
            }
            MetricSpec::Pods {
                metric_name,
                target_average_value_milli,
            } => {
                let known =
                    metric_name == METRIC_REQUESTS_PER_SECOND || metric_name == METRIC_QUEUE_LENGTH;
                let input = PlainMetricInput {
                    current_replicas: current,
                    target_average_milli: *target_average_value_milli,
                    tolerances: tol,
                    pods,
                    cpu_readiness_rules: false,
                };
                let r = if !known {
                    Err("unable to fetch metrics from custom metrics API: the server could not find the metric ".to_string()
                        + metric_name
                        + " for pods")
                } else if input.pods.iter().all(|p| p.usage_milli.is_none()) {
                    Err("unable to fetch metrics from custom metrics API: no metrics returned from custom metrics API".to_string())
                } else {
                    plain_metric_replicas(&input).map_err(|e| e.to_string())
                };
                r.map_err(|e| {
                    (
                        "FailedGetPodsMetric".to_string(),
                        format!("unable to get metric {metric_name}: {e}"),
                        format!("failed to get pods metric value: unable to get metric {metric_name}: {e}"),
                    )
                })
            }
        };
        if let Ok(calc) = &result {
            status.current_utilization_percent = calc.utilization_percent;
            status.current_average_value_milli = Some(calc.raw_average_milli);
        }
        MetricOutcome { status, result }
    }

    fn reconcile_hpa(&mut self, hi: usize) {
        let tick = self.tick;
        let spec = self.hpas[hi].spec.clone();
        let name = spec.name.0.clone();
        let Some(di) = self
            .deployments
            .iter()
            .position(|d| d.spec.name == spec.target)
        else {
            let err = format!("deployments.apps \"{}\" not found", spec.target);
            let h = &mut self.hpas[hi];
            set_condition(
                &mut h.conditions,
                "AbleToScale",
                false,
                "FailedGetScale",
                format!("the HPA controller was unable to get the target's current scale: {err}"),
                tick,
            );
            self.event(
                EventType::Warning,
                "FailedGetScale",
                ObjectKind::HorizontalPodAutoscaler,
                &name,
                err,
                HPA_SOURCE,
            );
            return;
        };
        {
            let h = &mut self.hpas[hi];
            set_condition(
                &mut h.conditions,
                "AbleToScale",
                true,
                "SucceededGetScale",
                "the HPA controller was able to get the target's current scale".into(),
                tick,
            );
        }
        let current = self.deployments[di].spec.replicas;
        self.hpas[hi].memory.record_initial(current, tick);
        let min = spec.min_replicas.unwrap_or(1);
        let max = spec.max_replicas;
        let mut desired;
        let mut reason = String::new();
        let mut explanation = Vec::new();
        let behavior = spec.behavior.clone();
        let tol = {
            let up = behavior
                .as_ref()
                .and_then(|b| b.scale_up.as_ref())
                .and_then(|r| r.tolerance);
            let down = behavior
                .as_ref()
                .and_then(|b| b.scale_down.as_ref())
                .and_then(|r| r.tolerance);
            Tolerances {
                scale_up: up.unwrap_or(DEFAULT_TOLERANCE),
                scale_down: down.unwrap_or(DEFAULT_TOLERANCE),
            }
        };
        if current == 0 && min != 0 {
            let h = &mut self.hpas[hi];
            set_condition(
                &mut h.conditions,
                "ScalingActive",
                false,
                "ScalingDisabled",
                "scaling is disabled since the replica count of the target is zero".into(),
                tick,
            );
            h.current_replicas = current;
            h.desired_replicas = 0;
            return;
        } else if current > max {
            desired = max;
            reason = "Current number of replicas above Spec.MaxReplicas".into();
            explanation.push(format!("The Deployment has {current} replicas, above maxReplicas {max}: set to {max} without looking at metrics."));
        } else if current < min {
            desired = min;
            reason = "Current number of replicas below Spec.MinReplicas".into();
            explanation.push(format!("The Deployment has {current} replicas, below minReplicas {min}: set to {min} without looking at metrics."));
        } else {
            let outcomes: Vec<MetricOutcome> = spec
                .metrics
                .iter()
                .map(|m| self.evaluate_metric(di, current, m, tol))
                .collect();
            let mut proposal = 0u32;
            let mut metric_name = String::new();
            let mut invalid = 0usize;
            let mut first_error: Option<(String, String, String)> = None;
            let mut statuses = Vec::new();
            for (m, o) in spec.metrics.iter().zip(outcomes) {
                statuses.push(o.status);
                match o.result {
                    Ok(calc) => {
                        if proposal == 0 || calc.desired_replicas > proposal {
                            proposal = calc.desired_replicas;
                            metric_name = m.display_name();
                            explanation = calc.steps.clone();
                        }
                    }
                    Err(e) => {
                        invalid += 1;
                        self.event(
                            EventType::Warning,
                            &e.0,
                            ObjectKind::HorizontalPodAutoscaler,
                            &name,
                            e.1.clone(),
                            HPA_SOURCE,
                        );
                        if first_error.is_none() {
                            first_error = Some(e);
                        }
                    }
                }
            }
            self.hpas[hi].current_metrics = statuses;
            let total = spec.metrics.len();
            if let Some((cond_reason, msg, full)) = &first_error {
                let compute_msg = format!(
                    "invalid metrics ({invalid} invalid out of {total}), first error is: {full}"
                );
                self.event(
                    EventType::Warning,
                    "FailedComputeMetricsReplicas",
                    ObjectKind::HorizontalPodAutoscaler,
                    &name,
                    compute_msg,
                    HPA_SOURCE,
                );
                if invalid >= total || proposal < current {
                    let h = &mut self.hpas[hi];
                    set_condition(
                        &mut h.conditions,
                        "ScalingActive",
                        false,
                        cond_reason,
                        format!("the HPA was unable to compute the replica count: {msg}"),
                        tick,
                    );
                    h.current_replicas = current;
                    h.explanation = vec![format!("No scaling: {msg}.")];
                    return;
                }
            }
            {
                let h = &mut self.hpas[hi];
                set_condition(&mut h.conditions, "ScalingActive", true, "ValidMetricFound", format!("the HPA was able to successfully calculate a replica count from {metric_name}"), tick);
            }
            desired = proposal;
            if desired > current {
                reason = format!("{metric_name} above target");
            } else if desired < current {
                reason = "All metrics below target".into();
            }
            let h = &mut self.hpas[hi];
            let normalized: Normalized = match &behavior {
                None => normalize_legacy(
                    &mut h.memory,
                    tick,
                    current,
                    desired,
                    min,
                    max,
                    DOWNSCALE_STABILIZATION_S,
                ),
                Some(b) => {
                    let up = ResolvedRules::resolve(b.scale_up.as_ref(), true);
                    let down = ResolvedRules::resolve(b.scale_down.as_ref(), false);
                    normalize_with_behavior(
                        &mut h.memory,
                        tick,
                        current,
                        desired,
                        min,
                        max,
                        &up,
                        &down,
                    )
                }
            };
            if normalized.stabilized_replicas != desired {
                explanation.push(format!(
                    "Stabilization: recent recommendations give {}, so the controller uses {} instead of {desired}.",
                    normalized.stabilized_replicas, normalized.stabilized_replicas
                ));
            }
            if normalized.desired_replicas != normalized.stabilized_replicas {
                explanation.push(format!(
                    "Limited to {} ({}: {}).",
                    normalized.desired_replicas,
                    normalized.scaling_limited.reason,
                    normalized.scaling_limited.message
                ));
            }
            set_condition(
                &mut h.conditions,
                "AbleToScale",
                normalized.able_to_scale.status,
                normalized.able_to_scale.reason,
                normalized.able_to_scale.message.into(),
                tick,
            );
            set_condition(
                &mut h.conditions,
                "ScalingLimited",
                normalized.scaling_limited.status,
                normalized.scaling_limited.reason,
                normalized.scaling_limited.message.into(),
                tick,
            );
            desired = normalized.desired_replicas;
        }
        let h = &mut self.hpas[hi];
        h.current_replicas = current;
        h.desired_replicas = desired;
        h.explanation = explanation;
        if desired != current {
            if let Some(b) = &behavior {
                let up = ResolvedRules::resolve(b.scale_up.as_ref(), true);
                let down = ResolvedRules::resolve(b.scale_down.as_ref(), false);
                store_scale_event(&mut h.memory, &up, &down, tick, current, desired);
            }
            h.last_scale_tick = Some(tick);
            set_condition(
                &mut h.conditions,
                "AbleToScale",
                true,
                "SucceededRescale",
                format!("the HPA controller was able to update the target scale to {desired}"),
                tick,
            );
            self.deployments[di].spec.replicas = desired;
            let why = self.hpas[hi]
                .current_metrics
                .iter()
                .find_map(|m| {
                    match (
                        &m.spec,
                        m.current_utilization_percent,
                        m.current_average_value_milli,
                    ) {
                        (
                            MetricSpec::Resource {
                                resource,
                                target:
                                    MetricTarget::Utilization {
                                        average_utilization_percent,
                                    },
                            },
                            Some(u),
                            _,
                        ) => Some(format!(
                            "{} {u} % against a target of {average_utilization_percent} %",
                            resource.as_str().to_uppercase()
                        )),
                        (
                            MetricSpec::Pods {
                                metric_name,
                                target_average_value_milli,
                            },
                            _,
                            Some(v),
                        ) => Some(format!(
                            "{} {} per pod against a target of {}",
                            metric_name.replace('_', " "),
                            v as f64 / 1000.0,
                            *target_average_value_milli as f64 / 1000.0
                        )),
                        _ => None,
                    }
                })
                .filter(|_| !reason.starts_with("Current number"))
                .unwrap_or_else(|| reason.clone());
            self.narrate(format!(
                "HPA {name} scaled {} from {current} to {desired} replicas: {why}.",
                spec.target
            ));
            self.event(
                EventType::Normal,
                "SuccessfulRescale",
                ObjectKind::HorizontalPodAutoscaler,
                &name,
                format!("New size: {desired}; reason: {reason}"),
                HPA_SOURCE,
            );
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cluster Autoscaler

    #[inline(never)]
    pub(crate) fn run_cluster_autoscaler(&mut self) {
        let tick = self.tick;
        let Some(ca) = &mut self.autoscaler else {
            return;
        };
        if tick < ca.next_scan {
            return;
        }
        ca.next_scan = tick + CA_SCAN_S;
        let spec = ca.spec.clone();
        let last_up = ca.last_scale_up_tick;
        let Some(template) = self
            .catalogue
            .iter()
            .find(|c| c.name == spec.node_type)
            .cloned()
        else {
            return;
        };
        let group = format!("{}-pool", spec.node_type);
        let group_nodes: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].node_type == spec.node_type && !self.nodes[i].removing)
            .collect();
        let size = group_nodes.len() as u32;

        // Scale up: simulate the unschedulable pods on upcoming nodes, then on new template nodes.
        let mut upcoming: Vec<Resources> = group_nodes
            .iter()
            .filter(|&&i| !self.nodes[i].is_ready(tick))
            .map(|&i| {
                let n = &self.nodes[i];
                let mut free = n.allocatable;
                free.sub(&n.allocated_requests);
                free
            })
            .collect();
        let mut new_nodes: Vec<Resources> = Vec::new();
        let mut triggered = Vec::new();
        let mut not_triggered = Vec::new();
        let room = spec.max_nodes.saturating_sub(size);
        for p in self.pods.iter() {
            if p.state != PodState::Unscheduled
                || p.deleting_since.is_some()
                || p.pending_reason.is_none()
            {
                continue;
            }
            if p.node_type.as_ref().is_some_and(|t| *t != spec.node_type) {
                continue;
            }
            let r = p.requests;
            let fits = |free: &Resources| {
                r.cpu_milli <= free.cpu_milli
                    && r.memory_mib <= free.memory_mib
                    && r.gpu <= free.gpu
            };
            if !fits(&template.allocatable) {
                not_triggered.push((
                    p.name.clone(),
                    "pod didn't trigger scale-up: 1 node(s) didn't have enough resources"
                        .to_string(),
                ));
                continue;
            }
            if let Some(slot) = upcoming
                .iter_mut()
                .chain(new_nodes.iter_mut())
                .find(|f| fits(f))
            {
                slot.sub(&r);
                triggered.push(p.name.clone());
                continue;
            }
            if (new_nodes.len() as u32) < room {
                let mut free = template.allocatable;
                free.sub(&r);
                new_nodes.push(free);
                triggered.push(p.name.clone());
            } else {
                not_triggered.push((
                    p.name.clone(),
                    "pod didn't trigger scale-up: 1 max node group size reached".to_string(),
                ));
            }
        }
        let mut add = new_nodes.len() as u32;
        if size + add < spec.min_nodes {
            add = spec.min_nodes - size;
        }
        if add > 0 {
            for _ in 0..add {
                let _ = self.add_node(
                    &spec.node_type,
                    false,
                    Some(u64::from(spec.node_provision_s)),
                );
            }
            if let Some(ca) = &mut self.autoscaler {
                ca.last_scale_up_tick = Some(tick);
            }
            self.narrate(format!(
                "Cluster autoscaler is adding {add} {} node(s) for {} Pending pod(s); a node takes about {} s to start.",
                spec.node_type,
                triggered.len(),
                spec.node_provision_s
            ));
            let msg = format!(
                "pod triggered scale-up: [{{{group} {size}->{} (max: {})}}]",
                size + add,
                spec.max_nodes
            );
            for pod in &triggered {
                self.event(
                    EventType::Normal,
                    "TriggeredScaleUp",
                    ObjectKind::Pod,
                    pod.as_str(),
                    msg.clone(),
                    "cluster-autoscaler",
                );
            }
        }
        for (pod, msg) in not_triggered {
            self.event(
                EventType::Normal,
                "NotTriggerScaleUp",
                ObjectKind::Pod,
                pod.as_str(),
                msg,
                "cluster-autoscaler",
            );
        }
        if add > 0
            || last_up.is_some_and(|t| tick < t + u64::from(spec.scale_down_delay_after_add_s))
        {
            for &i in &group_nodes {
                self.nodes[i].unneeded_since = None;
            }
            return;
        }

        // Scale down: nodes under the utilization threshold whose pods fit elsewhere, unneeded long enough.
        let mut candidates: Vec<(usize, f64)> = Vec::new();
        for &i in &group_nodes {
            let n = &self.nodes[i];
            if !n.is_ready(tick) || n.cordoned {
                continue;
            }
            let util = (n.allocated_requests.cpu_milli as f64
                / n.allocatable.cpu_milli.max(1) as f64)
                .max(
                    n.allocated_requests.memory_mib as f64 / n.allocatable.memory_mib.max(1) as f64,
                );
            let movable =
                util < spec.scale_down_utilization_threshold && self.pods_fit_elsewhere(i);
            let n = &mut self.nodes[i];
            if movable {
                let since = *n.unneeded_since.get_or_insert(tick);
                if tick >= since + u64::from(spec.scale_down_unneeded_s) {
                    candidates.push((i, util));
                }
            } else {
                n.unneeded_since = None;
            }
        }
        let mut removable = size.saturating_sub(spec.min_nodes) as usize;
        if removable == 0 || candidates.is_empty() {
            return;
        }
        let empty: Vec<usize> = candidates
            .iter()
            .filter(|(i, _)| self.nodes[*i].pod_count == 0)
            .map(|(i, _)| *i)
            .collect();
        let chosen: Vec<(usize, f64)> = if !empty.is_empty() {
            empty
                .into_iter()
                .take(10.min(removable))
                .map(|i| (i, 0.0))
                .collect()
        } else {
            candidates.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            vec![candidates[0]]
        };
        for (i, util) in chosen {
            if removable == 0 {
                break;
            }
            removable -= 1;
            let pods: Vec<String> = self
                .pods
                .iter()
                .filter(|p| p.node == Some(i))
                .map(|p| p.name.0.clone())
                .collect();
            let name = self.nodes[i].name.0.clone();
            self.narrate(format!(
                "Cluster autoscaler is removing node {name}: only {:.0} % of it was requested for 10 minutes.",
                util * 100.0
            ));
            self.event(
                EventType::Normal,
                "ScaleDown",
                ObjectKind::Node,
                &name,
                format!("Scale-down: removing node {name}, utilization: {util:.2}, pods to reschedule: {}", pods.join(",")),
                "cluster-autoscaler",
            );
            self.drain_node(i);
        }
    }

    /// Would every pod on node `ni` fit on the other ready, schedulable nodes (first fit by requests)?
    fn pods_fit_elsewhere(&self, ni: usize) -> bool {
        let tick = self.tick;
        let mut free: Vec<(usize, Resources)> = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, n)| *i != ni && n.is_ready(tick) && !n.cordoned && !n.removing)
            .map(|(i, n)| {
                let mut f = n.allocatable;
                f.sub(&n.allocated_requests);
                (i, f)
            })
            .collect();
        for p in self
            .pods
            .iter()
            .filter(|p| p.node == Some(ni) && p.deleting_since.is_none())
        {
            let r = p.requests;
            let slot = free.iter_mut().find(|(i, f)| {
                r.cpu_milli <= f.cpu_milli
                    && r.memory_mib <= f.memory_mib
                    && r.gpu <= f.gpu
                    && p.node_type
                        .as_ref()
                        .is_none_or(|t| *t == self.nodes[*i].node_type)
            });
            match slot {
                Some((_, f)) => f.sub(&r),
                None => return false,
            }
        }
        true
    }

    // ---------------------------------------------------------------------------------------------
    // VPA

    #[inline(never)]
    pub(crate) fn vpa_controller(&mut self) {
        let tick = self.tick;
        for vi in 0..self.vpas.len() {
            if tick < self.vpas[vi].next_run {
                continue;
            }
            self.vpas[vi].next_run = tick + VPA_INTERVAL_S;
            let target = self.vpas[vi].spec.target.clone();
            let Some(di) = self.deployments.iter().position(|d| d.spec.name == target) else {
                continue;
            };
            // Recommender: collect the latest samples.
            let samples: Vec<(u64, u64)> = self
                .pods
                .iter()
                .filter(|p| p.deployment == target && p.deleting_since.is_none())
                .filter_map(|p| p.metric.as_ref().map(|m| (m.cpu_milli, m.memory_mib)))
                .collect();
            let v = &mut self.vpas[vi];
            for (c, m) in samples {
                v.cpu_samples.push(c);
                v.memory_samples.push(m);
            }
            if v.cpu_samples.len() > VPA_MAX_SAMPLES {
                let drop = v.cpu_samples.len() - VPA_MAX_SAMPLES;
                v.cpu_samples.drain(..drop);
                v.memory_samples.drain(..drop);
            }
            if v.cpu_samples.is_empty() {
                continue;
            }
            let pct = |xs: &[u64], q: f64| {
                let mut s = xs.to_vec();
                s.sort_unstable();
                s[((s.len() as f64 * q).ceil() as usize).clamp(1, s.len()) - 1]
            };
            let margin = |x: u64| x + x * 15 / 100;
            let uncapped = Resources {
                cpu_milli: margin(pct(&v.cpu_samples, 0.9)).max(25),
                memory_mib: margin(pct(&v.memory_samples, 0.9)).max(250),
                gpu: 0,
            };
            let cap = |r: Resources| match &v.spec.max_allowed {
                Some(m) => Resources {
                    cpu_milli: r.cpu_milli.min(if m.cpu_milli > 0 {
                        m.cpu_milli
                    } else {
                        u64::MAX
                    }),
                    memory_mib: r.memory_mib.min(if m.memory_mib > 0 {
                        m.memory_mib
                    } else {
                        u64::MAX
                    }),
                    gpu: 0,
                },
                None => r,
            };
            let rec = VpaRecommendation {
                target: cap(uncapped),
                lower_bound: cap(Resources {
                    cpu_milli: margin(pct(&v.cpu_samples, 0.5)).max(25),
                    memory_mib: margin(pct(&v.memory_samples, 0.5)).max(250),
                    gpu: 0,
                }),
                upper_bound: cap(Resources {
                    cpu_milli: margin(pct(&v.cpu_samples, 0.95)).max(25) * 3 / 2,
                    memory_mib: margin(pct(&v.memory_samples, 0.95)).max(250) * 3 / 2,
                    gpu: 0,
                }),
                uncapped_target: uncapped,
            };
            let mode = v.spec.update_mode;
            v.recommendation = Some(rec.clone());
            if mode == VpaUpdateMode::Off {
                self.deployments[di].vpa_requests = None;
                continue;
            }
            self.deployments[di].vpa_requests = Some(rec.target);
            if mode != VpaUpdateMode::Recreate {
                continue;
            }
            // Updater: evict one pod whose requests are outside the bounds, keeping at least 2 ready.
            let ours: Vec<usize> = (0..self.pods.len())
                .filter(|&i| self.pods[i].deployment == target)
                .collect();
            let busy = ours
                .iter()
                .any(|&i| self.pods[i].deleting_since.is_some() || !self.pods[i].ready);
            let ready = ours.iter().filter(|&&i| self.pods[i].ready).count();
            if busy || ready < 2 {
                continue;
            }
            let victim = ours.iter().copied().find(|&i| {
                let r = self.pods[i].requests;
                r.cpu_milli < rec.lower_bound.cpu_milli
                    || r.cpu_milli > rec.upper_bound.cpu_milli
                    || r.memory_mib < rec.lower_bound.memory_mib
                    || r.memory_mib > rec.upper_bound.memory_mib
            });
            if let Some(i) = victim {
                self.pods[i].deleting_since = Some(tick);
                self.pods_version += 1;
                let name = self.pods[i].name.0.clone();
                self.event(
                    EventType::Normal,
                    "EvictedByVPA",
                    ObjectKind::Pod,
                    &name,
                    "Pod was evicted by VPA Updater to apply resource recommendation.".into(),
                    "vpa-updater",
                );
            }
        }
    }
}
