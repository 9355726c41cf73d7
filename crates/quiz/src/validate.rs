//! Parsing and validation of quiz content files: TOML text in, a [`Quiz`] or a list of problems out.
//!
//! Enum-like fields are read as plain strings first and checked here, so one pass reports every
//! problem of a file (not only the first), each with its place: file, question id and field.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::model::{
    option_letter, AnswerMode, Badge, BadgeRule, Category, ChoiceOption, Difficulty, GeneratorKind,
    ProcessTable, Question, QuestionBody, QuestionId, Quiz, QuizId, QuizMode, SolutionStep,
};
use crate::output::outputs_match;
use crate::timer::parse_time_limit;

/// Options past this many would run out of letters and out of screen; a typo guard, too.
const MAX_OPTIONS: usize = 8;
/// Ordering questions longer than this are not drag-and-drop friendly.
const MAX_STEPS: usize = 10;

/// One problem found in a content file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentProblem {
    pub file: String,
    /// None for problems of the file as a whole (syntax, the `[quiz]` table).
    pub question_id: Option<String>,
    /// The field at fault, e.g. `options`, `quiz.badge.rule`; `line 12, column 3` for syntax errors.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(id) = &self.question_id {
            write!(f, ": question {id}")?;
        }
        write!(f, ": {}: {}", self.field, self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    quiz: RawQuiz,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    id: String,
    title: String,
    mode: String,
    badge: Option<RawBadge>,
    table: Option<RawTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBadge {
    name: String,
    rule: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    caption: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: String,
    #[serde(default)]
    correct: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    title: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    kind: String,
    difficulty: Option<String>,
    category: Option<String>,
    prompt: Option<String>,
    hint: Option<String>,
    explanation: Option<String>,
    time_limit: Option<String>,
    attempts: Option<i64>,
    table_step: Option<i64>,
    #[serde(default)]
    solution: Vec<RawStep>,
    quick_check: Option<String>,
    #[serde(default)]
    common_mistakes: Vec<String>,
    options: Option<Vec<RawOption>>,
    steps: Option<Vec<String>>,
    correct_order: Option<Vec<i64>>,
    order_options: Option<Vec<Vec<i64>>>,
    command: Option<String>,
    expected_output: Option<String>,
    answer_mode: Option<String>,
    generator: Option<String>,
}

/// Collects problems for one file, so each check is a line.
struct Report<'a> {
    file: &'a str,
    problems: Vec<ContentProblem>,
}

impl Report<'_> {
    fn quiz(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(ContentProblem {
            file: self.file.to_string(),
            question_id: None,
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn question(&mut self, id: &str, field: &str, message: impl Into<String>) {
        self.problems.push(ContentProblem {
            file: self.file.to_string(),
            question_id: Some(id.to_string()),
            field: field.to_string(),
            message: message.into(),
        });
    }
}

/// 1-based line and column of a byte offset, for syntax errors.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(before.chars().count(), |nl| {
        before[nl + 1..].chars().count()
    }) + 1;
    (line, column)
}

fn is_blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn parse_enum<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str, raw: &str) -> Option<T> {
    all.iter().copied().find(|v| name(*v) == raw)
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|v| name(*v)).collect::<Vec<_>>().join(", ")
}

/// Parses and validates one quiz file. `file` is only used to name the place of problems.
pub fn parse_quiz(file: &str, text: &str) -> Result<Quiz, Vec<ContentProblem>> {
    let mut report = Report {
        file,
        problems: Vec::new(),
    };
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(err) => {
            let place = match err.span() {
                Some(span) => {
                    let (line, column) = line_column(text, span.start);
                    format!("line {line}, column {column}")
                }
                None => "syntax".to_string(),
            };
            // toml's message may span several lines; the first says what is wrong.
            let message = err
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            report.quiz(&place, message);
            return Err(report.problems);
        }
    };
    let quiz = check_file(&mut report, raw);
    if report.problems.is_empty() {
        Ok(quiz)
    } else {
        Err(report.problems)
    }
}

fn check_file(report: &mut Report<'_>, raw: RawFile) -> Quiz {
    let q = raw.quiz;
    if q.id.trim().is_empty() {
        report.quiz("quiz.id", "must not be empty");
    }
    if q.title.trim().is_empty() {
        report.quiz("quiz.title", "must not be empty");
    }
    let mode = match q.mode.as_str() {
        "practice" => QuizMode::Practice,
        "visual" => QuizMode::Visual,
        "challenge" => QuizMode::Challenge,
        other => {
            report.quiz(
                "quiz.mode",
                format!("unknown mode {other:?}; expected practice, visual or challenge"),
            );
            QuizMode::Practice
        }
    };
    let badge = q.badge.map(|b| {
        if b.name.trim().is_empty() {
            report.quiz("quiz.badge.name", "must not be empty");
        }
        if b.rule != "all_correct" {
            report.quiz(
                "quiz.badge.rule",
                format!("unknown rule {:?}; expected all_correct", b.rule),
            );
        }
        Badge {
            name: b.name,
            description: b.description,
            rule: BadgeRule::AllCorrect,
        }
    });
    let table = q.table.map(|t| {
        if t.columns.is_empty() {
            report.quiz("quiz.table.columns", "must list at least one column");
        }
        if t.rows.is_empty() {
            report.quiz("quiz.table.rows", "must have at least one row");
        }
        for (i, row) in t.rows.iter().enumerate() {
            if row.len() != t.columns.len() {
                report.quiz(
                    "quiz.table.rows",
                    format!(
                        "row {} has {} cells but there are {} columns",
                        i + 1,
                        row.len(),
                        t.columns.len()
                    ),
                );
            }
        }
        ProcessTable {
            caption: t.caption,
            columns: t.columns,
            rows: t.rows,
        }
    });
    if mode == QuizMode::Visual && table.is_none() {
        report.quiz(
            "quiz.table",
            "a visual quiz needs the process table it points at",
        );
    }
    if raw.questions.is_empty() {
        report.quiz("questions", "the quiz has no questions");
    }
    let table_rows = table.as_ref().map(|t| t.rows.len());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut questions = Vec::with_capacity(raw.questions.len());
    for (index, rq) in raw.questions.into_iter().enumerate() {
        if rq.id.trim().is_empty() {
            report.quiz(
                &format!("questions[{index}].id"),
                "every question needs an id",
            );
        } else if let Some(first) = seen.insert(rq.id.clone(), index) {
            report.question(
                &rq.id,
                "id",
                format!("duplicate id: questions {first} and {index} share it"),
            );
        }
        if let Some(question) = check_question(report, mode, table_rows, rq) {
            questions.push(question);
        }
    }
    Quiz {
        id: QuizId(q.id),
        title: q.title,
        mode,
        badge,
        table,
        questions,
    }
}

/// Fields that only make sense for some kinds; naming them catches copy-paste slips.
fn reject_unused(report: &mut Report<'_>, rq: &RawQuestion, kind: &str) {
    let present: [(&str, bool, &[&str]); 7] = [
        (
            "options",
            rq.options.is_some(),
            &["single_choice", "command_output"],
        ),
        ("steps", rq.steps.is_some(), &["ordering"]),
        ("correct_order", rq.correct_order.is_some(), &["ordering"]),
        ("order_options", rq.order_options.is_some(), &["ordering"]),
        ("command", rq.command.is_some(), &["command_output"]),
        (
            "expected_output",
            rq.expected_output.is_some(),
            &["command_output"],
        ),
        ("generator", rq.generator.is_some(), &["generated"]),
    ];
    for (field, is_present, kinds) in present {
        if is_present && !kinds.contains(&kind) {
            report.question(&rq.id, field, format!("not used by kind {kind}"));
        }
    }
    if rq.answer_mode.is_some() && kind != "command_output" {
        report.question(&rq.id, "answer_mode", format!("not used by kind {kind}"));
    }
}

fn check_options(
    report: &mut Report<'_>,
    id: &str,
    options: &[RawOption],
) -> Option<Vec<ChoiceOption>> {
    let before = report.problems.len();
    if options.len() < 2 {
        report.question(id, "options", "needs at least two options");
    }
    if options.len() > MAX_OPTIONS {
        report.question(
            id,
            "options",
            format!("has {} options; at most {MAX_OPTIONS}", options.len()),
        );
    }
    for (i, option) in options.iter().enumerate() {
        let letter = option_letter(i).unwrap_or('?');
        if option.text.trim().is_empty() {
            report.question(id, "options", format!("option {letter} has no text"));
        }
        if options[..i]
            .iter()
            .any(|o| o.text.trim() == option.text.trim())
        {
            report.question(
                id,
                "options",
                format!("option {letter} repeats an earlier option"),
            );
        }
    }
    (report.problems.len() == before).then(|| {
        options
            .iter()
            .map(|o| ChoiceOption {
                text: o.text.clone(),
            })
            .collect()
    })
}

/// Step numbers must be 1..=n, each once.
fn is_permutation(order: &[i64], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n
        && order.iter().all(|&s| {
            usize::try_from(s)
                .ok()
                .filter(|s| (1..=n).contains(s))
                .is_some_and(|s| !std::mem::replace(&mut seen[s - 1], true))
        })
}

fn check_question(
    report: &mut Report<'_>,
    mode: QuizMode,
    table_rows: Option<usize>,
    rq: RawQuestion,
) -> Option<Question> {
    let before = report.problems.len();
    let id = rq.id.clone();
    let kind = rq.kind.as_str();
    reject_unused(report, &rq, kind);

    let difficulty = match rq.difficulty.as_deref() {
        None => {
            report.question(&id, "difficulty", "missing");
            None
        }
        Some(raw) => {
            let found = parse_enum(&Difficulty::ALL, Difficulty::as_str, raw);
            if found.is_none() {
                report.question(
                    &id,
                    "difficulty",
                    format!(
                        "unknown difficulty {raw:?}; expected one of {}",
                        names(&Difficulty::ALL, Difficulty::as_str)
                    ),
                );
            }
            found
        }
    };
    let category = rq.category.as_deref().and_then(|raw| {
        let found = parse_enum(&Category::ALL, Category::as_str, raw);
        if found.is_none() {
            report.question(
                &id,
                "category",
                format!(
                    "unknown category {raw:?}; expected one of {}",
                    names(&Category::ALL, Category::as_str)
                ),
            );
        }
        found
    });
    if is_blank(&rq.prompt) {
        report.question(&id, "prompt", "missing or empty");
    }
    if is_blank(&rq.hint) {
        report.question(&id, "hint", "missing or empty: every question has a hint");
    }

    let time_limit_ms = rq
        .time_limit
        .as_deref()
        .and_then(|raw| match parse_time_limit(raw) {
            Ok(ms) => Some(ms),
            Err(err) => {
                report.question(&id, "time_limit", err.to_string());
                None
            }
        });
    let attempts_allowed = rq.attempts.and_then(|n| match u32::try_from(n) {
        Ok(n @ 1..=9) => Some(n),
        _ => {
            report.question(&id, "attempts", format!("{n} is not between 1 and 9"));
            None
        }
    });
    if mode == QuizMode::Challenge {
        if rq.time_limit.is_none() {
            report.question(&id, "time_limit", "a challenge problem needs a time limit");
        }
        if rq.attempts.is_none() {
            report.question(
                &id,
                "attempts",
                "a challenge problem needs an attempts count",
            );
        }
        if kind == "generated" {
            report.question(
                &id,
                "kind",
                "generated questions belong in practice, not in a challenge",
            );
        }
    }

    let table_step = match (mode, rq.table_step, table_rows) {
        (_, Some(step), Some(rows)) => match usize::try_from(step) {
            Ok(s) if (1..=rows).contains(&s) => Some(s),
            _ => {
                report.question(
                    &id,
                    "table_step",
                    format!("step {step} is not a row of the process table (1 to {rows})"),
                );
                None
            }
        },
        (_, Some(_), None) => {
            report.question(&id, "table_step", "this quiz has no process table");
            None
        }
        (QuizMode::Visual, None, _) => {
            report.question(
                &id,
                "table_step",
                "a visual question must point at a row of the process table",
            );
            None
        }
        _ => None,
    };

    let solution: Vec<SolutionStep> = rq
        .solution
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            if s.title.trim().is_empty() || s.text.trim().is_empty() {
                report.question(
                    &id,
                    "solution",
                    format!("step {} needs a title and a text", i + 1),
                );
                None
            } else {
                Some(SolutionStep {
                    title: s.title.clone(),
                    text: s.text.clone(),
                })
            }
        })
        .collect();
    if rq.common_mistakes.iter().any(|m| m.trim().is_empty()) {
        report.question(&id, "common_mistakes", "contains an empty entry");
    }
    // The practice set's promise: every choice question comes with a worked solution.
    if mode == QuizMode::Practice && kind == "single_choice" {
        if rq.solution.is_empty() {
            report.question(
                &id,
                "solution",
                "a practice question needs its worked solution",
            );
        }
        if is_blank(&rq.quick_check) {
            report.question(
                &id,
                "quick_check",
                "a practice question needs a quick check",
            );
        }
        if rq.common_mistakes.is_empty() {
            report.question(
                &id,
                "common_mistakes",
                "a practice question lists its common mistakes",
            );
        }
    }

    let body = match kind {
        "single_choice" => match &rq.options {
            None => {
                report.question(&id, "options", "missing");
                None
            }
            Some(raw_options) => {
                let options = check_options(report, &id, raw_options);
                let correct: Vec<usize> = raw_options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect();
                if correct.len() != 1 {
                    let letters: String = correct
                        .iter()
                        .filter_map(|&i| option_letter(i))
                        .map(String::from)
                        .collect::<Vec<_>>()
                        .join(", ");
                    report.question(
                        &id,
                        "options",
                        if correct.is_empty() {
                            "no option is marked correct = true; exactly one must be".to_string()
                        } else {
                            format!("options {letters} are all marked correct; exactly one must be")
                        },
                    );
                }
                match (options, correct.as_slice()) {
                    (Some(options), [correct_index]) => Some(QuestionBody::SingleChoice {
                        options,
                        correct_index: *correct_index,
                    }),
                    _ => None,
                }
            }
        },
        "ordering" => check_ordering(report, &id, &rq),
        "command_output" => check_command_output(report, &id, &rq),
        "generated" => match rq.generator.as_deref() {
            None => {
                report.question(&id, "generator", "missing");
                None
            }
            Some(raw) => {
                let found = parse_enum(&GeneratorKind::ALL, GeneratorKind::as_str, raw);
                if found.is_none() {
                    report.question(
                        &id,
                        "generator",
                        format!(
                            "unknown generator {raw:?}; expected one of {}",
                            names(&GeneratorKind::ALL, GeneratorKind::as_str)
                        ),
                    );
                }
                found.map(|generator| QuestionBody::Generated { generator })
            }
        },
        other => {
            report.question(
                &id,
                "kind",
                format!(
                    "unknown kind {other:?}; expected single_choice, ordering, command_output or generated"
                ),
            );
            None
        }
    };

    if report.problems.len() != before {
        return None;
    }
    Some(Question {
        id: QuestionId(id),
        difficulty: difficulty?,
        category,
        prompt: rq.prompt.unwrap_or_default(),
        hint: rq.hint.unwrap_or_default(),
        explanation: rq.explanation.filter(|s| !s.trim().is_empty()),
        time_limit_ms,
        attempts_allowed,
        table_step,
        solution,
        quick_check: rq.quick_check.filter(|s| !s.trim().is_empty()),
        common_mistakes: rq.common_mistakes,
        body: body?,
    })
}

fn check_ordering(report: &mut Report<'_>, id: &str, rq: &RawQuestion) -> Option<QuestionBody> {
    let before = report.problems.len();
    let steps = rq.steps.clone().unwrap_or_default();
    if steps.len() < 2 || steps.len() > MAX_STEPS {
        report.question(
            id,
            "steps",
            format!("needs 2 to {MAX_STEPS} steps, has {}", steps.len()),
        );
    }
    for (i, step) in steps.iter().enumerate() {
        if step.trim().is_empty() {
            report.question(id, "steps", format!("step {} has no text", i + 1));
        }
        if steps[..i].iter().any(|s| s.trim() == step.trim()) {
            report.question(
                id,
                "steps",
                format!("step {} repeats an earlier step", i + 1),
            );
        }
    }
    let n = steps.len();
    let correct_order = rq.correct_order.clone().unwrap_or_default();
    if rq.correct_order.is_none() {
        report.question(id, "correct_order", "missing");
    } else if !is_permutation(&correct_order, n) {
        report.question(
            id,
            "correct_order",
            format!("{correct_order:?} must list each step number from 1 to {n} exactly once"),
        );
    }
    let order_options = rq.order_options.clone().unwrap_or_default();
    let mut correct_option_index = None;
    if !order_options.is_empty() {
        let mut matches = Vec::new();
        for (i, option) in order_options.iter().enumerate() {
            let letter = option_letter(i).unwrap_or('?');
            if !is_permutation(option, n) {
                report.question(
                    id,
                    "order_options",
                    format!("option {letter} {option:?} is not an order of steps 1 to {n}"),
                );
            }
            if order_options[..i].contains(option) {
                report.question(
                    id,
                    "order_options",
                    format!("option {letter} repeats an earlier option"),
                );
            }
            if *option == correct_order {
                matches.push(i);
            }
        }
        match matches.as_slice() {
            [one] => correct_option_index = Some(*one),
            _ => report.question(
                id,
                "order_options",
                format!(
                    "exactly one option must equal correct_order {correct_order:?}; {} do",
                    matches.len()
                ),
            ),
        }
    }
    if report.problems.len() != before {
        return None;
    }
    let to_usize = |v: &[i64]| v.iter().map(|&s| s as usize).collect::<Vec<_>>();
    Some(QuestionBody::Ordering {
        steps,
        correct_order: to_usize(&correct_order),
        order_options: order_options.iter().map(|o| to_usize(o)).collect(),
        correct_option_index,
    })
}

fn check_command_output(
    report: &mut Report<'_>,
    id: &str,
    rq: &RawQuestion,
) -> Option<QuestionBody> {
    let before = report.problems.len();
    if is_blank(&rq.command) {
        report.question(id, "command", "missing or empty");
    }
    if is_blank(&rq.expected_output) {
        report.question(id, "expected_output", "missing or empty");
    }
    let expected = rq.expected_output.clone().unwrap_or_default();
    let answer_mode = match rq.answer_mode.as_deref() {
        Some("choice") => Some(AnswerMode::Choice),
        Some("free_text") => Some(AnswerMode::FreeText),
        Some(other) => {
            report.question(
                id,
                "answer_mode",
                format!("unknown answer mode {other:?}; expected choice or free_text"),
            );
            None
        }
        None => {
            report.question(id, "answer_mode", "missing: choice or free_text");
            None
        }
    };
    let mut options = Vec::new();
    let mut correct_index = None;
    match (answer_mode, &rq.options) {
        (Some(AnswerMode::Choice), None) => {
            report.question(id, "options", "answer_mode choice needs options");
        }
        (Some(AnswerMode::Choice), Some(raw)) => {
            if raw.iter().any(|o| o.correct) {
                report.question(
                    id,
                    "options",
                    "do not mark correct = true here: the option matching expected_output is the answer",
                );
            }
            options = check_options(report, id, raw).unwrap_or_default();
            let matches: Vec<usize> = raw
                .iter()
                .enumerate()
                .filter(|(_, o)| outputs_match(&expected, &o.text))
                .map(|(i, _)| i)
                .collect();
            match matches.as_slice() {
                [one] => correct_index = Some(*one),
                _ => report.question(
                    id,
                    "options",
                    format!(
                        "exactly one option must match expected_output; {} do",
                        matches.len()
                    ),
                ),
            }
        }
        (Some(AnswerMode::FreeText), Some(_)) => {
            report.question(id, "options", "answer_mode free_text takes no options");
        }
        _ => {}
    }
    if report.problems.len() != before {
        return None;
    }
    Some(QuestionBody::CommandOutput {
        command: rq.command.clone().unwrap_or_default(),
        expected_output: expected,
        answer_mode: answer_mode?,
        options,
        correct_index,
    })
}

/// Validates a set of quiz files together: each file alone, then ids unique across files.
/// Returns the parsed quizzes (of the files that were valid) and every problem found.
pub fn validate_quiz_files(files: &[(&str, &str)]) -> (Vec<Quiz>, Vec<ContentProblem>) {
    let mut quizzes: Vec<(&str, Quiz)> = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in files {
        match parse_quiz(file, text) {
            Ok(quiz) => quizzes.push((file, quiz)),
            Err(mut found) => problems.append(&mut found),
        }
    }
    let mut quiz_ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut question_ids: BTreeMap<&str, &str> = BTreeMap::new();
    for (file, quiz) in &quizzes {
        if let Some(first) = quiz_ids.insert(&quiz.id.0, file) {
            problems.push(ContentProblem {
                file: file.to_string(),
                question_id: None,
                field: "quiz.id".into(),
                message: format!("quiz id {:?} is already used by {first}", quiz.id.0),
            });
        }
        for q in &quiz.questions {
            let first = *question_ids.entry(&q.id.0).or_insert(file);
            {
                if first != *file {
                    problems.push(ContentProblem {
                        file: file.to_string(),
                        question_id: Some(q.id.0.clone()),
                        field: "id".into(),
                        message: format!("question id is already used in {first}"),
                    });
                }
            }
        }
    }
    (quizzes.into_iter().map(|(_, q)| q).collect(), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    #[test]
    fn permutation_rules() {
        assert!(is_permutation(&[3, 2, 1, 4], 4));
        assert!(!is_permutation(&[1, 1, 2, 3], 4));
        assert!(!is_permutation(&[0, 1, 2, 3], 4));
        assert!(!is_permutation(&[1, 2, 3], 4));
        assert!(!is_permutation(&[-1, 2, 3, 4], 4));
        assert!(!is_permutation(&[1, 2, 3, 5], 4));
    }
}
