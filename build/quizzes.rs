//! Build-script part: compiles the quiz content (content/quizzes/*.toml) into Rust code, so the
//! browser gets validated `quiz::Quiz` values without shipping a TOML parser.
//!
//! The files are parsed and validated by the quiz crate itself (`quiz::content::builtin_quizzes`);
//! a content problem stops the build with one line per problem (file, question, field). The
//! output is `builtin_quizzes() -> Vec<Quiz>`, included by `src/components/quiz/content.rs`.

use quiz::model::{ProcessTable, Question, QuestionBody, Quiz};
use std::fmt::Write;

/// Writes `OUT_DIR/quizzes.rs`.
pub fn compile() {
    println!("cargo:rerun-if-changed=content/quizzes");
    let quizzes = match quiz::content::builtin_quizzes() {
        Ok(quizzes) => quizzes,
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            std::process::exit(1);
        }
    };
    let mut out = String::from(
        "/// Every built-in quiz, compiled from content/quizzes/ by build.rs (validated there).\n\
         pub fn builtin_quizzes() -> Vec<Quiz> {\n    vec![\n",
    );
    for q in &quizzes {
        quiz_code(&mut out, q);
    }
    out.push_str("    ]\n}\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("quizzes.rs");
    std::fs::write(dest, out).expect("cannot write quizzes.rs");
}

fn s(text: &str) -> String {
    format!("s({text:?})")
}

fn opt<T>(value: &Option<T>, f: impl Fn(&T) -> String) -> String {
    match value {
        Some(v) => format!("Some({})", f(v)),
        None => "None".into(),
    }
}

fn strings(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|t| s(t)).collect();
    format!("vec![{}]", parts.join(", "))
}

fn numbers(items: &[usize]) -> String {
    let parts: Vec<String> = items.iter().map(ToString::to_string).collect();
    format!("vec![{}]", parts.join(", "))
}

fn table_code(t: &ProcessTable) -> String {
    let rows: Vec<String> = t.rows.iter().map(|r| strings(r)).collect();
    format!(
        "ProcessTable {{ caption: {}, columns: {}, rows: vec![{}] }}",
        s(&t.caption),
        strings(&t.columns),
        rows.join(", ")
    )
}

fn body_code(b: &QuestionBody) -> String {
    let options = |o: &[quiz::model::ChoiceOption]| {
        let parts: Vec<String> = o
            .iter()
            .map(|c| format!("ChoiceOption {{ text: {} }}", s(&c.text)))
            .collect();
        format!("vec![{}]", parts.join(", "))
    };
    match b {
        QuestionBody::SingleChoice {
            options: o,
            correct_index,
        } => format!(
            "QuestionBody::SingleChoice {{ options: {}, correct_index: {correct_index} }}",
            options(o)
        ),
        QuestionBody::Ordering {
            steps,
            correct_order,
            order_options,
            correct_option_index,
        } => {
            let orders: Vec<String> = order_options.iter().map(|o| numbers(o)).collect();
            format!(
                "QuestionBody::Ordering {{ steps: {}, correct_order: {}, order_options: vec![{}], correct_option_index: {correct_option_index:?} }}",
                strings(steps),
                numbers(correct_order),
                orders.join(", ")
            )
        }
        QuestionBody::CommandOutput {
            command,
            expected_output,
            answer_mode,
            options: o,
            correct_index,
        } => format!(
            "QuestionBody::CommandOutput {{ command: {}, expected_output: {}, answer_mode: AnswerMode::{answer_mode:?}, options: {}, correct_index: {correct_index:?} }}",
            s(command),
            s(expected_output),
            options(o)
        ),
        QuestionBody::Generated { generator } => {
            format!("QuestionBody::Generated {{ generator: GeneratorKind::{generator:?} }}")
        }
    }
}

fn question_code(out: &mut String, q: &Question) {
    let solution: Vec<String> = q
        .solution
        .iter()
        .map(|st| {
            format!(
                "SolutionStep {{ title: {}, text: {} }}",
                s(&st.title),
                s(&st.text)
            )
        })
        .collect();
    writeln!(
        out,
        "            Question {{ id: QuestionId({}), difficulty: Difficulty::{:?}, category: {}, prompt: {}, hint: {}, explanation: {}, time_limit_ms: {:?}, attempts_allowed: {:?}, table_step: {:?}, solution: vec![{}], quick_check: {}, common_mistakes: {}, body: {} }},",
        s(&q.id.0),
        q.difficulty,
        opt(&q.category, |c| format!("Category::{c:?}")),
        s(&q.prompt),
        s(&q.hint),
        opt(&q.explanation, |e| s(e)),
        q.time_limit_ms,
        q.attempts_allowed,
        q.table_step,
        solution.join(", "),
        opt(&q.quick_check, |e| s(e)),
        strings(&q.common_mistakes),
        body_code(&q.body),
    )
    .unwrap();
}

fn quiz_code(out: &mut String, q: &Quiz) {
    writeln!(
        out,
        "        Quiz {{ id: QuizId({}), title: {}, mode: QuizMode::{:?}, badge: {}, table: {}, questions: vec![",
        s(&q.id.0),
        s(&q.title),
        q.mode,
        opt(&q.badge, |b| format!(
            "Badge {{ name: {}, description: {}, rule: BadgeRule::{:?} }}",
            s(&b.name),
            s(&b.description),
            b.rule
        )),
        opt(&q.table, table_code),
    )
    .unwrap();
    for question in &q.questions {
        question_code(out, question);
    }
    out.push_str("        ] },\n");
}
