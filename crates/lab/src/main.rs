//! `lab`: the native companion command for course authors, tests and the curious.
//!
//! Each subcommand lives in its own module and prints exactly what the web app shows, so
//! transcripts and timelines can be authored and tested without a browser.

mod cmd_content;
mod cmd_kubectl;
mod cmd_python;
mod cmd_sim;

use std::process::ExitCode;

const USAGE: &str = "\
usage: lab <subcommand> [args]

subcommands:
  simulate SCENARIO [--seconds N] [--seed S] [--format csv|json]   timeline per tick
  compare SCENARIO --strategies a,b,c                             strategy comparison table
  hpa                                                             HPA replica calculation (JSON on stdin)
  kubectl [--scenario NAME]                                       kubectl sandbox reading lines from stdin
  python FILE                                                     run a file with the course's Python interpreter
  check-content                                                   validate every content file
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((sub, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match sub.as_str() {
        "simulate" => cmd_sim::simulate(rest),
        "compare" => cmd_sim::compare(rest),
        "hpa" => cmd_sim::hpa(rest),
        "kubectl" => cmd_kubectl::run(rest),
        "python" => cmd_python::run(rest),
        "check-content" => cmd_content::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown subcommand {other:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
