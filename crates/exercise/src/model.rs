//! The exercise content model: what a course author writes in `content/exercises/*.toml`.
//!
//! Shared with build.rs (through `#[path]`), so the build rejects content that does not fit
//! these types, with the file and line, before anything reaches the browser.

use serde::{Deserialize, Serialize};

/// Identifies an exercise, e.g. `capacity-vs-load`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExerciseId(pub String);

/// A guided coding exercise: the story, the steps, and the play area once it is solved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: ExerciseId,
    pub title: String,
    pub topic: String,
    pub mode: String,
    pub minutes: u32,
    pub scenario: String,
    pub goal: String,
    pub what_you_learn: Vec<String>,
    pub why_real_world: String,
    pub why_career: String,
    /// What the editor holds before the learner types anything (and after a reset).
    pub starter_code: String,
    /// A reference solution; the content test proves it passes every step.
    pub solution: String,
    pub steps: Vec<Step>,
    pub beyond: Beyond,
}

/// One step of the exercise, checked on the program's behaviour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub number: u32,
    pub title: String,
    pub instruction: String,
    pub hint: String,
    /// Shown when the step passes.
    pub done: String,
    pub checks: Vec<Check>,
    /// Only for the bonus step: a program that passes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
}

/// A literal the checker compares a variable against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expected {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// One `key = value` entry a dict must have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub key: String,
    pub value: Expected,
}

/// A comparison operator for [`Check::DictCompares`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareOp {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Ge => ">=",
            CompareOp::Gt => ">",
            CompareOp::Le => "<=",
            CompareOp::Lt => "<",
            CompareOp::Eq => "==",
        }
    }
}

/// What a step requires of the program after it ran. `var` is a top-level variable name,
/// optionally with one string key: `systems` or `systems['combined']`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// `var` is a dict with exactly these entries (any order, any way of building it).
    DictEquals { var: String, entries: Vec<Entry> },
    /// `var` equals `expected` (same type: an int step is not passed by `'7'` or `7.0`).
    ValueEquals { var: String, expected: Expected },
    /// `var` has exactly the keys of `source`, each mapped to the bool `source[key] op threshold`.
    DictCompares {
        var: String,
        source: String,
        op: CompareOp,
        threshold: String,
    },
    /// A printed line shows `var` exactly as `print(var)` would, and only once.
    Printed { var: String, call: String },
}

/// The play area offered once the steps pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beyond {
    pub intro: String,
    pub load: Slider,
    pub strategies: Vec<PlayStrategy>,
    /// An optional extra step the learner can write (the combined strategy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Step>,
    /// How the play area's numbers open the cluster lab (see [`crate::play::lab_query`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<LabLink>,
}

/// The bridge from the toy numbers to the simulated cluster: which lab preset, which lab
/// strategy stands for each play strategy, and which toy load is the preset's own traffic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabLink {
    /// The link's text.
    pub label: String,
    /// A sentence under the link: what the learner will see there.
    pub note: String,
    /// A preset id: a file name in `content/scenarios/` without `.toml`.
    pub preset: String,
    pub seed: u64,
    /// The toy load that stands for the preset's own traffic (intensity 1): intensity = load / this.
    pub baseline_load: i64,
    /// A lab strategy (`single[:TYPE]`, `vertical[:TYPE]`, `fixed[:N]`, `hpa[:MIN-MAX[@PCT]]`,
    /// `hpa-ca[:MIN-MAX[@PCT]]`) for each play strategy key.
    pub strategies: Vec<LabStrategy>,
}

/// One play strategy and the lab strategy that stands for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabStrategy {
    pub key: String,
    pub strategy: String,
}

/// A slider's label, starting value and range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slider {
    #[serde(default)]
    pub label: String,
    pub default: i64,
    pub min: i64,
    pub max: i64,
}

/// A strategy in the play area and where its capacity comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayStrategy {
    pub key: String,
    pub label: String,
    pub description: String,
    pub capacity: CapacitySource,
    /// Hidden until the learner discovers it (the page reveals it after the four steps).
    #[serde(default)]
    pub discover: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CapacitySource {
    /// Set directly by a slider.
    Slider(Slider),
    /// The product of other strategies' capacities (e.g. nodes x capacity per node).
    ProductOf(Vec<String>),
}
