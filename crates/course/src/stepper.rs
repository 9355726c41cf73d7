//! The decision-flow stepper: runs the flowchart for the learner's inputs and records each step
//! (node, code line, table row, condition, action, state, tracker); `Walkthrough` moves over it.
//!
//! The trace is computed whole, up front: it is short (at most one step per node), and back and
//! restart then become index moves that cannot disagree with going forward.

use serde::{Deserialize, Serialize};

use crate::flow::{Condition, DecisionFlow, NodeId, NodeKind, Outcome};
use crate::text::Text;

/// What the learner sets with the sliders and the toggle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowInputs {
    pub data_size_gb: u32,
    pub threshold_gb: u32,
    /// True when the cluster cannot add nodes, so only the existing node can grow (see the
    /// `resource_limit` variable in the content for why this means vertical scaling).
    pub resource_limit: bool,
}

impl FlowInputs {
    /// Inputs that lead to `outcome`, for demos, tests and "show me" buttons.
    pub fn example(outcome: Outcome) -> Self {
        match outcome {
            Outcome::SmallModel => FlowInputs {
                data_size_gb: 20,
                threshold_gb: 100,
                resource_limit: false,
            },
            Outcome::Vertical => FlowInputs {
                data_size_gb: 250,
                threshold_gb: 100,
                resource_limit: true,
            },
            Outcome::Horizontal => FlowInputs {
                data_size_gb: 250,
                threshold_gb: 100,
                resource_limit: false,
            },
        }
    }
}

/// A decision's test, its value for these inputs and a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionCheck {
    /// As written in the code: `data_size < threshold`.
    pub expression: Text,
    pub result: bool,
    /// With the numbers filled in: `250 < 100 is False`.
    pub explanation: String,
}

/// One column of the live status tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackerColumn {
    /// "Start", "After step 2", "Final"...
    pub label: Text,
    pub data_size: String,
    /// "N/A" until the flow reads it (only the scaling path does).
    pub resource_limit: Text,
    pub model_state: Text,
}

/// Everything the page shows for one step of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    /// The flowchart node that lights up.
    pub node: NodeId,
    pub node_label: Text,
    /// The highlighted line of the sample code (1-based), if this node runs one.
    pub code_line: Option<usize>,
    /// The `step` of the highlighted process-table row, if one applies.
    pub table_row: Option<u32>,
    /// Set on decision nodes.
    pub condition: Option<ConditionCheck>,
    /// Label of the edge a decision took ("Yes", "resource_limit: True").
    pub branch: Option<Text>,
    pub action: Text,
    pub system_state: Text,
    /// The tracker's columns filled in so far, this step's included.
    pub tracker: Vec<TrackerColumn>,
    /// One plain sentence for the screen-reader live region.
    pub narration: String,
}

/// The whole run for one set of inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    pub inputs: FlowInputs,
    pub outcome: Outcome,
    /// The cluster-lab preset that shows this outcome happening.
    pub lab_preset: Text,
    pub steps: Vec<TraceStep>,
}

/// Why a flow could not be run; only a malformed content file causes this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceError {
    NoStartNode,
    UnknownNode(String),
    UnknownTableRow { node: String, step: u32 },
    MissingEdge { node: String, when: Option<bool> },
    MissingCondition(String),
    NoEndReached,
    NoOutcome,
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::NoStartNode => write!(f, "the flow has no start node"),
            TraceError::UnknownNode(id) => write!(f, "an edge leads to unknown node `{id}`"),
            TraceError::UnknownTableRow { node, step } => {
                write!(f, "node `{node}` refers to missing table row {step}")
            }
            TraceError::MissingEdge { node, when } => match when {
                Some(w) => write!(f, "decision `{node}` has no edge for `when = {w}`"),
                None => write!(f, "node `{node}` has no outgoing edge"),
            },
            TraceError::MissingCondition(node) => write!(f, "decision `{node}` has no condition"),
            TraceError::NoEndReached => write!(f, "the walk did not reach an end node"),
            TraceError::NoOutcome => write!(f, "the walk passed no outcome node"),
        }
    }
}

impl std::error::Error for TraceError {}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Runs `flow` for `inputs`, from the start node to the end node.
pub fn trace(flow: &DecisionFlow, inputs: FlowInputs) -> Result<Trace, TraceError> {
    let start = flow
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Start)
        .ok_or(TraceError::NoStartNode)?;
    let data_size = format!("{} GB", inputs.data_size_gb);
    let mut resource_limit_seen = Text::Borrowed("N/A");
    let mut system_state = Text::Borrowed("");
    let mut tracker: Vec<TrackerColumn> = Vec::new();
    let mut steps: Vec<TraceStep> = Vec::new();
    let mut outcome = None;
    let mut node = start;
    // A validated flow is acyclic, so a path never visits more nodes than there are; the bound
    // keeps a malformed file from looping forever.
    for _ in 0..=flow.nodes.len() {
        let row = match node.table_row {
            Some(step) => Some(flow.row(step).ok_or_else(|| TraceError::UnknownTableRow {
                node: node.id.to_string(),
                step,
            })?),
            None => None,
        };
        let condition = match node.kind {
            NodeKind::Decision => {
                let c = node
                    .condition
                    .ok_or_else(|| TraceError::MissingCondition(node.id.to_string()))?;
                Some(evaluate(c, inputs))
            }
            _ => None,
        };
        if node.condition == Some(Condition::ResourceLimit) {
            resource_limit_seen = Text::Borrowed(py_bool(inputs.resource_limit));
        }
        let action = match (row, &node.action) {
            (Some(r), _) => r.action.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => Text::Borrowed(""),
        };
        if let Some(r) = row {
            system_state = r.system_state.clone();
        } else if let Some(s) = &node.system_state {
            system_state = s.clone();
        }
        if let (Some(label), Some(model_state)) = (&node.tracker_column, &node.model_state) {
            tracker.push(TrackerColumn {
                label: label.clone(),
                data_size: data_size.clone(),
                resource_limit: resource_limit_seen.clone(),
                model_state: model_state.clone(),
            });
        }
        if node.outcome.is_some() {
            outcome = node.outcome.map(|o| (o, node.lab_preset.clone()));
        }
        let next_edge = match (&node.kind, &condition) {
            (NodeKind::End, _) => None,
            (_, Some(c)) => Some(
                flow.edges_from(node.id.as_str())
                    .find(|e| e.when == Some(c.result))
                    .ok_or_else(|| TraceError::MissingEdge {
                        node: node.id.to_string(),
                        when: Some(c.result),
                    })?,
            ),
            (_, None) => Some(flow.edges_from(node.id.as_str()).next().ok_or_else(|| {
                TraceError::MissingEdge {
                    node: node.id.to_string(),
                    when: None,
                }
            })?),
        };
        let branch = match (&condition, next_edge) {
            (Some(_), Some(e)) => e.label.clone(),
            _ => None,
        };
        let narration = narrate(&node.label, &condition, branch.as_deref(), &action);
        steps.push(TraceStep {
            node: node.id.clone(),
            node_label: node.label.clone(),
            code_line: node.code_line,
            table_row: node.table_row,
            condition,
            branch,
            action,
            system_state: system_state.clone(),
            tracker: tracker.clone(),
            narration,
        });
        let Some(edge) = next_edge else {
            let (outcome, lab_preset) = outcome.ok_or(TraceError::NoOutcome)?;
            return Ok(Trace {
                inputs,
                outcome,
                lab_preset: lab_preset.unwrap_or_default(),
                steps,
            });
        };
        node = flow
            .node(edge.to.as_str())
            .ok_or_else(|| TraceError::UnknownNode(edge.to.to_string()))?;
    }
    Err(TraceError::NoEndReached)
}

fn evaluate(condition: Condition, inputs: FlowInputs) -> ConditionCheck {
    let (result, explanation) = match condition {
        Condition::DataSizeBelowThreshold => {
            let result = inputs.data_size_gb < inputs.threshold_gb;
            (
                result,
                format!(
                    "{} < {} is {}",
                    inputs.data_size_gb,
                    inputs.threshold_gb,
                    py_bool(result)
                ),
            )
        }
        Condition::ResourceLimit => (
            inputs.resource_limit,
            format!("resource_limit is {}", py_bool(inputs.resource_limit)),
        ),
    };
    ConditionCheck {
        expression: Text::Borrowed(condition.expression()),
        result,
        explanation,
    }
}

fn narrate(
    label: &str,
    condition: &Option<ConditionCheck>,
    branch: Option<&str>,
    action: &str,
) -> String {
    let mut s = label.to_string();
    if let Some(c) = condition {
        s.push_str(&format!(": {}", c.explanation));
        if let Some(b) = branch {
            s.push_str(&format!(", so {b}"));
        }
    }
    if !action.is_empty() {
        s.push_str(&format!(". {action}"));
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walkthrough::Walkthrough;

    fn path(inputs: FlowInputs) -> Vec<String> {
        Walkthrough::new(inputs)
            .trace()
            .steps
            .iter()
            .map(|s| s.node.to_string())
            .collect()
    }

    fn inputs(data_size_gb: u32, threshold_gb: u32, resource_limit: bool) -> FlowInputs {
        FlowInputs {
            data_size_gb,
            threshold_gb,
            resource_limit,
        }
    }

    #[test]
    fn small_data_keeps_the_small_model() {
        let w = Walkthrough::new(inputs(40, 100, true));
        assert_eq!(w.outcome(), Outcome::SmallModel);
        assert_eq!(w.trace().lab_preset, "small-model-one-node");
        assert_eq!(
            path(inputs(40, 100, true)),
            [
                "start",
                "evaluate",
                "need-to-scale",
                "continue-small",
                "monitor",
                "end"
            ]
        );
        let steps = &w.trace().steps;
        let decide = &steps[2];
        assert_eq!(decide.code_line, Some(1));
        let c = decide.condition.as_ref().unwrap();
        assert_eq!(c.expression, "data_size < threshold");
        assert!(c.result);
        assert_eq!(c.explanation, "40 < 100 is True");
        assert_eq!(decide.branch.as_deref(), Some("No"));
        let small = &steps[3];
        assert_eq!(small.code_line, Some(2));
        assert_eq!(small.table_row, Some(1));
        assert_eq!(small.action, "use_small_model()");
        assert_eq!(small.system_state, "Small model running");
    }

    #[test]
    fn resource_limit_true_scales_vertically() {
        // The seed's quiz: "If resource_limit is True, which scaling strategy is chosen?" Vertical.
        let w = Walkthrough::new(inputs(250, 100, true));
        assert_eq!(w.outcome(), Outcome::Vertical);
        assert_eq!(w.trace().lab_preset, "vertical-node-ceiling");
        let steps = &w.trace().steps;
        let nodes: Vec<&str> = steps.iter().map(|s| s.node.as_str()).collect();
        assert_eq!(
            nodes,
            [
                "start",
                "evaluate",
                "need-to-scale",
                "choose-strategy",
                "vertical",
                "adjust-resources",
                "monitor",
                "end"
            ]
        );
        let lines: Vec<Option<usize>> = steps.iter().map(|s| s.code_line).collect();
        assert_eq!(
            lines,
            [None, None, Some(1), Some(4), Some(5), None, None, None]
        );
        let rows: Vec<Option<u32>> = steps.iter().map(|s| s.table_row).collect();
        assert_eq!(
            rows,
            [None, None, None, Some(2), Some(3), None, Some(5), None]
        );
        assert_eq!(
            steps[2].condition.as_ref().unwrap().explanation,
            "250 < 100 is False"
        );
        assert_eq!(steps[2].branch.as_deref(), Some("Yes"));
        assert_eq!(steps[3].action, "Check resource_limit");
        assert_eq!(steps[4].action, "scale_vertically()");
        assert_eq!(steps[4].system_state, "Resources increased on single node");
        // Adjusting resources keeps the state the scaling step produced.
        assert_eq!(steps[5].system_state, "Resources increased on single node");
        assert_eq!(steps[6].system_state, "System optimized for load");
    }

    #[test]
    fn resource_limit_false_scales_horizontally() {
        let w = Walkthrough::new(inputs(100, 100, false));
        assert_eq!(w.outcome(), Outcome::Horizontal);
        assert_eq!(w.trace().lab_preset, "hpa-cluster-autoscaler");
        let step = w
            .trace()
            .steps
            .iter()
            .find(|s| s.node.as_str() == "horizontal")
            .unwrap();
        assert_eq!(step.code_line, Some(7));
        assert_eq!(step.table_row, Some(4));
        assert_eq!(step.action, "scale_horizontally()");
        assert_eq!(step.system_state, "Added more nodes to cluster");
    }

    #[test]
    fn every_input_gives_a_consistent_trace() {
        // A grid over the inputs instead of a random search: the decision only depends on the
        // order of data_size and threshold and on the flag, and the grid covers <, == and >.
        let code_lines = crate::decision_flow().code.lines().len();
        for data_size_gb in [0, 1, 99, 100, 101, u32::MAX] {
            for threshold_gb in [0, 1, 100, u32::MAX] {
                for resource_limit in [false, true] {
                    let inputs = inputs(data_size_gb, threshold_gb, resource_limit);
                    let t = Walkthrough::new(inputs).trace().clone();
                    let expected = if data_size_gb < threshold_gb {
                        Outcome::SmallModel
                    } else if resource_limit {
                        Outcome::Vertical
                    } else {
                        Outcome::Horizontal
                    };
                    assert_eq!(t.outcome, expected, "{inputs:?}");
                    assert_eq!(t.steps.first().unwrap().node.as_str(), "start");
                    assert_eq!(t.steps.last().unwrap().node.as_str(), "end");
                    for pair in t.steps.windows(2) {
                        // The tracker only grows, and never rewrites a filled column.
                        assert!(pair[1].tracker.starts_with(&pair[0].tracker), "{inputs:?}");
                        let edge = crate::decision_flow()
                            .edges_from(pair[0].node.as_str())
                            .any(|e| e.to == pair[1].node);
                        assert!(
                            edge,
                            "{inputs:?}: no edge {} -> {}",
                            pair[0].node, pair[1].node
                        );
                    }
                    for s in &t.steps {
                        assert!(s.code_line.is_none_or(|l| (1..=code_lines).contains(&l)));
                        assert!(!s.action.is_empty(), "{inputs:?}: {} has no action", s.node);
                    }
                    let rows: Vec<u32> = t.steps.iter().filter_map(|s| s.table_row).collect();
                    let expected_rows: &[u32] = match expected {
                        Outcome::SmallModel => &[1, 5],
                        Outcome::Vertical => &[2, 3, 5],
                        Outcome::Horizontal => &[2, 4, 5],
                    };
                    assert_eq!(rows, expected_rows, "{inputs:?}");
                }
            }
        }
    }

    #[test]
    fn equal_sizes_are_not_below_the_threshold() {
        // `<` is strict: data_size == threshold needs scaling.
        assert_ne!(
            Walkthrough::new(inputs(100, 100, true)).outcome(),
            Outcome::SmallModel
        );
        assert_eq!(
            Walkthrough::new(inputs(99, 100, true)).outcome(),
            Outcome::SmallModel
        );
        assert_ne!(
            Walkthrough::new(inputs(0, 0, false)).outcome(),
            Outcome::SmallModel
        );
    }

    #[test]
    fn every_outcome_is_reachable_from_its_example_inputs() {
        for outcome in Outcome::ALL {
            assert_eq!(
                Walkthrough::new(FlowInputs::example(outcome)).outcome(),
                outcome
            );
        }
    }

    #[test]
    fn tracker_fills_in_as_the_run_goes() {
        let w = Walkthrough::new(inputs(250, 100, false));
        let labels = |i: usize| -> Vec<Text> {
            w.trace().steps[i]
                .tracker
                .iter()
                .map(|c| c.label.clone())
                .collect()
        };
        assert_eq!(labels(0), ["Start"]);
        assert_eq!(labels(2), ["Start"]);
        assert_eq!(labels(3), ["Start", "After step 2"]);
        assert_eq!(labels(4), ["Start", "After step 2", "After step 4"]);
        let last = &w.trace().steps.last().unwrap().tracker;
        assert_eq!(last.len(), 4);
        assert_eq!(last[3].label, "Final");
        let start = &last[0];
        assert_eq!(
            (
                start.data_size.as_str(),
                start.resource_limit.as_ref(),
                start.model_state.as_ref()
            ),
            ("250 GB", "N/A", "idle")
        );
        // resource_limit is read on line 4 and keeps its value afterwards.
        assert_eq!(last[1].resource_limit, "False");
        assert_eq!(last[2].model_state, "scaled horizontally");
        assert_eq!(last[3].resource_limit, "False");
        assert_eq!(last[3].model_state, "optimized");
    }

    #[test]
    fn small_path_never_reads_resource_limit() {
        let w = Walkthrough::new(inputs(1, 100, true));
        let last = &w.trace().steps.last().unwrap().tracker;
        let labels: Vec<&str> = last.iter().map(|c| c.label.as_ref()).collect();
        assert_eq!(labels, ["Start", "After step 1", "Final"]);
        assert!(last.iter().all(|c| c.resource_limit == "N/A"));
        assert_eq!(last[1].model_state, "small model running");
    }

    #[test]
    fn next_back_restart_and_bounds() {
        let mut w = Walkthrough::new(FlowInputs::example(Outcome::Vertical));
        assert!(w.is_at_start());
        assert!(!w.back(), "back at the start does nothing");
        assert_eq!(w.current().node.as_str(), "start");
        assert!(!w.edge_taken("start", "evaluate"));
        assert!(w.next());
        assert_eq!(w.current().node.as_str(), "evaluate");
        assert_eq!(w.visited().len(), 2);
        assert!(w.edge_taken("start", "evaluate"));
        assert!(!w.edge_taken("evaluate", "start"), "direction matters");
        while w.next() {}
        assert!(w.is_at_end());
        assert_eq!(w.position() + 1, w.len());
        assert_eq!(w.current().node.as_str(), "end");
        assert!(!w.next(), "next at the end does nothing");
        assert!(w.edge_taken("choose-strategy", "vertical"));
        assert!(!w.edge_taken("choose-strategy", "horizontal"));
        assert!(w.back());
        assert_eq!(w.current().node.as_str(), "monitor");
        assert!(!w.edge_taken("monitor", "end"));
        w.restart();
        assert_eq!(w.position(), 0);
        w.finish();
        assert!(w.is_at_end());
        w.set_inputs(FlowInputs::example(Outcome::SmallModel));
        assert!(w.is_at_start());
        assert_eq!(w.outcome(), Outcome::SmallModel);
        assert!(!w.is_empty());
    }

    #[test]
    fn narration_reads_as_one_sentence() {
        let w = Walkthrough::new(inputs(250, 100, true));
        let decide = &w.trace().steps[2];
        assert_eq!(
            decide.narration,
            "Need to Scale?: 250 < 100 is False, so Yes. Check data_size < threshold."
        );
        assert_eq!(
            w.trace().steps[4].narration,
            "Vertical. scale_vertically()."
        );
    }

    #[test]
    fn a_decision_without_its_branch_is_an_error_not_a_panic() {
        let mut flow = crate::decision_flow().clone();
        flow.edges
            .to_mut()
            .retain(|e| !(e.from.as_str() == "choose-strategy" && e.when == Some(true)));
        let err = trace(&flow, inputs(250, 100, true)).unwrap_err();
        assert_eq!(
            err,
            TraceError::MissingEdge {
                node: "choose-strategy".into(),
                when: Some(true)
            }
        );
        // The other branch still runs.
        assert!(trace(&flow, inputs(250, 100, false)).is_ok());
    }

    #[test]
    fn a_cycle_ends_in_an_error() {
        let mut flow = crate::decision_flow().clone();
        for e in flow.edges.to_mut() {
            if e.from.as_str() == "monitor" {
                e.to = NodeId("evaluate".into());
            }
        }
        assert_eq!(
            trace(&flow, inputs(1, 2, false)).unwrap_err(),
            TraceError::NoEndReached
        );
    }
}
