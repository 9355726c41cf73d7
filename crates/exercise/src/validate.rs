//! Content validation: structure, references, and proof by running that the solution passes
//! every step, the starter code passes none, and the play area agrees with the solution.

use crate::check::{check_program, check_step, split_var};
use crate::model::{CapacitySource, Check, Exercise, Step};
use crate::play::{play, play_program, PlayInputs};
use minipy::{PlainValue, RunOptions};
use std::fmt;

/// One problem in an exercise file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    pub exercise: String,
    /// A path into the content, e.g. `steps[2].checks[0]`.
    pub place: String,
    pub message: String,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.exercise, self.place, self.message)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn var_ok(var: &str) -> bool {
    let (name, key) = split_var(var);
    let well_formed_key = match key {
        None => !var.contains(['[', ']']),
        Some(k) => !k.is_empty() && (var.ends_with("']") || var.ends_with("\"]")),
    };
    is_identifier(name) && well_formed_key
}

/// Every problem found in one exercise; empty means it is fit to ship.
pub fn validate(ex: &Exercise) -> Vec<ContentProblem> {
    let mut problems = Vec::new();
    let mut problem = |place: &str, message: String| {
        problems.push(ContentProblem {
            exercise: ex.id.0.clone(),
            place: place.to_string(),
            message,
        })
    };
    if ex.id.0.is_empty()
        || !ex
            .id
            .0
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        problem("id", format!("{:?} must be kebab-case", ex.id.0));
    }
    for (field, text) in [
        ("title", &ex.title),
        ("scenario", &ex.scenario),
        ("goal", &ex.goal),
        ("why_real_world", &ex.why_real_world),
        ("why_career", &ex.why_career),
        ("solution", &ex.solution),
    ] {
        if text.trim().is_empty() {
            problem(field, "must not be empty".into());
        }
    }
    if ex.steps.is_empty() {
        problem("steps", "an exercise needs at least one step".into());
    }
    let check_step_shape =
        |place: &str, step: &Step, want_number: u32, problem: &mut dyn FnMut(&str, String)| {
            if step.number != want_number {
                problem(
                    place,
                    format!(
                    "is numbered {}, expected {want_number} (steps are numbered in order from 1)",
                    step.number
                ),
                );
            }
            for (field, text) in [
                ("title", &step.title),
                ("instruction", &step.instruction),
                ("hint", &step.hint),
                ("done", &step.done),
            ] {
                if text.trim().is_empty() {
                    problem(&format!("{place}.{field}"), "must not be empty".into());
                }
            }
            if step.checks.is_empty() {
                problem(
                    &format!("{place}.checks"),
                    "a step needs at least one check".into(),
                );
            }
            for (j, c) in step.checks.iter().enumerate() {
                let vars: Vec<&String> = match c {
                    Check::DictEquals { var, entries } => {
                        if entries.is_empty() {
                            problem(
                                &format!("{place}.checks[{j}]"),
                                "dict_equals needs at least one entry".into(),
                            );
                        }
                        vec![var]
                    }
                    Check::ValueEquals { var, .. } | Check::Printed { var, .. } => vec![var],
                    Check::DictCompares {
                        var,
                        source,
                        threshold,
                        ..
                    } => vec![var, source, threshold],
                };
                for v in vars {
                    if !var_ok(v) {
                        problem(
                            &format!("{place}.checks[{j}]"),
                            format!("{v:?} is not a variable name or name['key']"),
                        );
                    }
                }
            }
        };
    for (i, step) in ex.steps.iter().enumerate() {
        check_step_shape(&format!("steps[{i}]"), step, i as u32 + 1, &mut problem);
    }
    if let Some(bonus) = &ex.beyond.bonus {
        check_step_shape(
            "beyond.bonus",
            bonus,
            ex.steps.len() as u32 + 1,
            &mut problem,
        );
    }

    let opts = RunOptions::default();
    // The reference solution passes every step, cleanly.
    let solved = check_program(ex, &ex.solution, &opts);
    if let Some(e) = &solved.run.error {
        problem("solution", format!("raises {e}"));
    }
    for s in solved.steps.iter().filter(|s| !s.passed) {
        problem(
            "solution",
            format!("fails step {}: {}", s.number, s.message),
        );
    }
    // The starter code runs and passes nothing: the learner has work to do.
    let started = check_program(ex, &ex.starter_code, &opts);
    if let Some(e) = &started.run.error {
        problem("starter_code", format!("raises {e}"));
    }
    if started.completed > 0 {
        problem("starter_code", "already passes step 1".into());
    }

    // The play area.
    let b = &ex.beyond;
    let slider_ok = |s: &crate::model::Slider| s.min <= s.default && s.default <= s.max;
    if !slider_ok(&b.load) {
        problem("beyond.load", "needs min <= default <= max".into());
    }
    for (i, s) in b.strategies.iter().enumerate() {
        let place = format!("beyond.strategies[{i}]");
        if b.strategies[..i].iter().any(|o| o.key == s.key) {
            problem(&place, format!("key {:?} is used twice", s.key));
        }
        match &s.capacity {
            CapacitySource::Slider(sl) if !slider_ok(sl) => {
                problem(&place, "needs min <= default <= max".into())
            }
            CapacitySource::Slider(_) => {}
            CapacitySource::ProductOf(keys) => {
                for k in keys {
                    let is_slider = b
                        .strategies
                        .iter()
                        .any(|o| &o.key == k && matches!(o.capacity, CapacitySource::Slider(_)));
                    if !is_slider {
                        problem(
                            &place,
                            format!("product_of names {k:?}, which is not a slider strategy"),
                        );
                    }
                }
            }
        }
    }
    // The sliders start where the solution's numbers are.
    if let Some(PlainValue::Dict(entries)) = solved.run.global("systems") {
        for (k, v) in entries {
            let PlainValue::Str(key) = k else { continue };
            let slider_default = b.strategies.iter().find_map(|s| match &s.capacity {
                CapacitySource::Slider(sl) if &s.key == key => Some(sl.default),
                _ => None,
            });
            if slider_default.map(PlainValue::Int).as_ref() != Some(v) {
                problem("beyond.strategies", format!("the solution's systems[{key:?}] is {}, but its slider starts at {slider_default:?}", v.repr()));
            }
        }
    }
    if let Some(lab) = &b.lab {
        // The lab's own parser is not a dependency here (it would weigh on the browser bundle):
        // tests/content.rs parses every strategy with it; this checks the shape.
        if lab.baseline_load < 1 {
            problem("beyond.lab.baseline_load", "must be at least 1".into());
        }
        let id_ok = !lab.preset.is_empty()
            && lab
                .preset
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            problem(
                "beyond.lab.preset",
                format!("{:?} is not a preset id", lab.preset),
            );
        }
        for s in &b.strategies {
            if !lab.strategies.iter().any(|l| l.key == s.key) {
                problem(
                    "beyond.lab.strategies",
                    format!("has no lab strategy for {:?}", s.key),
                );
            }
        }
        for l in &lab.strategies {
            if !b.strategies.iter().any(|s| s.key == l.key) {
                problem(
                    "beyond.lab.strategies",
                    format!("{:?} is not a play strategy", l.key),
                );
            }
            let url_safe = l
                .strategy
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '@' | '.' | '_'));
            if l.strategy.is_empty() || !url_safe {
                problem(
                    "beyond.lab.strategies",
                    format!("{:?} is not a lab strategy", l.strategy),
                );
            }
        }
    }
    if let Some(bonus) = &b.bonus {
        match &bonus.solution {
            None => problem(
                "beyond.bonus.solution",
                "the bonus step needs a solution".into(),
            ),
            Some(src) => {
                let run = minipy::run(src, &opts);
                let r = check_step(bonus, &run);
                if !r.passed {
                    problem(
                        "beyond.bonus.solution",
                        format!("fails the bonus: {}", r.message),
                    );
                }
                // The play area with everything discovered shows the same program as the bonus.
                let inputs = PlayInputs {
                    discovered: true,
                    ..PlayInputs::defaults(b)
                };
                let generated = minipy::run(&play_program(b, &inputs), &opts);
                if generated.stdout != run.stdout {
                    problem(
                        "beyond",
                        format!("the play area's program prints {:?} but the bonus solution prints {:?}", generated.stdout, run.stdout),
                    );
                }
                let bars = play(b, &inputs);
                for bar in &bars {
                    let printed = generated
                        .global("can_handle_load")
                        .and_then(|d| d.dict_get(&PlainValue::Str(bar.key.clone())));
                    if printed != Some(&PlainValue::Bool(bar.can_handle_load)) {
                        problem(
                            "beyond",
                            format!("the chart and the program disagree about {:?}", bar.key),
                        );
                    }
                }
            }
        }
    }
    problems
}
