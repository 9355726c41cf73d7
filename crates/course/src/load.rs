//! Parsing and validating content text: what build.rs runs on the bundled files, and what
//! tests, `lab check-content` and author tooling run on any text.

use serde::de::DeserializeOwned;

use crate::error::ContentError;
use crate::flow::{DecisionFlow, Outcome};
use crate::guide::KubernetesGuide;
use crate::overview::Overview;
use crate::stepper::{trace, FlowInputs};

fn parse<T: DeserializeOwned>(file: &str, src: &str) -> Result<T, Vec<ContentError>> {
    toml::from_str(src).map_err(|e| vec![ContentError::from_toml(file, src, &e)])
}

fn checked<T>(value: T, errors: Vec<ContentError>) -> Result<T, Vec<ContentError>> {
    if errors.is_empty() {
        Ok(value)
    } else {
        Err(errors)
    }
}

/// Parses and validates overview text (`file` names it in errors).
pub fn parse_overview(file: &str, src: &str) -> Result<Overview, Vec<ContentError>> {
    let overview: Overview = parse(file, src)?;
    let errors = overview.validate(file);
    checked(overview, errors)
}

/// Parses and validates a decision flow, including a walk to each of the three outcomes.
pub fn parse_decision_flow(file: &str, src: &str) -> Result<DecisionFlow, Vec<ContentError>> {
    let flow: DecisionFlow = parse(file, src)?;
    let mut errors = flow.validate(file);
    if errors.is_empty() {
        // The graph is sound; now make sure the stepper really reaches every outcome.
        for outcome in Outcome::ALL {
            match trace(&flow, FlowInputs::example(outcome)) {
                Ok(t) if t.outcome == outcome => {}
                Ok(t) => errors.push(ContentError::at(
                    file,
                    "nodes",
                    format!(
                        "inputs meant for `{}` end in `{}`",
                        outcome.as_str(),
                        t.outcome.as_str()
                    ),
                )),
                Err(e) => errors.push(ContentError::at(file, "nodes", e.to_string())),
            }
        }
    }
    checked(flow, errors)
}

/// Parses and validates a Kubernetes guide and fills in each annotation's line.
pub fn parse_guide(file: &str, src: &str) -> Result<KubernetesGuide, Vec<ContentError>> {
    let mut guide: KubernetesGuide = parse(file, src)?;
    guide.resolve_lines();
    let errors = guide.validate(file);
    checked(guide, errors)
}
