//! The reactive glue around one `quiz::QuizSession`: the page's only handle on a quiz run.
//!
//! It keeps the session in a signal, turns each graded answer into a feedback sentence, and
//! records answers and finished runs into the saved progress. Grading, attempts, time and badges
//! are all decided by the session; nothing here second-guesses it.

use leptos::prelude::*;
use quiz::grade::GradeDetail;
use quiz::session::{LockReason, ProblemView, QuizResult, SubmitError};
use quiz::{Answer, Quiz, QuizSession, TimerSetting};

use super::progress::ProgressStore;

/// The verdict shown under a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    /// Right (`Some(true)`), wrong (`Some(false)`) or a remark that is neither (`None`).
    pub correct: Option<bool>,
    pub text: String,
}

impl Feedback {
    fn remark(text: impl Into<String>) -> Feedback {
        Feedback {
            correct: None,
            text: text.into(),
        }
    }

    /// The CSS modifier: `ok`, `wrong` or `info`.
    pub fn as_str(&self) -> &'static str {
        match self.correct {
            Some(true) => "ok",
            Some(false) => "wrong",
            None => "info",
        }
    }
}

/// One run through a quiz, shared by the components that show it (`Copy`: signals only).
#[derive(Clone, Copy)]
pub struct QuizRun {
    /// The engine; read it through the methods below.
    pub session: RwSignal<QuizSession>,
    /// The latest feedback per problem.
    pub feedback: RwSignal<Vec<Option<Feedback>>>,
    /// The result, once the run is finished (recorded into progress exactly once).
    pub result: RwSignal<Option<QuizResult>>,
    progress: ProgressStore,
}

/// A seed for generated questions: the crate stays deterministic, the page brings the chance.
fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

fn wrong_text(detail: &GradeDetail, attempts_left: Option<u32>) -> String {
    let why = match detail {
        GradeDetail::StepsInPlace { in_place, total } => {
            format!(" {in_place} of {total} steps are in their right place.")
        }
        GradeDetail::OutputDiffers(m) if m.got_line.is_empty() => {
            format!(" Your answer stops before line {}.", m.line)
        }
        GradeDetail::OutputDiffers(m) if m.expected_line.is_empty() => {
            format!(" Line {} is one line more than kubectl prints.", m.line)
        }
        GradeDetail::OutputDiffers(m) => format!(
            " Line {} differs from what kubectl prints: you wrote \u{201c}{}\u{201d}.",
            m.line, m.got_line
        ),
        GradeDetail::NotANumber => " Type a whole number, such as 4.".to_string(),
        GradeDetail::None => String::new(),
    };
    let next = match attempts_left {
        None => " Try again, or take the hint.",
        Some(0) => " No attempts left.",
        Some(1) => " One attempt left.",
        Some(_) => " Try again.",
    };
    format!("Not quite.{why}{next}")
}

fn refused_text(err: &SubmitError) -> String {
    match err {
        SubmitError::Paused => "The timer is paused: resume to answer.".into(),
        SubmitError::AlreadySolved => "You already solved this one.".into(),
        SubmitError::Locked(LockReason::TimeRanOut) => "Time ran out for this problem.".into(),
        SubmitError::Locked(LockReason::AttemptsUsedUp) => {
            "No attempts are left for this problem.".into()
        }
        other => format!("That answer could not be checked: {other}."),
    }
}

impl QuizRun {
    /// A fresh run of `quiz` under `timer`, with a random seed for generated questions.
    pub fn new(quiz: &Quiz, timer: TimerSetting, progress: ProgressStore) -> QuizRun {
        let count = quiz.questions.len();
        QuizRun {
            session: RwSignal::new(QuizSession::with_seed(quiz, timer, fresh_seed())),
            feedback: RwSignal::new(vec![None; count]),
            result: RwSignal::new(None),
            progress,
        }
    }

    /// What problem `index` shows now (tracked).
    pub fn view(&self, index: usize) -> Option<ProblemView> {
        self.session.with(|s| s.view(index))
    }

    /// The feedback of problem `index` (tracked).
    pub fn feedback_of(&self, index: usize) -> Option<Feedback> {
        self.feedback.with(|f| f.get(index).cloned().flatten())
    }

    fn set_feedback(&self, index: usize, feedback: Option<Feedback>) {
        self.feedback.update(|f| {
            if let Some(slot) = f.get_mut(index) {
                *slot = feedback;
            }
        });
    }

    /// Grades `answer` for problem `index`, shows the verdict and saves it.
    pub fn submit(&self, index: usize, answer: Answer) {
        let Some(outcome) = self.session.try_update(|s| s.submit(index, answer.clone())) else {
            return;
        };
        let feedback = match outcome {
            Ok(submitted) => {
                let (quiz_id, question_id) = self.session.with_untracked(|s| {
                    (
                        s.quiz().id.0.clone(),
                        s.quiz().questions[index].id.0.clone(),
                    )
                });
                let correct = submitted.grade.correct;
                self.progress
                    .change(|p| p.record_answer(&quiz_id, &question_id, answer, correct));
                if correct {
                    Feedback {
                        correct: Some(true),
                        text: "Correct!".into(),
                    }
                } else {
                    Feedback {
                        correct: Some(false),
                        text: wrong_text(&submitted.grade.detail, submitted.attempts_left),
                    }
                }
            }
            Err(err) => Feedback::remark(refused_text(&err)),
        };
        self.set_feedback(index, Some(feedback));
        self.collect_result();
    }

    /// Records the result once the run is finished (time can finish it too).
    pub fn collect_result(&self) {
        if let Some(Some(result)) = self.session.try_update(|s| s.take_result()) {
            self.progress.change(|p| p.record_result(&result));
            self.result.set(Some(result));
        }
    }

    /// Reveals the hint of problem `index`.
    pub fn show_hint(&self, index: usize) {
        self.session.update(|s| {
            s.show_hint(index);
        });
    }

    /// New numbers for a generated question; its feedback starts over.
    pub fn new_numbers(&self, index: usize) {
        if self.session.try_update(|s| s.new_numbers(index)) == Some(true) {
            self.set_feedback(index, None);
        }
    }

    /// Starts the same quiz afresh ("retry").
    pub fn restart(&self) {
        let count = self.session.with_untracked(|s| s.quiz().questions.len());
        self.session.update(|s| *s = s.restart());
        self.feedback.set(vec![None; count]);
        self.result.set(None);
    }

    /// Feeds screen time to problem `index`; says what happened, if anything worth announcing.
    pub fn advance(&self, index: usize, elapsed_ms: u64) -> Option<quiz::session::ProblemEvent> {
        let event = self
            .session
            .try_update(|s| s.advance(index, elapsed_ms))
            .flatten();
        if let Some(quiz::session::ProblemEvent::TimeRanOut { .. }) = event {
            self.set_feedback(
                index,
                Some(Feedback {
                    correct: Some(false),
                    text: "Time ran out for this problem.".into(),
                }),
            );
            self.collect_result();
        }
        event
    }
}
