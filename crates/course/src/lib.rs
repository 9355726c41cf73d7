//! Course content (UI-free): the overview, decision-flow and Kubernetes-guide lessons as validated
//! data, and the decision-flow stepper the "visual breakdown" page runs.
//!
//! The TOML files under `content/` are parsed and validated by build.rs and compiled in as
//! `static` data, so the browser needs no file access and no TOML parser; a course author edits
//! them without touching Rust, and a broken reference fails the build with `file:line: key:
//! message`. `validate_all` (run by this crate's tests and by `lab check-content`) checks the
//! same files at run time. No clock, no randomness, no UI crates.

pub mod error;
pub mod flow;
pub mod guide;
pub mod load;
pub mod markup;
pub mod overview;
pub mod stepper;
pub mod text;
pub mod walkthrough;
pub mod yaml_path;

pub use error::ContentError;
pub use flow::{DecisionFlow, NodeId, NodeKind, Outcome};
pub use guide::KubernetesGuide;
pub use load::{parse_decision_flow, parse_guide, parse_overview};
pub use overview::Overview;
pub use stepper::{trace, ConditionCheck, FlowInputs, Trace, TraceError, TraceStep, TrackerColumn};
pub use text::{List, Text};
pub use walkthrough::Walkthrough;

/// Repository-relative paths of the content files, as error messages name them.
pub const OVERVIEW_FILE: &str = "content/lessons/overview.toml";
pub const GUIDE_FILE: &str = "content/lessons/kubernetes-guide.toml";
pub const FLOW_FILE: &str = "content/flow/decision-flow.toml";

/// The statics build.rs wrote from the content files (already validated there).
mod generated {
    pub mod overview {
        use crate::overview::*;
        include!(concat!(env!("OUT_DIR"), "/overview.rs"));
    }
    pub mod flow {
        use crate::flow::*;
        include!(concat!(env!("OUT_DIR"), "/decision_flow.rs"));
    }
    pub mod guide {
        use crate::guide::*;
        include!(concat!(env!("OUT_DIR"), "/kubernetes_guide.rs"));
    }
}

/// The overview lesson ("why it works").
pub fn overview() -> &'static Overview {
    &generated::overview::OVERVIEW
}

/// The decision-flow lesson ("visual breakdown").
pub fn decision_flow() -> &'static DecisionFlow {
    &generated::flow::DECISION_FLOW
}

/// The Kubernetes guide, with each annotation's line filled in.
pub fn kubernetes_guide() -> &'static KubernetesGuide {
    &generated::guide::KUBERNETES_GUIDE
}

/// Every content file as (path, text), as it was when this crate was built.
pub fn sources() -> [(&'static str, &'static str); 3] {
    [
        (
            OVERVIEW_FILE,
            include_str!("../../../content/lessons/overview.toml"),
        ),
        (
            FLOW_FILE,
            include_str!("../../../content/flow/decision-flow.toml"),
        ),
        (
            GUIDE_FILE,
            include_str!("../../../content/lessons/kubernetes-guide.toml"),
        ),
    ]
}

/// Every problem in every content file; empty when all is well. `lab check-content` prints these
/// one per line. (The build already refuses invalid content; this re-checks the same text at run
/// time, natively, so a checker can report everything rather than stop at a build error.)
pub fn validate_all() -> Vec<ContentError> {
    let [(overview_file, overview_src), (flow_file, flow_src), (guide_file, guide_src)] = sources();
    let mut errors = Vec::new();
    errors.extend(
        parse_overview(overview_file, overview_src)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(
        parse_decision_flow(flow_file, flow_src)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(parse_guide(guide_file, guide_src).err().unwrap_or_default());
    errors
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
