//! `lab kubectl` prints exactly what the page's terminal prints: the same transcript as the
//! kubectl crate's Session, and one-line errors for bad arguments.

use kubectl::session::{transcript_entry, Session};
use kubectl::start::{DEFAULT_START, DEFAULT_WARMUP_S};
use std::io::Write;
use std::process::{Command, Stdio};

fn lab_kubectl(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lab"))
        .arg("kubectl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lab runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn prints_the_same_transcript_as_the_session() {
    let lines = [
        "kubectl scale deployment my-ml-model --replicas=3",
        "kubectl get pods -l app=my-ml-model",
        "kubectl scael",
        "wait 30s",
        "kubectl get deploy",
    ];
    let (code, stdout, stderr) = lab_kubectl(&[], &(lines.join("\n") + "\n"));
    assert_eq!(code, 0, "{stderr}");
    let mut session = Session::start(DEFAULT_START, DEFAULT_WARMUP_S).unwrap();
    let expected: String = lines
        .iter()
        .map(|l| transcript_entry(l, &session.run_line(l)))
        .collect();
    assert_eq!(stdout, expected);
    assert!(stdout.contains("deployment.apps/my-ml-model scaled\n"));
    assert!(stdout.contains(
        "error: unknown command \"scael\" for \"kubectl\"\n\nDid you mean this?\n\tscale\n"
    ));
}

#[test]
fn scenario_and_warmup_flags_are_honoured() {
    let (code, stdout, _) = lab_kubectl(
        &["--scenario", "no-requests-limits", "--warmup=0"],
        "kubectl get hpa\n",
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("cpu: <unknown>/50%"), "{stdout}");
}

#[test]
fn a_mission_run_marks_the_moment_its_goal_is_met() {
    let input = "kubectl get deploy\nkubectl delete resourcequota compute-quota\nwait 1m\nkubectl get deploy\n";
    let (code, stdout, stderr) = lab_kubectl(&["--mission", "04-quota-stops-scaling"], input);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("my-ml-model   4/6"), "{stdout}");
    let marker = "[mission complete: 1 cluster-changing commands, par 1]\n";
    assert_eq!(stdout.matches(marker).count(), 1, "{stdout}");
    assert!(stdout.find(marker) > stdout.find("$ wait 1m"));
    let (code, _, stderr) = lab_kubectl(&["--mission", "99-nope"], "");
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: unknown mission \"99-nope\"\n");
}

#[test]
fn bad_arguments_get_one_line_errors() {
    let (code, _, stderr) = lab_kubectl(&["--scenario", "nowhere"], "");
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: unknown scenario \"nowhere\""),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    let (code, _, stderr) = lab_kubectl(&["--warmup", "soon"], "");
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: --warmup needs a whole number of seconds"));
    let (code, _, _) = lab_kubectl(&["--frobnicate"], "");
    assert_eq!(code, 2);
}
