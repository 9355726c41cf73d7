//! The progress document: its sections, the tolerant loader, the legacy-key migration, and the
//! strict import of a file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bump when the shape changes incompatibly; a newer document is kept under [`BACKUP_KEY`].
pub const SCHEMA_VERSION: u32 = 1;
/// The one localStorage key of the document.
pub const STORAGE_KEY: &str = "mlops-scaling.progress";
/// Where an unreadable or newer document is kept, verbatim, before a fresh start.
pub const BACKUP_KEY: &str = "mlops-scaling.progress.unreadable";
/// The keys used before the document existed: quiz, exercise, kubectl missions, kubectl files.
/// Read once by [`migrate`] when [`STORAGE_KEY`] is absent, removed after the document saved.
pub const LEGACY_KEYS: [&str; 4] = [
    "mlops-scaling.quiz-progress",
    "mlops-scaling.exercise.capacity-vs-load",
    "mlops-scaling.kubectl.missions",
    "mlops-scaling.kubectl.files",
];
/// Real progress is tens of kilobytes (learner files included); more is not ours.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// The lab keeps the last this many runs.
pub const MAX_LAB_RUNS: usize = 50;

const MAX_MISSIONS: usize = 64;
const MAX_FILES: usize = 32;
/// As `kubectl::saved::MAX_FILE_BYTES`.
const MAX_FILE_BYTES: usize = 256 * 1024;
const MAX_CODE_BYTES: usize = 256 * 1024;
const MAX_ID_CHARS: usize = 200;

/// One mission's saved state (the shape of `kubectl::mission::MissionProgress`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionRecord {
    pub completed: bool,
    /// Fewest cluster-changing commands of a completed run.
    pub best_commands: Option<u32>,
    pub hints_used: u32,
}

/// The play area's sliders (the shape of `exercise::play::PlayInputs`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayRecord {
    pub capacities: Vec<(String, i64)>,
    pub load: i64,
    pub discovered: bool,
}

/// The exercise's saved state (the shape of `exercise::progress::Saved`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseSection {
    pub code: Option<String>,
    /// Steps passed in order, ever (capped at the exercise's step count on load).
    pub best: u64,
    pub bonus: bool,
    pub discovered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub play: Option<PlayRecord>,
}

/// One recorded lab run: the preset, the strategy, and the figures of the lab's summary table
/// (as the lab shows them: `p95_ms` "412", `dropped` "0.3 %", `cost` "1.25").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabRun {
    /// The preset's id (a file stem of content/scenarios).
    pub scenario: String,
    /// The strategy as the lab labels it (e.g. `hpa:2-10@50`).
    pub strategy: String,
    pub seed: u64,
    /// Simulated seconds reached.
    pub seconds: u64,
    pub p95_ms: String,
    pub dropped: String,
    pub peak_pods: u32,
    pub peak_nodes: u32,
    pub cost: String,
}

/// The whole course's progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: u32,
    /// Quizzes, badges and the timer setting: `quiz::progress::Progress` as JSON (validated by
    /// that crate's loader when the `quiz` feature is on, as in the app).
    pub quiz: Value,
    /// `None` until the exercise page saved.
    pub exercise: Option<ExerciseSection>,
    /// By mission id.
    pub missions: BTreeMap<String, MissionRecord>,
    /// The learner's kubectl files: name -> YAML text.
    pub files: BTreeMap<String, String>,
    /// Oldest first, at most [`MAX_LAB_RUNS`].
    pub lab_runs: Vec<LabRun>,
}

impl Default for Document {
    fn default() -> Document {
        Document {
            schema_version: SCHEMA_VERSION,
            quiz: empty_quiz(None),
            exercise: None,
            missions: BTreeMap::new(),
            files: BTreeMap::new(),
            lab_runs: Vec::new(),
        }
    }
}

/// A part of the document that one writer owns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Quiz,
    Exercise,
    Missions,
    Files,
    LabRuns,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Quiz,
        Section::Exercise,
        Section::Missions,
        Section::Files,
        Section::LabRuns,
    ];

    /// The key of the section in the document's JSON.
    pub fn key(self) -> &'static str {
        match self {
            Section::Quiz => "quiz",
            Section::Exercise => "exercise",
            Section::Missions => "missions",
            Section::Files => "files",
            Section::LabRuns => "lab_runs",
        }
    }

    /// How the learner calls it, in notices.
    fn name(self) -> &'static str {
        match self {
            Section::Quiz => "quiz progress",
            Section::Exercise => "exercise progress",
            Section::Missions => "kubectl mission progress",
            Section::Files => "kubectl files",
            Section::LabRuns => "lab runs",
        }
    }
}

/// `quiz::progress::Progress::default()` as JSON, keeping a timer setting.
fn empty_quiz(timer: Option<Value>) -> Value {
    serde_json::json!({
        "schema_version": 1,
        "quizzes": {},
        "badges": [],
        "timer_setting": timer.unwrap_or_else(|| serde_json::json!({"mode": "standard"})),
    })
}

/// What [`load`] and [`migrate`] found: always a usable document.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub document: Document,
    /// Sentences for the learner (dropped sections, a kept backup); show them once.
    pub notices: Vec<String>,
    /// The stored text, verbatim, when it could not be used at all: keep it under
    /// [`BACKUP_KEY`] before saving the fresh document.
    pub backup: Option<String>,
    /// Whether the stored text differs from the document (something was dropped or
    /// migrated): save the document.
    pub changed: bool,
}

impl Loaded {
    fn fresh() -> Loaded {
        Loaded {
            document: Document::default(),
            notices: Vec::new(),
            backup: None,
            changed: false,
        }
    }
}

/// Loads what the browser stored under [`STORAGE_KEY`] (`None`: nothing yet). Never panics,
/// never fails; see the crate's documentation for what happens to bad data.
pub fn load(stored: Option<&str>) -> Loaded {
    let Some(text) = stored else {
        return Loaded::fresh();
    };
    match parse_top(text) {
        Err(why) => Loaded {
            notices: vec![format!(
                "Your saved progress could not be used ({why}). It is kept aside in this browser \
                 (under {BACKUP_KEY}) and your progress starts afresh."
            )],
            backup: Some(text.to_string()),
            changed: true,
            ..Loaded::fresh()
        },
        Ok(map) => {
            let mut loaded = Loaded::fresh();
            for section in Section::ALL {
                let value = map.get(section.key());
                if let Some(why) = loaded.document.read_section(section, value) {
                    loaded.notices.push(format!(
                        "Your saved {} could not be read ({why}), so it starts afresh; \
                         the rest of your progress is kept.",
                        section.name()
                    ));
                    loaded.changed = true;
                }
            }
            loaded
        }
    }
}

/// Reads a progress file the learner picked. Strict: anything that does not fit entirely is
/// refused with a sentence saying why, and nothing changes.
pub fn import(text: &str) -> Result<Document, String> {
    let map = parse_top(text)?;
    let mut document = Document::default();
    for section in Section::ALL {
        if let Some(why) = document.read_section(section, map.get(section.key())) {
            return Err(format!("its {} does not fit ({why})", section.name()));
        }
    }
    Ok(document)
}

/// The JSON text to store or to offer as a download.
pub fn export(document: &Document) -> String {
    // Plain maps, strings and numbers: serialising cannot fail.
    serde_json::to_string(document).unwrap_or_default()
}

/// The values found under [`LEGACY_KEYS`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Legacy {
    pub quiz: Option<String>,
    pub exercise: Option<String>,
    pub missions: Option<String>,
    pub files: Option<String>,
}

impl Legacy {
    pub fn is_empty(&self) -> bool {
        self.quiz.is_none()
            && self.exercise.is_none()
            && self.missions.is_none()
            && self.files.is_none()
    }
}

/// Builds the document from the legacy keys, with the same tolerance their loaders had
/// (quiz: `quiz::progress::load_progress`; exercise: `Saved::parse`; kubectl: entry by entry).
/// `changed` is set when there was anything to migrate.
pub fn migrate(legacy: &Legacy) -> Loaded {
    let mut loaded = Loaded::fresh();
    if legacy.is_empty() {
        return loaded;
    }
    loaded.changed = true;
    #[cfg(feature = "quiz")]
    {
        let quiz = quiz::progress::load_progress(legacy.quiz.as_deref());
        loaded.document.quiz = serde_json::to_value(&quiz.progress).unwrap_or(Value::Null);
        if let Some(notice) = quiz.notice {
            loaded
                .notices
                .push(format!("{notice} Your quiz progress starts afresh."));
        }
    }
    #[cfg(not(feature = "quiz"))]
    if let Some(text) = &legacy.quiz {
        let why = match serde_json::from_str::<Value>(text) {
            Ok(value) => loaded.document.read_section(Section::Quiz, Some(&value)),
            Err(_) => Some("it is not valid JSON".into()),
        };
        if let Some(why) = why {
            loaded.notices.push(format!(
                "Saved progress could not be used: {why}. Your quiz progress starts afresh."
            ));
        }
    }
    if let Some(text) = &legacy.exercise {
        let value = serde_json::from_str::<Value>(text).ok();
        if value.is_none()
            || loaded
                .document
                .read_section(Section::Exercise, value.as_ref())
                .is_some()
        {
            loaded.notices.push(
                "Your saved progress for this exercise could not be read, so it starts afresh."
                    .into(),
            );
        }
    }
    // The kubectl loaders skipped bad entries silently and read unreadable text as empty.
    for (section, text) in [
        (Section::Missions, &legacy.missions),
        (Section::Files, &legacy.files),
    ] {
        if let Some(value) = text
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        {
            let _ = loaded.document.read_section(section, Some(&value));
        }
    }
    loaded
}

fn parse_top(text: &str) -> Result<serde_json::Map<String, Value>, String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "it is {} bytes, more than the {MAX_DOCUMENT_BYTES} allowed",
            text.len()
        ));
    }
    // serde_json limits nesting, so hostile nesting is an error, not a stack overflow.
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("it is not valid JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("it is not a progress document".into());
    };
    match map.get("schema_version").and_then(Value::as_u64) {
        None => Err("it has no schema_version".into()),
        Some(v) if v > u64::from(SCHEMA_VERSION) => Err(format!(
            "it was saved by a newer version of the course (schema {v}, this one reads {SCHEMA_VERSION})"
        )),
        Some(v) if v < u64::from(SCHEMA_VERSION) => Err(format!("unknown schema {v}")),
        Some(_) => Ok(map),
    }
}

fn id_ok(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= MAX_ID_CHARS
}

/// A name a learner can type after `kubectl apply -f` (as `kubectl::saved::valid_file_name`).
pub fn valid_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.contains(['/', '\\', ' '])
        && !name.chars().any(char::is_control)
}

impl Document {
    /// Replaces `section` with what `value` holds. A missing value is an empty section. Returns
    /// why, if the value was dropped as a whole (the section is then empty); bad entries of the
    /// kubectl sections are dropped one by one, as their loaders always did.
    fn read_section(&mut self, section: Section, value: Option<&Value>) -> Option<String> {
        let value = match value {
            None | Some(Value::Null) => {
                self.clear(section);
                return None;
            }
            Some(v) => v,
        };
        let result = self.try_read(section, value);
        if result.is_err() {
            self.clear(section);
        }
        result.err()
    }

    fn try_read(&mut self, section: Section, value: &Value) -> Result<(), String> {
        match section {
            #[cfg(feature = "quiz")]
            Section::Quiz => {
                let p = quiz::progress::import_progress(&value.to_string())
                    .map_err(|notice| notice.to_string())?;
                self.quiz = serde_json::to_value(&p).map_err(|e| e.to_string())?;
            }
            #[cfg(not(feature = "quiz"))]
            Section::Quiz => {
                // Quiz progress holds no fractions: a float would not survive a save exactly.
                fn has_float(v: &Value) -> bool {
                    match v {
                        Value::Number(n) => n.is_f64(),
                        Value::Array(a) => a.iter().any(has_float),
                        Value::Object(m) => m.values().any(has_float),
                        _ => false,
                    }
                }
                if !value.is_object()
                    || value.get("schema_version").and_then(Value::as_u64) != Some(1)
                    || has_float(value)
                {
                    return Err("it is not quiz progress of this version".into());
                }
                self.quiz = value.clone();
            }
            Section::Exercise => {
                let mut e: ExerciseSection = ExerciseSection::deserialize(value)
                    .map_err(|e| format!("its contents do not fit: {e}"))?;
                if e.code.as_ref().is_some_and(|c| c.len() > MAX_CODE_BYTES) {
                    return Err("the saved code is too long".into());
                }
                if e.play.as_ref().is_some_and(|p| p.capacities.len() > 32) {
                    return Err("too many sliders".into());
                }
                // As `Saved::parse`: more steps than the exercise has is capped, not refused.
                e.best = e.best.min(u64::from(crate::catalog::EXERCISE_STEPS));
                self.exercise = Some(e);
            }
            Section::Missions => {
                let map = value.as_object().ok_or("not a list of missions")?;
                if map.len() > MAX_MISSIONS {
                    return Err(format!("{} missions", map.len()));
                }
                self.missions = map
                    .iter()
                    .filter(|(id, _)| id_ok(id))
                    .filter_map(|(id, v)| Some((id.clone(), MissionRecord::deserialize(v).ok()?)))
                    .collect();
            }
            Section::Files => {
                let map = value.as_object().ok_or("not a list of files")?;
                if map.len() > MAX_FILES {
                    return Err(format!("{} files", map.len()));
                }
                self.files = map
                    .iter()
                    .filter_map(|(name, v)| match v {
                        Value::String(text)
                            if valid_file_name(name) && text.len() <= MAX_FILE_BYTES =>
                        {
                            Some((name.clone(), text.clone()))
                        }
                        _ => None,
                    })
                    .collect();
            }
            Section::LabRuns => {
                let list = value.as_array().ok_or("not a list of runs")?;
                if list.len() > MAX_LAB_RUNS {
                    return Err(format!(
                        "{} runs, at most {MAX_LAB_RUNS} are kept",
                        list.len()
                    ));
                }
                let mut runs = Vec::with_capacity(list.len());
                for v in list {
                    let run = LabRun::deserialize(v).map_err(|e| format!("a run: {e}"))?;
                    let texts = [
                        &run.scenario,
                        &run.strategy,
                        &run.p95_ms,
                        &run.dropped,
                        &run.cost,
                    ];
                    if texts.iter().any(|t| t.chars().count() > MAX_ID_CHARS)
                        || !id_ok(&run.scenario)
                    {
                        return Err("a run's text is empty or too long".into());
                    }
                    runs.push(run);
                }
                self.lab_runs = runs;
            }
        }
        Ok(())
    }

    fn clear(&mut self, section: Section) {
        match section {
            Section::Quiz => self.quiz = empty_quiz(self.quiz.get("timer_setting").cloned()),
            Section::Exercise => self.exercise = None,
            Section::Missions => self.missions.clear(),
            Section::Files => self.files.clear(),
            Section::LabRuns => self.lab_runs.clear(),
        }
    }

    /// The section as JSON text in the shape its writer's own loader reads (`None`: nothing
    /// saved yet), e.g. `exercise::progress::Saved::parse` or `kubectl::saved::load_files`.
    pub fn section_json(&self, section: Section) -> Option<String> {
        let text = match section {
            Section::Quiz => serde_json::to_string(&self.quiz),
            Section::Exercise => serde_json::to_string(self.exercise.as_ref()?),
            Section::Missions if self.missions.is_empty() => return None,
            Section::Missions => serde_json::to_string(&self.missions),
            Section::Files if self.files.is_empty() => return None,
            Section::Files => serde_json::to_string(&self.files),
            Section::LabRuns => serde_json::to_string(&self.lab_runs),
        };
        text.ok()
    }

    /// Replaces one section with its writer's JSON text (what its `to_json`/`save_*` wrote).
    /// A text that does not fit changes nothing and says why.
    pub fn set_section_json(&mut self, section: Section, text: &str) -> Result<(), String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut next = self.clone();
        match next.read_section(section, Some(&value)) {
            Some(why) => Err(format!("The {} could not be saved: {why}.", section.name())),
            None => {
                *self = next;
                Ok(())
            }
        }
    }

    /// Adds a finished lab run, forgetting the oldest beyond [`MAX_LAB_RUNS`].
    pub fn record_lab_run(&mut self, run: LabRun) {
        self.lab_runs.push(run);
        let excess = self.lab_runs.len().saturating_sub(MAX_LAB_RUNS);
        self.lab_runs.drain(..excess);
    }

    /// Forgets everything but the quiz's timer setting (the page's reset button).
    pub fn reset(&mut self) {
        *self = Document {
            quiz: empty_quiz(self.quiz.get("timer_setting").cloned()),
            ..Document::default()
        };
    }
}
