//! The lab's strategy controls as data: the form (kind, node type, replicas, HPA range, target,
//! metric) to and from a [`Strategy`], strategy texts for the URL, and the controls' labels with a
//! one-line explanation of what each does in Kubernetes.

use cluster_sim::scenario::{HpaMetric, Scenario, Strategy};
use cluster_sim::{LoadPattern, NodeTypeName};

/// Which scaling strategy the form describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Scenario,
    Single,
    Vertical,
    Fixed,
    Hpa,
    HpaCa,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Scenario,
        Kind::Single,
        Kind::Vertical,
        Kind::Fixed,
        Kind::Hpa,
        Kind::HpaCa,
    ];

    /// The value in the `<select>` (and the strategy text's name).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Scenario => "scenario",
            Kind::Single => "single",
            Kind::Vertical => "vertical",
            Kind::Fixed => "fixed",
            Kind::Hpa => "hpa",
            Kind::HpaCa => "hpa-ca",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Scenario => "As the preset says",
            Kind::Single => "One pod on one node",
            Kind::Vertical => "Vertical: one big pod",
            Kind::Fixed => "Horizontal: fixed replicas",
            Kind::Hpa => "HPA",
            Kind::HpaCa => "HPA + cluster autoscaler",
        }
    }

    /// One line on what this means in Kubernetes.
    pub fn explain(self) -> &'static str {
        match self {
            Kind::Scenario => "The Deployment, HPA and autoscaler exactly as the preset's file defines them.",
            Kind::Single => "replicas: 1 on a single node: no headroom, no redundancy.",
            Kind::Vertical => "One pod whose CPU request grows with the node size: capped by the biggest node.",
            Kind::Fixed => "kubectl scale --replicas=N: a constant number of pods, whatever the load.",
            Kind::Hpa => "A HorizontalPodAutoscaler changes replicas every 15 s to hold the metric near its target.",
            Kind::HpaCa => "The HPA adds pods; the Cluster Autoscaler adds nodes when pods stay Pending.",
        }
    }
}

/// Which metric the HPA scales on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Cpu,
    RequestsPerSecond,
    QueueLength,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::Cpu, Metric::RequestsPerSecond, Metric::QueueLength];

    pub fn id(self) -> &'static str {
        match self {
            Metric::Cpu => "cpu",
            Metric::RequestsPerSecond => "rps",
            Metric::QueueLength => "queue",
        }
    }

    pub fn from_id(id: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Metric::Cpu => "CPU % of request",
            Metric::RequestsPerSecond => "requests/s per pod",
            Metric::QueueLength => "queue length per pod",
        }
    }

    /// The unit of the target value, after the number.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::Cpu => "%",
            Metric::RequestsPerSecond => "req/s",
            Metric::QueueLength => "queued",
        }
    }
}

/// The strategy controls' values.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyForm {
    pub kind: Kind,
    pub node_type: String,
    pub replicas: u32,
    pub min: u32,
    pub max: u32,
    pub metric: Metric,
    /// Percent for CPU, else the per-pod value.
    pub target: f64,
    pub min_nodes: u32,
    pub max_nodes: u32,
}

/// Node types the controls offer.
pub const NODE_TYPES: [&str; 4] = ["small", "medium", "large", "gpu"];

impl StrategyForm {
    /// The form showing `strategy`, with the other fields at the scenario's defaults.
    pub fn from_strategy(strategy: &Strategy, scenario: &Scenario) -> StrategyForm {
        let hpa = |s: &str| Strategy::parse(s, scenario).ok();
        let mut f = StrategyForm {
            kind: Kind::Scenario,
            node_type: scenario.cluster.node_type.as_str().to_string(),
            replicas: scenario.deployment.replicas.max(1),
            min: 2,
            max: 10,
            metric: Metric::Cpu,
            target: 50.0,
            min_nodes: scenario.cluster.nodes.max(1),
            max_nodes: scenario.cluster.nodes.max(1) * 4,
        };
        if let Some(Strategy::HpaClusterAutoscaler {
            min_replicas,
            max_replicas,
            metric,
            min_nodes,
            max_nodes,
        }) = hpa("hpa-ca")
        {
            f.set_hpa(min_replicas, max_replicas, &metric);
            f.min_nodes = min_nodes;
            f.max_nodes = max_nodes;
        }
        match strategy {
            Strategy::Scenario => {}
            Strategy::SingleNode { node_type } => {
                f.kind = Kind::Single;
                f.node_type = node_type.as_str().to_string();
            }
            Strategy::Vertical { node_type } => {
                f.kind = Kind::Vertical;
                f.node_type = node_type.as_str().to_string();
            }
            Strategy::FixedReplicas { replicas } => {
                f.kind = Kind::Fixed;
                f.replicas = *replicas;
            }
            Strategy::Hpa {
                min_replicas,
                max_replicas,
                metric,
            } => {
                f.kind = Kind::Hpa;
                f.set_hpa(*min_replicas, *max_replicas, metric);
            }
            Strategy::HpaClusterAutoscaler {
                min_replicas,
                max_replicas,
                metric,
                min_nodes,
                max_nodes,
            } => {
                f.kind = Kind::HpaCa;
                f.set_hpa(*min_replicas, *max_replicas, metric);
                f.min_nodes = *min_nodes;
                f.max_nodes = *max_nodes;
            }
        }
        f
    }

    fn set_hpa(&mut self, min: u32, max: u32, metric: &HpaMetric) {
        self.min = min;
        self.max = max;
        let (m, t) = match metric {
            HpaMetric::Cpu { target_percent } => (Metric::Cpu, *target_percent as f64),
            HpaMetric::RequestsPerSecond { target } => (Metric::RequestsPerSecond, *target),
            HpaMetric::QueueLength { target } => (Metric::QueueLength, *target),
        };
        self.metric = m;
        self.target = t;
    }

    /// The strategy these values describe; out-of-range numbers are clamped to sensible ones.
    pub fn to_strategy(&self) -> Strategy {
        let node_type = NodeTypeName(if NODE_TYPES.contains(&self.node_type.as_str()) {
            self.node_type.clone()
        } else {
            "medium".into()
        });
        let min = self.min.clamp(1, 50);
        let max = self.max.clamp(min, 50);
        let metric = match self.metric {
            Metric::Cpu => HpaMetric::Cpu {
                target_percent: (self.target.round() as u32).clamp(1, 500),
            },
            Metric::RequestsPerSecond => HpaMetric::RequestsPerSecond {
                target: clean_target(self.target),
            },
            Metric::QueueLength => HpaMetric::QueueLength {
                target: clean_target(self.target),
            },
        };
        match self.kind {
            Kind::Scenario => Strategy::Scenario,
            Kind::Single => Strategy::SingleNode { node_type },
            Kind::Vertical => Strategy::Vertical { node_type },
            Kind::Fixed => Strategy::FixedReplicas {
                replicas: self.replicas.clamp(1, 50),
            },
            Kind::Hpa => Strategy::Hpa {
                min_replicas: min,
                max_replicas: max,
                metric,
            },
            Kind::HpaCa => {
                let min_nodes = self.min_nodes.clamp(1, 40);
                Strategy::HpaClusterAutoscaler {
                    min_replicas: min,
                    max_replicas: max,
                    metric,
                    min_nodes,
                    max_nodes: self.max_nodes.clamp(min_nodes, 40),
                }
            }
        }
    }
}

fn clean_target(v: f64) -> f64 {
    if v.is_finite() {
        ((v * 10.0).round() / 10.0).clamp(0.1, 1000.0)
    } else {
        1.0
    }
}

/// A strategy's text for the URL and the comparison headers; [`parse_strategy`] reads it back.
pub fn strategy_text(s: &Strategy) -> String {
    s.label()
}

/// [`Strategy::parse`], plus the forms [`Strategy::label`] writes: a custom metric target
/// (`hpa:2-10@rps4`, `@queue5`) and the autoscaler's node range (`hpa-ca:2-10@50/nodes2-8`).
pub fn parse_strategy(text: &str, scenario: &Scenario) -> Result<Strategy, String> {
    let text = text.trim();
    let (head, nodes) = match text.split_once("/nodes") {
        Some((h, n)) => {
            let (lo, hi) = n
                .split_once('-')
                .ok_or_else(|| format!("expected /nodesMIN-MAX in \"{text}\""))?;
            let lo: u32 = lo
                .parse()
                .map_err(|_| format!("bad minimum nodes \"{lo}\" in \"{text}\""))?;
            let hi: u32 = hi
                .parse()
                .map_err(|_| format!("bad maximum nodes \"{hi}\" in \"{text}\""))?;
            if lo == 0 || hi < lo || hi > cluster_sim::MAX_NODES {
                return Err(format!(
                    "nodes range must be 1 <= MIN <= MAX <= {} in \"{text}\"",
                    cluster_sim::MAX_NODES
                ));
            }
            (h, Some((lo, hi)))
        }
        None => (text, None),
    };
    // A custom metric target: parse with a CPU placeholder, then put the metric in.
    let (base, custom) = match head.split_once('@') {
        Some((b, m)) if m.starts_with("rps") || m.starts_with("queue") => {
            let (name, num) = if let Some(n) = m.strip_prefix("rps") {
                ("rps", n)
            } else {
                ("queue", &m[5..])
            };
            let v: f64 = num
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v > 0.0)
                .ok_or_else(|| format!("bad {name} target \"{num}\" in \"{text}\""))?;
            let metric = if name == "rps" {
                HpaMetric::RequestsPerSecond { target: v }
            } else {
                HpaMetric::QueueLength { target: v }
            };
            (format!("{b}@50"), Some(metric))
        }
        _ => (head.to_string(), None),
    };
    let mut s = Strategy::parse(&base, scenario)?;
    match &mut s {
        Strategy::Hpa { metric, .. } => {
            if nodes.is_some() {
                return Err(format!("/nodes is only for hpa-ca, in \"{text}\""));
            }
            if let Some(m) = custom {
                *metric = m;
            }
        }
        Strategy::HpaClusterAutoscaler {
            metric,
            min_nodes,
            max_nodes,
            ..
        } => {
            if let Some(m) = custom {
                *metric = m;
            }
            if let Some((lo, hi)) = nodes {
                *min_nodes = lo;
                *max_nodes = hi;
            }
        }
        _ if custom.is_some() || nodes.is_some() => {
            return Err(format!("only hpa and hpa-ca take a target, in \"{text}\""))
        }
        Strategy::SingleNode { node_type } | Strategy::Vertical { node_type } => {
            if cluster_sim::node_type(node_type.as_str()).is_none() {
                return Err(format!(
                    "unknown node type \"{node_type}\" (small, medium, large, gpu)"
                ));
            }
        }
        Strategy::FixedReplicas { replicas } => {
            if *replicas == 0 || *replicas > cluster_sim::MAX_REPLICAS {
                return Err(format!(
                    "replicas must be 1 to {} in \"{text}\"",
                    cluster_sim::MAX_REPLICAS
                ));
            }
        }
        Strategy::Scenario => {}
    }
    Ok(s)
}

/// A pitfall toggle: its URL key, label and what it does in Kubernetes.
pub struct ToggleInfo {
    pub key: &'static str,
    pub label: &'static str,
    pub explain: &'static str,
}

pub const TOGGLES: [ToggleInfo; 5] = [
    ToggleInfo {
        key: "requests",
        label: "Resource requests and limits",
        explain: "resources.requests/limits: the scheduler packs pods by requests; the HPA's CPU % is usage over request.",
    },
    ToggleInfo {
        key: "probe",
        label: "Readiness probe",
        explain: "readinessProbe: the Service sends traffic only to pods that report ready (model loaded).",
    },
    ToggleInfo {
        key: "quota",
        label: "ResourceQuota",
        explain: "A namespace quota caps total requests: pods beyond it are never created.",
    },
    ToggleInfo {
        key: "broken",
        label: "Broken image",
        explain: "The container exits at start: the kubelet restarts it with growing delays (CrashLoopBackOff).",
    },
    ToggleInfo {
        key: "sticky",
        label: "Sticky sessions",
        explain: "sessionAffinity: ClientIP pins each client to one pod, so new pods get little traffic.",
    },
];

/// The value of toggle `key` in `t`.
pub fn toggle_value(t: &cluster_sim::scenario::Toggles, key: &str) -> bool {
    match key {
        "requests" => t.requests_and_limits,
        "probe" => t.readiness_probe,
        "quota" => t.quota,
        "broken" => t.broken_image,
        _ => t.sticky_sessions,
    }
}

/// `t` with toggle `key` set to `v`.
pub fn set_toggle(t: &mut cluster_sim::scenario::Toggles, key: &str, v: bool) {
    match key {
        "requests" => t.requests_and_limits = v,
        "probe" => t.readiness_probe = v,
        "quota" => t.quota = v,
        "broken" => t.broken_image = v,
        _ => t.sticky_sessions = v,
    }
}

/// Load patterns the lab offers: URL value, label, what it models.
pub const LOAD_KINDS: [(&str, &str, &str); 6] = [
    (
        "scenario",
        "As the preset says",
        "The traffic the preset's story describes.",
    ),
    (
        "constant",
        "Constant",
        "The same request rate all the time: the easy case.",
    ),
    (
        "ramp",
        "Ramp",
        "Traffic grows steadily, as a product gains users.",
    ),
    (
        "spike",
        "Spike",
        "A sudden jump, e.g. a marketing email, then back to normal.",
    ),
    (
        "wave",
        "Daily wave",
        "A day's rise and fall, compressed into the run.",
    ),
    (
        "bursts",
        "Random bursts",
        "Short bursts at random times: hard to scale for.",
    ),
];

/// The lowest and highest rate of a pattern.
fn load_range(p: &LoadPattern) -> (f64, f64) {
    match p {
        LoadPattern::Constant { rps } => (rps * 0.5, rps * 1.5),
        LoadPattern::Ramp {
            from_rps, to_rps, ..
        } => (from_rps.min(*to_rps), from_rps.max(*to_rps)),
        LoadPattern::Spike {
            base_rps, peak_rps, ..
        } => (*base_rps, *peak_rps),
        LoadPattern::DailyWave {
            min_rps, max_rps, ..
        } => (*min_rps, *max_rps),
        LoadPattern::RandomBursts {
            base_rps,
            burst_rps,
            ..
        } => (*base_rps, *burst_rps),
        LoadPattern::Trace { rps, .. } => (
            rps.iter().copied().fold(f64::INFINITY, f64::min),
            rps.iter().copied().fold(0.0, f64::max),
        ),
    }
}

/// The load pattern `kind` at the preset's request rates over its length (`None` for `scenario`
/// or an unknown kind).
pub fn load_pattern(kind: &str, scenario: &Scenario) -> Option<LoadPattern> {
    let (lo, hi) = load_range(&scenario.load);
    let (lo, hi) = (lo.max(0.0), hi.max(lo.max(0.0)));
    let len = scenario.seconds.max(600);
    Some(match kind {
        "constant" => LoadPattern::Constant {
            rps: (lo + hi) / 2.0,
        },
        "ramp" => LoadPattern::Ramp {
            from_rps: lo,
            to_rps: hi,
            start_s: len / 20,
            duration_s: len * 7 / 10,
        },
        "spike" => LoadPattern::Spike {
            base_rps: lo,
            peak_rps: hi,
            start_s: len / 8,
            duration_s: len * 3 / 8,
            rise_s: 60,
        },
        "wave" => LoadPattern::DailyWave {
            min_rps: lo,
            max_rps: hi,
            period_s: len,
        },
        "bursts" => LoadPattern::RandomBursts {
            base_rps: lo,
            burst_rps: hi,
            bursts_per_hour: 6.0,
            burst_s: 120,
        },
        _ => return None,
    })
}
