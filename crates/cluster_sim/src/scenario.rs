//! Scenario presets: data files (content/scenarios/*.toml) describing a cluster, a model Deployment, its
//! autoscalers and a load, plus the story the lab tells around it. Also the strategy model the lab and
//! `lab compare` use to run the same load under different scaling strategies.

use crate::command::{Command, ObjectSpec};
use crate::engine::Cluster;
use crate::ids::{DeploymentName, HpaName, NodeTypeName, QuotaName, ServiceName, VpaName};
use crate::load::{LoadPattern, LoadSpec};
use crate::spec::{
    node_type, Balancing, ClusterAutoscalerSpec, DeploymentSpec, HpaBehavior, HpaSpec, Labels,
    MetricSpec, MetricTarget, ProbeSpec, QuotaResources, ResourceList, ResourceName,
    ResourceQuotaSpec, ScalingRules, ServiceSpec, SessionAffinity, VpaSpec, VpaUpdateMode,
    Workload, METRIC_QUEUE_LENGTH, METRIC_REQUESTS_PER_SECOND,
};
use crate::view::RunSummary;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The built-in presets, embedded so the browser needs no file access. Order = the lab's list order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "small-model-one-node",
        include_str!("../../../content/scenarios/small-model-one-node.toml"),
    ),
    (
        "vertical-node-ceiling",
        include_str!("../../../content/scenarios/vertical-node-ceiling.toml"),
    ),
    (
        "horizontal-fixed",
        include_str!("../../../content/scenarios/horizontal-fixed.toml"),
    ),
    (
        "hpa-50",
        include_str!("../../../content/scenarios/hpa-50.toml"),
    ),
    (
        "hpa-cluster-autoscaler",
        include_str!("../../../content/scenarios/hpa-cluster-autoscaler.toml"),
    ),
    (
        "hpa-custom-metric",
        include_str!("../../../content/scenarios/hpa-custom-metric.toml"),
    ),
    (
        "no-requests-limits",
        include_str!("../../../content/scenarios/no-requests-limits.toml"),
    ),
    (
        "max-replicas-too-low",
        include_str!("../../../content/scenarios/max-replicas-too-low.toml"),
    ),
    (
        "no-readiness-probe",
        include_str!("../../../content/scenarios/no-readiness-probe.toml"),
    ),
    (
        "threshold-too-high",
        include_str!("../../../content/scenarios/threshold-too-high.toml"),
    ),
    (
        "threshold-too-low",
        include_str!("../../../content/scenarios/threshold-too-low.toml"),
    ),
    (
        "quota-blocks-scale-out",
        include_str!("../../../content/scenarios/quota-blocks-scale-out.toml"),
    ),
    (
        "crashloop-backoff",
        include_str!("../../../content/scenarios/crashloop-backoff.toml"),
    ),
    (
        "memory-limit-oom",
        include_str!("../../../content/scenarios/memory-limit-oom.toml"),
    ),
    (
        "sticky-sessions",
        include_str!("../../../content/scenarios/sticky-sessions.toml"),
    ),
    (
        "vpa-recommender",
        include_str!("../../../content/scenarios/vpa-recommender.toml"),
    ),
];

/// A scenario file could not be used: names the file, the place and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    /// 1-based line and column, when the TOML parser knows them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The offending key (`hpa.max_replicas`), when known.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": ")?;
        if let Some(k) = &self.key {
            write!(f, "{k}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// `[cluster]`: the nodes at the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterSection {
    pub node_type: NodeTypeName,
    pub nodes: u32,
}

/// `[deployment]`: the model server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentSection {
    #[serde(default = "d_name")]
    pub name: String,
    #[serde(default = "d_image")]
    pub image: String,
    pub replicas: u32,
    pub cpu_request_milli: Option<u64>,
    pub cpu_limit_milli: Option<u64>,
    pub memory_request_mib: Option<u64>,
    pub memory_limit_mib: Option<u64>,
    #[serde(default = "d_true")]
    pub readiness_probe: bool,
    pub node_type: Option<NodeTypeName>,
    #[serde(default)]
    pub workload: Workload,
}

fn d_name() -> String {
    "my-ml-model".into()
}
fn d_image() -> String {
    "registry.example.com/ml/my-ml-model:1.4.2".into()
}
fn d_true() -> bool {
    true
}

/// `[hpa]`: a HorizontalPodAutoscaler on the Deployment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HpaSection {
    #[serde(default = "d_min")]
    pub min_replicas: u32,
    pub max_replicas: u32,
    /// CPU utilization target in percent (the default metric).
    pub cpu_target_percent: Option<u32>,
    /// A `type: Pods` metric instead: `requests_per_second` or `queue_length`, with its per-pod target.
    pub metric: Option<String>,
    pub target_value: Option<f64>,
    pub behavior: Option<HpaBehavior>,
}

fn d_min() -> u32 {
    1
}

/// `[autoscaler]`: the Cluster Autoscaler's node group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoscalerSection {
    pub node_type: Option<NodeTypeName>,
    pub min_nodes: u32,
    pub max_nodes: u32,
    pub node_provision_s: Option<u32>,
    pub scale_down_unneeded_s: Option<u32>,
}

/// `[service]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSection {
    #[serde(default)]
    pub session_affinity: SessionAffinity,
    #[serde(default)]
    pub balancing: Balancing,
}

/// `[quota]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaSection {
    #[serde(default = "d_quota_name")]
    pub name: String,
    pub pods: Option<u32>,
    pub requests_cpu_milli: Option<u64>,
    pub requests_memory_mib: Option<u64>,
    pub limits_cpu_milli: Option<u64>,
    pub limits_memory_mib: Option<u64>,
}

fn d_quota_name() -> String {
    "compute-quota".into()
}

/// `[vpa]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpaSection {
    #[serde(default)]
    pub update_mode: VpaUpdateMode,
}

/// One scenario preset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File stem (set by the loader, not written in the file).
    #[serde(skip_deserializing, default)]
    pub id: String,
    pub title: String,
    /// A short story that sets the scene.
    pub story: String,
    /// What to look at while it runs.
    pub watch_for: String,
    /// A question to think about afterwards.
    pub question: String,
    /// Suggested run length in seconds.
    pub seconds: u64,
    #[serde(default = "d_seed")]
    pub seed: u64,
    /// Strategies `lab compare` and the lab's side-by-side view use by default.
    #[serde(default)]
    pub compare: Vec<String>,
    pub cluster: ClusterSection,
    pub deployment: DeploymentSection,
    pub hpa: Option<HpaSection>,
    pub autoscaler: Option<AutoscalerSection>,
    #[serde(default)]
    pub service: ServiceSection,
    pub quota: Option<QuotaSection>,
    pub vpa: Option<VpaSection>,
    pub load: LoadPattern,
}

fn d_seed() -> u64 {
    42
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

impl Scenario {
    /// Parse and validate one scenario file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Scenario, ScenarioError> {
        let err = |key: Option<&str>, message: String| ScenarioError {
            file: file.to_string(),
            line: None,
            column: None,
            key: key.map(str::to_string),
            message,
        };
        let mut s: Scenario = toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_col(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            ScenarioError {
                file: file.to_string(),
                line,
                column,
                key: None,
                message: e.message().replace('\n', " ").trim().to_string(),
            }
        })?;
        s.id = std::path::Path::new(file)
            .file_stem()
            .and_then(|x| x.to_str())
            .unwrap_or(file)
            .to_string();
        for (key, value) in [
            ("title", &s.title),
            ("story", &s.story),
            ("watch_for", &s.watch_for),
            ("question", &s.question),
        ] {
            if value.trim().is_empty() {
                return Err(err(Some(key), "must not be empty".into()));
            }
        }
        if s.seconds == 0 || s.seconds > 24 * 3600 {
            return Err(err(
                Some("seconds"),
                format!("must be between 1 and 86400, got {}", s.seconds),
            ));
        }
        if node_type(s.cluster.node_type.as_str()).is_none() {
            return Err(err(
                Some("cluster.node_type"),
                format!(
                    "unknown node type \"{}\" (small, medium, large, gpu)",
                    s.cluster.node_type
                ),
            ));
        }
        if s.cluster.nodes > 200 {
            return Err(err(
                Some("cluster.nodes"),
                format!("at most 200 nodes, got {}", s.cluster.nodes),
            ));
        }
        if let Some(t) = &s.deployment.node_type {
            if node_type(t.as_str()).is_none() {
                return Err(err(
                    Some("deployment.node_type"),
                    format!("unknown node type \"{t}\""),
                ));
            }
        }
        let d = &s.deployment;
        if d.replicas > 1000 {
            return Err(err(
                Some("deployment.replicas"),
                format!("at most 1000, got {}", d.replicas),
            ));
        }
        if let (Some(r), Some(l)) = (d.cpu_request_milli, d.cpu_limit_milli) {
            if r > l {
                return Err(err(
                    Some("deployment.cpu_request_milli"),
                    format!("{r} is above cpu_limit_milli {l}"),
                ));
            }
        }
        if let (Some(r), Some(l)) = (d.memory_request_mib, d.memory_limit_mib) {
            if r > l {
                return Err(err(
                    Some("deployment.memory_request_mib"),
                    format!("{r} is above memory_limit_mib {l}"),
                ));
            }
        }
        if d.workload.cpu_milli_per_request == 0 {
            return Err(err(
                Some("deployment.workload.cpu_milli_per_request"),
                "must be greater than 0".into(),
            ));
        }
        if let Some(h) = &s.hpa {
            if h.min_replicas < 1 {
                return Err(err(Some("hpa.min_replicas"), "must be at least 1".into()));
            }
            if h.max_replicas < h.min_replicas {
                return Err(err(
                    Some("hpa.max_replicas"),
                    format!("must be >= hpa.min_replicas ({})", h.min_replicas),
                ));
            }
            match (&h.cpu_target_percent, &h.metric) {
                (Some(0), _) => {
                    return Err(err(
                        Some("hpa.cpu_target_percent"),
                        "must be greater than 0".into(),
                    ))
                }
                (Some(_), Some(_)) => {
                    return Err(err(
                        Some("hpa.metric"),
                        "set either cpu_target_percent or metric, not both".into(),
                    ))
                }
                (None, Some(m)) => {
                    if m != METRIC_REQUESTS_PER_SECOND && m != METRIC_QUEUE_LENGTH {
                        return Err(err(
                            Some("hpa.metric"),
                            format!("unknown metric \"{m}\" (requests_per_second, queue_length)"),
                        ));
                    }
                    if !h.target_value.is_some_and(|v| v.is_finite() && v > 0.0) {
                        return Err(err(
                            Some("hpa.target_value"),
                            "required with metric, and must be > 0".into(),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(a) = &s.autoscaler {
            if a.max_nodes < a.min_nodes {
                return Err(err(
                    Some("autoscaler.max_nodes"),
                    format!("must be >= autoscaler.min_nodes ({})", a.min_nodes),
                ));
            }
            if let Some(t) = &a.node_type {
                if node_type(t.as_str()).is_none() {
                    return Err(err(
                        Some("autoscaler.node_type"),
                        format!("unknown node type \"{t}\""),
                    ));
                }
            }
        }
        validate_load(&s.load).map_err(|(k, m)| err(Some(&format!("load.{k}")), m))?;
        Ok(s)
    }

    /// The strategies to compare by default.
    pub fn compare_strategies(&self) -> Vec<String> {
        if self.compare.is_empty() {
            vec!["scenario".into()]
        } else {
            self.compare.clone()
        }
    }
}

fn validate_load(p: &LoadPattern) -> Result<(), (&'static str, String)> {
    let check = |k: &'static str, v: f64| {
        if v.is_finite() && (0.0..=1e6).contains(&v) {
            Ok(())
        } else {
            Err((
                k,
                format!("must be a number between 0 and 1000000, got {v}"),
            ))
        }
    };
    match p {
        LoadPattern::Constant { rps } => check("rps", *rps),
        LoadPattern::Ramp {
            from_rps, to_rps, ..
        } => check("from_rps", *from_rps).and(check("to_rps", *to_rps)),
        LoadPattern::Spike {
            base_rps, peak_rps, ..
        } => check("base_rps", *base_rps).and(check("peak_rps", *peak_rps)),
        LoadPattern::DailyWave {
            min_rps,
            max_rps,
            period_s,
        } => {
            if *period_s == 0 {
                return Err(("period_s", "must be greater than 0".into()));
            }
            check("min_rps", *min_rps).and(check("max_rps", *max_rps))
        }
        LoadPattern::RandomBursts {
            base_rps,
            burst_rps,
            bursts_per_hour,
            ..
        } => check("base_rps", *base_rps)
            .and(check("burst_rps", *burst_rps))
            .and(check("bursts_per_hour", *bursts_per_hour)),
        LoadPattern::Trace { rps, .. } => {
            if rps.is_empty() {
                return Err(("rps", "the trace needs at least one value".into()));
            }
            rps.iter().try_for_each(|v| check("rps", *v))
        }
    }
}

/// All built-in presets, parsed. A broken embedded file is a programmer error caught by the tests, so
/// this returns the error rather than panicking.
pub fn builtin() -> Result<Vec<Scenario>, ScenarioError> {
    BUILTIN
        .iter()
        .map(|(id, text)| Scenario::parse(&format!("content/scenarios/{id}.toml"), text))
        .collect()
}

/// One built-in preset by id.
pub fn find(id: &str) -> Option<Result<Scenario, ScenarioError>> {
    BUILTIN
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(i, text)| Scenario::parse(&format!("content/scenarios/{i}.toml"), text))
}

/// Which metric an HPA strategy scales on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HpaMetric {
    /// CPU utilization in percent of request.
    Cpu { target_percent: u32 },
    /// Requests per second per pod (a custom `type: Pods` metric).
    RequestsPerSecond { target: f64 },
    /// Queue length per pod.
    QueueLength { target: f64 },
}

/// A scaling strategy to run a scenario's load under (serialisable: it goes in the lab's URL).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Strategy {
    /// The scenario exactly as written.
    Scenario,
    /// One pod on one node of this type.
    SingleNode { node_type: NodeTypeName },
    /// One big pod sized to most of one node of this type (vertical scaling: the node caps it).
    Vertical { node_type: NodeTypeName },
    /// A fixed number of replicas, no autoscaling.
    FixedReplicas { replicas: u32 },
    /// An HPA on the scenario's nodes.
    Hpa {
        min_replicas: u32,
        max_replicas: u32,
        metric: HpaMetric,
    },
    /// An HPA plus the Cluster Autoscaler adding and removing nodes.
    HpaClusterAutoscaler {
        min_replicas: u32,
        max_replicas: u32,
        metric: HpaMetric,
        min_nodes: u32,
        max_nodes: u32,
    },
}

/// The lab's pitfall toggles: how the Deployment and its namespace are set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toggles {
    /// Resource requests and limits set (the scenario's, or 500m/1000m CPU and 1Gi/2Gi memory if it has none).
    pub requests_and_limits: bool,
    /// A readiness probe that passes once the model is loaded.
    pub readiness_probe: bool,
    /// The scenario's ResourceQuota applies.
    pub quota: bool,
    /// The image is broken (the server exits at start: CrashLoopBackOff).
    pub broken_image: bool,
    /// The Service pins clients to pods (`sessionAffinity: ClientIP`).
    pub sticky_sessions: bool,
}

impl Toggles {
    /// The recommended setup: requests, limits and a probe; no quota, no broken image, no stickiness.
    pub fn safe() -> Self {
        Toggles {
            requests_and_limits: true,
            readiness_probe: true,
            quota: false,
            broken_image: false,
            sticky_sessions: false,
        }
    }

    /// What the scenario file itself says.
    pub fn of(scenario: &Scenario) -> Self {
        let d = &scenario.deployment;
        Toggles {
            requests_and_limits: d.cpu_request_milli.is_some() || d.memory_request_mib.is_some(),
            readiness_probe: d.readiness_probe,
            quota: scenario.quota.is_some(),
            broken_image: d.workload.crash_on_start,
            sticky_sessions: scenario.service.session_affinity == SessionAffinity::ClientIP,
        }
    }
}

/// One column of a comparison: a strategy, optionally with the toggles changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub strategy: Strategy,
    pub toggles: Option<Toggles>,
}

impl Variant {
    /// `STRATEGY[+safe]`: `+safe` switches to [`Toggles::safe`] (fixes the scenario's pitfall).
    pub fn parse(text: &str, scenario: &Scenario) -> Result<Variant, String> {
        let (base, safe) = match text.strip_suffix("+safe") {
            Some(b) => (b, true),
            None => (text, false),
        };
        Ok(Variant {
            strategy: Strategy::parse(base, scenario)?,
            toggles: safe.then(Toggles::safe),
        })
    }

    pub fn label(&self) -> String {
        match &self.toggles {
            Some(t) if *t == Toggles::safe() => format!("{}+safe", self.strategy.label()),
            Some(_) => format!("{}+custom", self.strategy.label()),
            None => self.strategy.label(),
        }
    }
}

/// Everything that defines a run (what the lab puts in its URL).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunConfig {
    pub scenario: String,
    pub seed: u64,
    pub strategy: Strategy,
    /// None = as the scenario says.
    pub toggles: Option<Toggles>,
    /// Multiplies the scenario's load.
    pub load_intensity: f64,
}

impl Strategy {
    /// A short stable name (`fixed:4`, `hpa`, ...), the inverse of [`Strategy::parse`] for the defaults.
    pub fn label(&self) -> String {
        match self {
            Strategy::Scenario => "scenario".into(),
            Strategy::SingleNode { node_type } => format!("single:{node_type}"),
            Strategy::Vertical { node_type } => format!("vertical:{node_type}"),
            Strategy::FixedReplicas { replicas } => format!("fixed:{replicas}"),
            Strategy::Hpa {
                min_replicas,
                max_replicas,
                metric,
            } => {
                format!("hpa:{min_replicas}-{max_replicas}@{}", metric_label(metric))
            }
            Strategy::HpaClusterAutoscaler {
                min_replicas,
                max_replicas,
                metric,
                min_nodes,
                max_nodes,
            } => {
                format!(
                    "hpa-ca:{min_replicas}-{max_replicas}@{}/nodes{min_nodes}-{max_nodes}",
                    metric_label(metric)
                )
            }
        }
    }

    /// Parse a strategy name with optional parameters, defaults from the scenario:
    /// `scenario`, `single[:TYPE]`, `vertical[:TYPE]`, `fixed[:N]`, `hpa[:MIN-MAX[@PCT]]`, `hpa-ca[:MIN-MAX[@PCT]]`.
    pub fn parse(text: &str, scenario: &Scenario) -> Result<Strategy, String> {
        let (name, arg) = match text.split_once(':') {
            Some((n, a)) => (n.trim(), Some(a.trim())),
            None => (text.trim(), None),
        };
        let hpa = scenario.hpa.as_ref();
        let default_metric = match hpa {
            Some(HpaSection {
                metric: Some(m),
                target_value: Some(v),
                ..
            }) if m == METRIC_REQUESTS_PER_SECOND => HpaMetric::RequestsPerSecond { target: *v },
            Some(HpaSection {
                metric: Some(m),
                target_value: Some(v),
                ..
            }) if m == METRIC_QUEUE_LENGTH => HpaMetric::QueueLength { target: *v },
            Some(h) => HpaMetric::Cpu {
                target_percent: h.cpu_target_percent.unwrap_or(80),
            },
            None => HpaMetric::Cpu { target_percent: 50 },
        };
        let (dmin, dmax) = hpa
            .map(|h| (h.min_replicas, h.max_replicas))
            .unwrap_or((2, 10));
        let parse_range = |a: Option<&str>| -> Result<(u32, u32, HpaMetric), String> {
            let Some(a) = a else {
                return Ok((dmin, dmax, default_metric.clone()));
            };
            let (range, pct) = match a.split_once('@') {
                Some((r, p)) => (r, Some(p)),
                None => (a, None),
            };
            let (lo, hi) = range
                .split_once('-')
                .ok_or_else(|| format!("expected MIN-MAX in \"{text}\""))?;
            let lo: u32 = lo
                .parse()
                .map_err(|_| format!("bad minimum replicas \"{lo}\" in \"{text}\""))?;
            let hi: u32 = hi
                .parse()
                .map_err(|_| format!("bad maximum replicas \"{hi}\" in \"{text}\""))?;
            if lo == 0 || hi < lo {
                return Err(format!(
                    "replicas range must be 1 <= MIN <= MAX in \"{text}\""
                ));
            }
            let metric = match pct {
                Some(p) => {
                    let p: u32 = p
                        .trim_end_matches('%')
                        .parse()
                        .map_err(|_| format!("bad target percent \"{p}\" in \"{text}\""))?;
                    if p == 0 {
                        return Err(format!("target percent must be > 0 in \"{text}\""));
                    }
                    HpaMetric::Cpu { target_percent: p }
                }
                None => default_metric.clone(),
            };
            Ok((lo, hi, metric))
        };
        match name {
            "scenario" => Ok(Strategy::Scenario),
            "single" => Ok(Strategy::SingleNode {
                node_type: NodeTypeName(arg.unwrap_or("small").into()),
            }),
            "vertical" => Ok(Strategy::Vertical {
                node_type: NodeTypeName(arg.unwrap_or("large").into()),
            }),
            "fixed" => {
                let replicas = match arg {
                    Some(a) => a
                        .parse()
                        .map_err(|_| format!("bad replica count \"{a}\" in \"{text}\""))?,
                    None => hpa
                        .map(|h| h.max_replicas)
                        .unwrap_or(scenario.deployment.replicas)
                        .max(1),
                };
                Ok(Strategy::FixedReplicas { replicas })
            }
            "hpa" => {
                let (min_replicas, max_replicas, metric) = parse_range(arg)?;
                Ok(Strategy::Hpa {
                    min_replicas,
                    max_replicas,
                    metric,
                })
            }
            "hpa-ca" => {
                let (min_replicas, max_replicas, metric) = parse_range(arg)?;
                let (min_nodes, max_nodes) = scenario
                    .autoscaler
                    .as_ref()
                    .map(|a| (a.min_nodes, a.max_nodes))
                    .unwrap_or((
                        scenario.cluster.nodes.max(1),
                        scenario.cluster.nodes.max(1) * 4,
                    ));
                Ok(Strategy::HpaClusterAutoscaler {
                    min_replicas,
                    max_replicas,
                    metric,
                    min_nodes,
                    max_nodes,
                })
            }
            other => Err(format!(
                "unknown strategy \"{other}\" (scenario, single, vertical, fixed, hpa, hpa-ca)"
            )),
        }
    }
}

fn metric_label(m: &HpaMetric) -> String {
    match m {
        HpaMetric::Cpu { target_percent } => format!("{target_percent}"),
        HpaMetric::RequestsPerSecond { target } => format!("rps{target}"),
        HpaMetric::QueueLength { target } => format!("queue{target}"),
    }
}

fn metric_spec(m: &HpaMetric) -> MetricSpec {
    match m {
        HpaMetric::Cpu { target_percent } => MetricSpec::cpu_utilization(*target_percent),
        HpaMetric::RequestsPerSecond { target } => MetricSpec::Pods {
            metric_name: METRIC_REQUESTS_PER_SECOND.into(),
            target_average_value_milli: (target * 1000.0).round().max(1.0) as u64,
        },
        HpaMetric::QueueLength { target } => MetricSpec::Pods {
            metric_name: METRIC_QUEUE_LENGTH.into(),
            target_average_value_milli: (target * 1000.0).round().max(1.0) as u64,
        },
    }
}

/// Longest warm-up before the load starts.
pub const WARM_UP_MAX_S: u64 = 120;

/// A scenario setup step failed (an engine rejection: a bug in the preset, reported, never a panic).
fn setup(cluster: &mut Cluster, command: Command) -> Result<(), String> {
    cluster
        .apply(command)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

impl Scenario {
    /// The scenario's Deployment, with the toggles applied.
    pub fn deployment_spec(&self, toggles: Option<&Toggles>) -> DeploymentSpec {
        let d = &self.deployment;
        let (requests, limits) = match toggles.map(|t| t.requests_and_limits) {
            None => (
                ResourceList {
                    cpu_milli: d.cpu_request_milli,
                    memory_mib: d.memory_request_mib,
                    gpu: None,
                },
                ResourceList {
                    cpu_milli: d.cpu_limit_milli,
                    memory_mib: d.memory_limit_mib,
                    gpu: None,
                },
            ),
            Some(false) => (ResourceList::default(), ResourceList::default()),
            Some(true) => {
                let none_set = d.cpu_request_milli.is_none() && d.memory_request_mib.is_none();
                let pick = |v: Option<u64>, default: u64| if none_set { Some(default) } else { v };
                (
                    ResourceList {
                        cpu_milli: pick(d.cpu_request_milli, 500),
                        memory_mib: pick(d.memory_request_mib, 1024),
                        gpu: None,
                    },
                    ResourceList {
                        cpu_milli: pick(d.cpu_limit_milli, 1000),
                        memory_mib: pick(d.memory_limit_mib, 2048),
                        gpu: None,
                    },
                )
            }
        };
        let image = d.image.clone();
        let mut spec = DeploymentSpec::simple(&d.name, &image, d.replicas, requests, limits);
        let probe = toggles
            .map(|t| t.readiness_probe)
            .unwrap_or(d.readiness_probe);
        spec.template.containers[0].readiness_probe = probe.then(ProbeSpec::default);
        spec.template.node_type = d.node_type.clone();
        let mut workload = d.workload.clone();
        if let Some(t) = toggles {
            workload.crash_on_start = t.broken_image;
        }
        spec.workload = Some(workload);
        spec
    }

    fn hpa_spec(
        &self,
        min: u32,
        max: u32,
        metric: MetricSpec,
        behavior: Option<HpaBehavior>,
    ) -> HpaSpec {
        HpaSpec {
            name: HpaName(self.deployment.name.clone()),
            target: DeploymentName(self.deployment.name.clone()),
            min_replicas: Some(min),
            max_replicas: max,
            metrics: vec![metric],
            behavior,
        }
    }

    /// Build the cluster for this scenario under `strategy` (seeded), ready to `step()`.
    pub fn build(
        &self,
        strategy: &Strategy,
        seed: u64,
        toggles: Option<&Toggles>,
        load_intensity: f64,
    ) -> Result<Cluster, String> {
        let mut c = Cluster::new(seed);
        let name = self.deployment.name.clone();
        let mut dep = self.deployment_spec(toggles);
        let (node_kind, nodes) = match strategy {
            Strategy::SingleNode { node_type } | Strategy::Vertical { node_type } => {
                (node_type.clone(), 1)
            }
            _ => (self.cluster.node_type.clone(), self.cluster.nodes),
        };
        for _ in 0..nodes {
            setup(
                &mut c,
                Command::AddNode {
                    node_type: node_kind.clone(),
                    immediate: true,
                },
            )?;
        }
        match strategy {
            Strategy::SingleNode { .. } => {
                dep.replicas = 1;
                dep.template.node_type = None;
            }
            Strategy::Vertical { node_type } => {
                // One pod taking most of the node: requests and limits grow with the node, up to its size.
                let t = node_type_or_err(node_type)?;
                let cpu = t.allocatable.cpu_milli * 85 / 100;
                let c0 = &mut dep.template.containers[0];
                if c0.requests.cpu_milli.is_some() || toggles.is_none_or(|t| t.requests_and_limits)
                {
                    c0.requests.cpu_milli = Some(cpu);
                    c0.limits.cpu_milli = Some(cpu);
                }
                dep.replicas = 1;
                dep.template.node_type = None;
                if let Some(w) = dep.workload.as_mut() {
                    w.max_cpu_milli = w.max_cpu_milli.max(cpu);
                    w.queue_capacity = w.queue_capacity.saturating_mul(4);
                }
            }
            Strategy::FixedReplicas { replicas } => dep.replicas = *replicas,
            Strategy::Hpa { min_replicas, .. }
            | Strategy::HpaClusterAutoscaler { min_replicas, .. } => {
                dep.replicas = dep.replicas.max(*min_replicas)
            }
            Strategy::Scenario => {}
        }
        setup(&mut c, Command::Create(ObjectSpec::Deployment(dep)))?;
        let mut selector = Labels::new();
        selector.insert("app".into(), name.clone());
        setup(
            &mut c,
            Command::Create(ObjectSpec::Service(ServiceSpec {
                name: ServiceName(name.clone()),
                selector,
                port: 80,
                session_affinity: match toggles {
                    Some(t) if t.sticky_sessions => SessionAffinity::ClientIP,
                    Some(_) => SessionAffinity::None,
                    None => self.service.session_affinity,
                },
                balancing: self.service.balancing,
            })),
        )?;
        let scenario_hpa = || -> Option<HpaSpec> {
            let h = self.hpa.as_ref()?;
            let metric = match (&h.metric, h.target_value) {
                (Some(m), Some(v)) => MetricSpec::Pods {
                    metric_name: m.clone(),
                    target_average_value_milli: (v * 1000.0).round().max(1.0) as u64,
                },
                _ => MetricSpec::Resource {
                    resource: ResourceName::Cpu,
                    target: MetricTarget::Utilization {
                        average_utilization_percent: h.cpu_target_percent.unwrap_or(80),
                    },
                },
            };
            Some(self.hpa_spec(h.min_replicas, h.max_replicas, metric, h.behavior.clone()))
        };
        let hpa = match strategy {
            Strategy::Scenario => scenario_hpa(),
            Strategy::Hpa {
                min_replicas,
                max_replicas,
                metric,
            }
            | Strategy::HpaClusterAutoscaler {
                min_replicas,
                max_replicas,
                metric,
                ..
            } => Some(self.hpa_spec(
                *min_replicas,
                *max_replicas,
                metric_spec(metric),
                self.hpa.as_ref().and_then(|h| h.behavior.clone()),
            )),
            _ => None,
        };
        if let Some(h) = hpa {
            setup(
                &mut c,
                Command::Create(ObjectSpec::HorizontalPodAutoscaler(h)),
            )?;
        }
        let ca = match strategy {
            Strategy::Scenario => self.autoscaler.as_ref().map(|a| {
                let mut s = ClusterAutoscalerSpec::new(
                    a.node_type
                        .as_ref()
                        .unwrap_or(&self.cluster.node_type)
                        .as_str(),
                    a.min_nodes,
                    a.max_nodes,
                );
                if let Some(p) = a.node_provision_s {
                    s.node_provision_s = p;
                }
                if let Some(u) = a.scale_down_unneeded_s {
                    s.scale_down_unneeded_s = u;
                    s.scale_down_delay_after_add_s = u;
                }
                s
            }),
            Strategy::HpaClusterAutoscaler {
                min_nodes,
                max_nodes,
                ..
            } => {
                let mut s = ClusterAutoscalerSpec::new(
                    self.cluster.node_type.as_str(),
                    *min_nodes,
                    *max_nodes,
                );
                if let Some(a) = &self.autoscaler {
                    if let Some(p) = a.node_provision_s {
                        s.node_provision_s = p;
                    }
                    if let Some(u) = a.scale_down_unneeded_s {
                        s.scale_down_unneeded_s = u;
                        s.scale_down_delay_after_add_s = u;
                    }
                }
                Some(s)
            }
            _ => None,
        };
        if ca.is_some() {
            setup(&mut c, Command::SetClusterAutoscaler(ca))?;
        }
        let quota_on = toggles.is_none_or(|t| t.quota);
        if let (Some(q), true) = (&self.quota, quota_on) {
            setup(
                &mut c,
                Command::Create(ObjectSpec::ResourceQuota(ResourceQuotaSpec {
                    name: QuotaName(q.name.clone()),
                    hard: QuotaResources {
                        pods: q.pods,
                        requests_cpu_milli: q.requests_cpu_milli,
                        requests_memory_mib: q.requests_memory_mib,
                        limits_cpu_milli: q.limits_cpu_milli,
                        limits_memory_mib: q.limits_memory_mib,
                    },
                })),
            )?;
        }
        if let (Some(v), Strategy::Scenario) = (&self.vpa, strategy) {
            setup(
                &mut c,
                Command::Create(ObjectSpec::VerticalPodAutoscaler(VpaSpec {
                    name: VpaName(name.clone()),
                    target: DeploymentName(name.clone()),
                    update_mode: v.update_mode,
                    max_allowed: None,
                })),
            )?;
        }
        if !(load_intensity.is_finite() && load_intensity >= 0.0) {
            return Err(format!(
                "load intensity must be a finite number >= 0, got {load_intensity}"
            ));
        }
        // Warm up without load until the Deployment is ready (at most WARM_UP_MAX_S), like a service
        // that was running before the story starts; the load pattern's time 0 is the end of the warm-up.
        for _ in 0..WARM_UP_MAX_S {
            if c.deployments()
                .iter()
                .all(|d| d.ready_replicas >= d.replicas)
            {
                break;
            }
            c.step();
        }
        setup(
            &mut c,
            Command::SetLoad(LoadSpec {
                pattern: self.load.clone(),
                intensity: load_intensity,
            }),
        )?;
        Ok(c)
    }

    /// Build from a [`RunConfig`] (the scenario id in it is not looked up: pass the scenario).
    pub fn build_run(&self, run: &RunConfig) -> Result<Cluster, String> {
        self.build(
            &run.strategy,
            run.seed,
            run.toggles.as_ref(),
            run.load_intensity,
        )
    }

    /// Run the same load under each strategy for `seconds` and summarise (the comparison table).
    pub fn compare(
        &self,
        variants: &[Variant],
        seed: u64,
        seconds: u64,
    ) -> Result<Vec<RunSummary>, String> {
        variants
            .iter()
            .map(|v| {
                let mut c = self.build(&v.strategy, seed, v.toggles.as_ref(), 1.0)?;
                let start = c.tick();
                c.set_history_capacity(seconds as usize + 1);
                c.step_n(seconds);
                Ok(c.summary_since(&v.label(), start))
            })
            .collect()
    }
}

fn node_type_or_err(t: &NodeTypeName) -> Result<crate::spec::NodeType, String> {
    node_type(t.as_str())
        .ok_or_else(|| format!("unknown node type \"{t}\" (small, medium, large, gpu)"))
}

// Keep the unused-import lint quiet for items only used in docs/tests.
#[allow(unused)]
fn _types(_: ScalingRules) {}
