//! `lab kubectl [--scenario NAME] [--warmup SECONDS] [--mission ID]`: the kubectl sandbox over stdin.
//!
//! Each input line is echoed after a `$ ` prompt and followed by exactly what the page's
//! terminal prints for it (both streams, in order), so a run is a transcript that tests can
//! compare and course authors can paste. With `--mission`, the session starts where the
//! mission starts and a `[mission complete ...]` line marks the moment its goal is met.

use kubectl::mission::{missions, MissionRun};
use kubectl::session::{transcript_entry, Session};
use kubectl::start::{DEFAULT_START, DEFAULT_WARMUP_S};
use std::io::{BufRead, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: lab kubectl [--scenario NAME] [--warmup SECONDS] [--mission ID]";

pub fn run(args: &[String]) -> ExitCode {
    let mut scenario = DEFAULT_START.to_string();
    let mut warmup_s = DEFAULT_WARMUP_S;
    let mut mission_id: Option<String> = None;
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
            "--mission" => match value() {
                Some(v) => mission_id = Some(v),
                None => return usage_error("--mission needs a mission id"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unknown argument {other:?}")),
        }
        i += 1;
    }
    let mut mission = match mission_id {
        None => None,
        Some(id) => {
            let all = match missions() {
                Ok(all) => all,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            };
            let Some(found) = all.into_iter().find(|m| m.id == id) else {
                eprintln!("error: unknown mission {id:?}");
                return ExitCode::from(2);
            };
            match MissionRun::new(found) {
                Ok(run) => Some(run),
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
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
        let text = match mission.as_mut() {
            None => transcript_entry(&line, &session.run_line(&line)),
            Some(run) => {
                let was_completed = run.completed;
                let mut text = transcript_entry(&line, &run.run_line(&line));
                if run.completed && !was_completed {
                    let status = run.status();
                    text.push_str(&format!(
                        "[mission complete: {} cluster-changing commands, par {}]\n",
                        status.commands, status.par
                    ));
                }
                text
            }
        };
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
