//! A small Python-subset interpreter (UI-free): lexer, parser and evaluator with a step budget and depth limit.
//!
//! The course's guided exercise runs the learner's own code, so this crate must behave like
//! CPython for the subset it covers (same printed output, same error wording and line) and must
//! never hang or crash the page: every run ends within [`RunOptions::max_steps`], deep recursion
//! stops with a `RecursionError`, and huge strings or lists are refused with a `MemoryError`.
//!
//! ```
//! let out = minipy::run("load = 7\nprint({'a': load >= 5})\n", &minipy::RunOptions::default());
//! assert_eq!(out.stdout, "{'a': True}\n");
//! assert_eq!(out.global("load"), Some(&minipy::PlainValue::Int(7)));
//! ```

mod ast;
mod error;
mod format;
pub mod highlight;
mod interp;
mod lexer;
mod parser;
mod suggest;
mod value;

pub use error::{ErrorKind, PyError};
pub use value::str_repr;

use serde::Serialize;
use std::fmt::Write as _;

/// Limits for one run. The defaults keep a browser tab responsive (well under a second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Statements, loop iterations and calls allowed before the run stops with `TimeoutError`.
    pub max_steps: u64,
    /// Nested function calls allowed before `RecursionError`. Kept small because the browser
    /// gives wasm about 1 MiB of stack; deep expressions inside recursion may stop earlier, at
    /// the interpreter's fixed nesting cap (400 nested evaluations and blocks).
    pub max_call_depth: usize,
    /// Printed bytes allowed before the run stops.
    pub max_output_bytes: usize,
    /// Longest str (in bytes) or list/tuple/dict (in items) a program may build.
    pub max_collection_len: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            max_steps: 1_000_000,
            max_call_depth: 100,
            max_output_bytes: 1 << 20,
            max_collection_len: 1_000_000,
        }
    }
}

/// A Python value copied out of the interpreter, for the checker and the UI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PlainValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<PlainValue>),
    Tuple(Vec<PlainValue>),
    /// Entries in insertion order.
    Dict(Vec<(PlainValue, PlainValue)>),
    /// Anything else (functions, ranges, dict views), kept as its type name and repr.
    Other {
        type_name: String,
        repr: String,
    },
}

impl PlainValue {
    /// Python's type name: `"dict"`, `"int"`, `"NoneType"`...
    pub fn type_name(&self) -> &str {
        match self {
            PlainValue::None => "NoneType",
            PlainValue::Bool(_) => "bool",
            PlainValue::Int(_) => "int",
            PlainValue::Float(_) => "float",
            PlainValue::Str(_) => "str",
            PlainValue::List(_) => "list",
            PlainValue::Tuple(_) => "tuple",
            PlainValue::Dict(_) => "dict",
            PlainValue::Other { type_name, .. } => type_name,
        }
    }

    /// Python's `repr()` of the value, exactly as `print` would show it inside a container.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        let items = |out: &mut String, xs: &[PlainValue]| {
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                x.write_repr(out);
            }
        };
        match self {
            PlainValue::None => out.push_str("None"),
            PlainValue::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            PlainValue::Int(i) => {
                let _ = write!(out, "{i}");
            }
            PlainValue::Float(f) => out.push_str(&format::float_repr(*f)),
            PlainValue::Str(s) => out.push_str(&str_repr(s)),
            PlainValue::List(xs) => {
                out.push('[');
                items(out, xs);
                out.push(']');
            }
            PlainValue::Tuple(xs) => {
                out.push('(');
                items(out, xs);
                if xs.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            PlainValue::Dict(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out);
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            PlainValue::Other { repr, .. } => out.push_str(repr),
        }
    }

    /// The value for a dict key, comparing keys as Python would (`1 == 1.0 == True`).
    pub fn dict_get(&self, key: &PlainValue) -> Option<&PlainValue> {
        match self {
            PlainValue::Dict(entries) => entries.iter().find(|(k, _)| k.py_eq(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python's `==` on plain values.
    pub fn py_eq(&self, other: &PlainValue) -> bool {
        use PlainValue as P;
        let num = |v: &PlainValue| match v {
            P::Bool(b) => Some(*b as i64 as f64),
            P::Int(i) => Some(*i as f64),
            P::Float(f) => Some(*f),
            _ => None,
        };
        match (self, other) {
            (P::Int(a), P::Int(b)) => a == b,
            (P::Bool(a), P::Bool(b)) => a == b,
            (a, b) if num(a).is_some() && num(b).is_some() => num(a) == num(b),
            (P::List(a), P::List(b)) | (P::Tuple(a), P::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
            }
            (P::Dict(a), P::Dict(_)) => {
                let P::Dict(b_entries) = other else {
                    return false;
                };
                a.len() == b_entries.len()
                    && a.iter()
                        .all(|(k, v)| other.dict_get(k).is_some_and(|w| v.py_eq(w)))
            }
            (a, b) => a == b,
        }
    }

    /// Copies a value out; `budget` bounds the total number of nodes copied, because a list
    /// holding one big list a thousand times would otherwise be copied a thousand times.
    fn from_value(v: &value::Value, depth: usize, budget: &mut usize) -> PlainValue {
        use value::Value as V;
        let other = |v: &V| PlainValue::Other {
            type_name: v.type_name().to_string(),
            repr: v.repr().unwrap_or_else(|_| "...".into()),
        };
        if depth > 60 || *budget == 0 {
            return PlainValue::Other {
                type_name: v.type_name().to_string(),
                repr: "...".into(),
            };
        }
        *budget -= 1;
        match v {
            V::None => PlainValue::None,
            V::Bool(b) => PlainValue::Bool(*b),
            V::Int(i) => PlainValue::Int(*i),
            V::Float(f) => PlainValue::Float(*f),
            V::Str(s) => PlainValue::Str(s.to_string()),
            V::List(l) => match l.0.try_borrow_mut() {
                Ok(items) => PlainValue::List(
                    items
                        .iter()
                        .map(|x| Self::from_value(x, depth + 1, budget))
                        .collect(),
                ),
                Err(_) => PlainValue::Other {
                    type_name: "list".into(),
                    repr: "[...]".into(),
                },
            },
            V::Tuple(t) => PlainValue::Tuple(
                t.0.iter()
                    .map(|x| Self::from_value(x, depth + 1, budget))
                    .collect(),
            ),
            V::Dict(d) => match d.0.try_borrow_mut() {
                Ok(d) => PlainValue::Dict(
                    d.entries
                        .iter()
                        .map(|(k, x)| {
                            (
                                Self::from_value(k, depth + 1, budget),
                                Self::from_value(x, depth + 1, budget),
                            )
                        })
                        .collect(),
                ),
                Err(_) => PlainValue::Other {
                    type_name: "dict".into(),
                    repr: "{...}".into(),
                },
            },
            v => other(v),
        }
    }
}

/// Values copied into [`RunOutcome::globals`] at most; beyond, values show as `...`.
const SNAPSHOT_NODES: usize = 200_000;

/// What one run produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunOutcome {
    /// Everything printed, byte-identical to CPython for the supported subset.
    pub stdout: String,
    /// The error that stopped the run, if any (output printed before it is kept).
    pub error: Option<PyError>,
    /// Top-level variables in the order they were first assigned, as they were when the run ended.
    pub globals: Vec<(String, PlainValue)>,
    /// Steps spent, out of [`RunOptions::max_steps`].
    pub steps_used: u64,
}

impl RunOutcome {
    /// A top-level variable's final value.
    pub fn global(&self, name: &str) -> Option<&PlainValue> {
        self.globals.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// Checks that `source` parses; the editor can call this on every keystroke.
pub fn check_syntax(source: &str) -> Result<(), PyError> {
    parser::parse_program(source).map(|_| ())
}

/// Runs a program and reports its output, its error and its top-level variables.
pub fn run(source: &str, opts: &RunOptions) -> RunOutcome {
    let program = match parser::parse_program(source) {
        Ok(p) => p,
        Err(e) => {
            return RunOutcome {
                stdout: String::new(),
                error: Some(e),
                globals: Vec::new(),
                steps_used: 0,
            }
        }
    };
    let mut it = interp::Interp::new(opts.clone());
    let error = it.exec_block(&program).err();
    let mut budget = SNAPSHOT_NODES;
    let globals = it
        .global_order
        .iter()
        .filter_map(|name| {
            it.globals
                .get(name)
                .map(|v| (name.to_string(), PlainValue::from_value(v, 0, &mut budget)))
        })
        .collect();
    it.break_cycles();
    RunOutcome {
        stdout: std::mem::take(&mut it.out),
        error,
        globals,
        steps_used: it.steps,
    }
}
