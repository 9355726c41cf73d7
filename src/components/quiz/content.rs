//! The built-in quizzes, compiled from content/quizzes/*.toml by build.rs (`build/quizzes.rs`):
//! validated at build time by the quiz crate, so the browser ships no TOML parser.

use quiz::model::{
    AnswerMode, Badge, BadgeRule, Category, ChoiceOption, Difficulty, GeneratorKind, ProcessTable,
    Question, QuestionBody, QuestionId, Quiz, QuizId, QuizMode, SolutionStep,
};

fn s(text: &str) -> String {
    text.to_string()
}

include!(concat!(env!("OUT_DIR"), "/quizzes.rs"));
