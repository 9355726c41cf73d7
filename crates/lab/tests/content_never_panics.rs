//! Property tests for the content loader: every content type (quizzes, lessons, flow,
//! scenarios, missions and their start scenarios, exercises, and the build-time JSON that
//! `Scenario::from_json` / `Mission::from_json` read in the browser), fed mutated or truncated
//! copies of the course's real files or arbitrary text, returns either content or an error that
//! names the file and says what is wrong. It never panics.
//!
//! `content/modes.toml` is read only by the root build script (a malformed file stops the build
//! with `content/modes.toml: <problem>`), so it has no run-time loader to test here.

use cluster_sim::scenario::{Scenario, BUILTIN, BUILTIN_JSON};
use kubectl::mission::{Mission, MISSION_FILES, MISSION_JSON};
use kubectl::start::{START_JSON, START_SCENARIOS};
use propkit::{apply, config, Edit};
use proptest::prelude::*;
use proptest::sample::Index;
use std::path::Path;

/// The real files of one content folder, as `(content/<dir>/<name>, text)`.
fn files(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../content")
        .join(dir);
    let mut all: Vec<(String, String)> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let name = format!("content/{dir}/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no files in content/{dir}");
    all
}

/// Text that breaks TOML, JSON or the models in interesting ways when dropped into a file.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ":",
    ",",
    "#",
    ".",
    "-",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "18446744073709551616",
    "-9223372036854775809",
    "nan",
    "inf",
    "true",
    "null",
    "\"\"",
    "\\u0000",
    "\u{0}",
    "\\",
    "é",
    "🙂",
    "\r",
    "\t",
    "[quiz]",
    "[[question]]",
    "[[step]]",
    "[[node]]",
    "[hpa]",
    "id = \"x\"\n",
    "x = 1\n",
    "{\"a\":",
    "[]",
    "{}",
    "0.0",
    "-0",
    "1.5",
    "2026-01-01",
];

/// Numbers that a file's syntax accepts but its meaning may not.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "1000000",
    "4294967296",
    "9223372036854775807",
    "0.0",
    "0.0001",
    "1e9",
    "-0.5",
    "100000.5",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), 1usize..60).prop_map(|(i, n)| Edit::Cut(i, n)),
        4 => (any::<Index>(), prop::sample::select(FRAGMENTS)).prop_map(|(i, s)| Edit::Insert(i, s)),
        2 => (any::<Index>(), 1usize..200).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        1 => (any::<Index>(), prop::sample::select(&['[', '{', '9', 'a', ' ', '"', '\n'][..]), 1usize..5000)
            .prop_map(|(i, c, n)| Edit::Flood(i, c, n)),
        4 => (any::<Index>(), prop::sample::select(NUMBERS)).prop_map(|(i, n)| Edit::Number(i, n)),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..5)
}

/// An error message is clear: it starts with the file it is about and says something after it.
fn clear(message: &str, file: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        message.starts_with(file),
        "the error does not name {file}: {message:?}"
    );
    prop_assert!(
        message.len() > file.len() + 2,
        "the error about {file} says nothing: {message:?}"
    );
    Ok(())
}

fn check_quiz(file: &str, text: &str) -> Result<(), TestCaseError> {
    if let Err(problems) = quiz::validate::parse_quiz(file, text) {
        prop_assert!(!problems.is_empty(), "{file}: an error without a problem");
        for p in problems {
            clear(&p.to_string(), file)?;
        }
    }
    Ok(())
}

fn check_lesson(file: &str, text: &str) -> Result<(), TestCaseError> {
    let result = if file.ends_with("overview.toml") {
        course::parse_overview(file, text).map(drop)
    } else if file.ends_with("decision-flow.toml") {
        course::parse_decision_flow(file, text).map(drop)
    } else {
        course::parse_guide(file, text).map(drop)
    };
    if let Err(errors) = result {
        prop_assert!(!errors.is_empty(), "{file}: an error without a problem");
        for e in errors {
            clear(&e.to_string(), file)?;
        }
    }
    Ok(())
}

fn check_scenario(file: &str, text: &str, json: bool) -> Result<(), TestCaseError> {
    let result = if json {
        Scenario::from_json(file, text)
    } else {
        Scenario::parse(file, text)
    };
    match result {
        Err(e) => clear(&e.to_string(), file)?,
        // A mutated file that still validates must also run: build it under its own strategy
        // and each of its comparisons, and step a simulated minute.
        Ok(scenario) => {
            let mut strategies = vec![cluster_sim::scenario::Strategy::Scenario];
            for text in scenario.compare_strategies() {
                if let Ok(s) = cluster_sim::scenario::Strategy::parse(&text, &scenario) {
                    strategies.push(s);
                }
            }
            for strategy in strategies {
                if let Ok(mut cluster) = scenario.build(&strategy, scenario.seed, None, 1.0) {
                    cluster.step_n(60);
                }
            }
        }
    }
    Ok(())
}

fn check_mission(id: &str, text: &str, json: bool) -> Result<(), TestCaseError> {
    let result = if json {
        Mission::from_json(id, text)
    } else {
        Mission::parse(id, text)
    };
    if let Err(e) = result {
        clear(&e.to_string(), &format!("content/missions/{id}.toml"))?;
    }
    Ok(())
}

/// The exercise loader as build.rs and `lab check-content` run it: the TOML into the model
/// (a parse error is reported as `file:line: message`), then the crate's own checks, which run
/// the solution through the interpreter.
fn check_exercise(file: &str, text: &str) -> Result<(), TestCaseError> {
    match toml::from_str::<exercise::Exercise>(text) {
        Err(e) => prop_assert!(
            !e.message().is_empty(),
            "{file}: a TOML error without a message"
        ),
        Ok(ex) => {
            let text = text.to_string();
            let problems = std::thread::Builder::new()
                .stack_size(32 << 20)
                .spawn(move || exercise::validate(&ex))
                .unwrap()
                .join();
            let problems = match problems {
                Ok(p) => p,
                Err(_) => {
                    return Err(TestCaseError::fail(format!(
                        "{file}: validating panicked on\n{text}"
                    )))
                }
            };
            for p in problems {
                prop_assert!(!p.place.is_empty() && !p.message.is_empty(), "{file}: {p}");
            }
        }
    }
    Ok(())
}

/// The embedded tables as owned pairs, for `Index::get`.
fn table(t: &[(&str, &str)]) -> Vec<(String, String)> {
    t.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn mutated_quizzes_load_or_say_what_is_wrong(pick in any::<Index>(), e in edits()) {
        let all = files("quizzes");
        let (file, text) = pick.get(&all);
        check_quiz(file, &apply(text.clone(), &e))?;
    }

    #[test]
    fn mutated_lessons_and_flow_load_or_say_what_is_wrong(pick in any::<Index>(), e in edits()) {
        let mut all = files("lessons");
        all.extend(files("flow"));
        let (file, text) = pick.get(&all);
        check_lesson(file, &apply(text.clone(), &e))?;
    }

    #[test]
    fn mutated_scenarios_load_or_say_what_is_wrong(pick in any::<Index>(), e in edits(), json in any::<bool>()) {
        // The presets and the terminal's start scenarios, as TOML or as the build's JSON.
        let (presets, starts) = if json { (BUILTIN_JSON, START_JSON) } else { (BUILTIN, START_SCENARIOS) };
        let mut all: Vec<(String, String)> = table(presets)
            .into_iter()
            .map(|(id, text)| (format!("content/scenarios/{id}.toml"), text))
            .collect();
        all.extend(table(starts).into_iter().map(|(id, text)| (format!("content/missions/start/{id}.toml"), text)));
        let (file, text) = pick.get(&all);
        check_scenario(file, &apply(text.clone(), &e), json)?;
    }

    #[test]
    fn mutated_missions_load_or_say_what_is_wrong(pick in any::<Index>(), e in edits(), json in any::<bool>()) {
        let all = table(if json { MISSION_JSON } else { MISSION_FILES });
        let (id, text) = pick.get(&all);
        check_mission(id, &apply(text.clone(), &e), json)?;
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Fewer cases: a mutation that still fits the model runs the solution through minipy.
    #[test]
    fn mutated_exercises_load_or_say_what_is_wrong(e in edits()) {
        for (file, text) in files("exercises") {
            check_exercise(&file, &apply(text, &e))?;
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Arbitrary text (random, or shaped like the formats) in place of any content file.
    #[test]
    fn arbitrary_text_in_place_of_any_content_file(
        text in prop_oneof!["\\PC{0,300}", "[ -~\\n\\[\\]{}\"=:,]{0,300}"],
    ) {
        check_quiz("content/quizzes/x.toml", &text)?;
        check_lesson("content/lessons/overview.toml", &text)?;
        check_lesson("content/lessons/kubernetes-guide.toml", &text)?;
        check_lesson("content/flow/decision-flow.toml", &text)?;
        check_scenario("content/scenarios/x.toml", &text, false)?;
        check_scenario("content/scenarios/x.toml", &text, true)?;
        check_mission("x", &text, false)?;
        check_mission("x", &text, true)?;
        check_exercise("content/exercises/x.toml", &text)?;
    }
}

/// Hostile files that random edits rarely produce: deep nesting, huge values, long strings.
#[test]
fn hostile_content_files_fail_with_a_message() {
    let deep_toml = format!("x = {}1{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let deep_json = format!("{}1{}", "[".repeat(50_000), "]".repeat(50_000));
    let deep_table = format!("{}\n", "a.".repeat(20_000) + "b = 1");
    let long_string = format!("title = \"{}\"\n", "x".repeat(5_000_000));
    let huge_number = format!("x = {}\n", "9".repeat(100_000));
    for text in [
        &deep_toml,
        &deep_json,
        &deep_table,
        &long_string,
        &huge_number,
    ] {
        let run = |f: fn(&str) -> Result<(), TestCaseError>| f(text).unwrap();
        run(|t| check_quiz("content/quizzes/x.toml", t));
        run(|t| check_lesson("content/lessons/overview.toml", t));
        run(|t| check_lesson("content/flow/decision-flow.toml", t));
        run(|t| check_scenario("content/scenarios/x.toml", t, false));
        run(|t| check_scenario("content/scenarios/x.toml", t, true));
        run(|t| check_mission("x", t, false));
        run(|t| check_mission("x", t, true));
        run(|t| check_exercise("content/exercises/x.toml", t));
    }
}
