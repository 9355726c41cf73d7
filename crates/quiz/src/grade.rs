//! Grading one answer against one question: pure, no attempts or time (see `session` for those).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Question, QuestionBody};
use crate::output::{compare_output, OutputMismatch};

/// What the learner gave. Also stored in progress, so it (de)serialises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The 0-based index of an option (letter A = 0). For ordering questions with
    /// `order_options`, the index of the lettered whole order.
    Choice { index: usize },
    /// Step numbers (as presented, 1-based) in the learner's order.
    Order { steps: Vec<usize> },
    /// Typed text: a predicted command output, or a number for generated questions.
    Text { text: String },
}

/// Extra information for the feedback line beside right/wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GradeDetail {
    None,
    /// How many steps already stand in their right place.
    StepsInPlace {
        in_place: usize,
        total: usize,
    },
    /// The first line where a predicted output differs.
    OutputDiffers(OutputMismatch),
    /// A numeric answer that is not a whole number.
    NotANumber,
}

/// The verdict on one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub correct: bool,
    pub detail: GradeDetail,
}

impl Grade {
    fn plain(correct: bool) -> Grade {
        Grade {
            correct,
            detail: GradeDetail::None,
        }
    }
}

/// An answer that does not fit the question at all (a UI slip, not a wrong answer):
/// it never costs an attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerShapeError {
    /// The answer kind does not fit the question kind.
    WrongKind {
        question_kind: &'static str,
        answer_kind: &'static str,
    },
    /// A choice index past the last option.
    NoSuchOption { index: usize, option_count: usize },
    /// An order that is not a rearrangement of the steps 1..=n.
    NotAnOrder { step_count: usize },
    /// Generated questions are graded on their instance (`generate::GeneratedQuestion::grade`).
    NeedsInstance,
}

impl fmt::Display for AnswerShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerShapeError::WrongKind {
                question_kind,
                answer_kind,
            } => {
                write!(
                    f,
                    "a {answer_kind} answer does not fit a {question_kind} question"
                )
            }
            AnswerShapeError::NoSuchOption {
                index,
                option_count,
            } => {
                write!(f, "option {index} does not exist; there are {option_count}")
            }
            AnswerShapeError::NotAnOrder { step_count } => {
                write!(
                    f,
                    "an order must list each step from 1 to {step_count} once"
                )
            }
            AnswerShapeError::NeedsInstance => {
                write!(
                    f,
                    "a generated question is graded on the numbers it was given"
                )
            }
        }
    }
}

impl std::error::Error for AnswerShapeError {}

impl Answer {
    pub fn kind_str(&self) -> &'static str {
        match self {
            Answer::Choice { .. } => "choice",
            Answer::Order { .. } => "order",
            Answer::Text { .. } => "text",
        }
    }
}

fn is_order_of(steps: &[usize], n: usize) -> bool {
    let mut seen = vec![false; n];
    steps.len() == n
        && steps
            .iter()
            .all(|&s| (1..=n).contains(&s) && !std::mem::replace(&mut seen[s - 1], true))
}

/// Grades `answer` against `question`.
pub fn grade(question: &Question, answer: &Answer) -> Result<Grade, AnswerShapeError> {
    let wrong_kind = || AnswerShapeError::WrongKind {
        question_kind: question.body.kind_str(),
        answer_kind: answer.kind_str(),
    };
    match (&question.body, answer) {
        (
            QuestionBody::SingleChoice {
                options,
                correct_index,
            },
            Answer::Choice { index },
        ) => {
            if *index >= options.len() {
                return Err(AnswerShapeError::NoSuchOption {
                    index: *index,
                    option_count: options.len(),
                });
            }
            Ok(Grade::plain(index == correct_index))
        }
        (
            QuestionBody::Ordering {
                steps,
                correct_order,
                ..
            },
            Answer::Order { steps: order },
        ) => {
            if !is_order_of(order, steps.len()) {
                return Err(AnswerShapeError::NotAnOrder {
                    step_count: steps.len(),
                });
            }
            let in_place = order
                .iter()
                .zip(correct_order)
                .filter(|(a, b)| a == b)
                .count();
            Ok(Grade {
                correct: in_place == steps.len(),
                detail: GradeDetail::StepsInPlace {
                    in_place,
                    total: steps.len(),
                },
            })
        }
        (
            QuestionBody::Ordering {
                order_options,
                correct_option_index: Some(correct),
                ..
            },
            Answer::Choice { index },
        ) => {
            if *index >= order_options.len() {
                return Err(AnswerShapeError::NoSuchOption {
                    index: *index,
                    option_count: order_options.len(),
                });
            }
            Ok(Grade::plain(index == correct))
        }
        (
            QuestionBody::CommandOutput {
                expected_output, ..
            },
            Answer::Text { text },
        ) => Ok(match compare_output(expected_output, text) {
            Ok(()) => Grade::plain(true),
            Err(mismatch) => Grade {
                correct: false,
                detail: GradeDetail::OutputDiffers(mismatch),
            },
        }),
        (
            QuestionBody::CommandOutput {
                options,
                correct_index: Some(correct),
                ..
            },
            Answer::Choice { index },
        ) => {
            if *index >= options.len() {
                return Err(AnswerShapeError::NoSuchOption {
                    index: *index,
                    option_count: options.len(),
                });
            }
            Ok(Grade::plain(index == correct))
        }
        (QuestionBody::Generated { .. }, _) => Err(AnswerShapeError::NeedsInstance),
        _ => Err(wrong_kind()),
    }
}

/// Reads a whole number the way a learner might type it: "4", " 4 ", "4 replicas", "+4".
pub fn parse_whole_number(text: &str) -> Option<u64> {
    let first = text.split_whitespace().next()?;
    let digits = first.strip_prefix('+').unwrap_or(first);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole_number("4"), Some(4));
        assert_eq!(parse_whole_number("  12 replicas"), Some(12));
        assert_eq!(parse_whole_number("+3"), Some(3));
        assert_eq!(parse_whole_number("3.5"), None);
        assert_eq!(parse_whole_number("-3"), None);
        assert_eq!(parse_whole_number("four"), None);
        assert_eq!(parse_whole_number(""), None);
        assert_eq!(parse_whole_number("99999999999999999999999"), None);
    }

    #[test]
    fn order_shape() {
        assert!(is_order_of(&[2, 1, 3], 3));
        assert!(!is_order_of(&[2, 2, 3], 3));
        assert!(!is_order_of(&[0, 1, 2], 3));
        assert!(!is_order_of(&[1, 2], 3));
    }
}
