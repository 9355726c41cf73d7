//! Guided missions (Learn Git Branching style): a start scenario, a goal written as checks on
//! the cluster's state (never on the typed text, so any command sequence that gets there
//! passes), hints revealed one at a time, a reference solution and a golf par. Missions are
//! data: content/missions/*.toml.

use crate::selector::Selector;
use crate::session::{Output, Session};
use cluster_sim::{Cluster, MetricSpec, MetricTarget, ResourceName, SessionAffinity};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::embedded::{MISSION_FILES, MISSION_JSON};

/// Where a mission begins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionStart {
    /// A start scenario name (see `start.rs`): `sandbox`, `spike`, or an engine preset.
    pub scenario: String,
    /// Simulated seconds before `setup` runs.
    #[serde(default = "default_warmup")]
    pub warmup_s: u64,
    /// Command lines run silently to set the scene; each must succeed.
    #[serde(default)]
    pub setup: Vec<String>,
    /// Simulated seconds after `setup`, so its consequences are visible at the first prompt.
    #[serde(default)]
    pub settle_s: u64,
}

fn default_warmup() -> u64 {
    crate::start::DEFAULT_WARMUP_S
}

/// One condition on the cluster's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "check", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The Deployment's `spec.replicas` equals `replicas`.
    DeploymentReplicas { deployment: String, replicas: u32 },
    /// Exactly `count` Ready, not-terminating pods match the selector.
    ReadyPods { selector: String, count: u32 },
    /// Every pod is updated, available, and no old pod remains.
    RolloutComplete { deployment: String },
    /// Every container of the Deployment requests CPU.
    CpuRequestsSet { deployment: String },
    /// Every container of the Deployment has a readiness probe.
    ReadinessProbe { deployment: String },
    /// An HPA with this name scales `target` within these bounds and CPU target.
    Hpa {
        name: String,
        target: String,
        #[serde(default)]
        min_replicas: Option<u32>,
        #[serde(default)]
        max_replicas: Option<u32>,
        #[serde(default)]
        max_replicas_at_least: Option<u32>,
        #[serde(default)]
        cpu_target_percent: Option<u32>,
    },
    /// The HPA has a current value for every metric (no `<unknown>`).
    HpaMetricsKnown { name: String },
    /// The HPA has scaled its target above `replicas`.
    HpaScaledAbove { name: String, replicas: u32 },
    /// A Service selecting `selector` has this session affinity (`ClientIP` or `None`).
    ServiceAffinity { selector: String, affinity: String },
}

/// A check and whether the cluster meets it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckStatus {
    /// The goal in words, for the mission panel.
    pub description: String,
    pub met: bool,
}

impl Check {
    /// The goal in the learner's words.
    pub fn describe(&self) -> String {
        match self {
            Check::DeploymentReplicas {
                deployment,
                replicas,
            } => format!("deployment {deployment} asks for {replicas} replicas"),
            Check::ReadyPods { selector, count } => {
                format!("{count} Ready pods match -l {selector}")
            }
            Check::RolloutComplete { deployment } => {
                format!("deployment {deployment} is fully rolled out")
            }
            Check::CpuRequestsSet { deployment } => {
                format!("every container of {deployment} requests CPU")
            }
            Check::ReadinessProbe { deployment } => {
                format!("every container of {deployment} has a readiness probe")
            }
            Check::Hpa {
                name,
                target,
                min_replicas,
                max_replicas,
                max_replicas_at_least,
                cpu_target_percent,
            } => {
                let mut text = format!("an HPA {name} scales {target}");
                if let Some(min) = min_replicas {
                    text.push_str(&format!(", min {min}"));
                }
                if let Some(max) = max_replicas {
                    text.push_str(&format!(", max {max}"));
                }
                if let Some(max) = max_replicas_at_least {
                    text.push_str(&format!(", max at least {max}"));
                }
                if let Some(cpu) = cpu_target_percent {
                    text.push_str(&format!(", CPU target {cpu}%"));
                }
                text
            }
            Check::HpaMetricsKnown { name } => {
                format!("HPA {name} shows real metrics, not <unknown>")
            }
            Check::HpaScaledAbove { name, replicas } => {
                format!("HPA {name} has scaled above {replicas} replicas")
            }
            Check::ServiceAffinity { selector, affinity } => {
                format!("the Service for {selector} uses sessionAffinity {affinity}")
            }
        }
    }

    /// Whether the cluster meets the check now.
    pub fn met(&self, cluster: &Cluster) -> bool {
        match self {
            Check::DeploymentReplicas {
                deployment,
                replicas,
            } => cluster
                .deployment(deployment)
                .is_some_and(|d| d.replicas == *replicas),
            Check::ReadyPods { selector, count } => {
                let Ok(selector) = Selector::parse(selector) else {
                    return false;
                };
                let ready = cluster
                    .pods()
                    .iter()
                    .filter(|p| p.ready && !p.deleting && selector.matches(&p.labels))
                    .count();
                ready == *count as usize
            }
            Check::RolloutComplete { deployment } => cluster
                .deployment(deployment)
                .is_some_and(|d| d.rollout_complete && d.available_replicas == d.replicas),
            Check::CpuRequestsSet { deployment } => {
                cluster.deployment(deployment).is_some_and(|d| {
                    d.template
                        .containers
                        .iter()
                        .all(|c| c.requests.cpu_milli.is_some())
                })
            }
            Check::ReadinessProbe { deployment } => {
                cluster.deployment(deployment).is_some_and(|d| {
                    d.template
                        .containers
                        .iter()
                        .all(|c| c.readiness_probe.is_some())
                })
            }
            Check::Hpa {
                name,
                target,
                min_replicas,
                max_replicas,
                max_replicas_at_least,
                cpu_target_percent,
            } => {
                let Some(h) = cluster.hpa(name) else {
                    return false;
                };
                let cpu = h.metrics.iter().find_map(|m| match m {
                    MetricSpec::Resource {
                        resource: ResourceName::Cpu,
                        target:
                            MetricTarget::Utilization {
                                average_utilization_percent,
                            },
                    } => Some(*average_utilization_percent),
                    _ => None,
                });
                // No metrics means the API default, CPU at 80 %.
                let cpu = if h.metrics.is_empty() { Some(80) } else { cpu };
                h.target.as_str() == target
                    && min_replicas.is_none_or(|m| h.min_replicas.unwrap_or(1) == m)
                    && max_replicas.is_none_or(|m| h.max_replicas == m)
                    && max_replicas_at_least.is_none_or(|m| h.max_replicas >= m)
                    && cpu_target_percent.is_none_or(|p| cpu == Some(p))
            }
            Check::HpaMetricsKnown { name } => cluster.hpa(name).is_some_and(|h| {
                h.current_metrics.len() >= h.metrics.len().max(1)
                    && h.current_metrics.iter().all(|m| {
                        m.current_utilization_percent.is_some()
                            || m.current_average_value_milli.is_some()
                    })
            }),
            Check::HpaScaledAbove { name, replicas } => cluster
                .hpa(name)
                .is_some_and(|h| h.current_replicas > *replicas),
            Check::ServiceAffinity { selector, affinity } => {
                let Ok(selector) = Selector::parse(selector) else {
                    return false;
                };
                let wanted = match affinity.as_str() {
                    "ClientIP" => SessionAffinity::ClientIP,
                    _ => SessionAffinity::None,
                };
                cluster.services().iter().any(|s| {
                    // The Service routes to the selected pods: its selector is within the mission's.
                    selector.matches(&s.selector) && s.session_affinity == wanted
                })
            }
        }
    }
}

/// One mission, as written in its TOML file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mission {
    /// The file stem (set by the loader).
    #[serde(skip_deserializing, default)]
    pub id: String,
    pub title: String,
    /// What the learner reads before starting.
    pub brief: String,
    pub start: MissionStart,
    pub goal: Vec<Check>,
    /// Revealed one at a time, in order.
    pub hints: Vec<String>,
    /// A reference solution: command lines that reach the goal from the start.
    pub solution: Vec<String>,
    /// Golf: the fewest cluster-changing commands that reach the goal.
    pub par: u32,
    /// Shown when the goal is met: why it matters.
    pub debrief: String,
}

/// A mission file that cannot be used; one line naming the file and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissionError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for MissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for MissionError {}

impl Mission {
    /// Parses and checks one mission file (`id` is its stem).
    pub fn parse(id: &str, text: &str) -> Result<Mission, MissionError> {
        let mission: Mission = toml::from_str(text).map_err(|e| {
            let message = e.to_string();
            MissionError {
                file: format!("content/missions/{id}.toml"),
                message: message
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })?;
        mission.validated(id)
    }

    /// A built-in mission as build.rs compiled it (JSON, so the browser carries no TOML
    /// parser), checked like [`Mission::parse`].
    pub fn from_json(id: &str, json: &str) -> Result<Mission, MissionError> {
        let mission: Mission = serde_json::from_str(json).map_err(|e| MissionError {
            file: format!("content/missions/{id}.toml"),
            message: e.to_string(),
        })?;
        mission.validated(id)
    }

    /// Sets the id and checks what serde cannot.
    fn validated(self, id: &str) -> Result<Mission, MissionError> {
        let file = format!("content/missions/{id}.toml");
        let err = |message: String| MissionError {
            file: file.clone(),
            message,
        };
        let mut mission = self;
        mission.id = id.to_string();
        if mission.goal.is_empty() {
            return Err(err("goal: a mission needs at least one check".into()));
        }
        if mission.hints.is_empty() {
            return Err(err("hints: a mission needs at least one hint".into()));
        }
        if mission.solution.is_empty() {
            return Err(err("solution: a mission needs a reference solution".into()));
        }
        for (i, line) in mission
            .solution
            .iter()
            .chain(&mission.start.setup)
            .enumerate()
        {
            if let Err(e) = crate::parse::parse_line(line) {
                return Err(err(format!(
                    "command {} ({line:?}) does not parse: {e}",
                    i + 1
                )));
            }
        }
        for check in &mission.goal {
            if let Check::ReadyPods { selector, .. } | Check::ServiceAffinity { selector, .. } =
                check
            {
                Selector::parse(selector)
                    .map_err(|e| err(format!("goal selector {selector:?}: {e}")))?;
            }
        }
        crate::start::find_start(&mission.start.scenario)
            .map_err(|e| err(format!("start.scenario: {e}")))?;
        Ok(mission)
    }

    /// The session at the mission's start: scenario, warm-up, silent setup, settling time.
    pub fn start_session(&self) -> Result<Session, MissionError> {
        let err = |message: String| MissionError {
            file: format!("content/missions/{}.toml", self.id),
            message,
        };
        let mut session = Session::start(&self.start.scenario, self.start.warmup_s)
            .map_err(|e| err(e.to_string()))?;
        for line in &self.start.setup {
            let output = session.run_line(line);
            if output.is_error() {
                return Err(err(format!(
                    "setup {line:?} failed: {}",
                    output.text().trim_end()
                )));
            }
        }
        *session.history_mut() = crate::shell::History::new();
        for _ in 0..self.start.settle_s {
            session.step();
        }
        Ok(session)
    }

    /// Each goal check against the cluster.
    pub fn evaluate(&self, cluster: &Cluster) -> Vec<CheckStatus> {
        self.goal
            .iter()
            .map(|check| CheckStatus {
                description: check.describe(),
                met: check.met(cluster),
            })
            .collect()
    }

    pub fn is_met(&self, cluster: &Cluster) -> bool {
        self.goal.iter().all(|c| c.met(cluster))
    }
}

/// Every built-in mission, parsed, in order.
pub fn missions() -> Result<Vec<Mission>, MissionError> {
    MISSION_JSON
        .iter()
        .map(|(id, json)| Mission::from_json(id, json))
        .collect()
}

/// A mission being played: its session, the golf count and the hints shown so far.
#[derive(Clone, Debug)]
pub struct MissionRun {
    pub mission: Mission,
    pub session: Session,
    /// Cluster-changing commands typed (what par is compared with).
    pub commands: u32,
    pub hints_shown: usize,
    /// Set the first time the goal is met (it stays completed even if the learner goes on).
    pub completed: bool,
}

/// The mission panel's view of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissionStatus {
    pub checks: Vec<CheckStatus>,
    pub completed: bool,
    pub commands: u32,
    pub par: u32,
    /// `Some(true)` at or under par once completed.
    pub made_par: Option<bool>,
}

impl MissionRun {
    pub fn new(mission: Mission) -> Result<Self, MissionError> {
        let session = mission.start_session()?;
        Ok(MissionRun {
            mission,
            session,
            commands: 0,
            hints_shown: 0,
            completed: false,
        })
    }

    /// Runs a line in the mission's session, counting it for golf if it changes the cluster.
    pub fn run_line(&mut self, line: &str) -> Output {
        let counts = crate::parse::parse_line(line).is_ok_and(|p| p.request.changes_cluster());
        let output = self.session.run_line(line);
        if counts && !output.is_error() {
            self.commands += 1;
        }
        self.update();
        output
    }

    /// Advances one tick (the page's timer) and re-checks the goal.
    pub fn step(&mut self) -> Output {
        let output = self.session.step();
        self.update();
        output
    }

    fn update(&mut self) {
        if !self.completed && self.mission.is_met(self.session.cluster()) {
            self.completed = true;
        }
    }

    /// Reveals the next hint, if any is left.
    pub fn next_hint(&mut self) -> Option<&str> {
        let hint = self.mission.hints.get(self.hints_shown)?;
        self.hints_shown += 1;
        Some(hint)
    }

    pub fn status(&self) -> MissionStatus {
        MissionStatus {
            checks: self.mission.evaluate(self.session.cluster()),
            completed: self.completed,
            commands: self.commands,
            par: self.mission.par,
            made_par: self.completed.then_some(self.commands <= self.mission.par),
        }
    }
}

/// What the browser saves per mission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionProgress {
    pub completed: bool,
    /// Fewest cluster-changing commands of a completed run.
    pub best_commands: Option<u32>,
    pub hints_used: usize,
}

impl MissionProgress {
    /// Folds a finished run into the saved progress (best score kept).
    pub fn record(&mut self, run: &MissionRun) {
        if run.completed {
            self.completed = true;
            self.best_commands = Some(
                self.best_commands
                    .map_or(run.commands, |b| b.min(run.commands)),
            );
        }
        self.hints_used = self.hints_used.max(run.hints_shown);
    }
}
