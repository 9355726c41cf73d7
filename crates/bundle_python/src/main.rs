//! The `python` wasm bundle's exports (JS names in snake_case); Trunk builds it as dist/python.js.
//!
//! Each export takes and returns plain strings (JSON for structured replies); the logic and
//! its tests live in the library.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Runs a learner's program: JSON of `bundle_python::RunReply`.
    #[wasm_bindgen]
    pub fn run_program(source: &str) -> String {
        bundle_python::run_program_json(source)
    }
}

fn main() {}
