//! Course content (UI-free): the overview, decision-flow and Kubernetes-guide lessons as validated
//! data, and the decision-flow stepper the "visual breakdown" page runs.
//!
//! The TOML files under `content/` are compiled in with `include_str!`, so the browser build needs
//! no file access; a course author edits them without touching Rust, and `validate_all` (run by
//! this crate's tests and by `lab check-content`) catches a broken reference before a learner does.
//! No clock, no randomness, no UI crates: everything here is plain data in, plain data out.

pub mod error;
pub mod flow;
pub mod guide;
pub mod overview;
pub mod stepper;
pub mod yaml_path;

use std::sync::OnceLock;

use serde::de::DeserializeOwned;

pub use error::ContentError;
pub use flow::{DecisionFlow, NodeId, NodeKind, Outcome};
pub use guide::KubernetesGuide;
pub use overview::Overview;
pub use stepper::{trace, FlowInputs, Trace, TraceError, TraceStep, TrackerColumn, Walkthrough};

/// Repository-relative paths of the content files, as error messages name them.
pub const OVERVIEW_FILE: &str = "content/lessons/overview.toml";
pub const GUIDE_FILE: &str = "content/lessons/kubernetes-guide.toml";
pub const FLOW_FILE: &str = "content/flow/decision-flow.toml";

const OVERVIEW_SRC: &str = include_str!("../../../content/lessons/overview.toml");
const GUIDE_SRC: &str = include_str!("../../../content/lessons/kubernetes-guide.toml");
const FLOW_SRC: &str = include_str!("../../../content/flow/decision-flow.toml");

/// Every bundled content file as (path, text), e.g. for a "view source" link or a checker.
pub fn sources() -> [(&'static str, &'static str); 3] {
    [
        (OVERVIEW_FILE, OVERVIEW_SRC),
        (FLOW_FILE, FLOW_SRC),
        (GUIDE_FILE, GUIDE_SRC),
    ]
}

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

/// Parses and validates a decision flow, including a walk of each of the three outcomes.
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

/// Every problem in every bundled content file; empty when all is well.
/// `lab check-content` prints these one per line.
pub fn validate_all() -> Vec<ContentError> {
    let mut errors = Vec::new();
    errors.extend(
        parse_overview(OVERVIEW_FILE, OVERVIEW_SRC)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(
        parse_decision_flow(FLOW_FILE, FLOW_SRC)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(parse_guide(GUIDE_FILE, GUIDE_SRC).err().unwrap_or_default());
    errors
}

fn bundled<T>(
    cell: &'static OnceLock<T>,
    load: impl FnOnce() -> Result<T, Vec<ContentError>>,
) -> &'static T {
    cell.get_or_init(|| match load() {
        Ok(value) => value,
        // Bundled content is checked by `cargo test -p course`; reaching this is a build defect.
        Err(errors) => panic!(
            "bundled course content is invalid: {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
    })
}

/// The overview lesson, parsed once.
pub fn overview() -> &'static Overview {
    static CELL: OnceLock<Overview> = OnceLock::new();
    bundled(&CELL, || parse_overview(OVERVIEW_FILE, OVERVIEW_SRC))
}

/// The decision-flow lesson, parsed once.
pub fn decision_flow() -> &'static DecisionFlow {
    static CELL: OnceLock<DecisionFlow> = OnceLock::new();
    bundled(&CELL, || parse_decision_flow(FLOW_FILE, FLOW_SRC))
}

/// The Kubernetes guide, parsed once.
pub fn kubernetes_guide() -> &'static KubernetesGuide {
    static CELL: OnceLock<KubernetesGuide> = OnceLock::new();
    bundled(&CELL, || parse_guide(GUIDE_FILE, GUIDE_SRC))
}

/// Every cluster-lab preset id the three lessons link to, sorted, without repeats: the list the
/// lab's scenario files must cover.
pub fn lab_presets() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = overview()
        .lab_presets()
        .into_iter()
        .chain(decision_flow().lab_presets())
        .chain(kubernetes_guide().lab_presets())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}
