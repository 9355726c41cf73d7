//! `lab python FILE`: runs a file with the course's Python interpreter, exactly as the exercise
//! page does, so authors can try programs and compare them with CPython from a shell.
//!
//! Stdout is what the program printed, byte for byte. An error goes to stderr as CPython's
//! last traceback lines (`  File "FILE", line N` then `ErrorName: message`) and exits 1.

use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: lab python FILE   (FILE may be - for standard input)";

pub fn run(args: &[String]) -> ExitCode {
    let [path] = args else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let source = if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = minipy::run(&source, &minipy::RunOptions::default());
    print!("{}", outcome.stdout);
    match outcome.error {
        None => ExitCode::SUCCESS,
        Some(e) => {
            let shown = if path == "-" {
                "<stdin>"
            } else {
                path.as_str()
            };
            match e.line {
                Some(line) => eprintln!("  File \"{shown}\", line {line}\n{}", e.last_line()),
                None => eprintln!("{}", e.last_line()),
            }
            ExitCode::from(1)
        }
    }
}
