//! Comparing predicted command output with what kubectl prints.
//!
//! kubectl pads table columns with runs of spaces whose width depends on the longest cell, so a
//! learner cannot be expected to reproduce the exact padding; nor does trailing whitespace or a
//! blank line at either end mean anything. Words, symbols and case do, so they are compared as is.

use serde::Serialize;

/// The text with the meaningless differences removed: CRLF as LF, blank lines at both ends
/// dropped, each line trimmed at both ends, and every run of spaces or tabs inside a line made one space.
pub fn normalize_output(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            line.split([' ', '\t'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// True when `got` reads the same as `expected` once normalised.
pub fn outputs_match(expected: &str, got: &str) -> bool {
    normalize_output(expected) == normalize_output(got)
}

/// Where a predicted output first differs from the expected one, for feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutputMismatch {
    /// 1-based line of the normalised texts.
    pub line: usize,
    /// The expected normalised line (empty if the answer has extra lines).
    pub expected_line: String,
    /// The learner's normalised line (empty if the answer is missing lines).
    pub got_line: String,
}

/// `Ok(())` when the outputs match, else the first differing line.
pub fn compare_output(expected: &str, got: &str) -> Result<(), OutputMismatch> {
    let expected = normalize_output(expected);
    let got = normalize_output(got);
    if expected == got {
        return Ok(());
    }
    let mut e = expected.lines();
    let mut g = got.lines();
    let mut line = 1;
    loop {
        match (e.next(), g.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => {
                return Err(OutputMismatch {
                    line,
                    expected_line: a.unwrap_or_default().to_string(),
                    got_line: b.unwrap_or_default().to_string(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_and_trailing_space_do_not_count() {
        let kubectl = "NAME   READY   STATUS\nweb    1/1     Running   \n";
        let typed = "\n  NAME READY STATUS\r\nweb\t1/1 Running\n\n";
        assert!(outputs_match(kubectl, typed));
    }

    #[test]
    fn words_case_and_symbols_count() {
        let expected = "deployment.apps/ml-model scaled";
        assert!(!outputs_match(expected, "deployment.apps/ml-model Scaled"));
        assert!(!outputs_match(expected, "deployment.apps/ml-model created"));
        assert!(!outputs_match(expected, "deployment.apps/ml-model scaled."));
        assert!(!outputs_match(expected, "deployment.apps/ml-modelscaled"));
        assert!(!outputs_match("cpu: 30%/50%", "cpu:30%/50%"));
    }

    #[test]
    fn line_breaks_inside_count() {
        assert!(!outputs_match("a b", "a\nb"));
        assert!(!outputs_match("a\n\nb", "a\nb"));
    }

    #[test]
    fn mismatch_names_the_first_differing_line() {
        let err = compare_output("A B\nweb 2m\n", "A   B\nweb 3m").unwrap_err();
        assert_eq!(
            err,
            OutputMismatch {
                line: 2,
                expected_line: "web 2m".into(),
                got_line: "web 3m".into()
            }
        );
        let missing = compare_output("a\nb", "a").unwrap_err();
        assert_eq!((missing.line, missing.got_line.as_str()), (2, ""));
        assert_eq!(compare_output("x  y", "x y"), Ok(()));
    }

    #[test]
    fn blank_answers_do_not_match_real_output() {
        assert!(!outputs_match("deployment.apps/web scaled", "   \n\t\n"));
        assert_eq!(normalize_output(" \n \n"), "");
    }
}
