//! Property tests: the exercise page never panics on what a learner or a browser hands it:
//! mutated versions of the course's own solutions go through the whole checker within the step
//! budget, and the saved progress loads from any text (random, truncated, hostile JSON).

use exercise::{capacity_vs_load, check_program, RunOptions, Saved};
use propkit::{apply, config, Edit};
use proptest::prelude::*;

/// Runs on a big stack: debug frames are about ten times the release ones the interpreter's
/// nesting limits were sized for (see crates/minipy/tests/never_panics.rs).
fn check(source: String) -> exercise::CheckReport {
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(move || {
            let opts = RunOptions {
                max_steps: 50_000,
                ..RunOptions::default()
            };
            check_program(capacity_vs_load(), &source, &opts)
        })
        .unwrap()
        .join()
        .expect("the checker does not panic or overflow its stack")
}

/// Every program the course itself ships: the starter, the full solution, each step's.
fn real_programs() -> Vec<String> {
    let ex = capacity_vs_load();
    let mut all = vec![ex.starter_code.clone(), ex.solution.clone()];
    all.extend(ex.steps.iter().filter_map(|s| s.solution.clone()));
    all.extend(ex.beyond.bonus.iter().filter_map(|s| s.solution.clone()));
    all
}

/// Text a learner might type into the middle of a working program.
const FRAGMENTS: &[&str] = &[
    "\n",
    "    ",
    "\t",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "'''",
    "#",
    "\\",
    "=",
    "==",
    "+",
    "*",
    "**",
    "/",
    "//",
    "%",
    "0",
    "-1",
    "10**9",
    "while True:\n    pass\n",
    "def f():\n",
    "return",
    "f()",
    "load",
    "systems",
    "print(",
    "for ",
    " in ",
    "range(10**7)",
    "[0] * 10**8",
    "'x' * 10**9",
    "None",
    ".items()",
    "é",
    "🙂",
    "\u{0}",
    "lambda",
    "global",
    "import os",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(i, n)| Edit::Cut(i, n)),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(FRAGMENTS)
        )
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<prop::sample::Index>(), 1usize..80).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
    ]
}

proptest! {
    #![proptest_config(config(64))]

    /// A real program with a few edits is checked to a report, never a panic or a hang.
    #[test]
    fn mutated_course_programs_are_checked_not_crashed(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let programs = real_programs();
        let source = apply(pick.get(&programs).clone(), &edits);
        let report = check(source);
        prop_assert_eq!(report.steps.len(), report.total);
        for step in &report.steps {
            prop_assert!(!step.message.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Saved progress: random text, a valid save cut anywhere, or one with hostile values
    /// loads as some state (with a notice when unreadable), and `best` never exceeds the steps.
    #[test]
    fn saved_progress_loads_from_anything(
        text in "\\PC{0,120}",
        cut in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        let total = capacity_vs_load().steps.len();
        let valid = Saved {
            code: Some("systems = {}\nload = 7\n".into()),
            best: 3,
            bonus: true,
            discovered: true,
            play: None,
        }
        .to_json();
        let hostile = [
            r#"{"best": 18446744073709551615, "code": null}"#.to_string(),
            r#"{"best": -1}"#.to_string(),
            r#"{"best": 1e999}"#.to_string(),
            format!(r#"{{"code": "{}"}}"#, "x".repeat(100_000)),
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
            r#"{"play": {"load": -9223372036854775808}}"#.to_string(),
        ];
        let truncated = apply(valid.clone(), &[Edit::Truncate(cut)]);
        let mutated = apply(valid.clone(), &edits);
        for stored in [text.as_str(), truncated.as_str(), mutated.as_str()]
            .into_iter()
            .chain(hostile.iter().map(String::as_str))
        {
            let (saved, notice) = Saved::parse(Some(stored), total);
            prop_assert!(saved.best <= total);
            if let Some(n) = notice {
                prop_assert!(!n.is_empty());
            }
            // Whatever loaded saves again and reads back the same.
            let again = Saved::parse(Some(&saved.to_json()), total).0;
            prop_assert_eq!(again, saved);
        }
    }
}
