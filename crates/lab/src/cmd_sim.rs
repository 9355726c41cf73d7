//! `lab simulate`, `lab compare`, `lab hpa`: not written yet; the cluster engine's helper owns this file.

use std::process::ExitCode;

fn not_yet() -> ExitCode {
    eprintln!("error: this subcommand is not built yet");
    ExitCode::from(2)
}

pub fn simulate(_args: &[String]) -> ExitCode {
    not_yet()
}

pub fn compare(_args: &[String]) -> ExitCode {
    not_yet()
}

pub fn hpa(_args: &[String]) -> ExitCode {
    not_yet()
}
