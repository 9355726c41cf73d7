//! The Horizontal Pod Autoscaler's arithmetic as pure functions, exactly as the upstream controller does it.
//!
//! Sources (see shared/reference/hpa-algorithm.md): `pkg/controller/podautoscaler/replica_calculator.go`
//! (`GetResourceReplicas`, `calcPlainMetricReplicas`, `groupPods`), `metrics/utilization.go`
//! (`GetResourceUtilizationRatio`, `GetMetricUsageRatio`) and `horizontal.go` (`normalizeDesiredReplicas*`,
//! `stabilizeRecommendation*`, `convertDesiredReplicasWith*`, `calculateScale*Limit*`).
//! The engine calls these every 15 simulated seconds; the quiz crate and `lab hpa` call them directly.

use crate::spec::{PolicyKind, ScalingRules, SelectPolicy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Default `--horizontal-pod-autoscaler-tolerance`.
pub const DEFAULT_TOLERANCE: f64 = 0.1;
/// `--horizontal-pod-autoscaler-sync-period`.
pub const SYNC_PERIOD_S: u64 = 15;
/// `--horizontal-pod-autoscaler-cpu-initialization-period`.
pub const CPU_INITIALIZATION_PERIOD_S: u64 = 300;
/// `--horizontal-pod-autoscaler-initial-readiness-delay`.
pub const INITIAL_READINESS_DELAY_S: u64 = 30;
/// `--horizontal-pod-autoscaler-downscale-stabilization`.
pub const DOWNSCALE_STABILIZATION_S: u64 = 300;
/// `scaleUpLimitFactor` and `scaleUpLimitMinimum` of the legacy (behavior-less) path.
pub const SCALE_UP_LIMIT_FACTOR: f64 = 2.0;
pub const SCALE_UP_LIMIT_MINIMUM: f64 = 4.0;

/// A pod's phase (`status.phase`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PodPhase {
    Pending,
    #[default]
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl PodPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
            PodPhase::Unknown => "Unknown",
        }
    }
}

/// What the controller knows about one pod matched by the target's selector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodSample {
    /// Pod name, only for messages (`missing request for cpu in container c of Pod p`).
    #[serde(default)]
    pub name: String,
    /// Container name, only for messages.
    #[serde(default)]
    pub container: String,
    /// Sum of the containers' requests for the resource (millicores for CPU); None if any container lacks one.
    pub request_milli: Option<u64>,
    /// The metrics sample (sum over containers); None if metrics-server has none for the pod.
    pub usage_milli: Option<u64>,
    /// For CPU: whether the pod counts as ready after `groupPods`' initialization rules. A pure caller can
    /// read it as "the pod is Ready (or was Ready before)"; for other metrics it is not consulted.
    pub ready: bool,
    pub phase: PodPhase,
    /// `metadata.deletionTimestamp` is set (Terminating).
    pub deleting: bool,
}

impl PodSample {
    /// A running, ready pod with a request and a usage sample.
    pub fn running(request_milli: u64, usage_milli: u64) -> Self {
        PodSample {
            name: String::new(),
            container: String::new(),
            request_milli: Some(request_milli),
            usage_milli: Some(usage_milli),
            ready: true,
            phase: PodPhase::Running,
            deleting: false,
        }
    }
}

/// `Tolerances{scaleDown, scaleUp}`: ratios within `[1 - down, 1 + up]` (inclusive) mean "no change".
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tolerances {
    pub scale_down: f64,
    pub scale_up: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            scale_down: DEFAULT_TOLERANCE,
            scale_up: DEFAULT_TOLERANCE,
        }
    }
}

impl Tolerances {
    pub fn symmetric(t: f64) -> Self {
        Tolerances {
            scale_down: t,
            scale_up: t,
        }
    }

    /// `func (t Tolerances) isWithin(r float64) bool`, computed in f64 the same way.
    pub fn is_within(&self, ratio: f64) -> bool {
        (1.0 - self.scale_down) <= ratio && ratio <= (1.0 + self.scale_up)
    }
}

/// Which resource a utilization calculation is for: only CPU applies the initialization rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalcResource {
    #[default]
    Cpu,
    Memory,
}

impl CalcResource {
    fn as_str(self) -> &'static str {
        match self {
            CalcResource::Cpu => "cpu",
            CalcResource::Memory => "memory",
        }
    }
}

/// Why the controller could not compute a replica count (the upstream error texts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum HpaCalcError {
    /// `unable to get metrics for resource cpu: no metrics returned from resource metrics API`
    NoMetricsReturned { resource: String },
    /// `no pods returned by selector while calculating replica count`
    NoPods,
    /// `missing request for cpu in container C of Pod P`
    MissingRequest {
        resource: String,
        container: String,
        pod: String,
    },
    /// `did not receive metrics for targeted pods (pods might be unready)`
    NoReadyMetrics,
    /// `no metrics returned matched known pods`
    NoMatchingMetrics,
    /// The target is zero, which the API server rejects; kept so bad input never divides by zero.
    InvalidTarget,
}

impl fmt::Display for HpaCalcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HpaCalcError::NoMetricsReturned { resource } => {
                write!(f, "unable to get metrics for resource {resource}: no metrics returned from resource metrics API")
            }
            HpaCalcError::NoPods => {
                f.write_str("no pods returned by selector while calculating replica count")
            }
            HpaCalcError::MissingRequest {
                resource,
                container,
                pod,
            } => {
                write!(
                    f,
                    "missing request for {resource} in container {container} of Pod {pod}"
                )
            }
            HpaCalcError::NoReadyMetrics => {
                f.write_str("did not receive metrics for targeted pods (pods might be unready)")
            }
            HpaCalcError::NoMatchingMetrics => {
                f.write_str("no metrics returned matched known pods")
            }
            HpaCalcError::InvalidTarget => {
                f.write_str("the metric target must be greater than zero")
            }
        }
    }
}

impl std::error::Error for HpaCalcError {}

/// The result of one replica calculation, with the intermediate numbers and a plain-English explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplicaCalc {
    pub desired_replicas: u32,
    /// Utilization in whole percent of request (resource metrics), as reported in the HPA status; the
    /// original value even when missing/unready pods were rebalanced.
    pub utilization_percent: Option<u32>,
    /// `rawAverage`: Σusage / number of pods with metrics (integer division), in milli-units.
    pub raw_average_milli: u64,
    pub ready_pod_count: u32,
    pub unready_pod_count: u32,
    pub missing_pod_count: u32,
    pub ignored_pod_count: u32,
    /// Usage over target, from the truncated utilization.
    pub usage_ratio: f64,
    /// The ratio after filling in missing/unready pods, when that step ran.
    pub rebalanced_ratio: Option<f64>,
    /// Step-by-step explanation, one sentence per line ("why 5 replicas?").
    pub steps: Vec<String>,
}

/// Inputs of [`resource_replicas`]: a `type: Resource, target.type: Utilization` metric.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceReplicaInput {
    /// `scale.spec.replicas` of the target.
    pub current_replicas: u32,
    pub target_utilization_percent: u32,
    #[serde(default)]
    pub tolerances: Tolerances,
    #[serde(default)]
    pub resource: CalcResource,
    pub pods: Vec<PodSample>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Ignored,
    Unready,
    Missing,
    Ready,
}

/// `groupPods`: deleted or Failed → ignored; Pending → unready; no sample → missing; CPU and not ready →
/// unready; otherwise ready.
fn group(p: &PodSample, cpu_rules: bool) -> Group {
    if p.deleting || p.phase == PodPhase::Failed {
        Group::Ignored
    } else if p.phase == PodPhase::Pending {
        Group::Unready
    } else if p.usage_milli.is_none() {
        Group::Missing
    } else if cpu_rules && !p.ready {
        Group::Unready
    } else {
        Group::Ready
    }
}

fn pod_label(p: &PodSample, i: usize) -> String {
    if p.name.is_empty() {
        format!("pod-{i}")
    } else {
        p.name.clone()
    }
}

fn fmt_ratio(r: f64) -> String {
    format!("{:.3}", r)
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string()
}

/// `GetResourceReplicas` for a utilization target: the replica count the metric proposes.
pub fn resource_replicas(input: &ResourceReplicaInput) -> Result<ReplicaCalc, HpaCalcError> {
    let res = input.resource.as_str();
    let target = input.target_utilization_percent;
    if target == 0 {
        return Err(HpaCalcError::InvalidTarget);
    }
    let pods = &input.pods;
    // metricsClient.GetResourceMetric: an empty list from the metrics API is an error of its own.
    if pods.iter().all(|p| p.usage_milli.is_none()) {
        return Err(HpaCalcError::NoMetricsReturned {
            resource: res.to_string(),
        });
    }
    if pods.is_empty() {
        return Err(HpaCalcError::NoPods);
    }
    let cpu_rules = input.resource == CalcResource::Cpu;
    let groups: Vec<Group> = pods.iter().map(|p| group(p, cpu_rules)).collect();
    // calculateRequests runs over the whole pod list, whatever the group.
    for (i, p) in pods.iter().enumerate() {
        if p.request_milli.is_none() {
            return Err(HpaCalcError::MissingRequest {
                resource: res.to_string(),
                container: if p.container.is_empty() {
                    "app".to_string()
                } else {
                    p.container.clone()
                },
                pod: pod_label(p, i),
            });
        }
    }
    let count = |g: Group| groups.iter().filter(|&&x| x == g).count() as u32;
    let (ready, unready, missing, ignored) = (
        count(Group::Ready),
        count(Group::Unready),
        count(Group::Missing),
        count(Group::Ignored),
    );
    // metrics after removeMetricsForPods(ignored) and (unready): the ready pods' samples.
    let mut metrics: Vec<(u64, u64)> = pods
        .iter()
        .zip(&groups)
        .filter(|(_, g)| **g == Group::Ready)
        .map(|(p, _)| (p.usage_milli.unwrap_or(0), p.request_milli.unwrap_or(0)))
        .collect();
    if metrics.is_empty() {
        return Err(HpaCalcError::NoReadyMetrics);
    }
    let (ratio, utilization, raw_average) = utilization_ratio(&metrics, target)?;
    let mut steps = vec![
        format!(
            "{} pods match the selector: {ready} ready, {unready} unready (Pending or not yet ready), {missing} without a metric, {ignored} ignored (being deleted or Failed).",
            pods.len()
        ),
        format!(
            "Utilization of the ready pods = total usage / total request = {}m / {}m = {utilization} % (truncated to a whole percent).",
            metrics.iter().map(|m| m.0).sum::<u64>(),
            metrics.iter().map(|m| m.1).sum::<u64>()
        ),
        format!("Ratio = {utilization} % / target {target} % = {}.", fmt_ratio(ratio)),
    ];
    let tol = input.tolerances;
    let band = format!(
        "[{}, {}]",
        fmt_ratio(1.0 - tol.scale_down),
        fmt_ratio(1.0 + tol.scale_up)
    );
    let calc = |desired: u32, rebalanced: Option<f64>, steps: Vec<String>| ReplicaCalc {
        desired_replicas: desired,
        utilization_percent: Some(utilization),
        raw_average_milli: raw_average,
        ready_pod_count: ready,
        unready_pod_count: unready,
        missing_pod_count: missing,
        ignored_pod_count: ignored,
        usage_ratio: ratio,
        rebalanced_ratio: rebalanced,
        steps,
    };
    let scale_up_with_unready = unready > 0 && ratio > 1.0;
    if !scale_up_with_unready && missing == 0 {
        if tol.is_within(ratio) {
            steps.push(format!(
                "{} is inside the tolerance band {band}, so the replica count stays at {}.",
                fmt_ratio(ratio),
                input.current_replicas
            ));
            return Ok(calc(input.current_replicas, None, steps));
        }
        let desired = (ratio * ready as f64).ceil() as u32;
        steps.push(format!(
            "{} is outside the tolerance band {band}: desired = ceil({} x {ready} ready pods) = {desired}.",
            fmt_ratio(ratio),
            fmt_ratio(ratio)
        ));
        return Ok(calc(desired, None, steps));
    }
    // Rebalance: assume the worst case for the direction we are about to move in.
    if missing > 0 {
        if ratio < 1.0 {
            let fallback = u64::from(target.max(100));
            for (p, g) in pods.iter().zip(&groups) {
                if *g == Group::Missing {
                    let req = p.request_milli.unwrap_or(0);
                    metrics.push((req * fallback / 100, req));
                }
            }
            steps.push(format!(
                "Scaling down with {missing} pods lacking a metric: assume they use {fallback} % of their request."
            ));
        } else if ratio > 1.0 {
            for (p, g) in pods.iter().zip(&groups) {
                if *g == Group::Missing {
                    metrics.push((0, p.request_milli.unwrap_or(0)));
                }
            }
            steps.push(format!(
                "Scaling up with {missing} pods lacking a metric: assume they use 0 %."
            ));
        }
    }
    if scale_up_with_unready {
        for (p, g) in pods.iter().zip(&groups) {
            if *g == Group::Unready {
                metrics.push((0, p.request_milli.unwrap_or(0)));
            }
        }
        steps.push(format!(
            "Scaling up with {unready} unready pods: count them as using 0 %."
        ));
    }
    let (new_ratio, new_util, _) = utilization_ratio(&metrics, target)?;
    steps.push(format!(
        "Recomputed utilization over {} pods = {new_util} %, ratio {}.",
        metrics.len(),
        fmt_ratio(new_ratio)
    ));
    if tol.is_within(new_ratio) {
        steps.push(format!(
            "That is inside {band}: keep {} replicas.",
            input.current_replicas
        ));
        return Ok(calc(input.current_replicas, Some(new_ratio), steps));
    }
    if (ratio < 1.0 && new_ratio > 1.0) || (ratio > 1.0 && new_ratio < 1.0) {
        steps.push(format!(
            "The recomputed ratio points the other way, so the controller does nothing: keep {}.",
            input.current_replicas
        ));
        return Ok(calc(input.current_replicas, Some(new_ratio), steps));
    }
    let new_replicas = (new_ratio * metrics.len() as f64).ceil() as u32;
    if (new_ratio < 1.0 && new_replicas > input.current_replicas)
        || (new_ratio > 1.0 && new_replicas < input.current_replicas)
    {
        steps.push(format!(
            "ceil({} x {}) = {new_replicas} would move against the ratio: keep {}.",
            fmt_ratio(new_ratio),
            metrics.len(),
            input.current_replicas
        ));
        return Ok(calc(input.current_replicas, Some(new_ratio), steps));
    }
    steps.push(format!(
        "Desired = ceil({} x {} pods) = {new_replicas}.",
        fmt_ratio(new_ratio),
        metrics.len()
    ));
    Ok(calc(new_replicas, Some(new_ratio), steps))
}

/// `GetResourceUtilizationRatio`: (ratio from the truncated percent, percent, raw average).
fn utilization_ratio(metrics: &[(u64, u64)], target: u32) -> Result<(f64, u32, u64), HpaCalcError> {
    let usage: u128 = metrics.iter().map(|m| u128::from(m.0)).sum();
    let request: u128 = metrics.iter().map(|m| u128::from(m.1)).sum();
    if request == 0 {
        return Err(HpaCalcError::NoMatchingMetrics);
    }
    let utilization = (usage * 100 / request).min(u128::from(u32::MAX)) as u32;
    let raw_average = (usage / metrics.len() as u128) as u64;
    Ok((
        f64::from(utilization) / f64::from(target),
        utilization,
        raw_average,
    ))
}

/// Inputs of [`plain_metric_replicas`]: a `type: Pods` metric with an average-value target (milli-units).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlainMetricInput {
    pub current_replicas: u32,
    pub target_average_milli: u64,
    #[serde(default)]
    pub tolerances: Tolerances,
    /// `usage_milli` is the metric value; `request_milli` is not consulted.
    pub pods: Vec<PodSample>,
    /// True for a CPU `AverageValue` target (`GetRawResourceReplicas`): then `groupPods` applies the CPU
    /// readiness rules and `ready` is consulted; false for `type: Pods` metrics.
    #[serde(default)]
    pub cpu_readiness_rules: bool,
}

/// `calcPlainMetricReplicas` (`GetMetricReplicas` for Pods metrics): average value against the target.
pub fn plain_metric_replicas(input: &PlainMetricInput) -> Result<ReplicaCalc, HpaCalcError> {
    let target = input.target_average_milli;
    if target == 0 {
        return Err(HpaCalcError::InvalidTarget);
    }
    if input.pods.is_empty() {
        return Err(HpaCalcError::NoPods);
    }
    let groups: Vec<Group> = input
        .pods
        .iter()
        .map(|p| group(p, input.cpu_readiness_rules))
        .collect();
    let count = |g: Group| groups.iter().filter(|&&x| x == g).count() as u32;
    let (ready, unready, missing, ignored) = (
        count(Group::Ready),
        count(Group::Unready),
        count(Group::Missing),
        count(Group::Ignored),
    );
    let mut metrics: Vec<u64> = input
        .pods
        .iter()
        .zip(&groups)
        .filter(|(_, g)| **g == Group::Ready)
        .map(|(p, _)| p.usage_milli.unwrap_or(0))
        .collect();
    if metrics.is_empty() {
        return Err(HpaCalcError::NoReadyMetrics);
    }
    let usage_ratio = |m: &[u64]| {
        let avg = m.iter().map(|&v| u128::from(v)).sum::<u128>() / m.len() as u128;
        (avg as f64 / target as f64, avg as u64)
    };
    let (ratio, average) = usage_ratio(&metrics);
    let mut steps = vec![
        format!(
            "{} pods match: {ready} ready, {unready} unready (Pending), {missing} without a metric, {ignored} ignored.",
            input.pods.len()
        ),
        format!(
            "Average over ready pods = {} / target {} = ratio {}.",
            average as f64 / 1000.0,
            target as f64 / 1000.0,
            fmt_ratio(ratio)
        ),
    ];
    let tol = input.tolerances;
    let calc = |desired: u32, rebalanced: Option<f64>, steps: Vec<String>| ReplicaCalc {
        desired_replicas: desired,
        utilization_percent: None,
        raw_average_milli: average,
        ready_pod_count: ready,
        unready_pod_count: unready,
        missing_pod_count: missing,
        ignored_pod_count: ignored,
        usage_ratio: ratio,
        rebalanced_ratio: rebalanced,
        steps,
    };
    let scale_up_with_unready = unready > 0 && ratio > 1.0;
    if !scale_up_with_unready && missing == 0 {
        if tol.is_within(ratio) {
            steps.push(format!(
                "Inside the tolerance band: keep {}.",
                input.current_replicas
            ));
            return Ok(calc(input.current_replicas, None, steps));
        }
        let desired = (ratio * ready as f64).ceil() as u32;
        steps.push(format!(
            "Desired = ceil({} x {ready} ready pods) = {desired}.",
            fmt_ratio(ratio)
        ));
        return Ok(calc(desired, None, steps));
    }
    if missing > 0 {
        // Unlike the resource path: missing pods count as exactly the target on a scale-down.
        let fill = if ratio < 1.0 { target } else { 0 };
        metrics.extend(std::iter::repeat_n(fill, missing as usize));
    }
    if scale_up_with_unready {
        metrics.extend(std::iter::repeat_n(0, unready as usize));
    }
    let (new_ratio, _) = usage_ratio(&metrics);
    steps.push(format!(
        "Rebalanced over {} pods: ratio {}.",
        metrics.len(),
        fmt_ratio(new_ratio)
    ));
    if tol.is_within(new_ratio)
        || (ratio < 1.0 && new_ratio > 1.0)
        || (ratio > 1.0 && new_ratio < 1.0)
    {
        steps.push(format!("No change: keep {}.", input.current_replicas));
        return Ok(calc(input.current_replicas, Some(new_ratio), steps));
    }
    let new_replicas = (new_ratio * metrics.len() as f64).ceil() as u32;
    if (new_ratio < 1.0 && new_replicas > input.current_replicas)
        || (new_ratio > 1.0 && new_replicas < input.current_replicas)
    {
        steps.push(format!(
            "ceil would move against the ratio: keep {}.",
            input.current_replicas
        ));
        return Ok(calc(input.current_replicas, Some(new_ratio), steps));
    }
    steps.push(format!(
        "Desired = ceil({} x {}) = {new_replicas}.",
        fmt_ratio(new_ratio),
        metrics.len()
    ));
    Ok(calc(new_replicas, Some(new_ratio), steps))
}

// ---------------------------------------------------------------------------------------------------
// Normalization: stabilization windows and rate limits (horizontal.go).

/// A stored recommendation (`timestampedRecommendation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub replicas: u32,
    pub tick: u64,
}

/// A stored scale event (`timestampedScaleEvent`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ScaleEvent {
    pub replica_change: u32,
    pub tick: u64,
    pub outdated: bool,
}

/// The controller's per-HPA memory: recommendations and scale events.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HpaMemory {
    pub recommendations: Vec<Recommendation>,
    pub scale_up_events: Vec<ScaleEvent>,
    pub scale_down_events: Vec<ScaleEvent>,
}

impl HpaMemory {
    /// `recordInitialRecommendation`: seed the history with the current size on the first sync, which is why a
    /// new HPA cannot scale down for the first 5 minutes (`TestScaleDownStabilizeInitialSize`).
    pub fn record_initial(&mut self, current_replicas: u32, now_tick: u64) {
        if self.recommendations.is_empty() {
            self.recommendations.push(Recommendation {
                replicas: current_replicas,
                tick: now_tick,
            });
        }
    }
}

/// A condition set by normalization: (type, status, reason, message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NormalizeCondition {
    pub status: bool,
    pub reason: &'static str,
    pub message: &'static str,
}

/// The outcome of normalization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Normalized {
    pub desired_replicas: u32,
    /// After stabilization, before rate limits.
    pub stabilized_replicas: u32,
    pub able_to_scale: NormalizeCondition,
    pub scaling_limited: NormalizeCondition,
}

const MSG_DOWN_STABILIZED: &str =
    "recent recommendations were higher than current one, applying the highest recent recommendation";
const MSG_UP_STABILIZED: &str =
    "recent recommendations were lower than current one, applying the lowest recent recommendation";
const MSG_READY: &str = "recommended size matches current size";

fn within_range() -> NormalizeCondition {
    NormalizeCondition {
        status: false,
        reason: "DesiredWithinRange",
        message: "the desired count is within the acceptable range",
    }
}

/// `normalizeDesiredReplicas` (behavior == nil): max over the last 5 minutes of recommendations, then
/// `convertDesiredReplicasWithRules` (min, max, and the `max(2 x current, 4)` scale-up cap).
pub fn normalize_legacy(
    memory: &mut HpaMemory,
    now_tick: u64,
    current_replicas: u32,
    prenormalized: u32,
    min_replicas: u32,
    max_replicas: u32,
    downscale_window_s: u64,
) -> Normalized {
    // stabilizeRecommendation
    let cutoff = now_tick as i64 - downscale_window_s as i64;
    let mut max_rec = prenormalized;
    let mut old_index = None;
    for (i, rec) in memory.recommendations.iter().enumerate() {
        if (rec.tick as i64) < cutoff {
            old_index = Some(i);
        } else if rec.replicas > max_rec {
            max_rec = rec.replicas;
        }
    }
    let new_rec = Recommendation {
        replicas: prenormalized,
        tick: now_tick,
    };
    match old_index {
        Some(i) => memory.recommendations[i] = new_rec,
        None => memory.recommendations.push(new_rec),
    }
    let able_to_scale = if max_rec != prenormalized {
        NormalizeCondition {
            status: true,
            reason: "ScaleDownStabilized",
            message: MSG_DOWN_STABILIZED,
        }
    } else {
        NormalizeCondition {
            status: true,
            reason: "ReadyForNewScale",
            message: MSG_READY,
        }
    };
    // convertDesiredReplicasWithRules
    let scale_up_limit =
        (SCALE_UP_LIMIT_FACTOR * f64::from(current_replicas)).max(SCALE_UP_LIMIT_MINIMUM) as u32;
    let (max_allowed, limit_reason, limit_message) = if max_replicas > scale_up_limit {
        (
            scale_up_limit,
            "ScaleUpLimit",
            "the desired replica count is increasing faster than the maximum scale rate",
        )
    } else {
        (
            max_replicas,
            "TooManyReplicas",
            "the desired replica count is more than the maximum replica count",
        )
    };
    let (desired, limited) = if max_rec < min_replicas {
        (
            min_replicas,
            NormalizeCondition {
                status: true,
                reason: "TooFewReplicas",
                message: "the desired replica count is less than the minimum replica count",
            },
        )
    } else if max_rec > max_allowed {
        (
            max_allowed,
            NormalizeCondition {
                status: true,
                reason: limit_reason,
                message: limit_message,
            },
        )
    } else {
        (max_rec, within_range())
    };
    let scaling_limited = if desired == max_rec {
        NormalizeCondition {
            status: false,
            ..limited
        }
    } else {
        limited
    };
    Normalized {
        desired_replicas: desired,
        stabilized_replicas: max_rec,
        able_to_scale,
        scaling_limited,
    }
}

/// Behavior rules with the API server's and controller's defaults filled in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResolvedRules {
    pub stabilization_window_s: u32,
    pub select_policy: SelectPolicy,
    pub policies: Vec<(PolicyKind, u32, u32)>,
}

impl ResolvedRules {
    /// Fill in `defaultHPAScaleUpRules` / `defaultHPAScaleDownRules` and the controller's 300 s window.
    pub fn resolve(rules: Option<&ScalingRules>, scale_up: bool) -> Self {
        let default_policies: Vec<(PolicyKind, u32, u32)> = if scale_up {
            vec![(PolicyKind::Pods, 4, 15), (PolicyKind::Percent, 100, 15)]
        } else {
            vec![(PolicyKind::Percent, 100, 15)]
        };
        let default_window = if scale_up {
            0
        } else {
            DOWNSCALE_STABILIZATION_S as u32
        };
        match rules {
            None => ResolvedRules {
                stabilization_window_s: default_window,
                select_policy: SelectPolicy::Max,
                policies: default_policies,
            },
            Some(r) => ResolvedRules {
                stabilization_window_s: r.stabilization_window_s.unwrap_or(default_window),
                select_policy: r.select_policy.unwrap_or(SelectPolicy::Max),
                policies: if r.policies.is_empty() {
                    default_policies
                } else {
                    r.policies
                        .iter()
                        .map(|p| (p.kind, p.value, p.period_s))
                        .collect()
                },
            },
        }
    }
}

/// `getReplicasChangePerPeriod`: replicas changed by events newer than `period_s`.
fn change_in_period(events: &[ScaleEvent], now_tick: u64, period_s: u32) -> i64 {
    let cutoff = now_tick as i64 - i64::from(period_s);
    events
        .iter()
        .filter(|e| e.tick as i64 > cutoff)
        .map(|e| i64::from(e.replica_change))
        .sum()
}

/// `calculateScaleUpLimitWithScalingRules`.
pub fn scale_up_limit(
    current: u32,
    memory: &HpaMemory,
    rules: &ResolvedRules,
    now_tick: u64,
) -> i64 {
    let (mut result, pick): (i64, fn(i64, i64) -> i64) = match rules.select_policy {
        SelectPolicy::Disabled => return i64::from(current),
        SelectPolicy::Min => (i64::from(i32::MAX), i64::min),
        SelectPolicy::Max => (i64::from(i32::MIN), i64::max),
    };
    for &(kind, value, period) in &rules.policies {
        let start = i64::from(current)
            - change_in_period(&memory.scale_up_events, now_tick, period)
            + change_in_period(&memory.scale_down_events, now_tick, period);
        let proposed = match kind {
            PolicyKind::Pods => start + i64::from(value),
            PolicyKind::Percent => (start as f64 * (1.0 + f64::from(value) / 100.0)).ceil() as i64,
        };
        result = pick(result, proposed);
    }
    result
}

/// `calculateScaleDownLimitWithBehaviors`.
pub fn scale_down_limit(
    current: u32,
    memory: &HpaMemory,
    rules: &ResolvedRules,
    now_tick: u64,
) -> i64 {
    let (mut result, pick): (i64, fn(i64, i64) -> i64) = match rules.select_policy {
        SelectPolicy::Disabled => return i64::from(current),
        SelectPolicy::Min => (i64::from(i32::MIN), i64::max),
        SelectPolicy::Max => (i64::from(i32::MAX), i64::min),
    };
    for &(kind, value, period) in &rules.policies {
        let start = i64::from(current)
            - change_in_period(&memory.scale_up_events, now_tick, period)
            + change_in_period(&memory.scale_down_events, now_tick, period);
        let proposed = match kind {
            PolicyKind::Pods => start - i64::from(value),
            PolicyKind::Percent => (start as f64 * (1.0 - f64::from(value) / 100.0)) as i64,
        };
        result = pick(result, proposed);
    }
    result
}

/// `normalizeDesiredReplicasWithBehaviors`: both stabilization windows, then the policies' rate limits.
/// (The argument list mirrors upstream's `NormalizationArg` one to one.)
#[allow(clippy::too_many_arguments)]
pub fn normalize_with_behavior(
    memory: &mut HpaMemory,
    now_tick: u64,
    current_replicas: u32,
    prenormalized: u32,
    min_replicas: u32,
    max_replicas: u32,
    up: &ResolvedRules,
    down: &ResolvedRules,
) -> Normalized {
    // stabilizeRecommendationWithBehaviors
    let now = now_tick as i64;
    let up_cutoff = now - i64::from(up.stabilization_window_s);
    let down_cutoff = now - i64::from(down.stabilization_window_s);
    let mut up_rec = prenormalized;
    let mut down_rec = prenormalized;
    let mut old_index = None;
    for (i, rec) in memory.recommendations.iter().enumerate() {
        let t = rec.tick as i64;
        if t > up_cutoff {
            up_rec = up_rec.min(rec.replicas);
        }
        if t > down_cutoff {
            down_rec = down_rec.max(rec.replicas);
        }
        if t < up_cutoff && t < down_cutoff {
            old_index = Some(i);
        }
    }
    let mut stabilized = current_replicas;
    if stabilized < up_rec {
        stabilized = up_rec;
    }
    if stabilized > down_rec {
        stabilized = down_rec;
    }
    let new_rec = Recommendation {
        replicas: prenormalized,
        tick: now_tick,
    };
    match old_index {
        Some(i) => memory.recommendations[i] = new_rec,
        None => memory.recommendations.push(new_rec),
    }
    let able_to_scale = if stabilized != prenormalized {
        if prenormalized >= current_replicas {
            NormalizeCondition {
                status: true,
                reason: "ScaleUpStabilized",
                message: MSG_UP_STABILIZED,
            }
        } else {
            NormalizeCondition {
                status: true,
                reason: "ScaleDownStabilized",
                message: MSG_DOWN_STABILIZED,
            }
        }
    } else {
        NormalizeCondition {
            status: true,
            reason: "ReadyForNewScale",
            message: MSG_READY,
        }
    };
    // convertDesiredReplicasWithBehaviorRate
    let mut desired = stabilized;
    let mut limited = within_range();
    if stabilized > current_replicas {
        let limit =
            scale_up_limit(current_replicas, memory, up, now_tick).max(i64::from(current_replicas));
        let (max_allowed, reason, message) = if i64::from(max_replicas) > limit {
            (
                limit as u32,
                "ScaleUpLimit",
                "the desired replica count is increasing faster than the maximum scale rate",
            )
        } else {
            (
                max_replicas,
                "TooManyReplicas",
                "the desired replica count is more than the maximum replica count",
            )
        };
        if stabilized > max_allowed {
            desired = max_allowed;
            limited = NormalizeCondition {
                status: true,
                reason,
                message,
            };
        }
    } else if stabilized < current_replicas {
        let limit = scale_down_limit(current_replicas, memory, down, now_tick)
            .min(i64::from(current_replicas));
        let (min_allowed, reason, message) = if i64::from(min_replicas) < limit {
            (
                limit as u32,
                "ScaleDownLimit",
                "the desired replica count is decreasing faster than the maximum scale rate",
            )
        } else {
            (
                min_replicas,
                "TooFewReplicas",
                "the desired replica count is less than the minimum replica count",
            )
        };
        if stabilized < min_allowed {
            desired = min_allowed;
            limited = NormalizeCondition {
                status: true,
                reason,
                message,
            };
        }
    }
    Normalized {
        desired_replicas: desired,
        stabilized_replicas: stabilized,
        able_to_scale,
        scaling_limited: limited,
    }
}

/// `storeScaleEvent` (only called when the HPA has a behavior): remember a rescale for the rate limits.
pub fn store_scale_event(
    memory: &mut HpaMemory,
    up: &ResolvedRules,
    down: &ResolvedRules,
    now_tick: u64,
    prev: u32,
    new: u32,
) {
    if new == prev {
        return;
    }
    let (events, rules, change) = if new > prev {
        (&mut memory.scale_up_events, up, new - prev)
    } else {
        (&mut memory.scale_down_events, down, prev - new)
    };
    let longest = rules.policies.iter().map(|p| p.2).max().unwrap_or(0);
    let cutoff = now_tick as i64 - i64::from(longest);
    for e in events.iter_mut() {
        if (e.tick as i64) < cutoff {
            e.outdated = true;
        }
    }
    let event = ScaleEvent {
        replica_change: change,
        tick: now_tick,
        outdated: false,
    };
    match events.iter_mut().find(|e| e.outdated) {
        Some(slot) => *slot = event,
        None => events.push(event),
    }
}
