//! Quiz engine (UI-free): content model, grading, attempts, timers fed by the page, badges, validation.
//!
//! Flow: [`content::builtin_quizzes`] parses the embedded TOML through [`validate`] into
//! [`model::Quiz`] values; the page starts a [`session::QuizSession`] per run, feeds it answers and
//! elapsed milliseconds, shows its [`session::ProblemView`]s and [`session::QuizResult`], and keeps
//! a [`progress::Progress`] in storage as JSON.

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
