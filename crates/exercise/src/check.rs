//! The step checker: runs the learner's program and judges each step on what the program did
//! (its top-level variables and its printed output), never on the text typed, so every correct
//! variant passes and a wrong one gets one precise sentence.

use crate::model::{Check, CompareOp, Entry, Exercise, Expected, Step};
use minipy::{PlainValue, RunOptions, RunOutcome};
use serde::Serialize;

/// How one step fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepResult {
    pub number: u32,
    pub passed: bool,
    /// The step's `done` text when it passed, else what is wrong, e.g.
    /// `"load is 8, the step asks for 7"`.
    pub message: String,
}

/// Everything the exercise page needs after Check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// The run itself: stdout for the console, the error (with its line) for the editor.
    pub run: RunOutcome,
    pub steps: Vec<StepResult>,
    /// Steps passed in order from the first (a later step cannot count before an earlier one).
    pub completed: usize,
    pub total: usize,
    /// The bonus step's result, when the exercise has one.
    pub bonus: Option<StepResult>,
}

impl CheckReport {
    /// `"3 / 4 steps"`, as the seed shows progress.
    pub fn progress_label(&self) -> String {
        format!("{} / {} steps", self.completed, self.total)
    }

    pub fn all_passed(&self) -> bool {
        self.completed == self.total
    }
}

/// Runs `source` and checks every step of `exercise` against what it did.
pub fn check_program(exercise: &Exercise, source: &str, opts: &RunOptions) -> CheckReport {
    let run = minipy::run(source, opts);
    let steps: Vec<StepResult> = exercise.steps.iter().map(|s| check_step(s, &run)).collect();
    let completed = steps.iter().take_while(|s| s.passed).count();
    let bonus = exercise.beyond.bonus.as_ref().map(|s| check_step(s, &run));
    CheckReport {
        total: steps.len(),
        completed,
        steps,
        bonus,
        run,
    }
}

/// Judges one step against a finished run.
pub fn check_step(step: &Step, run: &RunOutcome) -> StepResult {
    let failure = step
        .checks
        .iter()
        .find_map(|c| check_one(c, step.number, run).err());
    match failure {
        None => StepResult {
            number: step.number,
            passed: true,
            message: step.done.clone(),
        },
        Some(mut message) => {
            // A syntax error means nothing ran: say so instead of "x is not defined".
            if let Some(e) = &run.error {
                if matches!(
                    e.kind,
                    minipy::ErrorKind::Syntax | minipy::ErrorKind::Indentation
                ) {
                    message = format!("the program did not run: {e}");
                } else if message.contains("is not defined") {
                    message = format!("{message} (the program stopped early at {e})");
                }
            }
            StepResult {
                number: step.number,
                passed: false,
                message,
            }
        }
    }
}

/// A variable reference from the content: `name` or `name['key']`.
fn resolve<'a>(run: &'a RunOutcome, var: &str) -> Result<&'a PlainValue, String> {
    let (name, key) = split_var(var);
    let value = run
        .global(name)
        .ok_or_else(|| format!("{name} is not defined"))?;
    let Some(key) = key else { return Ok(value) };
    match value {
        PlainValue::Dict(_) => value
            .dict_get(&PlainValue::Str(key.to_string()))
            .ok_or_else(|| format!("{name} has no key {}", minipy::str_repr(key))),
        other => Err(format!(
            "{name} is {}, it should be a dict",
            describe_type(other)
        )),
    }
}

/// Splits `systems['combined']` into `("systems", Some("combined"))`.
pub fn split_var(var: &str) -> (&str, Option<&str>) {
    match var.split_once('[') {
        Some((name, rest)) => {
            let key = rest
                .trim_end_matches(']')
                .trim_matches(|c| c == '\'' || c == '"');
            (name, Some(key))
        }
        None => (var, None),
    }
}

fn describe_type(v: &PlainValue) -> String {
    let t = v.type_name();
    let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {t}")
}

fn expected_value(e: &Expected) -> PlainValue {
    match e {
        Expected::Bool(b) => PlainValue::Bool(*b),
        Expected::Int(i) => PlainValue::Int(*i),
        Expected::Float(f) => PlainValue::Float(*f),
        Expected::Str(s) => PlainValue::Str(s.clone()),
    }
}

/// Equal and of the same type: `7` passes an int step, `'7'`, `7.0` and `True` do not.
fn same(actual: &PlainValue, expected: &PlainValue) -> bool {
    actual.type_name() == expected.type_name() && actual.py_eq(expected)
}

/// `"is 8, the step asks for 7"` or, when the types differ, `"is '7' (a str), the step asks for the int 7"`.
fn mismatch(what: &str, actual: &PlainValue, expected: &PlainValue) -> String {
    if actual.type_name() == expected.type_name() {
        format!(
            "{what} is {}, the step asks for {}",
            actual.repr(),
            expected.repr()
        )
    } else {
        format!(
            "{what} is {} ({}), the step asks for the {} {}",
            actual.repr(),
            describe_type(actual),
            expected.type_name(),
            expected.repr()
        )
    }
}

fn check_one(check: &Check, step: u32, run: &RunOutcome) -> Result<(), String> {
    match check {
        Check::DictEquals { var, entries } => dict_equals(var, entries, step, run),
        Check::ValueEquals { var, expected } => {
            let actual =
                resolve(run, var).map_err(|m| with_step(m, step, "asks you to create it"))?;
            let expected = expected_value(expected);
            if same(actual, &expected) {
                Ok(())
            } else {
                Err(mismatch(var, actual, &expected))
            }
        }
        Check::DictCompares {
            var,
            source,
            op,
            threshold,
        } => dict_compares(var, source, *op, threshold, step, run),
        Check::Printed { var, call } => printed(var, call, step, run),
    }
}

fn with_step(message: String, step: u32, ask: &str) -> String {
    if message.ends_with("is not defined") {
        format!("{message}: step {step} {ask}")
    } else {
        message
    }
}

fn dict_entries<'a>(
    var: &str,
    value: &'a PlainValue,
) -> Result<&'a [(PlainValue, PlainValue)], String> {
    match value {
        PlainValue::Dict(entries) => Ok(entries),
        other => Err(format!(
            "{var} is {}, the step asks for a dict",
            describe_type(other)
        )),
    }
}

fn key_list(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| minipy::str_repr(k)).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn dict_equals(var: &str, entries: &[Entry], step: u32, run: &RunOutcome) -> Result<(), String> {
    let value = resolve(run, var).map_err(|m| {
        with_step(
            m,
            step,
            &format!("asks you to create a dictionary called {var}"),
        )
    })?;
    let actual = dict_entries(var, value)?;
    for entry in entries {
        let key = PlainValue::Str(entry.key.clone());
        let Some(got) = value.dict_get(&key) else {
            return Err(format!("{var} has no key {}", key.repr()));
        };
        let want = expected_value(&entry.value);
        if !same(got, &want) {
            return Err(mismatch(&format!("{var}[{}]", key.repr()), got, &want));
        }
    }
    if let Some((extra, _)) = actual.iter().find(|(k, _)| {
        !entries
            .iter()
            .any(|e| k.py_eq(&PlainValue::Str(e.key.clone())))
    }) {
        let keys: Vec<String> = entries.iter().map(|e| e.key.clone()).collect();
        return Err(format!(
            "{var} has an extra key {}: the step asks for exactly {}",
            extra.repr(),
            key_list(&keys)
        ));
    }
    Ok(())
}

fn dict_compares(
    var: &str,
    source: &str,
    op: CompareOp,
    threshold: &str,
    step: u32,
    run: &RunOutcome,
) -> Result<(), String> {
    let src = resolve(run, source).map_err(|m| format!("{m}: step {step} builds on it"))?;
    let limit = resolve(run, threshold).map_err(|m| format!("{m}: step {step} builds on it"))?;
    let src_entries = dict_entries(source, src)?;
    let value = resolve(run, var).map_err(|m| {
        with_step(
            m,
            step,
            &format!("asks you to build it in a for loop over {source}.items()"),
        )
    })?;
    let actual = dict_entries(var, value)?;
    for (key, capacity) in src_entries {
        let Some(got) = value.dict_get(key) else {
            return Err(format!("{var} has no key {}", key.repr()));
        };
        let Some(want) = compare(capacity, op, limit) else {
            return Err(format!(
                "{source}[{}] is {} and {threshold} is {}: they cannot be compared with {}",
                key.repr(),
                capacity.repr(),
                limit.repr(),
                op.symbol()
            ));
        };
        let sentence = format!("{} {} {}", capacity.repr(), op.symbol(), limit.repr());
        match got {
            PlainValue::Bool(b) if *b == want => {}
            PlainValue::Bool(b) => {
                return Err(format!(
                    "{var}[{}] is {}, but {sentence} is {}",
                    key.repr(),
                    if *b { "True" } else { "False" },
                    if want { "True" } else { "False" }
                ))
            }
            other => {
                return Err(format!(
                    "{var}[{}] is {} ({}), it should be the bool {} ({sentence})",
                    key.repr(),
                    other.repr(),
                    describe_type(other),
                    if want { "True" } else { "False" }
                ))
            }
        }
    }
    if let Some((extra, _)) = actual.iter().find(|(k, _)| src.dict_get(k).is_none()) {
        return Err(format!(
            "{var} has an extra key {}: {source} has no such strategy",
            extra.repr()
        ));
    }
    Ok(())
}

fn compare(a: &PlainValue, op: CompareOp, b: &PlainValue) -> Option<bool> {
    let num = |v: &PlainValue| match v {
        PlainValue::Int(i) => Some(*i as f64),
        PlainValue::Float(f) => Some(*f),
        PlainValue::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    };
    let (x, y) = (num(a)?, num(b)?);
    Some(match op {
        CompareOp::Ge => x >= y,
        CompareOp::Gt => x > y,
        CompareOp::Le => x <= y,
        CompareOp::Lt => x < y,
        CompareOp::Eq => x == y,
    })
}

fn printed(var: &str, call: &str, step: u32, run: &RunOutcome) -> Result<(), String> {
    if run.stdout.is_empty() {
        return Err(format!(
            "nothing was printed: step {step} asks you to {call}"
        ));
    }
    let value =
        resolve(run, var).map_err(|m| with_step(m, step, &format!("asks you to {call}")))?;
    // print(x) shows str(x); for the containers and numbers of these exercises that is the repr.
    let shown = match value {
        PlainValue::Str(s) => s.clone(),
        other => other.repr(),
    };
    let lines: Vec<&str> = run.stdout.lines().collect();
    if !lines.contains(&shown.as_str()) {
        let last = lines.last().copied().unwrap_or("");
        return Err(format!("the output does not show {var}: step {step} asks you to {call}, which prints {shown}, but the last line printed is {last}"));
    }
    // A dict printed on every pass of the loop shows its partial states too: the print is indented.
    if let PlainValue::Dict(_) = value {
        let partials = lines
            .iter()
            .filter(|l| l.starts_with('{') && shown.starts_with(l.trim_end_matches('}')))
            .count();
        if partials > 1 {
            return Err(format!(
                "{var} was printed {partials} times: is {call} indented inside the loop? Step {step} asks you to print it once, after the loop"
            ));
        }
    }
    Ok(())
}
