//! kubectl for the simulated cluster (UI-free): parses command lines, drives the engine, prints what real kubectl prints.
//!
//! Layers, each usable alone: `parse` (text -> [`Parsed`] request, driven by the table in
//! `defs`), `complete` (Tab), `shell` (history), the printers (`tabwriter`, `duration`,
//! `quantity`, `render`), `yaml`/`manifest` (learner YAML -> engine specs with kubectl's
//! errors), `session` (a line in, exactly the terminal's text out), `start` (where a session
//! begins) and `mission` (guided levels checked against the cluster state).

pub mod clock;
pub mod complete;
pub mod defs;
pub mod duration;
pub mod error;
pub mod help;
pub mod manifest;
pub mod mission;
pub mod parse;
pub mod quantity;
pub mod render;
pub mod request;
pub mod resources;
pub mod saved;
pub mod selector;
pub mod session;
pub mod shell;
pub mod start;
pub mod tabwriter;
pub mod yaml;

/// Course content embedded at build time by build.rs (the folders are listed there).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use error::KubectlError;
pub use parse::parse_line;
pub use request::{Parsed, Request};
pub use session::{Output, Session};

#[cfg(test)]
mod tests {
    /// House style: every source file opens with a `//!` line saying what it is for.
    #[test]
    fn every_rust_file_opens_with_a_doc_line() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["src", "tests"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(
                        text.starts_with("//!"),
                        "{} does not start with //!",
                        path.display()
                    );
                }
            }
        }
    }
}
