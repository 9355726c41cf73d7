//! `lab python FILE` prints what CPython prints and reports errors CPython's way, exit code 1.

use std::path::Path;
use std::process::Command;

fn lab_python(file: &Path) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_lab"))
        .arg("python")
        .arg(file)
        .output()
        .expect("lab runs");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn golden(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../minipy/tests/golden")
        .join(name)
}

#[test]
fn prints_the_seed_solution_like_cpython() {
    let (stdout, stderr, code) = lab_python(&golden("seed_solution.py"));
    assert_eq!(
        stdout,
        std::fs::read_to_string(golden("seed_solution.out")).unwrap()
    );
    assert_eq!((stderr.as_str(), code), ("", 0));
}

#[test]
fn errors_go_to_stderr_with_the_line_and_exit_1() {
    let file = golden("errors/key_error.py");
    let (stdout, stderr, code) = lab_python(&file);
    assert_eq!(stdout, "before\n");
    assert_eq!(
        stderr,
        format!(
            "  File \"{}\", line 3\nKeyError: 'vertical_scaling'\n",
            file.display()
        )
    );
    assert_eq!(code, 1);
}

#[test]
fn name_errors_carry_cpythons_spelling_hint() {
    let (_, stderr, code) = lab_python(&golden("errors/name_error.py"));
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with(
            ", line 3\nNameError: name 'capcity' is not defined. Did you mean: 'capacity'?\n"
        ),
        "{stderr}"
    );
}

#[test]
fn syntax_errors_exit_1_without_output() {
    let (stdout, stderr, code) = lab_python(&golden("errors/syntax_colon.py"));
    assert_eq!((stdout.as_str(), code), ("", 1));
    assert!(
        stderr.ends_with(", line 2\nSyntaxError: expected ':'\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let (_, stderr, code) = lab_python(Path::new("/nonexistent/program.py"));
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot read /nonexistent/program.py"),
        "{stderr}"
    );
}
