//! The project's two commands, `cargo xtask serve` and `cargo xtask test` (being written).
fn main() {}
