//! `Walkthrough`: the cursor the decision-flow page's back / next / restart controls move over a trace.

use serde::{Deserialize, Serialize};

use crate::flow::{DecisionFlow, Outcome};
use crate::stepper::{trace, FlowInputs, Trace, TraceError, TraceStep};

/// A cursor over a trace: what the page's back / next / restart buttons move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Walkthrough {
    trace: Trace,
    position: usize,
}

impl Walkthrough {
    /// Starts a walkthrough of the bundled decision flow (validated by this crate's tests).
    pub fn new(inputs: FlowInputs) -> Self {
        Self::with_flow(crate::decision_flow(), inputs)
            .expect("the bundled decision flow is walkable (checked by course's tests)")
    }

    /// Starts a walkthrough of any flow, e.g. one an author is editing.
    pub fn with_flow(flow: &DecisionFlow, inputs: FlowInputs) -> Result<Self, TraceError> {
        Ok(Walkthrough {
            trace: trace(flow, inputs)?,
            position: 0,
        })
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn inputs(&self) -> FlowInputs {
        self.trace.inputs
    }

    pub fn outcome(&self) -> Outcome {
        self.trace.outcome
    }

    /// The step on screen now.
    pub fn current(&self) -> &TraceStep {
        &self.trace.steps[self.position]
    }

    /// 0-based index of the current step.
    pub fn position(&self) -> usize {
        self.position
    }

    /// Number of steps in the run (never 0: a trace has at least its start).
    pub fn len(&self) -> usize {
        self.trace.steps.len()
    }

    /// Always false; present because clippy pairs `len` with `is_empty`.
    pub fn is_empty(&self) -> bool {
        self.trace.steps.is_empty()
    }

    /// The steps up to and including the current one (the visited part of the path).
    pub fn visited(&self) -> &[TraceStep] {
        &self.trace.steps[..=self.position]
    }

    /// Whether the arrow `from` -> `to` has been followed up to the current step (for drawing
    /// the path so far).
    pub fn edge_taken(&self, from: &str, to: &str) -> bool {
        self.visited()
            .windows(2)
            .any(|w| w[0].node.as_str() == from && w[1].node.as_str() == to)
    }

    pub fn is_at_start(&self) -> bool {
        self.position == 0
    }

    pub fn is_at_end(&self) -> bool {
        self.position + 1 == self.trace.steps.len()
    }

    /// Moves forward one step; false (and no move) at the end.
    #[allow(clippy::should_implement_trait)] // a cursor, not an iterator: it also goes back
    pub fn next(&mut self) -> bool {
        if self.is_at_end() {
            return false;
        }
        self.position += 1;
        true
    }

    /// Moves back one step; false (and no move) at the start.
    pub fn back(&mut self) -> bool {
        if self.is_at_start() {
            return false;
        }
        self.position -= 1;
        true
    }

    pub fn restart(&mut self) {
        self.position = 0;
    }

    /// Jumps to the last step (the "End" key).
    pub fn finish(&mut self) {
        self.position = self.trace.steps.len() - 1;
    }

    /// Re-runs the flow for new inputs and goes back to the start.
    pub fn set_inputs(&mut self, inputs: FlowInputs) {
        *self = Walkthrough::new(inputs);
    }
}
