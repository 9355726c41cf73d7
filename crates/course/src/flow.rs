//! The decision-flow lesson ("visual breakdown"): flowchart graph, sample code, process table,
//! status tracker, key moments; its serde model and the checks that keep the graph walkable.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::{check_preset_id, ContentError, Problems};
use crate::text::{List, Text};

/// Id of a flowchart node, e.g. `need-to-scale`.
///
/// A newtype struct (not `serde(transparent)`), so build.rs can write it back as `NodeId(..)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub Text);

impl NodeId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The whole decision-flow page, as read from `content/flow/decision-flow.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFlow {
    pub title: Text,
    pub mode: Text,
    pub minutes: u32,
    pub description: Text,
    pub variables: List<Variable>,
    pub code: SampleCode,
    pub nodes: List<Node>,
    pub edges: List<Edge>,
    pub process_table: ProcessTable,
    pub status_tracker: StatusTracker,
    /// Signals watched in "monitor & optimize" that tell you to change strategy.
    pub metrics: List<Metric>,
    pub key_moments: List<KeyMoment>,
    pub concept_snapshot: ConceptSnapshot,
    pub transcript: Transcript,
}

/// One input of the sample code and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub name: Text,
    pub meaning: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleCode {
    pub language: Text,
    pub caption: Text,
    pub text: Text,
}

impl SampleCode {
    /// The code's lines; line `n` (1-based) is `lines()[n - 1]`.
    pub fn lines(&self) -> Vec<&str> {
        self.text.lines().collect()
    }
}

/// Flowchart shape: decides the SVG symbol (rounded terminal, box, diamond).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Start,
    Process,
    Decision,
    End,
}

impl NodeKind {
    /// Stable name for CSS class modifiers and test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::Process => "process",
            NodeKind::Decision => "decision",
            NodeKind::End => "end",
        }
    }
}

/// What a decision node tests; evaluated by the stepper against the learner's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// `data_size < threshold` (line 1 of the sample).
    DataSizeBelowThreshold,
    /// `resource_limit` (line 4 of the sample).
    ResourceLimit,
}

impl Condition {
    /// The condition as written in the sample code.
    pub fn expression(self) -> &'static str {
        match self {
            Condition::DataSizeBelowThreshold => "data_size < threshold",
            Condition::ResourceLimit => "resource_limit",
        }
    }
}

/// The three ways the flow can end; each has a lab preset that shows it in the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    SmallModel,
    Vertical,
    Horizontal,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::SmallModel, Outcome::Vertical, Outcome::Horizontal];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::SmallModel => "small-model",
            Outcome::Vertical => "vertical",
            Outcome::Horizontal => "horizontal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    pub label: Text,
    /// Grid row, 0 at the top.
    pub row: u32,
    /// Grid column, 0 at the left.
    pub column: u32,
    pub description: Text,
    /// Line of the sample code highlighted while this node is current (1-based).
    #[serde(default)]
    pub code_line: Option<usize>,
    /// `step` of the process-table row highlighted while this node is current.
    #[serde(default)]
    pub table_row: Option<u32>,
    /// What a decision node tests.
    #[serde(default)]
    pub condition: Option<Condition>,
    /// Action shown for nodes without a table row (a table row brings its own action).
    #[serde(default)]
    pub action: Option<Text>,
    /// System state for nodes without a table row; otherwise the state carries over.
    #[serde(default)]
    pub system_state: Option<Text>,
    /// Value of the tracker's `model_state` once this node has run.
    #[serde(default)]
    pub model_state: Option<Text>,
    /// Header of the tracker column this node fills in ("Start", "After step 1", "Final").
    #[serde(default)]
    pub tracker_column: Option<Text>,
    /// Set on the node where each of the three outcomes is decided.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Cluster-lab preset that shows this node's situation happening.
    #[serde(default)]
    pub lab_preset: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub from: NodeId,
    pub to: NodeId,
    /// Text drawn on the arrow ("Yes", "No", "resource_limit: True").
    #[serde(default)]
    pub label: Option<Text>,
    /// For edges leaving a decision: the condition value that takes this edge.
    #[serde(default)]
    pub when: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessTable {
    pub caption: Text,
    pub rows: List<ProcessRow>,
}

/// One row: step, condition checked, condition result, action taken, system state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessRow {
    pub step: u32,
    pub condition: Text,
    pub result: Text,
    pub action: Text,
    pub system_state: Text,
}

/// The status tracker with all paths merged, as a reference table beside the live one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusTracker {
    pub columns: List<Text>,
    pub note: Text,
    pub rows: List<TrackerRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerRow {
    pub variable: Text,
    pub values: List<Text>,
}

/// A metric watched after scaling, what it looks like when the strategy stops fitting, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub name: Text,
    pub signal: Text,
    pub then: Text,
    #[serde(default)]
    pub lab_preset: Option<Text>,
}

/// An expandable call-out tied to the node (step) it explains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMoment {
    pub question: Text,
    pub answer: Text,
    pub node: NodeId,
    pub table_rows: List<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptSnapshot {
    pub points: List<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub text: Text,
}

impl DecisionFlow {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    /// Rows and columns the flowchart grid spans (for the SVG's viewBox).
    pub fn grid_size(&self) -> (u32, u32) {
        let rows = self.nodes.iter().map(|n| n.row + 1).max().unwrap_or(0);
        let columns = self.nodes.iter().map(|n| n.column + 1).max().unwrap_or(0);
        (rows, columns)
    }

    pub fn row(&self, step: u32) -> Option<&ProcessRow> {
        self.process_table.rows.iter().find(|r| r.step == step)
    }

    /// Edges leaving `id`, in file order.
    pub fn edges_from<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.iter().filter(move |e| e.from.as_str() == id)
    }

    /// The node that decides `outcome` (carries its lab preset).
    pub fn outcome_node(&self, outcome: Outcome) -> Option<&Node> {
        self.nodes.iter().find(|n| n.outcome == Some(outcome))
    }

    /// The key moments that explain `node`.
    pub fn key_moments_for<'a>(
        &'a self,
        node: &'a str,
    ) -> impl Iterator<Item = &'a KeyMoment> + 'a {
        self.key_moments
            .iter()
            .filter(move |k| k.node.as_str() == node)
    }

    /// Every lab preset id this lesson links to (nodes, then metrics), without repeats.
    pub fn lab_presets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let ids = self
            .nodes
            .iter()
            .filter_map(|n| n.lab_preset.as_deref())
            .chain(self.metrics.iter().filter_map(|m| m.lab_preset.as_deref()));
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// Checks that the graph resolves and can be walked, and that every reference is in range.
    pub fn validate(&self, file: &str) -> Vec<ContentError> {
        let mut p = Problems::new(file);
        let code_lines = self.code.lines().len();
        if code_lines == 0 {
            p.push("code.text", "must not be empty");
        }
        let ids: BTreeSet<&str> = self.nodes.iter().map(|n| n.id.as_str()).collect();
        let steps: BTreeSet<u32> = self.process_table.rows.iter().map(|r| r.step).collect();
        p.require_unique(
            self.nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("nodes[{i}].id"), n.id.as_str())),
        );
        let mut cells = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let key = format!("nodes[{i}]");
            p.require_text(format!("{key}.label"), &n.label);
            p.require_text(format!("{key}.description"), &n.description);
            if let Some(other) = cells.insert((n.row, n.column), n.id.as_str()) {
                p.push(
                    format!("{key}.row"),
                    format!(
                        "`{}` and `{other}` share grid cell ({}, {})",
                        n.id, n.row, n.column
                    ),
                );
            }
            if let Some(line) = n.code_line {
                if line == 0 || line > code_lines {
                    p.push(
                        format!("{key}.code_line"),
                        format!("line {line} is outside the {code_lines}-line sample"),
                    );
                }
            }
            match n.table_row {
                Some(step) if !steps.contains(&step) => p.push(
                    format!("{key}.table_row"),
                    format!("no process-table row with step {step}"),
                ),
                Some(_) if n.action.is_some() => p.push(
                    format!("{key}.action"),
                    "a node with a table_row takes its action from that row; remove `action`",
                ),
                None if n.action.is_none() => p.push(
                    format!("{key}.action"),
                    "a node without a table_row needs an `action`",
                ),
                _ => {}
            }
            if (n.kind == NodeKind::Decision) != n.condition.is_some() {
                p.push(
                    format!("{key}.condition"),
                    "decision nodes, and only they, have a `condition`",
                );
            }
            if n.model_state.is_some() != n.tracker_column.is_some() {
                p.push(
                    format!("{key}.tracker_column"),
                    "`model_state` and `tracker_column` go together",
                );
            }
            if let Some(preset) = &n.lab_preset {
                check_preset_id(&mut p, format!("{key}.lab_preset"), preset);
            }
            if n.outcome.is_some() && n.lab_preset.is_none() {
                p.push(
                    format!("{key}.lab_preset"),
                    "an outcome node must link to the lab preset that shows it",
                );
            }
        }
        for outcome in Outcome::ALL {
            let count = self
                .nodes
                .iter()
                .filter(|n| n.outcome == Some(outcome))
                .count();
            if count != 1 {
                p.push(
                    "nodes",
                    format!(
                        "outcome `{}` must be set on exactly one node, found {count}",
                        outcome.as_str()
                    ),
                );
            }
        }
        self.validate_edges(&mut p, &ids);
        self.validate_tables(&mut p, &ids, &steps);
        p.errors
    }

    fn validate_edges(&self, p: &mut Problems<'_>, ids: &BTreeSet<&str>) {
        let mut endpoints_resolve = true;
        for (i, e) in self.edges.iter().enumerate() {
            for (end, id) in [("from", &e.from), ("to", &e.to)] {
                if !ids.contains(id.as_str()) {
                    endpoints_resolve = false;
                    p.push(format!("edges[{i}].{end}"), format!("no node `{id}`"));
                }
            }
        }
        let starts: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Start)
            .collect();
        if starts.len() != 1 {
            p.push(
                "nodes",
                format!("need exactly one start node, found {}", starts.len()),
            );
        }
        for (i, n) in self.nodes.iter().enumerate() {
            let out: Vec<(usize, &Edge)> = self
                .edges
                .iter()
                .enumerate()
                .filter(|(_, e)| e.from == n.id)
                .collect();
            let key = format!("nodes[{i}]");
            match n.kind {
                NodeKind::End if !out.is_empty() => {
                    p.push(key, format!("end node `{}` has outgoing edges", n.id))
                }
                NodeKind::End => {}
                NodeKind::Decision => {
                    let whens: Vec<Option<bool>> = out.iter().map(|(_, e)| e.when).collect();
                    if whens.len() != 2
                        || !whens.contains(&Some(true))
                        || !whens.contains(&Some(false))
                    {
                        p.push(
                            key,
                            format!(
                                "decision `{}` needs two edges, `when = true` and `when = false`",
                                n.id
                            ),
                        );
                    }
                }
                _ => {
                    if out.len() != 1 {
                        p.push(
                            key.clone(),
                            format!(
                                "`{}` needs exactly one outgoing edge, found {}",
                                n.id,
                                out.len()
                            ),
                        );
                    }
                    for (j, e) in out {
                        if e.when.is_some() {
                            p.push(
                                format!("edges[{j}].when"),
                                "`when` is only for edges leaving a decision",
                            );
                        }
                    }
                }
            }
        }
        // Every node must be reachable from the start and every path must end (no cycles): the
        // stepper walks the graph and must terminate for every input.
        // With a dangling edge every node behind it would be "unreachable": report the cause only.
        if let (true, [start]) = (endpoints_resolve, starts.as_slice()) {
            let mut reachable = BTreeSet::new();
            let mut on_path = Vec::new();
            self.walk(start.id.as_str(), &mut reachable, &mut on_path, p);
            for n in self.nodes.iter() {
                if !reachable.contains(n.id.as_str()) {
                    p.push(
                        "nodes",
                        format!("`{}` cannot be reached from the start", n.id),
                    );
                }
            }
        }
    }

    fn walk<'a>(
        &'a self,
        id: &'a str,
        reachable: &mut BTreeSet<&'a str>,
        on_path: &mut Vec<&'a str>,
        p: &mut Problems<'_>,
    ) {
        if on_path.contains(&id) {
            p.push("edges", format!("cycle through `{id}`: the flow must end"));
            return;
        }
        if !reachable.insert(id) {
            return;
        }
        on_path.push(id);
        for e in self.edges_from(id) {
            if self.node(e.to.as_str()).is_some() {
                self.walk(e.to.as_str(), reachable, on_path, p);
            }
        }
        on_path.pop();
    }

    fn validate_tables(&self, p: &mut Problems<'_>, ids: &BTreeSet<&str>, steps: &BTreeSet<u32>) {
        for (i, r) in self.process_table.rows.iter().enumerate() {
            if r.step != i as u32 + 1 {
                p.push(
                    format!("process_table.rows[{i}].step"),
                    format!(
                        "steps must be numbered 1, 2, 3... in order; found {}",
                        r.step
                    ),
                );
            }
            p.require_text(format!("process_table.rows[{i}].action"), &r.action);
            p.require_text(
                format!("process_table.rows[{i}].system_state"),
                &r.system_state,
            );
        }
        let columns = self.status_tracker.columns.len();
        for (i, r) in self.status_tracker.rows.iter().enumerate() {
            if r.values.len() != columns {
                p.push(
                    format!("status_tracker.rows[{i}].values"),
                    format!("{} values for {columns} columns", r.values.len()),
                );
            }
        }
        for (i, k) in self.key_moments.iter().enumerate() {
            if !ids.contains(k.node.as_str()) {
                p.push(
                    format!("key_moments[{i}].node"),
                    format!("no node `{}`", k.node),
                );
            }
            for step in k.table_rows.iter() {
                if !steps.contains(step) {
                    p.push(
                        format!("key_moments[{i}].table_rows"),
                        format!("no process-table row with step {step}"),
                    );
                }
            }
        }
        for (i, m) in self.metrics.iter().enumerate() {
            p.require_text(format!("metrics[{i}].signal"), &m.signal);
            p.require_text(format!("metrics[{i}].then"), &m.then);
            if let Some(preset) = &m.lab_preset {
                check_preset_id(p, format!("metrics[{i}].lab_preset"), preset);
            }
        }
        p.require_text("transcript.text", &self.transcript.text);
    }
}
