//! Guided coding exercises (UI-free): the content model, the step checker and the play area.
//!
//! The exercise page calls [`check_program`] with the learner's code on Run/Check and shows
//! the report; it never matches typed text. Content lives in `content/exercises/*.toml` and is
//! compiled in by build.rs.
//!
//! ```
//! let ex = exercise::capacity_vs_load();
//! let report = exercise::check_program(ex, "systems = {}\nload = 8\n", &Default::default());
//! assert_eq!(report.progress_label(), "0 / 4 steps");
//! assert_eq!(report.steps[1].message, "load is 8, the step asks for 7");
//! ```

pub mod check;
pub mod edit;
pub mod model;
pub mod play;
pub mod progress;
pub mod validate;

pub use check::{check_program, check_step, CheckReport, StepResult};
pub use minipy::{PlainValue, PyError, RunOptions, RunOutcome};
pub use model::{
    Beyond, CapacitySource, Check, Exercise, ExerciseId, LabLink, LabStrategy, PlayStrategy,
    Slider, Step,
};
pub use play::{intensity, lab_query, play, play_program, PlayInputs, StrategyVerdict};
pub use progress::{step_states, Saved, StepState};
pub use validate::{validate, ContentProblem};

use std::sync::OnceLock;

/// Every exercise in `content/exercises/`, validated for shape by the build.
pub fn all() -> &'static [Exercise] {
    static ALL: OnceLock<Vec<Exercise>> = OnceLock::new();
    ALL.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/exercises.json")))
            .expect("build.rs wrote this JSON from the same model")
    })
}

/// The exercise with this id.
pub fn by_id(id: &str) -> Option<&'static Exercise> {
    all().iter().find(|e| e.id.0 == id)
}

/// The course's capacity-versus-load exercise (seed 003).
pub fn capacity_vs_load() -> &'static Exercise {
    by_id("capacity-vs-load").expect("content/exercises/capacity-vs-load.toml is compiled in")
}
