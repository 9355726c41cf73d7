//! The validated quiz content model: what the page renders and the engine grades.
//!
//! These types are only ever built by [`crate::validate`] from the TOML files, so a value of
//! them already satisfies every content rule (exactly one correct option, a valid order, ...).
//! They serialise so the page can snapshot or log them; they do not deserialise on purpose:
//! the only way in is through validation.

use serde::Serialize;

/// Identifies a quiz (one content file), e.g. `challenge`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuizId(pub String);

/// Identifies a question; unique across the whole course, so progress can key on it alone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuestionId(pub String);

impl std::fmt::Display for QuizId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for QuestionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the page presents a quiz.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuizMode {
    /// Instant feedback, hint on request, worked solution; unlimited attempts, no timer.
    Practice,
    /// Like practice, with the process table shown beside each question.
    Visual,
    /// Timed problems with limited attempts, a result screen and possibly a badge.
    Challenge,
}

impl QuizMode {
    pub fn as_str(self) -> &'static str {
        match self {
            QuizMode::Practice => "practice",
            QuizMode::Visual => "visual",
            QuizMode::Challenge => "challenge",
        }
    }
}

/// Difficulty labels as the seeds use them (two scales: easy/medium/hard and intermediate/...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
    Intermediate,
    Advanced,
    Expert,
}

impl Difficulty {
    pub const ALL: [Difficulty; 6] = [
        Difficulty::Easy,
        Difficulty::Medium,
        Difficulty::Hard,
        Difficulty::Intermediate,
        Difficulty::Advanced,
        Difficulty::Expert,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
            Difficulty::Expert => "expert",
        }
    }
}

/// The challenge's problem categories (shown as a label with an icon).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Conceptual,
    CommandOutput,
    Workflow,
    Troubleshooting,
    BestPractice,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Conceptual,
        Category::CommandOutput,
        Category::Workflow,
        Category::Troubleshooting,
        Category::BestPractice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Conceptual => "conceptual",
            Category::CommandOutput => "command_output",
            Category::Workflow => "workflow",
            Category::Troubleshooting => "troubleshooting",
            Category::BestPractice => "best_practice",
        }
    }

    /// The label the page shows.
    pub fn label(self) -> &'static str {
        match self {
            Category::Conceptual => "Conceptual",
            Category::CommandOutput => "Command output",
            Category::Workflow => "Workflow",
            Category::Troubleshooting => "Troubleshoot",
            Category::BestPractice => "Best practice",
        }
    }
}

/// A badge a quiz awards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Badge {
    pub name: String,
    pub description: String,
    pub rule: BadgeRule,
}

/// When a badge is earned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeRule {
    /// Every question of the quiz answered correctly within its attempts and time.
    AllCorrect,
}

/// The process table the visual quiz shows beside its questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProcessTable {
    pub caption: String,
    pub columns: Vec<String>,
    /// One row per step, step 1 first; every row has `columns.len()` cells.
    pub rows: Vec<Vec<String>>,
}

/// One step of a worked solution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SolutionStep {
    pub title: String,
    pub text: String,
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChoiceOption {
    pub text: String,
}

/// Whether a command-output question is answered by picking or by typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerMode {
    Choice,
    FreeText,
}

/// Which generator makes the numbers of a generated question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GeneratorKind {
    /// "N pods request R and use u1, u2...; the HPA targets T %: how many replicas?"
    HpaReplicas,
    /// The same with one more pod that has just started and is not Ready yet.
    HpaReplicasWithStartingPod,
}

impl GeneratorKind {
    pub const ALL: [GeneratorKind; 2] = [
        GeneratorKind::HpaReplicas,
        GeneratorKind::HpaReplicasWithStartingPod,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GeneratorKind::HpaReplicas => "hpa_replicas",
            GeneratorKind::HpaReplicasWithStartingPod => "hpa_replicas_with_starting_pod",
        }
    }
}

/// What kind of question it is and the data to grade it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionBody {
    /// Options lettered A, B, C...; exactly one is right.
    SingleChoice {
        options: Vec<ChoiceOption>,
        correct_index: usize,
    },
    /// Steps presented in this order and numbered from 1; `correct_order` lists those numbers in
    /// the right sequence. `order_options` are lettered whole-order answers (may be empty).
    Ordering {
        steps: Vec<String>,
        correct_order: Vec<usize>,
        order_options: Vec<Vec<usize>>,
        correct_option_index: Option<usize>,
    },
    /// Predict what `command` prints.
    CommandOutput {
        command: String,
        expected_output: String,
        answer_mode: AnswerMode,
        /// Only for [`AnswerMode::Choice`]; exactly one matches `expected_output`.
        options: Vec<ChoiceOption>,
        correct_index: Option<usize>,
    },
    /// Numbers made fresh each try by [`crate::generate`].
    Generated { generator: GeneratorKind },
}

impl QuestionBody {
    pub fn kind_str(&self) -> &'static str {
        match self {
            QuestionBody::SingleChoice { .. } => "single_choice",
            QuestionBody::Ordering { .. } => "ordering",
            QuestionBody::CommandOutput { .. } => "command_output",
            QuestionBody::Generated { .. } => "generated",
        }
    }
}

/// One validated question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: QuestionId,
    pub difficulty: Difficulty,
    pub category: Option<Category>,
    pub prompt: String,
    pub hint: String,
    pub explanation: Option<String>,
    /// Challenge problems only: the countdown before extensions, from "m:ss".
    pub time_limit_ms: Option<u64>,
    /// Challenge problems only: answers accepted before the problem locks.
    pub attempts_allowed: Option<u32>,
    /// Visual quiz: the 1-based row of the process table this question points at.
    pub table_step: Option<usize>,
    pub solution: Vec<SolutionStep>,
    pub quick_check: Option<String>,
    pub common_mistakes: Vec<String>,
    pub body: QuestionBody,
}

impl Question {
    /// The letter of the correct option ("C"), for choice-style questions.
    pub fn correct_letter(&self) -> Option<char> {
        let index = match &self.body {
            QuestionBody::SingleChoice { correct_index, .. } => Some(*correct_index),
            QuestionBody::Ordering {
                correct_option_index,
                ..
            } => *correct_option_index,
            QuestionBody::CommandOutput { correct_index, .. } => *correct_index,
            QuestionBody::Generated { .. } => None,
        }?;
        option_letter(index)
    }

    /// The worked solution's last line, `<option text> -> Option C`, derived from the content
    /// so it can never disagree with the option marked correct. None for generated questions.
    pub fn final_answer(&self) -> Option<String> {
        let letter = self.correct_letter();
        match &self.body {
            QuestionBody::SingleChoice {
                options,
                correct_index,
            } => Some(format!(
                "{} -> Option {}",
                options[*correct_index].text, letter?
            )),
            QuestionBody::Ordering {
                correct_order,
                correct_option_index,
                ..
            } => {
                let order: Vec<String> = correct_order.iter().map(ToString::to_string).collect();
                Some(match correct_option_index {
                    Some(_) => format!("{} -> Option {}", order.join(","), letter?),
                    None => order.join(","),
                })
            }
            QuestionBody::CommandOutput {
                expected_output,
                correct_index,
                ..
            } => Some(match correct_index {
                Some(_) => format!("{} -> Option {}", expected_output.trim(), letter?),
                None => expected_output.trim().to_string(),
            }),
            QuestionBody::Generated { .. } => None,
        }
    }
}

/// "A" for 0, "B" for 1...; None past "Z" (validation caps options well below that).
pub fn option_letter(index: usize) -> Option<char> {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map(|i| char::from(b'A' + i))
}

/// One validated content file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quiz {
    pub id: QuizId,
    pub title: String,
    pub mode: QuizMode,
    pub badge: Option<Badge>,
    pub table: Option<ProcessTable>,
    pub questions: Vec<Question>,
}

impl Quiz {
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }
}
