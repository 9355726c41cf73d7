//! The course's quiz files, embedded at compile time so the browser needs no file access.
//!
//! Adding a quiz file means adding one line to [`QUIZ_FILES`]; the native test
//! `every_quiz_file_is_embedded` fails if a file in content/quizzes/ is missing here.

use crate::model::{Quiz, QuizId};
use crate::validate::{validate_quiz_files, ContentProblem};

/// (file name, text) of every quiz file, in the order the course lists them.
pub const QUIZ_FILES: &[(&str, &str)] = &[
    (
        "practice.toml",
        include_str!("../../../content/quizzes/practice.toml"),
    ),
    (
        "visual.toml",
        include_str!("../../../content/quizzes/visual.toml"),
    ),
    (
        "challenge.toml",
        include_str!("../../../content/quizzes/challenge.toml"),
    ),
    (
        "commands.toml",
        include_str!("../../../content/quizzes/commands.toml"),
    ),
    (
        "generated.toml",
        include_str!("../../../content/quizzes/generated.toml"),
    ),
];

/// Every built-in quiz, validated. An error lists every problem, each printable on one line;
/// the native tests keep this from ever happening in a shipped build.
pub fn builtin_quizzes() -> Result<Vec<Quiz>, Vec<ContentProblem>> {
    let (quizzes, problems) = validate_quiz_files(QUIZ_FILES);
    if problems.is_empty() {
        Ok(quizzes)
    } else {
        Err(problems)
    }
}

/// One built-in quiz by id.
pub fn builtin_quiz(id: &str) -> Option<Quiz> {
    builtin_quizzes()
        .ok()?
        .into_iter()
        .find(|q| q.id == QuizId(id.to_string()))
}
