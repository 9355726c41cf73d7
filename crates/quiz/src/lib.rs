//! Quiz engine (UI-free): content model, grading, attempts, timers fed by the page, badges, validation.
//!
//! Flow for the page:
//! 1. [`content::builtin_quizzes`] (parse once, keep) turns the embedded TOML into [`Quiz`] values.
//! 2. Per run, [`QuizSession::with_seed`] (seed drawn by the page; generated questions use it).
//! 3. Each animation frame or second: [`QuizSession::advance`] with the elapsed milliseconds of the
//!    problem on screen; it reports `TimeLow` (announce, offer [`QuizSession::extend`]) and
//!    `TimeRanOut`. [`QuizSession::view`] gives the countdown "m:ss", attempts left and status.
//! 4. On answer: [`QuizSession::submit`] with an [`Answer`] (ordering questions build theirs with
//!    [`OrderingModel`]); then `Progress::record_answer`, and when [`QuizSession::take_result`]
//!    gives the result, `Progress::record_result` and the result screen.
//! 5. Storage: [`progress::load_progress`] on start (show its notice once), [`progress::export_progress`]
//!    to save or download, [`progress::import_progress`] for an uploaded file.
//!
//! Nothing here reads a clock or draws unseeded randomness.

pub mod content;
pub mod generate;
pub mod grade;
pub mod model;
pub mod ordering;
pub mod output;
pub mod progress;
pub mod session;
pub mod timer;
pub mod validate;

pub use grade::{grade, Answer, AnswerShapeError, Grade, GradeDetail};
pub use model::{Question, QuestionBody, QuestionId, Quiz, QuizId, QuizMode};
pub use ordering::OrderingModel;
pub use session::{ProblemStatus, ProblemView, QuizResult, QuizSession, SubmitError, Submitted};
pub use timer::TimerSetting;
pub use validate::{parse_quiz, validate_quiz_files, ContentProblem};
