//! `lab kubectl [--scenario NAME] [--warmup SECONDS]`: the kubectl sandbox over stdin.
//!
//! Each input line is echoed after a `$ ` prompt and followed by exactly what the page's
//! terminal prints for it (both streams, in order), so a run is a transcript that tests can
//! compare and course authors can paste.

use kubectl::session::{transcript_entry, Session};
use kubectl::start::{DEFAULT_START, DEFAULT_WARMUP_S};
use std::io::{BufRead, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: lab kubectl [--scenario NAME] [--warmup SECONDS]";

pub fn run(args: &[String]) -> ExitCode {
    let mut scenario = DEFAULT_START.to_string();
    let mut warmup_s = DEFAULT_WARMUP_S;
    let mut i = 0;
    while i < args.len() {
        let (flag, inline) = match args[i].split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (args[i].as_str(), None),
        };
        let mut value = || -> Option<String> {
            inline.clone().or_else(|| {
                i += 1;
                args.get(i).cloned()
            })
        };
        match flag {
            "--scenario" => match value() {
                Some(v) => scenario = v,
                None => return usage_error("--scenario needs a name"),
            },
            "--warmup" => match value().and_then(|v| v.parse().ok()) {
                Some(v) => warmup_s = v,
                None => return usage_error("--warmup needs a whole number of seconds"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unknown argument {other:?}")),
        }
        i += 1;
    }
    let mut session = match Session::start(&scenario, warmup_s) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("error: reading stdin: {e}");
                return ExitCode::from(2);
            }
        };
        let output = session.run_line(&line);
        let text = transcript_entry(&line, &output);
        if out.write_all(text.as_bytes()).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    ExitCode::SUCCESS
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(2)
}
