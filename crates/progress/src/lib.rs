//! The learner's progress across the whole course in one versioned document (UI-free).
//!
//! One localStorage key, [`STORAGE_KEY`], holds a [`Document`]: the quiz progress, the
//! exercise, the kubectl missions and files, and the last lab runs. The app and the two bundles
//! (separate wasm modules sharing localStorage) each read the document, change only their own
//! section and write it back ([`Document::section_json`], [`Document::set_section_json`]).
//!
//! Loading never fails and never panics ([`load`]): a section that does not fit is dropped
//! alone with a notice, the others survive; a document that is not readable at all, or was
//! written by a newer version of the course, is handed back verbatim to be kept under
//! [`BACKUP_KEY`] before a fresh start, so nothing the learner did is lost. Import
//! ([`import`]) is strict instead: a bad file is refused and changes nothing.
//!
//! [`summary::Summary`] is the completion record the "Your progress" page shows, and
//! [`summary::event_detail`] the JSON of the `mlops-scaling:progress` event.

pub mod doc;
pub mod summary;

pub use doc::{
    export, import, load, migrate, valid_file_name, Document, ExerciseSection, LabRun, Legacy,
    Loaded, MissionRecord, Section, BACKUP_KEY, LEGACY_KEYS, MAX_DOCUMENT_BYTES, MAX_LAB_RUNS,
    SCHEMA_VERSION, STORAGE_KEY,
};

/// Content the summary needs, compiled from content/ by build.rs.
pub mod catalog {
    /// content/completion.toml: what "completed" means (see that file).
    #[derive(Debug)]
    pub struct CompletionRule {
        /// Least course score, percent.
        pub min_score: u32,
        /// Quizzes that need a finished run.
        pub quizzes: &'static [&'static str],
        /// Badges that must be earned.
        pub badges: &'static [&'static str],
        /// Missions that must be completed.
        pub missions: &'static [&'static str],
        /// Exercise steps done, at least.
        pub exercise_steps: u32,
        /// Distinct lab presets with a recorded run, at least.
        pub lab_presets: u32,
    }

    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

    /// Steps of the exercise (content/exercises/capacity-vs-load.toml; pinned by a test).
    pub const EXERCISE_STEPS: u32 = 4;
}
