//! The Python bundle's API (run a learner's program) and the wire types the app reads back.
//!
//! Everything crosses the wasm boundary as JSON strings: the app calls an export of
//! `python.js` by name (see `src/state/bundle.rs` in the app) and deserialises the reply into
//! these types, which it shares by depending on this crate without the `engine` feature.

use serde::{Deserialize, Serialize};

/// What one run of a learner's program produced, ready to show.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReply {
    /// Everything the program printed, byte-identical to CPython for the supported subset.
    pub stdout: String,
    /// The error that stopped the run, as Python prints it (`NameError: name 'x' is not defined`).
    pub error: Option<String>,
    /// The 1-based line of the error, for the editor to highlight.
    pub error_line: Option<u32>,
    /// Interpreter steps spent (loop iterations, statements, calls).
    pub steps_used: u64,
}

#[cfg(feature = "engine")]
mod api {
    use super::RunReply;

    /// Runs a program with the interpreter's default limits (step budget, recursion limit,
    /// output and collection caps), so an endless loop ends with a clear error.
    pub fn run_program(source: &str) -> RunReply {
        let outcome = minipy::run(source, &minipy::RunOptions::default());
        RunReply {
            stdout: outcome.stdout,
            error_line: outcome.error.as_ref().and_then(|e| e.line),
            error: outcome.error.map(|e| e.last_line()),
            steps_used: outcome.steps_used,
        }
    }

    /// [`run_program`] as the JSON the export returns.
    pub fn run_program_json(source: &str) -> String {
        serde_json::to_string(&run_program(source)).unwrap_or_else(|e| {
            format!(
                r#"{{"stdout":"","error":"InternalError: {e}","error_line":null,"steps_used":0}}"#
            )
        })
    }
}

#[cfg(feature = "engine")]
pub use api::*;

#[cfg(all(test, feature = "engine"))]
mod tests {
    use super::*;

    #[test]
    fn a_program_prints_like_cpython() {
        let reply = run_program("systems = {'a': 1}\nprint(systems, True)\n");
        assert_eq!(reply.stdout, "{'a': 1} True\n");
        assert_eq!(reply.error, None);
    }

    #[test]
    fn an_error_names_the_line() {
        let reply = run_program("x = 1\nprint(capcity)\n");
        assert_eq!(reply.error_line, Some(2));
        assert!(reply
            .error
            .unwrap()
            .starts_with("NameError: name 'capcity' is not defined"));
    }

    #[test]
    fn an_endless_loop_stops_with_a_clear_message() {
        let reply = run_program("while True:\n    pass\n");
        assert!(reply.error.unwrap().contains("TimeoutError"));
    }

    #[test]
    fn the_json_round_trips_into_the_wire_type() {
        let back: RunReply = serde_json::from_str(&run_program_json("print(1)")).unwrap();
        assert_eq!(back.stdout, "1\n");
    }
}
