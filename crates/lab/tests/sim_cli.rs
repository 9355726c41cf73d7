//! `lab simulate`, `lab compare` and `lab hpa` as a user runs them: output shape, and one-line errors with a
//! non-zero exit for bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn lab(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lab runs");
    // A command that fails on its arguments exits without reading stdin: a broken pipe is expected then.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn one_line_error(o: &Output) -> String {
    assert!(!o.status.success(), "expected failure, got {:?}", stdout(o));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

const ISSUE_EXAMPLE: &str = r#"{"current_replicas":3,"target_utilization_percent":50,"tolerance":0.1,"pods":[
 {"request_milli":1000,"usage_milli":800,"ready":true,"phase":"Running","deleting":false},
 {"request_milli":1000,"usage_milli":900,"ready":true,"phase":"Running","deleting":false},
 {"request_milli":1000,"usage_milli":null,"ready":true,"phase":"Running","deleting":false}]}"#;

#[test]
fn hpa_prints_the_pure_calculation() {
    let o = lab(&["hpa"], ISSUE_EXAMPLE);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // 1700/2000 = 85 % -> 1.7; the missing pod counts as 0 on scale-up: 1700/3000 = 56 % -> ceil(1.12 * 3) = 4.
    assert_eq!(
        stdout(&o),
        "{\"desired_replicas\":4,\"utilization_percent\":85}\n"
    );
    let o = lab(&["hpa", "--explain"], ISSUE_EXAMPLE);
    assert!(stdout(&o).contains("\"steps\":["));
}

#[test]
fn hpa_rejects_bad_input_with_the_place() {
    let e = one_line_error(&lab(&["hpa"], "{\"current_replicas\":3,"));
    assert!(e.starts_with("error: stdin:1:"), "{e}");
    let e = one_line_error(&lab(
        &["hpa"],
        r#"{"current_replicas":-2,"target_utilization_percent":50,"pods":[]}"#,
    ));
    assert_eq!(e, "error: current_replicas: must be >= 0, got -2\n");
    let e = one_line_error(&lab(
        &["hpa"],
        r#"{"current_replicas":2,"target_utilization_percent":50,"pods":[{"request_milli":null,"usage_milli":5}]}"#,
    ));
    assert!(
        e.contains("missing request for cpu in container app of Pod pod-0"),
        "{e}"
    );
    one_line_error(&lab(&["hpa", "--bogus"], "{}"));
}

#[test]
fn simulate_prints_one_row_per_tick() {
    let o = lab(&["simulate", "hpa-50", "--seconds", "5", "--seed", "7"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with("tick,load_rps,generated,served"));
    let o = lab(
        &["simulate", "hpa-50", "--seconds=3", "--format", "json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["ticks"].as_array().unwrap().len(), 3);
    assert_eq!(v["scenario"], "hpa-50");
    // Same seed, same output.
    let a = stdout(&lab(
        &["simulate", "sticky-sessions", "--seconds", "120"],
        "",
    ));
    let b = stdout(&lab(
        &["simulate", "sticky-sessions", "--seconds", "120"],
        "",
    ));
    assert_eq!(a, b);
}

#[test]
fn simulate_and_compare_reject_bad_arguments() {
    assert!(one_line_error(&lab(&["simulate", "nope"], "")).contains("unknown scenario \"nope\""));
    assert!(
        one_line_error(&lab(&["simulate", "hpa-50", "--seconds", "-4"], "")).contains("--seconds")
    );
    assert!(
        one_line_error(&lab(&["simulate", "hpa-50", "--colour", "red"], ""))
            .contains("unknown flag --colour")
    );
    assert!(
        one_line_error(&lab(&["simulate", "hpa-50", "--format", "xml"], "")).contains("--format")
    );
    assert!(
        one_line_error(&lab(&["compare", "hpa-50", "--strategies", "warp"], ""))
            .contains("unknown strategy")
    );
    let dir = std::env::temp_dir().join(format!("lab-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "title = \"t\"\nstory = \"s\"\nwatch_for = \"w\"\nquestion = \"q\"\nseconds = 60\nspeed = 3\n").unwrap();
    let e = one_line_error(&lab(&["simulate", bad.to_str().unwrap()], ""));
    assert!(e.contains("bad.toml:6:1: unknown field `speed`"), "{e}");
}

#[test]
fn compare_prints_a_row_per_strategy() {
    let o = lab(
        &[
            "compare",
            "hpa-50",
            "--strategies",
            "fixed:2,hpa",
            "--seconds",
            "900",
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[1].starts_with("STRATEGY")
            && lines[1].contains("P95 LATENCY")
            && lines[1].ends_with("COST")
    );
    assert!(lines[2].starts_with("fixed:2 ") && lines[3].starts_with("hpa:2-10@50 "));
}
