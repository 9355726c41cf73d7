//! `lab check-content` end to end: the real content passes; broken files fail with their place.

use std::path::PathBuf;
use std::process::Command;

fn lab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lab"))
}

/// A fresh content root with a quizzes/ folder holding `files`, and copies of the course's
/// real lessons/, flow/, scenarios/, exercises/ and missions/ folders (so only the quiz files decide the outcome).
fn content_root(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root =
        std::env::temp_dir().join(format!("lab-check-content-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("quizzes")).unwrap();
    for (file, text) in files {
        std::fs::write(root.join("quizzes").join(file), text).unwrap();
    }
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content");
    for dir in ["lessons", "flow", "scenarios", "exercises", "missions"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        for entry in std::fs::read_dir(real.join(dir)).unwrap().flatten() {
            if entry.path().is_file() {
                std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
    root
}

#[test]
fn the_course_content_passes() {
    let out = lab().arg("check-content").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("quizzes: 5 files, 19 questions, 0 problems"),
        "{stdout}"
    );
}

const GOOD: &str = r#"[quiz]
id = "a"
title = "A"
mode = "visual"

[quiz.table]
columns = ["Step"]
rows = [["1"]]

[[questions]]
id = "a1"
kind = "single_choice"
difficulty = "easy"
table_step = 1
prompt = "P"
hint = "H"

[[questions.options]]
text = "x"
correct = true

[[questions.options]]
text = "y"
"#;

#[test]
fn problems_are_printed_with_file_question_and_field() {
    let no_hint = GOOD
        .replace("id = \"a\"", "id = \"b\"")
        .replace("hint = \"H\"\n", "");
    let broken = "[quiz\nid = 1\n";
    let root = content_root(
        "bad",
        &[
            ("a.toml", GOOD),
            ("b.toml", &no_hint),
            ("c.toml", broken),
            ("notes.md", "ignored"),
        ],
    );
    let out = lab()
        .args(["check-content", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "content/quizzes/b.toml: question a1: hint: missing or empty: every question has a hint",
            "content/quizzes/c.toml: line 1, column 6: unclosed table, expected `]`",
            "quizzes: 3 files, 1 questions, 2 problems",
            "lessons: 2 files, 2 lessons, 0 problems",
            "flow: 1 files, 1 flows, 0 problems",
            "scenarios: 16 files, 16 scenarios, 0 problems",
            "exercises: 1 files, 1 exercises, 0 problems",
            "missions: 7 files, 7 missions, 0 problems",
            "2 problems found",
        ],
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn duplicate_ids_across_files_are_found() {
    let root = content_root("dup", &[("a.toml", GOOD), ("b.toml", GOOD)]);
    let out = lab()
        .args(["check-content", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("content/quizzes/b.toml: quiz.id: quiz id \"a\" is already used by content/quizzes/a.toml"), "{stdout}");
    assert!(stdout.contains("content/quizzes/b.toml: question a1: id: question id is already used in content/quizzes/a.toml"), "{stdout}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_missing_folder_is_a_problem_and_bad_arguments_are_usage_errors() {
    let root = std::env::temp_dir().join(format!("lab-check-content-{}-empty", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let out = lab()
        .args(["check-content", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("content/quizzes: folder: cannot be read")
    );
    let out = lab().args(["check-content", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = lab()
        .args(["check-content", "--root", "/nonexistent/content"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_broken_lesson_is_reported_with_its_line_and_key() {
    let root = content_root("lesson", &[("a.toml", GOOD)]);
    let flow = root.join("flow/decision-flow.toml");
    let text = std::fs::read_to_string(&flow).unwrap();
    std::fs::write(&flow, text.replacen("title = ", "titel = ", 1)).unwrap();
    let out = lab()
        .args(["check-content", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("content/flow/decision-flow.toml:")
                && l.contains("titel: unknown field `titel`")),
        "{stdout}"
    );
    assert!(
        stdout.contains("flow: 1 files, 0 flows, 1 problems"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
