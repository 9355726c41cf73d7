//! One run through a quiz: attempts, timers fed by the page, locking, scoring and the badge.
//!
//! The page owns the clock: it calls [`QuizSession::advance`] with the milliseconds that passed
//! while a problem was on screen. Practice and visual quizzes have no limits (content gives
//! none), so the same session type serves every mode.

use std::fmt;

use serde::Serialize;

use crate::generate::{generate, next_seed, GeneratedQuestion};
use crate::grade::{grade, Answer, AnswerShapeError, Grade};
use crate::model::{BadgeRule, QuestionBody, QuestionId, Quiz, QuizId};
use crate::timer::{format_countdown, TimerSetting};

/// Points for a right answer on the first attempt; later attempts earn half.
pub const POINTS_FIRST_ATTEMPT: u32 = 100;
pub const POINTS_LATER_ATTEMPT: u32 = 50;
/// When the page is told time is running low: WCAG 2.2.1 asks for a warning with at least
/// 20 seconds left to extend with a simple action ([`QuizSession::extend`]).
pub const LOW_TIME_WARNING_MS: u64 = 20_000;

/// Why a problem no longer accepts answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    TimeRanOut,
    AttemptsUsedUp,
}

/// Where a problem stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ProblemStatus {
    Open,
    /// Answered right on attempt `attempt` (1-based).
    Solved {
        attempt: u32,
    },
    Locked {
        reason: LockReason,
    },
}

impl ProblemStatus {
    pub fn is_done(self) -> bool {
        !matches!(self, ProblemStatus::Open)
    }
}

/// Everything the session knows about one problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProblemState {
    pub attempts_used: u32,
    /// Time the problem was on screen and not paused.
    pub elapsed_ms: u64,
    /// Time granted on request ("more time") on top of the limit.
    pub extra_ms: u64,
    pub status: ProblemStatus,
    pub hint_shown: bool,
    /// Every answer given, oldest first.
    pub answers: Vec<Answer>,
    /// The low-time warning was given (again after an extension).
    pub low_time_warned: bool,
}

/// What happened when time was fed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProblemEvent {
    /// `remaining_ms` fell to [`LOW_TIME_WARNING_MS`] or below: announce it and offer "more time".
    TimeLow {
        index: usize,
        remaining_ms: u64,
    },
    TimeRanOut {
        index: usize,
    },
}

/// The verdict on a submitted answer, with what is left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Submitted {
    pub grade: Grade,
    /// None when attempts are unlimited.
    pub attempts_left: Option<u32>,
    pub status: ProblemStatus,
}

/// An answer the session refused; none of these uses up an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitError {
    NoSuchProblem { index: usize },
    AlreadySolved,
    Locked(LockReason),
    Paused,
    Shape(AnswerShapeError),
}

impl fmt::Display for SubmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubmitError::NoSuchProblem { index } => write!(f, "there is no problem {index}"),
            SubmitError::AlreadySolved => write!(f, "this problem is already solved"),
            SubmitError::Locked(LockReason::TimeRanOut) => {
                write!(f, "time ran out for this problem")
            }
            SubmitError::Locked(LockReason::AttemptsUsedUp) => {
                write!(f, "no attempts are left for this problem")
            }
            SubmitError::Paused => write!(f, "the timer is paused; resume to answer"),
            SubmitError::Shape(err) => write!(f, "{err}"),
        }
    }
}

impl std::error::Error for SubmitError {}

/// What the page shows for one problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProblemView {
    pub index: usize,
    pub question_id: QuestionId,
    pub status: ProblemStatus,
    pub attempts_used: u32,
    /// None when attempts are unlimited.
    pub attempts_left: Option<u32>,
    /// None when untimed (no limit in content, or the timer setting is Off).
    pub remaining_ms: Option<u64>,
    /// `remaining_ms` as "m:ss".
    pub countdown: Option<String>,
    pub hint_shown: bool,
    pub paused: bool,
}

/// One problem's line on the result screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProblemResult {
    pub question_id: QuestionId,
    pub status: ProblemStatus,
    pub attempts_used: u32,
    pub elapsed_ms: u64,
    pub points: u32,
}

/// The result screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuizResult {
    pub quiz_id: QuizId,
    pub correct_count: usize,
    pub question_count: usize,
    pub points: u32,
    pub max_points: u32,
    pub elapsed_ms: u64,
    /// The badge's name, when the run earned it.
    pub badge_earned: Option<String>,
    pub problems: Vec<ProblemResult>,
}

/// A run through one quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuizSession {
    quiz: Quiz,
    timer_setting: TimerSetting,
    paused: bool,
    problems: Vec<ProblemState>,
    /// The numbers of each generated question (None for the others).
    generated: Vec<Option<GeneratedQuestion>>,
    seed: u64,
    /// The final result was handed out (see [`QuizSession::take_result`]).
    result_taken: bool,
}

fn fresh_problem() -> ProblemState {
    ProblemState {
        attempts_used: 0,
        elapsed_ms: 0,
        extra_ms: 0,
        status: ProblemStatus::Open,
        hint_shown: false,
        answers: Vec::new(),
        low_time_warned: false,
    }
}

impl QuizSession {
    /// A run with seed 0 for generated questions (tests, and quizzes without any).
    pub fn new(quiz: &Quiz, timer_setting: TimerSetting) -> QuizSession {
        QuizSession::with_seed(quiz, timer_setting, 0)
    }

    /// A run whose generated questions take their numbers from `seed` (the page draws it).
    pub fn with_seed(quiz: &Quiz, timer_setting: TimerSetting, seed: u64) -> QuizSession {
        let mut question_seed = seed;
        let generated = quiz
            .questions
            .iter()
            .map(|q| {
                question_seed = next_seed(question_seed);
                match q.body {
                    QuestionBody::Generated { generator } => {
                        Some(generate(generator, question_seed))
                    }
                    _ => None,
                }
            })
            .collect();
        let problems = quiz.questions.iter().map(|_| fresh_problem()).collect();
        QuizSession {
            quiz: quiz.clone(),
            timer_setting,
            paused: false,
            problems,
            generated,
            seed,
            result_taken: false,
        }
    }

    /// The numbers of generated question `index` (None for other kinds).
    pub fn generated(&self, index: usize) -> Option<&GeneratedQuestion> {
        self.generated.get(index)?.as_ref()
    }

    /// "New numbers": a generated question gets the next seed's numbers and starts over.
    /// False for other kinds. This is why practice never runs out.
    pub fn new_numbers(&mut self, index: usize) -> bool {
        let Some(Some(current)) = self.generated.get(index) else {
            return false;
        };
        let fresh = generate(current.generator, next_seed(current.seed));
        self.generated[index] = Some(fresh);
        self.problems[index] = fresh_problem();
        true
    }

    /// A fresh run of the same quiz with the same setting ("retry"); generated questions get
    /// new numbers.
    pub fn restart(&self) -> QuizSession {
        QuizSession::with_seed(&self.quiz, self.timer_setting, next_seed(self.seed))
    }

    pub fn quiz(&self) -> &Quiz {
        &self.quiz
    }

    pub fn problem(&self, index: usize) -> Option<&ProblemState> {
        self.problems.get(index)
    }

    pub fn timer_setting(&self) -> TimerSetting {
        self.timer_setting
    }

    /// Changes the accessibility setting mid-run. Problems already locked by time stay locked;
    /// open ones get the new limit at once.
    pub fn set_timer_setting(&mut self, setting: TimerSetting) {
        self.timer_setting = setting;
    }

    /// Stops every countdown until [`QuizSession::resume`]; answers wait too, so pausing
    /// cannot be used to think while the answer form stays live.
    pub fn pause(&mut self) {
        self.paused = true;
    }

    pub fn resume(&mut self) {
        self.paused = false;
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// The limit of problem `index` under the current setting, extensions included.
    fn limit_ms(&self, index: usize) -> Option<u64> {
        let content = self.quiz.questions.get(index)?.time_limit_ms;
        let base = self.timer_setting.effective_limit_ms(content)?;
        Some(base.saturating_add(self.problems[index].extra_ms))
    }

    fn remaining_ms(&self, index: usize) -> Option<u64> {
        let limit = self.limit_ms(index)?;
        Some(limit.saturating_sub(self.problems[index].elapsed_ms))
    }

    /// Feeds `elapsed_ms` of screen time to problem `index`. Ignored while paused, for a
    /// finished problem or an index past the end. Reports, once each, the moment time runs
    /// low and the moment it runs out.
    pub fn advance(&mut self, index: usize, elapsed_ms: u64) -> Option<ProblemEvent> {
        if self.paused || self.problems.get(index)?.status.is_done() {
            return None;
        }
        let state = &mut self.problems[index];
        state.elapsed_ms = state.elapsed_ms.saturating_add(elapsed_ms);
        if let Some(event) = self.lock_if_out_of_time(index) {
            return Some(event);
        }
        let remaining_ms = self.remaining_ms(index)?;
        let state = &mut self.problems[index];
        if remaining_ms <= LOW_TIME_WARNING_MS && !state.low_time_warned {
            state.low_time_warned = true;
            return Some(ProblemEvent::TimeLow {
                index,
                remaining_ms,
            });
        }
        None
    }

    fn lock_if_out_of_time(&mut self, index: usize) -> Option<ProblemEvent> {
        let limit_ms = self.limit_ms(index)?;
        let state = &self.problems[index];
        if state.status == ProblemStatus::Open && state.elapsed_ms >= limit_ms {
            // A late tick may overshoot; the time spent on a timed-out problem is its limit.
            self.problems[index].elapsed_ms = limit_ms;
            self.problems[index].status = ProblemStatus::Locked {
                reason: LockReason::TimeRanOut,
            };
            return Some(ProblemEvent::TimeRanOut { index });
        }
        None
    }

    /// Grants `extra_ms` more time to an open problem (the "I need more time" button that
    /// WCAG 2.2.1 asks for). False when the problem is not open or untimed.
    pub fn extend(&mut self, index: usize, extra_ms: u64) -> bool {
        if self.limit_ms(index).is_none() || self.problems[index].status.is_done() {
            return false;
        }
        let state = &mut self.problems[index];
        state.extra_ms = state.extra_ms.saturating_add(extra_ms);
        state.low_time_warned = false;
        true
    }

    /// Records that the hint was shown (the result screen may mention it; it costs nothing).
    pub fn show_hint(&mut self, index: usize) -> Option<&str> {
        let hint = &self.quiz.questions.get(index)?.hint;
        self.problems[index].hint_shown = true;
        Some(hint)
    }

    /// Grades `answer` for problem `index`, counts the attempt and locks the problem when the
    /// last attempt was wrong. Refused answers (see [`SubmitError`]) cost nothing.
    pub fn submit(&mut self, index: usize, answer: Answer) -> Result<Submitted, SubmitError> {
        if index >= self.problems.len() {
            return Err(SubmitError::NoSuchProblem { index });
        }
        if self.paused {
            return Err(SubmitError::Paused);
        }
        // The page may submit before its next tick: time that is out is out.
        self.lock_if_out_of_time(index);
        match self.problems[index].status {
            ProblemStatus::Open => {}
            ProblemStatus::Solved { .. } => return Err(SubmitError::AlreadySolved),
            ProblemStatus::Locked { reason } => return Err(SubmitError::Locked(reason)),
        }
        let question = &self.quiz.questions[index];
        let verdict = match &self.generated[index] {
            Some(instance) => instance.grade(&answer),
            None => grade(question, &answer),
        }
        .map_err(SubmitError::Shape)?;
        let allowed = question.attempts_allowed;
        let state = &mut self.problems[index];
        state.attempts_used += 1;
        state.answers.push(answer);
        let attempts_left = allowed.map(|n| n.saturating_sub(state.attempts_used));
        if verdict.correct {
            state.status = ProblemStatus::Solved {
                attempt: state.attempts_used,
            };
        } else if attempts_left == Some(0) {
            state.status = ProblemStatus::Locked {
                reason: LockReason::AttemptsUsedUp,
            };
        }
        Ok(Submitted {
            grade: verdict,
            attempts_left,
            status: state.status,
        })
    }

    pub fn view(&self, index: usize) -> Option<ProblemView> {
        let question = self.quiz.questions.get(index)?;
        let state = &self.problems[index];
        let remaining_ms = self.remaining_ms(index);
        Some(ProblemView {
            index,
            question_id: question.id.clone(),
            status: state.status,
            attempts_used: state.attempts_used,
            attempts_left: question
                .attempts_allowed
                .map(|n| n.saturating_sub(state.attempts_used)),
            remaining_ms,
            countdown: remaining_ms.map(format_countdown),
            hint_shown: state.hint_shown,
            paused: self.paused,
        })
    }

    /// Every problem solved or locked: time for the result screen.
    pub fn is_finished(&self) -> bool {
        self.problems.iter().all(|p| p.status.is_done())
    }

    /// The final result, exactly once: Some on the first call after the run is finished, None
    /// before and after. Feed it to `Progress::record_result`.
    pub fn take_result(&mut self) -> Option<QuizResult> {
        if self.result_taken || !self.is_finished() {
            return None;
        }
        self.result_taken = true;
        Some(self.result())
    }

    /// The result so far (final once [`QuizSession::is_finished`]).
    pub fn result(&self) -> QuizResult {
        let problems: Vec<ProblemResult> = self
            .quiz
            .questions
            .iter()
            .zip(&self.problems)
            .map(|(q, p)| ProblemResult {
                question_id: q.id.clone(),
                status: p.status,
                attempts_used: p.attempts_used,
                elapsed_ms: p.elapsed_ms,
                points: match p.status {
                    ProblemStatus::Solved { attempt: 1 } => POINTS_FIRST_ATTEMPT,
                    ProblemStatus::Solved { .. } => POINTS_LATER_ATTEMPT,
                    _ => 0,
                },
            })
            .collect();
        let correct_count = problems
            .iter()
            .filter(|p| matches!(p.status, ProblemStatus::Solved { .. }))
            .count();
        let question_count = problems.len();
        // The badge rewards knowing the answers, not speed: it is earned under any timer
        // setting, so learners who need longer limits can earn it too.
        let badge_earned = self.quiz.badge.as_ref().and_then(|badge| match badge.rule {
            BadgeRule::AllCorrect => {
                (question_count > 0 && correct_count == question_count).then(|| badge.name.clone())
            }
        });
        QuizResult {
            quiz_id: self.quiz.id.clone(),
            correct_count,
            question_count,
            points: problems.iter().map(|p| p.points).sum(),
            max_points: POINTS_FIRST_ATTEMPT * question_count as u32,
            elapsed_ms: problems.iter().map(|p| p.elapsed_ms).sum(),
            badge_earned,
            problems,
        }
    }
}
