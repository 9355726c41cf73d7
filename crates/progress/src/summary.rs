//! The completion record: per mode what was done (titles from content), what is left, the
//! course score and the `completed` flag from content/completion.toml; and the detail of the
//! `mlops-scaling:progress` event.

use crate::catalog::{EXERCISE_STEPS, MISSIONS, PRESETS, QUIZZES, RULE};
use serde_json::Value;

use crate::doc::{Document, LabRun};

/// One quiz, as done so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizLine {
    pub id: &'static str,
    pub title: &'static str,
    pub questions: u32,
    /// Questions with a last answer, and those whose last answer is correct.
    pub answered: u32,
    pub right: u32,
    pub runs: u32,
    /// Best finished run: right answers and points (0 when no run finished).
    pub best_correct: u32,
    pub best_points: u32,
}

/// One mission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissionLine {
    pub id: &'static str,
    pub title: &'static str,
    pub completed: bool,
    /// Fewest cluster-changing commands of a completed run.
    pub best_commands: Option<u32>,
    pub par: u32,
    pub hints_used: u32,
}

/// One lab preset with the runs recorded for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetLine {
    pub id: &'static str,
    pub title: &'static str,
    pub runs: u32,
    /// The latest recorded run of the preset.
    pub last: Option<LabRun>,
}

/// Everything the "Your progress" page and the printed record show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The course score, 0..=100: `floor(100 × right / questions)`, where `questions` is every
    /// question of every quiz in content/quizzes (each counted once, by quiz id and question
    /// id) and `right` those whose last recorded answer is correct. Unanswered questions count
    /// as not right; a later wrong answer replaces an earlier right one. 0 when there are no
    /// questions.
    pub score: u32,
    pub right: u32,
    pub questions: u32,
    pub quizzes: Vec<QuizLine>,
    /// Every badge of the course and whether it is earned.
    pub badges: Vec<(&'static str, bool)>,
    pub missions: Vec<MissionLine>,
    /// Exercise steps done (of [`EXERCISE_STEPS`]) and the bonus.
    pub exercise_steps: u32,
    pub exercise_bonus: bool,
    /// Presets in the lab's order.
    pub presets: Vec<PresetLine>,
    pub lab_runs: u32,
    /// Whether every condition of content/completion.toml holds.
    pub completed: bool,
}

impl Summary {
    pub fn of(doc: &Document) -> Summary {
        let quizzes: Vec<QuizLine> = QUIZZES
            .iter()
            .map(|&(id, title, _, questions)| {
                // The quiz section is `quiz::progress::Progress` as JSON.
                let q = doc.quiz.get("quizzes").and_then(|m| m.get(id));
                let record = |qid: &&str| {
                    q.and_then(|q| q.get("last_answers"))
                        .and_then(|a| a.get(*qid))
                };
                let num = |key: &str| {
                    q.and_then(|q| q.get(key))
                        .and_then(Value::as_u64)
                        .map_or(0, |n| n.min(u64::from(u32::MAX)) as u32)
                };
                QuizLine {
                    id,
                    title,
                    questions: questions.len() as u32,
                    answered: questions.iter().filter(|x| record(x).is_some()).count() as u32,
                    right: questions
                        .iter()
                        .filter(|x| {
                            record(x)
                                .and_then(|r| r.get("correct"))
                                .and_then(Value::as_bool)
                                == Some(true)
                        })
                        .count() as u32,
                    runs: num("runs_completed"),
                    best_correct: num("best_correct"),
                    best_points: num("best_points"),
                }
            })
            .collect();
        let questions: u32 = quizzes.iter().map(|q| q.questions).sum();
        let right: u32 = quizzes.iter().map(|q| q.right).sum();
        let score = (u64::from(right) * 100)
            .checked_div(u64::from(questions))
            .unwrap_or(0) as u32;
        let badges: Vec<(&'static str, bool)> = QUIZZES
            .iter()
            .filter(|q| !q.2.is_empty())
            .map(|q| {
                let earned = doc
                    .quiz
                    .get("badges")
                    .and_then(Value::as_array)
                    .is_some_and(|b| b.iter().any(|x| x.as_str() == Some(q.2)));
                (q.2, earned)
            })
            .collect();
        let missions: Vec<MissionLine> = MISSIONS
            .iter()
            .map(|&(id, title, par)| {
                let m = doc.missions.get(id);
                MissionLine {
                    id,
                    title,
                    completed: m.is_some_and(|m| m.completed),
                    best_commands: m.and_then(|m| m.best_commands),
                    par,
                    hints_used: m.map_or(0, |m| m.hints_used),
                }
            })
            .collect();
        let exercise_steps = doc
            .exercise
            .as_ref()
            .map_or(0, |e| e.best.min(u64::from(EXERCISE_STEPS)) as u32);
        let exercise_bonus = doc.exercise.as_ref().is_some_and(|e| e.bonus);
        let presets: Vec<PresetLine> = PRESETS
            .iter()
            .map(|&(id, title, _)| {
                let mut runs = doc.lab_runs.iter().filter(|r| r.scenario == id);
                PresetLine {
                    id,
                    title,
                    runs: runs.clone().count() as u32,
                    last: runs.next_back().cloned(),
                }
            })
            .collect();
        let presets_run = presets.iter().filter(|p| p.runs > 0).count() as u32;

        let completed = score >= RULE.min_score
            && quizzes
                .iter()
                .all(|q| !RULE.quizzes.contains(&q.id) || q.runs > 0)
            && badges
                .iter()
                .all(|(b, earned)| *earned || !RULE.badges.contains(b))
            && missions
                .iter()
                .all(|m| m.completed || !RULE.missions.contains(&m.id))
            && exercise_steps >= RULE.exercise_steps
            && presets_run >= RULE.lab_presets;
        Summary {
            score,
            right,
            questions,
            quizzes,
            badges,
            completed,
            missions,
            exercise_steps,
            exercise_bonus,
            presets,
            lab_runs: doc.lab_runs.len() as u32,
        }
    }

    /// What content/completion.toml still asks for, one sentence each with the page's slug
    /// (empty exactly when `completed`). Built on demand: only the page shows it, and the
    /// bundles, which send the event, need not carry the sentences.
    pub fn left(&self) -> Vec<(&'static str, String)> {
        let mut left: Vec<(&'static str, String)> = Vec::new();
        let score = self.score;
        if score < RULE.min_score {
            left.push((
                "quiz",
                format!(
                    "Reach a course score of {} % (now {score} %).",
                    RULE.min_score
                ),
            ));
        }
        for q in self
            .quizzes
            .iter()
            .filter(|q| RULE.quizzes.contains(&q.id) && q.runs == 0)
        {
            left.push((
                "quiz",
                format!("Finish a run of \u{201c}{}\u{201d}.", q.title),
            ));
        }
        for (badge, _) in self
            .badges
            .iter()
            .filter(|(b, earned)| RULE.badges.contains(b) && !earned)
        {
            left.push(("quiz", format!("Earn the badge \u{201c}{badge}\u{201d}.")));
        }
        for m in self
            .missions
            .iter()
            .filter(|m| RULE.missions.contains(&m.id) && !m.completed)
        {
            left.push((
                "kubectl",
                format!("Complete the mission \u{201c}{}\u{201d}.", m.title),
            ));
        }
        let steps = self.exercise_steps;
        if steps < RULE.exercise_steps {
            left.push((
                "exercise",
                format!(
                    "Pass {} of the exercise's {EXERCISE_STEPS} steps (now {steps}).",
                    RULE.exercise_steps
                ),
            ));
        }
        let presets_run = self.presets.iter().filter(|p| p.runs > 0).count() as u32;
        if presets_run < RULE.lab_presets {
            left.push((
                "lab",
                format!(
                    "Run {} lab preset{} to its end (now {presets_run}).",
                    RULE.lab_presets,
                    if RULE.lab_presets == 1 { "" } else { "s" }
                ),
            ));
        }
        left
    }

    /// One line for a status bar or a learning platform.
    pub fn line(&self) -> String {
        let missions = self.missions.iter().filter(|m| m.completed).count();
        format!(
            "Course score {} % ({} of {} questions right); missions {} of {}; exercise steps {} of {}; lab runs {}; {}.",
            self.score,
            self.right,
            self.questions,
            missions,
            self.missions.len(),
            self.exercise_steps,
            EXERCISE_STEPS,
            self.lab_runs,
            if self.completed { "completed" } else { "not completed yet" }
        )
    }
}

/// The `detail` of the `mlops-scaling:progress` event, exactly
/// `{"score":{"raw":N,"min":0,"max":100},"completed":true|false,"summary":"<one line>"}`.
pub fn event_detail(summary: &Summary) -> String {
    let line = serde_json::to_string(&summary.line()).unwrap_or_else(|_| "\"\"".into());
    format!(
        "{{\"score\":{{\"raw\":{},\"min\":0,\"max\":100}},\"completed\":{},\"summary\":{line}}}",
        summary.score.min(100),
        summary.completed
    )
}
