//! The learner's saved progress: answers, best scores, badges, time, and the timer setting.
//!
//! Stored by the page (localStorage) as JSON under a versioned schema. Loading never fails:
//! unreadable, old, newer or implausible data gives a fresh progress plus a notice the page shows
//! once. Import, by contrast, refuses bad data and keeps what the learner has.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::grade::Answer;
use crate::session::QuizResult;
#[cfg(doc)]
use crate::session::QuizSession;
use crate::timer::TimerSetting;

/// Bump when the shape changes; older data is then discarded with a notice.
pub const PROGRESS_SCHEMA_VERSION: u32 = 1;
/// The localStorage key the page should use (the version is inside the value).
pub const PROGRESS_STORAGE_KEY: &str = "mlops-scaling.quiz-progress";
/// Real progress is a few kilobytes; anything far larger is not ours.
pub const MAX_PROGRESS_BYTES: usize = 256 * 1024;

// Plausibility limits: generous for this course, small enough that hostile data cannot bloat the page.
const MAX_QUIZZES: usize = 64;
const MAX_ANSWERS_PER_QUIZ: usize = 256;
const MAX_BADGES: usize = 64;
const MAX_ID_CHARS: usize = 200;
const MAX_TEXT_ANSWER_CHARS: usize = 10_000;
const MAX_QUESTIONS_PER_QUIZ: u32 = 1_000;

/// The last answer given to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRecord {
    pub answer: Answer,
    pub correct: bool,
}

/// Progress in one quiz.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizProgress {
    /// Finished runs (every problem solved or locked).
    pub runs_completed: u32,
    pub best_points: u32,
    pub best_correct: u32,
    pub question_count: u32,
    /// Screen time over all runs.
    pub time_spent_ms: u64,
    /// Keyed by question id.
    pub last_answers: BTreeMap<String, AnswerRecord>,
}

/// Everything saved, under one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub schema_version: u32,
    /// Keyed by quiz id.
    pub quizzes: BTreeMap<String, QuizProgress>,
    /// Names of the badges earned.
    pub badges: BTreeSet<String>,
    pub timer_setting: TimerSetting,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            schema_version: PROGRESS_SCHEMA_VERSION,
            quizzes: BTreeMap::new(),
            badges: BTreeSet::new(),
            timer_setting: TimerSetting::Standard,
        }
    }
}

/// Why stored or imported data was not used. `Display` is the one line the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressNotice {
    NotJson { reason: String },
    TooLarge { bytes: usize },
    NoVersion,
    OldSchema { found: u64 },
    NewerSchema { found: u64 },
    WrongShape { reason: String },
    Implausible { reason: String },
}

impl fmt::Display for ProgressNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self {
            ProgressNotice::NotJson { reason } => format!("it is not valid JSON ({reason})"),
            ProgressNotice::TooLarge { bytes } => {
                format!("it is {bytes} bytes, more than the {MAX_PROGRESS_BYTES} allowed")
            }
            ProgressNotice::NoVersion => "it has no schema_version".to_string(),
            ProgressNotice::OldSchema { found } => format!(
                "it was saved by an older version of the course (schema {found}, now {PROGRESS_SCHEMA_VERSION})"
            ),
            ProgressNotice::NewerSchema { found } => format!(
                "it was saved by a newer version of the course (schema {found}, this one reads {PROGRESS_SCHEMA_VERSION})"
            ),
            ProgressNotice::WrongShape { reason } => format!("its contents do not fit ({reason})"),
            ProgressNotice::Implausible { reason } => format!("its numbers do not add up ({reason})"),
        };
        write!(f, "Saved progress could not be used: {why}.")
    }
}

/// The result of loading stored progress: always a usable progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedProgress {
    pub progress: Progress,
    /// Set when stored data was discarded; show it once, then save the fresh progress.
    pub notice: Option<ProgressNotice>,
}

/// Loads what the page found in storage (None: nothing stored yet). Never panics, never fails.
pub fn load_progress(stored: Option<&str>) -> LoadedProgress {
    match stored {
        None => LoadedProgress {
            progress: Progress::default(),
            notice: None,
        },
        Some(text) => match import_progress(text) {
            Ok(progress) => LoadedProgress {
                progress,
                notice: None,
            },
            Err(notice) => LoadedProgress {
                progress: Progress::default(),
                notice: Some(notice),
            },
        },
    }
}

/// Reads progress from JSON text (a file the learner picked), refusing anything not valid.
pub fn import_progress(text: &str) -> Result<Progress, ProgressNotice> {
    if text.len() > MAX_PROGRESS_BYTES {
        return Err(ProgressNotice::TooLarge { bytes: text.len() });
    }
    // Parse generically first so an old schema is told apart from a broken file.
    // serde_json limits nesting depth, so hostile nesting is an error, not a stack overflow.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ProgressNotice::NotJson {
            reason: e.to_string(),
        })?;
    let version = value
        .get("schema_version")
        .ok_or(ProgressNotice::NoVersion)?
        .as_u64()
        .ok_or(ProgressNotice::NoVersion)?;
    match version.cmp(&u64::from(PROGRESS_SCHEMA_VERSION)) {
        std::cmp::Ordering::Less => return Err(ProgressNotice::OldSchema { found: version }),
        std::cmp::Ordering::Greater => return Err(ProgressNotice::NewerSchema { found: version }),
        std::cmp::Ordering::Equal => {}
    }
    let progress: Progress =
        serde_json::from_value(value).map_err(|e| ProgressNotice::WrongShape {
            reason: e.to_string(),
        })?;
    check_plausible(&progress).map_err(|reason| ProgressNotice::Implausible { reason })?;
    Ok(progress)
}

/// The JSON text to store or to offer as a download.
pub fn export_progress(progress: &Progress) -> String {
    // Serialising plain maps, strings and numbers cannot fail.
    serde_json::to_string_pretty(progress).unwrap_or_default()
}

fn check_plausible(p: &Progress) -> Result<(), String> {
    if p.quizzes.len() > MAX_QUIZZES {
        return Err(format!("{} quizzes", p.quizzes.len()));
    }
    if p.badges.len() > MAX_BADGES {
        return Err(format!("{} badges", p.badges.len()));
    }
    if let Some(b) = p
        .badges
        .iter()
        .find(|b| b.is_empty() || b.chars().count() > MAX_ID_CHARS)
    {
        return Err(format!("badge name of {} characters", b.chars().count()));
    }
    for (id, q) in &p.quizzes {
        if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
            return Err("a quiz id is empty or too long".into());
        }
        if q.question_count > MAX_QUESTIONS_PER_QUIZ || q.best_correct > q.question_count {
            return Err(format!(
                "quiz {id}: {} right out of {}",
                q.best_correct, q.question_count
            ));
        }
        let max_points =
            u64::from(q.question_count) * u64::from(crate::session::POINTS_FIRST_ATTEMPT);
        if u64::from(q.best_points) > max_points {
            return Err(format!(
                "quiz {id}: {} points out of at most {max_points}",
                q.best_points
            ));
        }
        if q.last_answers.len() > MAX_ANSWERS_PER_QUIZ {
            return Err(format!("quiz {id}: {} answers", q.last_answers.len()));
        }
        for (qid, record) in &q.last_answers {
            if qid.is_empty() || qid.chars().count() > MAX_ID_CHARS {
                return Err(format!("quiz {id}: a question id is empty or too long"));
            }
            let too_big = match &record.answer {
                Answer::Text { text } => text.chars().count() > MAX_TEXT_ANSWER_CHARS,
                Answer::Order { steps } => steps.len() > 64,
                Answer::Choice { .. } => false,
            };
            if too_big {
                return Err(format!("quiz {id}: the answer to {qid} is too large"));
            }
        }
    }
    Ok(())
}

impl Progress {
    /// Records the latest answer to a question (call after every graded submit).
    pub fn record_answer(
        &mut self,
        quiz_id: &str,
        question_id: &str,
        answer: Answer,
        correct: bool,
    ) {
        let quiz = self.quizzes.entry(quiz_id.to_string()).or_default();
        quiz.last_answers
            .insert(question_id.to_string(), AnswerRecord { answer, correct });
    }

    /// Records a finished run, once: best scores, time and badge. Get the result from
    /// [`QuizSession::take_result`], which hands it out only once per run, so saving after
    /// every answer cannot count a run twice. (Answers go in through `record_answer`.)
    pub fn record_result(&mut self, result: &QuizResult) {
        let quiz = self.quizzes.entry(result.quiz_id.0.clone()).or_default();
        quiz.runs_completed = quiz.runs_completed.saturating_add(1);
        quiz.question_count = u32::try_from(result.question_count).unwrap_or(u32::MAX);
        quiz.best_points = quiz.best_points.max(result.points);
        quiz.best_correct = quiz
            .best_correct
            .max(u32::try_from(result.correct_count).unwrap_or(u32::MAX));
        quiz.time_spent_ms = quiz.time_spent_ms.saturating_add(result.elapsed_ms);
        if let Some(badge) = &result.badge_earned {
            self.badges.insert(badge.clone());
        }
    }

    /// Forgets everything but the timer setting (the page's reset button).
    pub fn reset(&mut self) {
        *self = Progress {
            timer_setting: self.timer_setting,
            ..Progress::default()
        };
    }
}
