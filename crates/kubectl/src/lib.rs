//! kubectl for the simulated cluster (UI-free): parses command lines, drives the engine, prints what real kubectl prints.
//!
//! Layers, each usable alone: `parse` (text -> [`Parsed`] request, driven by the table in
//! `defs`), `complete` (Tab), `shell` (history), the printers (`tabwriter`, `duration`,
//! `quantity`), and `yaml`/`manifest` (learner YAML -> typed objects with kubectl's errors).

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
pub mod selector;
pub mod session;
pub mod shell;
pub mod start;
pub mod tabwriter;
pub mod yaml;

pub use error::KubectlError;
pub use parse::parse_line;
pub use request::{Parsed, Request};
