//! Transcript tests: each tests/transcripts/*.txt is a terminal session (`$ ` lines are typed,
//! everything else is the expected output, exactly as `lab kubectl` prints it). Header lines
//! before the first prompt set it up: `# scenario: NAME`, `# warmup: SECONDS`,
//! `# file: NAME` followed by `# | LINE` lines (a file the learner wrote). Other `#` lines are
//! comments. Run with BLESS=1 to rewrite the files from the current output (then review the diff).

use kubectl::session::{transcript_entry, Session};
use kubectl::start::{DEFAULT_START, DEFAULT_WARMUP_S};
use std::path::Path;

struct Script {
    header: String,
    scenario: String,
    warmup_s: u64,
    files: Vec<(String, String)>,
    lines: Vec<String>,
}

fn parse(text: &str) -> Script {
    let mut script = Script {
        header: String::new(),
        scenario: DEFAULT_START.to_string(),
        warmup_s: DEFAULT_WARMUP_S,
        files: vec![],
        lines: vec![],
    };
    let mut in_body = false;
    for line in text.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            in_body = true;
            script.lines.push(command.to_string());
            continue;
        }
        if line == "$" {
            in_body = true;
            script.lines.push(String::new());
            continue;
        }
        if in_body {
            continue;
        }
        script.header.push_str(line);
        script.header.push('\n');
        if let Some(name) = line.strip_prefix("# scenario: ") {
            script.scenario = name.trim().to_string();
        } else if let Some(seconds) = line.strip_prefix("# warmup: ") {
            script.warmup_s = seconds.trim().parse().expect("warmup seconds");
        } else if let Some(name) = line.strip_prefix("# file: ") {
            script.files.push((name.trim().to_string(), String::new()));
        } else if let Some(content) = line.strip_prefix("# |") {
            let content = content.strip_prefix(' ').unwrap_or(content);
            let file = script.files.last_mut().expect("`# |` after `# file:`");
            file.1.push_str(content);
            file.1.push('\n');
        }
    }
    script
}

fn run(script: &Script) -> String {
    let mut session = Session::start(&script.scenario, script.warmup_s).unwrap();
    for (name, text) in &script.files {
        session.set_file(name, text);
    }
    let mut out = script.header.clone();
    for line in &script.lines {
        let output = session.run_line(line);
        let entry = transcript_entry(line, &output);
        out.push_str(&entry);
    }
    out
}

#[test]
fn transcripts_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let bless = std::env::var_os("BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for path in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let expected = std::fs::read_to_string(path).unwrap();
        let script = parse(&expected);
        assert!(
            !script.lines.is_empty(),
            "{} has no $ lines",
            path.display()
        );
        let actual = run(&script);
        if actual != expected {
            if bless {
                std::fs::write(path, &actual).unwrap();
            } else {
                let first_diff = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()));
                failures.push(format!(
                    "{}: first difference at line {}:\n  expected: {:?}\n  actual:   {:?}",
                    path.display(),
                    first_diff + 1,
                    expected.lines().nth(first_diff).unwrap_or("<end>"),
                    actual.lines().nth(first_diff).unwrap_or("<end>")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with BLESS=1 to accept)",
        failures.join("\n")
    );
}
